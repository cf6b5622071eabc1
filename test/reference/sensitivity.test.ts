// Sensitivity analyses against metafor 3.8-1: every `leave1out`, `cumul` and `influence` case of
// every fixture file (test/fixtures/metafor/*.json; the exact R call is in each case's `call`, e.g.
// `res <- rma.uni(yi, vi, data=dat, method="REML", control=list(threshold=1e-12, tol=1e-12,
// maxiter=1000)); leave1out(res)`). Inputs: the fixture's escalc yi/vi of the same measure, or the
// `yi`/`vi` columns of a yi/vi dataset.
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelMethod } from '../../src/bias/index.js';
import type { EffectArrays } from '../../src/pool/index.js';
import { cumulative, influenceDiagnostics, leaveOneOut, type SensitivityStep } from '../../src/sensitivity/index.js';
import { fixtureCases, type FixtureCase, type FixtureFile } from '../helpers/fixtures.js';
import { TOL, expectClose, type Tolerance } from '../helpers/tolerance.js';

let compared = 0;
let comparedNull = 0;
function close(actual: number | null | undefined, expected: number | null | undefined, tol: Tolerance, what: string): void {
  if (expected === null || expected === undefined) comparedNull++;
  else compared++;
  expectClose(actual, expected, tol, what);
}
function same(actual: unknown, expected: unknown, what: string): void {
  compared++;
  expect(actual, what).toEqual(expected);
}
afterAll(() => {
  console.log(`sensitivity reference: ${compared} metafor figures compared (+ ${comparedNull} NA expected as null)`);
});

function effectsOf(data: FixtureFile, measure: string): EffectArrays {
  const study = data.studies.map((s) => String(s.study));
  const esc = data.cases.find((c) => c.analysis === 'escalc' && c.options.measure === measure);
  if (esc?.expected) return { effect: esc.expected.yi as number[], variance: esc.expected.vi as number[], study };
  return { effect: data.studies.map((s) => Number(s.yi)), variance: data.studies.map((s) => Number(s.vi)), study };
}

const title = (data: FixtureFile, kase: FixtureCase) => `${data.dataset} ${kase.id}`;
const tolFor = (method: string): Tolerance => (['ML', 'REML', 'EB', 'PM'].includes(method) ? TOL.iterative : TOL.closedForm);

/** metafor's list.rma columns → SensitivityStep keys. */
const STEP_FIELDS: readonly [string, keyof SensitivityStep, 'value' | 'p' | 'tau2' | 'q'][] = [
  ['estimate', 'estimate', 'value'], ['se', 'standardError', 'value'], ['zval', 'statistic', 'value'],
  ['pval', 'pValue', 'p'], ['ci.lb', 'ciLower', 'value'], ['ci.ub', 'ciUpper', 'value'],
  ['Q', 'q', 'q'], ['Qp', 'qPValue', 'p'], ['tau2', 'tau2', 'tau2'], ['I2', 'i2', 'value'], ['H2', 'h2', 'value'],
];

/** Typical within-study variance s² = (k − 1)Σw / ((Σw)² − Σw²), w = 1/v (Higgins & Thompson 2002). */
function typicalVariance(vi: readonly number[]): number {
  let sw = 0;
  let sw2 = 0;
  for (const v of vi) {
    sw += 1 / v;
    sw2 += 1 / (v * v);
  }
  return ((vi.length - 1) * sw) / (sw * sw - sw2);
}

/**
 * Compare each step's figures. Near the boundary (expected tau² within TOL.tau2.abs of 0: metafor's
 * Fisher scoring creeps towards 0 and stops at ~1e-13 where the exact maximum is 0), I² = 100τ²/(τ² + s²)
 * and H² = 1 + τ²/s² inherit tau²'s absolute tolerance divided by s², the step's typical variance.
 */
function compareSteps(steps: readonly SensitivityStep[], x: Record<string, number[]>, method: string, viOfStep: (i: number) => number[]): void {
  const tol = tolFor(method);
  for (const [rName, key, kind] of STEP_FIELDS) {
    const expected = x[rName]!;
    expect(steps.length, `${rName}: length`).toBe(expected.length);
    expected.forEach((e, i) => {
      let t: Tolerance = kind === 'p' ? TOL.pValue : kind === 'tau2' ? TOL.tau2 : tol;
      if ((rName === 'I2' || rName === 'H2') && Math.abs(x.tau2![i]!) <= TOL.tau2.abs) {
        const s2 = typicalVariance(viOfStep(i));
        t = { rel: t.rel, abs: ((rName === 'I2' ? 100 : 1) * TOL.tau2.abs) / s2 };
      }
      close(steps[i]?.[key] as number | null, e, t, `${rName}[${i}]`);
    });
  }
}

describe('leaveOneOut(data, { method }) matches metafor leave1out(res)', () => {
  for (const { data, kase } of fixtureCases('leave1out')) {
    const method = String(kase.options.method) as ModelMethod;
    it(`${title(data, kase)}: leaveOneOut(yi/vi, { method: '${method}' })`, () => {
      const input = effectsOf(data, String(kase.options.measure));
      const r = leaveOneOut(input, { method, test: kase.options.test as 'z' });
      const vi = Array.from(input.variance);
      compareSteps(r.steps, kase.expected as Record<string, number[]>, method, (i) => vi.filter((_, j) => j !== i));
      expect(r.steps.map((s) => s.study)).toEqual(input.study);
    });
  }
});

describe('cumulative(data, { method }) matches metafor cumul(res)', () => {
  for (const { data, kase } of fixtureCases('cumul')) {
    const method = String(kase.options.method) as ModelMethod;
    it(`${title(data, kase)}: cumulative(yi/vi, { method: '${method}' })`, () => {
      const input = effectsOf(data, String(kase.options.measure));
      const r = cumulative(input, { method, test: kase.options.test as 'z' });
      const vi = Array.from(input.variance);
      compareSteps(r.steps, kase.expected as Record<string, number[]>, method, (i) => vi.slice(0, i + 1));
    });
  }
});

describe('influenceDiagnostics(data, { method }) matches metafor influence(res)', () => {
  for (const { data, kase } of fixtureCases('influence')) {
    const method = String(kase.options.method) as ModelMethod;
    it(`${title(data, kase)}: influenceDiagnostics(yi/vi, { method: '${method}' })`, () => {
      const x = kase.expected as Record<string, (number | boolean | null)[]>;
      const r = influenceDiagnostics(effectsOf(data, String(kase.options.measure)), { method, test: kase.options.test as 'z' });
      const tol = tolFor(method);
      const fields: [string, (s: (typeof r.studies)[number]) => number | null, Tolerance][] = [
        ['rstudent', (s) => s.rstudent, tol], ['dffits', (s) => s.dffits, tol], ['cook.d', (s) => s.cooksDistance, tol],
        ['cov.r', (s) => s.covRatio, tol], ['tau2.del', (s) => s.tau2Deleted, TOL.tau2], ['QE.del', (s) => s.qDeleted, tol],
        ['hat', (s) => s.hat, tol], ['weight', (s) => s.weight, tol], ['dfbetas', (s) => s.dfbetas, tol],
      ];
      for (const [rName, get, t] of fields) {
        const expected = x[rName] as (number | null)[];
        expect(r.studies.length, `${rName}: length`).toBe(expected.length);
        expected.forEach((e, i) => close(get(r.studies[i]!), e, t, `${rName}[${i}]`));
      }
      same(r.studies.map((s) => s.influential), x['is.infl'], 'is.infl');
      same(r.studies.map((s) => s.influential), x.inf, 'inf (*)');
    });
  }
});
