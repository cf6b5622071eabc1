// Reproduces every `subgroup` case of the metafor fixtures: per level
// rma.uni(yi, vi, data = dat[dat$g == l, ], method = M), the test of subgroup differences
// rma.uni(yi = estimates, sei = ses, method = "EE"), and rma.uni(yi, vi, mods = ~ factor(g), method = M)
// (control = list(threshold=1e-12, tol=1e-12, maxiter=1000); the exact calls are in each case's `call`).
import { afterAll, describe, expect, it } from 'vitest';
import { subgroupAnalysis } from '../../src/regression/index.js';
import type { MetaRegressionMethod } from '../../src/regression/index.js';
import { fixtureCases } from '../helpers/fixtures.js';
import { expectClose, TOL, type Tolerance, heterogeneityTolerance } from '../helpers/tolerance.js';
import { fixtureTable } from '../unit/regression/fixtureTable.js';

const CLOSED_FORM = new Set(['EE', 'FE', 'DL', 'HE', 'HS', 'SJ']);
let compared = 0;
function close(actual: number | null | undefined, expected: number | null | undefined, tol: Tolerance, what: string): void {
  expectClose(actual, expected, tol, what);
  compared++;
}

const cases = fixtureCases('subgroup');

describe('subgroupAnalysis reproduces metafor subgroup practice', () => {
  it('has fixture cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const { data, kase } of cases) {
    const o = kase.options as { measure: string; method: MetaRegressionMethod; subgroup: string };
    it(`subgroupAnalysis(${data.dataset} ${o.measure}, { by: '${o.subgroup}', method: '${o.method}' }) [${kase.id}]`, () => {
      const x = kase.expected;
      if (!x) {
        expect(kase.error).toBeDefined();
        return;
      }
      const closed = CLOSED_FORM.has(o.method);
      const tol = closed ? TOL.closedForm : TOL.iterative;
      const pTol = closed ? TOL.closedForm : TOL.pValue;
      const tau2Tol = closed ? TOL.closedForm : TOL.tau2;
      const res = subgroupAnalysis(fixtureTable(data, o.measure), { by: o.subgroup, method: o.method });
      const lv = x.levels;
      expect(res.subgroups.map((s) => s.level)).toEqual(lv.level);
      compared += lv.level.length;
      res.subgroups.forEach((s, j) => {
        expect(s.k).toBe(lv.k[j]);
        compared++;
        close(s.estimate, lv.estimate[j], tol, `estimate[${j}]`);
        close(s.standardError, lv.se[j], tol, `se[${j}]`);
        close(s.statistic, lv.zval[j], tol, `zval[${j}]`);
        close(s.pValue, lv.pval[j], pTol, `pval[${j}]`);
        close(s.ciLower, lv['ci.lb'][j], tol, `ci.lb[${j}]`);
        close(s.ciUpper, lv['ci.ub'][j], tol, `ci.ub[${j}]`);
        close(s.tau2, lv.tau2[j], tau2Tol, `tau2[${j}]`);
        close(s.i2, lv.I2[j], heterogeneityTolerance('I2', lv.tau2[j], lv.H2[j], tol), `I2[${j}]`);
        close(s.h2, lv.H2[j], heterogeneityTolerance('H2', lv.tau2[j], lv.H2[j], tol), `H2[${j}]`);
        close(s.q, lv.QE[j], TOL.closedForm, `QE[${j}]`);
        close(s.qPValue, lv.QEp[j], TOL.closedForm, `QEp[${j}]`);
      });
      close(res.between.q, x.between.Q, tol, 'between Q');
      expect(res.between.df).toBe(x.between.df);
      compared++;
      close(res.between.pValue, x.between.pval, pTol, 'between p');
      const mt = x.mods_test;
      close(res.moderatorTest.qm, mt.QM, tol, 'QM');
      expect(res.moderatorTest.df).toBe(mt.df);
      compared++;
      close(res.moderatorTest.pValue, mt.pval, pTol, 'QMp');
      close(res.moderatorTest.tau2, mt.tau2, tau2Tol, 'tau2 (factor model)');
      close(res.moderatorTest.qe, mt.QE, TOL.closedForm, 'QE (factor model)');
      close(res.moderatorTest.qePValue, mt.QEp, TOL.closedForm, 'QEp (factor model)');
      expect(res.moderatorTest.k).toBe(mt.k);
      compared++;
      expect(JSON.stringify(res)).not.toMatch(/NaN|Infinity/);
    });
  }
  afterAll(() => {
    console.log(`subgroup: ${cases.length} cases, ${compared} figures compared with metafor`);
  });
});
