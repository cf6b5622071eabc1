// Sensitivity analyses against metafor 3.8-1: every `leave1out`, `cumul` and `influence` case of
// every fixture file (test/fixtures/metafor*/*.json; the exact R call is in each case's `call`, e.g.
// `res <- rma.uni(yi, vi, data=dat, method="REML", control=list(threshold=1e-12, tol=1e-12,
// maxiter=1000)); leave1out(res)`). Inputs: yi/vi of the same measure computed from the fixture's
// studies by the library's own pipeline.
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelMethod } from '../../src/bias/index.js';
import type { EffectArrays } from '../../src/pool/index.js';
import { cumulative, influenceDiagnostics, leaveOneOut, type SensitivityStep } from '../../src/sensitivity/index.js';
import { fixtureCases, fixtureEffectArrays, type FixtureCase, type FixtureFile } from '../helpers/fixtures.js';
import { TOL, figureCounter, heterogeneityTolerance, type Tolerance } from '../helpers/tolerance.js';

const { close, same } = figureCounter('sensitivity reference');

const effectsOf = (data: FixtureFile, measure: string): EffectArrays => fixtureEffectArrays(data, measure);

const title = (data: FixtureFile, kase: FixtureCase) => `${data.dataset} ${kase.id}`;
const tolFor = (method: string): Tolerance => (['ML', 'REML', 'EB', 'PM'].includes(method) ? TOL.iterative : TOL.closedForm);

/** metafor's list.rma columns → SensitivityStep keys. */
const STEP_FIELDS: readonly [string, keyof SensitivityStep, 'value' | 'p' | 'tau2' | 'q'][] = [
  ['estimate', 'estimate', 'value'],
  ['se', 'standardError', 'value'],
  ['zval', 'statistic', 'value'],
  ['pval', 'pValue', 'p'],
  ['ci.lb', 'ciLower', 'value'],
  ['ci.ub', 'ciUpper', 'value'],
  ['Q', 'q', 'q'],
  ['Qp', 'qPValue', 'p'],
  ['tau2', 'tau2', 'tau2'],
  ['I2', 'i2', 'value'],
  ['H2', 'h2', 'value'],
];

/**
 * REML's estimating equation at a step's tau², intercept-only: yᵀPPy − tr(P) with P = W − wwᵀ/Σw
 * (Viechtbauer 2005, eq. 9). Zero at an interior solution, ≤ 0 at the boundary tau² = 0.
 */
function remlScore(yi: readonly number[], vi: readonly number[], tau2: number): { score: number; traceP: number } {
  let sw = 0,
    swy = 0,
    sw2 = 0;
  for (let i = 0; i < yi.length; i++) {
    const w = 1 / (vi[i]! + tau2);
    sw += w;
    swy += w * yi[i]!;
    sw2 += w * w;
  }
  const mu = swy / sw;
  let yPPy = 0;
  for (let i = 0; i < yi.length; i++) {
    const w = 1 / (vi[i]! + tau2);
    yPPy += (w * (yi[i]! - mu)) ** 2;
  }
  const traceP = sw - sw2 / sw;
  return { score: yPPy - traceP, traceP };
}

let metaforFailedSteps = 0;
afterAll(() => {
  if (metaforFailedSteps > 0)
    console.log(`sensitivity reference: ${metaforFailedSteps} steps where metafor's Fisher scoring failed (NA) were checked by the REML score instead`);
});

/**
 * Compare each step's figures; I² and H² near the boundary through heterogeneityTolerance. A step
 * that metafor reports as NA (its Fisher scoring did not converge: metafor's cumul()/leave1out()
 * catch the error) must converge here: it is checked by REML's estimating equation at our tau².
 */
function compareSteps(
  steps: readonly SensitivityStep[],
  x: Record<string, number[]>,
  method: string,
  stepData: (i: number) => { yi: number[]; vi: number[] },
): void {
  const tol = tolFor(method);
  const failed = (i: number) => x.estimate![i] === null && x.se![i] === null;
  for (const [rName, key, kind] of STEP_FIELDS) {
    const expected = x[rName]!;
    expect(steps.length, `${rName}: length`).toBe(expected.length);
    expected.forEach((e, i) => {
      if (failed(i)) return;
      let t: Tolerance = kind === 'p' ? TOL.pValue : kind === 'tau2' ? TOL.tau2 : tol;
      if (rName === 'I2' || rName === 'H2') t = heterogeneityTolerance(rName, x.tau2![i], x.H2![i], t);
      close(steps[i]?.[key] as number | null, e, t, `${rName}[${i}]`);
    });
  }
  steps.forEach((step, i) => {
    if (!failed(i)) return;
    expect(method, 'metafor fails only on iterative fits').toBe('REML');
    expect(Number.isFinite(step.estimate) && Number.isFinite(step.tau2), `step ${i} converged`).toBe(true);
    const { yi, vi } = stepData(i);
    const { score, traceP } = remlScore(yi, vi, step.tau2!);
    // Relative to tr(P), the scale of both terms: the solver converges to ~1e-12 in tau².
    if (step.tau2! > 0) expect(Math.abs(score) / traceP, `REML score at step ${i}`).toBeLessThan(1e-8);
    else expect(score, `REML score at the boundary, step ${i}`).toBeLessThanOrEqual(0);
    metaforFailedSteps++;
  });
}

describe('leaveOneOut(data, { method }) matches metafor leave1out(res)', () => {
  for (const { data, kase } of fixtureCases('leave1out')) {
    const method = String(kase.options.method) as ModelMethod;
    it(`${title(data, kase)}: leaveOneOut(yi/vi, { method: '${method}' })`, () => {
      const input = effectsOf(data, String(kase.options.measure));
      const r = leaveOneOut(input, { method, test: kase.options.test as 'z' });
      const vi = Array.from(input.variance);
      const yi = Array.from(input.effect);
      compareSteps(r.steps, kase.expected as Record<string, number[]>, method, (i) => ({ yi: yi.filter((_, j) => j !== i), vi: vi.filter((_, j) => j !== i) }));
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
      const yi = Array.from(input.effect);
      compareSteps(r.steps, kase.expected as Record<string, number[]>, method, (i) => ({ yi: yi.slice(0, i + 1), vi: vi.slice(0, i + 1) }));
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
        ['rstudent', (s) => s.rstudent, tol],
        ['dffits', (s) => s.dffits, tol],
        ['cook.d', (s) => s.cooksDistance, tol],
        ['cov.r', (s) => s.covRatio, tol],
        ['tau2.del', (s) => s.tau2Deleted, TOL.tau2],
        ['QE.del', (s) => s.qDeleted, tol],
        ['hat', (s) => s.hat, tol],
        ['weight', (s) => s.weight, tol],
        ['dfbetas', (s) => s.dfbetas, tol],
      ];
      // A deletion whose refit failed in metafor (NA row): ours must converge; checked by REML's score.
      const failed = (i: number) => x['tau2.del']![i] === null && x.rstudent![i] === null;
      for (const [rName, get, t] of fields) {
        const expected = x[rName] as (number | null)[];
        expect(r.studies.length, `${rName}: length`).toBe(expected.length);
        expected.forEach((e, i) => {
          if (rName !== 'hat' && rName !== 'weight' && failed(i)) return;
          close(get(r.studies[i]!), e, t, `${rName}[${i}]`);
        });
      }
      const input = effectsOf(data, String(kase.options.measure));
      r.studies.forEach((s, i) => {
        if (!failed(i)) return;
        expect(method).toBe('REML');
        const yi = Array.from(input.effect).filter((_, j) => j !== i);
        const vi = Array.from(input.variance).filter((_, j) => j !== i);
        const { score, traceP } = remlScore(yi, vi, s.tau2Deleted!);
        if (s.tau2Deleted! > 0) expect(Math.abs(score) / traceP, `REML score without study ${i}`).toBeLessThan(1e-8);
        else expect(score).toBeLessThanOrEqual(0);
        metaforFailedSteps++;
      });
      const known = (v: readonly unknown[]) => v.map((b, i) => (failed(i) ? null : b));
      same(known(r.studies.map((s) => s.influential)), known(x['is.infl'] as unknown[]), 'is.infl');
      same(known(r.studies.map((s) => s.influential)), known(x.inf as unknown[]), 'inf (*)');
    });
  }
});
