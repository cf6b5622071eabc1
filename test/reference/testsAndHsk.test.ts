// The tests t and adhoc (every tau² estimator) and the HSk estimator (every test), without and
// with moderators, against metafor 3.8-1 (test/fixtures/engine/tests-and-hsk.R, which records
// the yi, vi and moderators it used). Closed-form estimators at TOL.closedForm; the iterative ones
// (ML, REML, EB, PM) at TOL.iterative: both sides converge to 1e-12 along different paths.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitMetaRegression } from '../../src/regression/index.js';
import { pool, type PoolTest } from '../../src/pool/index.js';
import type { ModelMethod } from '../../src/heterogeneity/index.js';
import { TOL, expectClose, type Tolerance } from '../helpers/tolerance.js';

type Num = number | null;
interface Case {
  readonly dataset: string;
  readonly method: ModelMethod;
  readonly test: PoolTest;
  readonly mods: readonly string[];
  readonly beta: Num[];
  readonly se: Num[];
  readonly zval: Num[];
  readonly pval: Num[];
  readonly 'ci.lb': Num[];
  readonly 'ci.ub': Num[];
  readonly tau2: number;
  readonly 'se.tau2': Num;
  readonly QM: number;
  readonly QMp: number;
  readonly QE: number;
  readonly I2: number;
  readonly H2: number;
  readonly df: Num;
  readonly 'pi.lb': Num;
  readonly 'pi.ub': Num;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/engine/tests-and-hsk.json', import.meta.url), 'utf8')) as {
  data: Record<string, Record<string, number[]>>;
  cases: Case[];
};
const ITERATIVE = new Set(['ML', 'REML', 'EB', 'PM']);
const list = (x: Num | Num[]): Num[] => (Array.isArray(x) ? x : [x]);
let compared = 0;
function check(actual: Num | undefined, expected: Num | undefined, tol: Tolerance, what: string): void {
  if (expected === undefined || expected === null) return;
  expectClose(actual ?? null, expected, tol, what);
  compared++;
}

describe('t, adhoc and HSk reproduce metafor rma.uni', () => {
  it.each(fixture.cases.map((c) => [`${c.dataset} ${c.method}/${c.test}${c.mods.length ? ` ~ ${c.mods.join(' + ')}` : ''}`, c] as const))('%s', (_, c) => {
    const d = fixture.data[c.dataset]!;
    const tol = ITERATIVE.has(c.method) ? TOL.iterative : TOL.closedForm;
    const tau2Tol = ITERATIVE.has(c.method) ? TOL.tau2 : TOL.closedForm;
    const pTol = ITERATIVE.has(c.method) ? TOL.pValue : TOL.closedForm;
    const id = `${c.dataset} ${c.method}/${c.test}`;
    if (c.mods.length === 0) {
      const r = pool({ effect: d.yi!, variance: d.vi! }, { method: c.method, test: c.test });
      check(r.estimate, list(c.beta)[0]!, tol, `${id} estimate`);
      check(r.standardError, list(c.se)[0]!, tol, `${id} se`);
      check(r.statistic, list(c.zval)[0]!, tol, `${id} statistic`);
      check(r.pValue, list(c.pval)[0]!, pTol, `${id} pval`);
      check(r.ciLower, list(c['ci.lb'])[0]!, tol, `${id} ci.lb`);
      check(r.ciUpper, list(c['ci.ub'])[0]!, tol, `${id} ci.ub`);
      check(r.tau2, c.tau2, tau2Tol, `${id} tau2`);
      check(r.tau2StandardError, c['se.tau2'], tol, `${id} se.tau2`);
      check(r.q, c.QE, TOL.closedForm, `${id} QE`);
      check(r.df, c.df, TOL.closedForm, `${id} df`);
      check(r.piLower, c['pi.lb'], tol, `${id} pi.lb`);
      check(r.piUpper, c['pi.ub'], tol, `${id} pi.ub`);
      return;
    }
    const ones = d.yi!.map(() => 1);
    const r = fitMetaRegression({ yi: d.yi!, vi: d.vi!, columns: [ones, ...c.mods.map((m) => d[m]!)], method: c.method, test: c.test });
    expect(r.coefficients.length).toBe(c.mods.length + 1);
    r.coefficients.forEach((b, j) => {
      check(b.estimate, list(c.beta)[j], tol, `${id} beta[${j}]`);
      check(b.standardError, list(c.se)[j], tol, `${id} se[${j}]`);
      check(b.statistic, list(c.zval)[j], tol, `${id} zval[${j}]`);
      check(b.pValue, list(c.pval)[j], pTol, `${id} pval[${j}]`);
      check(b.ciLower, list(c['ci.lb'])[j], tol, `${id} ci.lb[${j}]`);
      check(b.ciUpper, list(c['ci.ub'])[j], tol, `${id} ci.ub[${j}]`);
    });
    check(r.tau2, c.tau2, tau2Tol, `${id} tau2`);
    check(r.tau2StandardError, c['se.tau2'], tol, `${id} se.tau2`);
    check(r.qm, c.QM, tol, `${id} QM`);
    check(r.qmPValue, c.QMp, pTol, `${id} QMp`);
    check(r.qe, c.QE, TOL.closedForm, `${id} QE`);
    check(r.df, c.df, TOL.closedForm, `${id} df`);
  });
  it('compared figures', () => {
    expect(compared).toBeGreaterThan(2000);
    console.log(`t/adhoc/HSk: ${fixture.cases.length} cases, ${compared} figures compared with metafor`);
  });
});
