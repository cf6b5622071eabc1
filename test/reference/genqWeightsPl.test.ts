// PMM, GENQ and GENQM, user-weighted fits (every method and test), the profile-likelihood interval
// of tau² and the generalised Q-profile interval, without and with moderators, against metafor
// 3.8-1 and CompQuadForm (test/fixtures/engine/genq-weights-pl.R, which records the yi, vi, weights
// and moderators it used). Closed-form estimators at TOL.closedForm; the iterative ones at
// TOL.iterative (both sides converge to 1e-12 along different paths); the root-found intervals
// (PL, generalised Q-profile) at TOL.iterative: the R side's roots are uniroot's at tol 1e-12/1e-13,
// ours Brent's at 1e-13 relative, and GENQ/GENQM tails are series (Ruben/farebrother) accurate to
// ~1e-10 (R) and ~1e-14 (here), so a root moves by at most ~1e-10/density.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitMetaRegression } from '../../src/regression/index.js';
import { pool, type PoolTest } from '../../src/pool/index.js';
import type { ModelMethod } from '../../src/heterogeneity/index.js';
import { quadraticFormSurvival } from '../../src/distributions/quadraticForm.js';
import { generalisedQParts, generalisedQProfileInterval } from '../../src/heterogeneity/index.js';
import { TOL, expectClose, type Tolerance } from '../helpers/tolerance.js';

type Num = number | null;
interface Interval {
  readonly lb: number;
  readonly ub: Num;
  readonly estimate?: number;
}
interface Case {
  readonly dataset: string;
  readonly method: ModelMethod;
  readonly test: PoolTest;
  readonly weighted: boolean;
  readonly mods: readonly string[];
  readonly beta: Num | Num[];
  readonly se: Num | Num[];
  readonly zval: Num | Num[];
  readonly pval: Num | Num[];
  readonly 'ci.lb': Num | Num[];
  readonly 'ci.ub': Num | Num[];
  readonly tau2: number;
  readonly 'se.tau2': Num;
  readonly QM: number;
  readonly QMp: number;
  readonly QE: number;
  readonly I2: number;
  readonly H2: number;
  readonly df: Num;
  readonly 'll.ML': number;
  readonly 'll.REML': number;
  readonly R2: Num;
  readonly weights: number[];
  readonly 'pi.lb': Num;
  readonly 'pi.ub': Num;
  readonly 'genq.ci'?: Interval & { 'I2.lb': number; 'I2.ub': Num };
  readonly 'pl.ci'?: Interval;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/engine/genq-weights-pl.json', import.meta.url), 'utf8')) as {
  data: Record<string, Record<string, number[]>>;
  cases: Case[];
  qf: { q: number; lambda: number | number[]; Qq: number }[];
};
const ITERATIVE = new Set(['ML', 'REML', 'EB', 'PM', 'PMM', 'GENQM']);
const list = (x: Num | Num[]): Num[] => (Array.isArray(x) ? x : [x]);
let compared = 0;
function check(actual: Num | undefined, expected: Num | undefined, tol: Tolerance, what: string): void {
  if (expected === undefined || expected === null) return;
  expectClose(actual ?? null, expected, tol, what);
  compared++;
}
const label = (c: Case): string => `${c.dataset} ${c.method}/${c.test}${c.weighted ? ' weighted' : ''}${c.mods.length ? ` ~ ${c.mods.join(' + ')}` : ''}`;

function checkPool(c: Case, d: Record<string, number[]>): void {
  const tol = ITERATIVE.has(c.method) ? TOL.iterative : TOL.closedForm;
  const pTol = ITERATIVE.has(c.method) ? TOL.pValue : TOL.closedForm;
  const id = label(c);
  const plWanted = c['pl.ci'] !== undefined;
  const r = pool(
    { effect: d.yi!, variance: d.vi! },
    { method: c.method, test: c.test, ...(c.weighted ? { weights: d.w! } : {}), ...(plWanted ? { tau2Ci: 'PL' as const } : {}) },
  );
  check(r.estimate, list(c.beta)[0]!, tol, `${id} estimate`);
  check(r.standardError, list(c.se)[0]!, tol, `${id} se`);
  check(r.statistic, list(c.zval)[0]!, tol, `${id} statistic`);
  check(r.pValue, list(c.pval)[0]!, pTol, `${id} pval`);
  check(r.ciLower, list(c['ci.lb'])[0]!, boundTolerance(tol, list(c.se)[0]), `${id} ci.lb`);
  check(r.ciUpper, list(c['ci.ub'])[0]!, boundTolerance(tol, list(c.se)[0]), `${id} ci.ub`);
  check(r.tau2, c.tau2, ITERATIVE.has(c.method) ? TOL.tau2 : TOL.closedForm, `${id} tau2`);
  check(r.tau2StandardError, c['se.tau2'], tol, `${id} se.tau2`);
  check(r.q, c.QE, TOL.closedForm, `${id} QE`);
  check(r.i2, c.I2, tol, `${id} I2`);
  check(r.h2, c.H2, tol, `${id} H2`);
  check(r.df, c.df, TOL.closedForm, `${id} df`);
  check(r.piLower, c['pi.lb'], tol, `${id} pi.lb`);
  check(r.piUpper, c['pi.ub'], tol, `${id} pi.ub`);
  check(r.fit.ml.logLik, c['ll.ML'], tol, `${id} ll.ML`);
  check(r.fit.reml.logLik, c['ll.REML'], tol, `${id} ll.REML`);
  c.weights.forEach((w, i) => {
    check(r.weights[i], w, tol, `${id} weights[${i}]`);
  });
  const g = c['genq.ci'];
  if (g) {
    check(r.confint?.tau2.lower, g.lb, TOL.iterative, `${id} genq ci.lb`);
    check(r.confint?.tau2.upper, g.ub, TOL.iterative, `${id} genq ci.ub`);
    check(r.confint?.i2.lower, g['I2.lb'], TOL.iterative, `${id} genq I2.lb`);
    check(r.confint?.i2.upper, g['I2.ub'], TOL.iterative, `${id} genq I2.ub`);
  }
  const pl = c['pl.ci'];
  if (pl) {
    check(r.confintPL?.tau2.estimate, pl.estimate, TOL.iterative, `${id} PL estimate`);
    check(r.confintPL?.tau2.lower, pl.lb, TOL.iterative, `${id} PL ci.lb`);
    check(r.confintPL?.tau2.upper, pl.ub, TOL.iterative, `${id} PL ci.ub`);
  }
}

/**
 * A confidence bound β ± crit·se near 0 is a difference of two figures of size |β| and crit·se: its
 * absolute error is that of those terms, so the tolerance is floored at tol.rel·se.
 */
const boundTolerance = (tol: Tolerance, se: Num | undefined): Tolerance => ({ rel: tol.rel, abs: Math.max(tol.abs, tol.rel * Math.abs(se ?? 0)) });
/**
 * Pseudo R² = 100·(τ₀² − τ²)/τ₀² cancels when τ² is close to τ₀²: a 1e-12 relative error of either
 * tau² becomes ~1e-9 of R² when they differ by 0.1%; compared at TOL.iterative. Skipped where
 * metafor's intercept-only τ₀² is a Fisher-scoring remnant (0 < τ₀² ≤ 1e-9, the exact maximum
 * being 0: metafor then reports R² = 100 from 2e-13/2e-13, metasynth R² = 0 from τ₀² = 0).
 */
function r2Comparable(c: Case): boolean {
  const base = fixture.cases.find(
    (o) => o.dataset === c.dataset && o.method === c.method && o.test === c.test && o.weighted === c.weighted && o.mods.length === 0,
  );
  return !(base && base.tau2 > 0 && base.tau2 <= TOL.tau2.abs);
}

function checkRegression(c: Case, d: Record<string, number[]>): void {
  const tol = ITERATIVE.has(c.method) ? TOL.iterative : TOL.closedForm;
  const pTol = ITERATIVE.has(c.method) ? TOL.pValue : TOL.closedForm;
  const id = label(c);
  const ones = d.yi!.map(() => 1);
  const pl = c['pl.ci'];
  const r = fitMetaRegression({
    yi: d.yi!,
    vi: d.vi!,
    columns: [ones, ...c.mods.map((m) => d[m]!)],
    method: c.method,
    test: c.test,
    ...(c.weighted ? { weights: d.w! } : {}),
    ...(pl ? { tau2Ci: 'PL' as const } : {}),
  });
  if (pl) {
    check(r.confintPL?.tau2.estimate, pl.estimate, TOL.iterative, `${id} PL estimate`);
    check(r.confintPL?.tau2.lower, pl.lb, TOL.iterative, `${id} PL ci.lb`);
    check(r.confintPL?.tau2.upper, pl.ub, TOL.iterative, `${id} PL ci.ub`);
  }
  const g = c['genq.ci'];
  if (g && r.tau2 !== null) {
    // The generalised Q-profile interval with moderators: the heterogeneity engine on the design (regress reports no confint).
    const x = [Float64Array.from(ones), ...c.mods.map((m) => Float64Array.from(d[m]!))];
    const parts = generalisedQParts(x, Float64Array.from(d.yi!), Float64Array.from(d.vi!), Float64Array.from(d.w!))!;
    const typicalVariance = c.tau2 > 0 ? c.tau2 / (c.H2 - 1) : NaN;
    const ci = generalisedQProfileInterval(parts, { tau2: r.tau2, typicalVariance });
    check(ci.tau2.lower, g.lb, TOL.iterative, `${id} genq ci.lb`);
    check(ci.tau2.upper, g.ub, TOL.iterative, `${id} genq ci.ub`);
    if (c.tau2 > 0) check(ci.i2.upper, g['I2.ub'], TOL.iterative, `${id} genq I2.ub`);
  }
  expect(r.coefficients.length).toBe(c.mods.length + 1);
  r.coefficients.forEach((b, j) => {
    check(b.estimate, list(c.beta)[j], tol, `${id} beta[${j}]`);
    check(b.standardError, list(c.se)[j], tol, `${id} se[${j}]`);
    check(b.statistic, list(c.zval)[j], tol, `${id} zval[${j}]`);
    check(b.pValue, list(c.pval)[j], pTol, `${id} pval[${j}]`);
    check(b.ciLower, list(c['ci.lb'])[j], boundTolerance(tol, list(c.se)[j]), `${id} ci.lb[${j}]`);
    check(b.ciUpper, list(c['ci.ub'])[j], boundTolerance(tol, list(c.se)[j]), `${id} ci.ub[${j}]`);
  });
  check(r.tau2, c.tau2, ITERATIVE.has(c.method) ? TOL.tau2 : TOL.closedForm, `${id} tau2`);
  check(r.tau2StandardError, c['se.tau2'], tol, `${id} se.tau2`);
  check(r.qm, c.QM, tol, `${id} QM`);
  check(r.qmPValue, c.QMp, pTol, `${id} QMp`);
  check(r.qe, c.QE, TOL.closedForm, `${id} QE`);
  check(r.i2, c.I2, tol, `${id} I2`);
  check(r.h2, c.H2, tol, `${id} H2`);
  if (r2Comparable(c)) check(r.r2, c.R2, TOL.iterative, `${id} R2`);
  check(r.df, c.df, TOL.closedForm, `${id} df`);
  check(r.fit.ml.logLik, c['ll.ML'], tol, `${id} ll.ML`);
  check(r.fit.reml.logLik, c['ll.REML'], tol, `${id} ll.REML`);
}

describe('PMM, GENQ, GENQM, user weights and the PL and GENQ intervals reproduce metafor rma.uni', () => {
  it.each(fixture.cases.map((c) => [label(c), c] as const))('%s', (_, c) => {
    const d = fixture.data[c.dataset]!;
    if (c.mods.length === 0) checkPool(c, d);
    else checkRegression(c, d);
  });
  it('compared figures', () => {
    expect(compared).toBeGreaterThan(5000);
    console.log(`PMM/GENQ/GENQM/weights/PL: ${fixture.cases.length} cases, ${compared} figures compared with metafor`);
  });
});

describe('quadraticFormSurvival reproduces CompQuadForm farebrother', () => {
  it.each(fixture.qf.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    // farebrother's own accuracy is its eps = 1e-10 (absolute, on the probability).
    expectClose(quadraticFormSurvival(c.q, Array.isArray(c.lambda) ? c.lambda : [c.lambda]), c.Qq, { rel: 0, abs: 1e-10 }, 'Qq');
  });
});
