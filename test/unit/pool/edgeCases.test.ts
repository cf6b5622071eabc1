// Edge cases of pool() checked against metafor 3.8-1. The expected values in
// metafor-edge-cases.json were produced by metafor-edge-cases.R (in this folder), e.g.
//   rma.uni(yi, vi, method = m, test = t, control = list(threshold = 1e-12, tol = 1e-12, maxiter = 1000))
//   predict(res); weights(res); confint(res, control = list(tol = 1e-12, maxiter = 1000))
//   rma.mh(ai, bi, ci, di, measure = m); rma.peto(ai, bi, ci, di)
// R is not needed to run these tests.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TAU2_METHODS } from '../../../src/heterogeneity/index.js';
import { pool } from '../../../src/pool/index.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';

type Expected = Record<string, number | number[] | null | Record<string, never>>;
const R: Record<string, Expected> = JSON.parse(readFileSync(new URL('./metafor-edge-cases.json', import.meta.url), 'utf8'));
const num = (x: unknown): number | null => (typeof x === 'number' ? x : null);

const DATA = {
  k2: { yi: [0.2, 0.9], vi: [0.04, 0.09] },
  equal: { yi: [0.3, 0.3, 0.3, 0.3], vi: [0.01, 0.02, 0.03, 0.04] },
  boundary: { yi: [0.1, 0.12, 0.09, 0.11, 0.105], vi: [0.01, 0.02, 0.015, 0.03, 0.025] },
  extreme: { yi: [0.1, 0.5, -0.3, 0.8, 0.2], vi: [1e-8, 1e4, 0.5, 2e-6, 30] },
  k1: { yi: [0.5], vi: [0.04] },
} as const;
const MH_COUNTS = [
  { ai: 0, bi: 20, ci: 0, di: 20 }, // double-zero table
  { ai: 2, bi: 18, ci: 4, di: 16 },
  { ai: 5, bi: 15, ci: 8, di: 12 },
  { ai: 0, bi: 25, ci: 3, di: 22 },
  { ai: 1, bi: 30, ci: 0, di: 31 },
];
const ITERATIVE = new Set(['ML', 'REML', 'EB', 'PM']);

describe('pool() edge cases against metafor', () => {
  for (const name of ['k2', 'equal', 'boundary', 'extreme'] as const) {
    // PMM, GENQ and GENQM (issue 15) have their own fixture: test/reference/genqWeightsPl.test.ts.
    for (const method of TAU2_METHODS.filter((m) => !['PMM', 'GENQ', 'GENQM'].includes(m))) {
      for (const test of ['z', 'knha'] as const) {
        it(`pool(${name}, { method: '${method}', test: '${test}' })`, () => {
          const e = R[`${name}/${method}/${test}`]!;
          const d = DATA[name];
          const r = pool({ effect: d.yi, variance: d.vi }, { method, test });
          expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
          // 15 significant digits in the JSON (jsonlite), so 1e-9 relative for closed forms.
          const tol = ITERATIVE.has(method) ? TOL.iterative : TOL.closedForm;
          const what = `${name}/${method}/${test}`;
          expectClose(r.estimate, num(e.estimate), tol, `${what} estimate`);
          expectClose(r.standardError, num(e.se), tol, `${what} se`);
          expectClose(r.statistic, num(e.zval), tol, `${what} statistic`);
          expectClose(r.pValue, num(e.pval), TOL.pValue, `${what} pval`);
          expectClose(r.ciLower, num(e['ci.lb']), tol, `${what} ci.lb`);
          expectClose(r.ciUpper, num(e['ci.ub']), tol, `${what} ci.ub`);
          expectClose(r.tau2, num(e.tau2), TOL.tau2, `${what} tau2`);
          expectClose(r.tau2StandardError, num(e['se.tau2']), tol, `${what} se.tau2`);
          expectClose(r.i2, num(e.I2), { rel: 1e-6, abs: 1e-7 }, `${what} I2`);
          expectClose(r.h2, num(e.H2), tol, `${what} H2`);
          expectClose(r.q, num(e.QE), tol, `${what} QE`);
          expectClose(r.qPValue, num(e.QEp), TOL.pValue, `${what} QEp`);
          expectClose(r.piLower, num(e['pi.lb']), tol, `${what} pi.lb`);
          expectClose(r.piUpper, num(e['pi.ub']), tol, `${what} pi.ub`);
          expectClose(r.fit.ml.logLik, num(e['ll.ML']), tol, `${what} ll.ML`);
          expectClose(r.fit.reml.logLik, num(e['ll.REML']), tol, `${what} ll.REML`);
          (e.weights as number[]).forEach((w, i) => {
            expectClose(r.weights[i], w, tol, `${what} weights[${i}]`);
          });
          const ci = e['ci.tau2'];
          if (Array.isArray(ci)) {
            expectClose(r.confint?.tau2.lower, ci[1], TOL.iterative, `${what} confint.tau2.lower`);
            expectClose(r.confint?.tau2.upper, ci[2], TOL.iterative, `${what} confint.tau2.upper`);
          } else {
            expect(r.confint).toBeNull();
          }
        });
      }
    }
  }

  it("pool(k = 1, { method: 'REML' }) is the study's own estimate; heterogeneity not estimable", () => {
    const e = R['k1/REML/z']!;
    const r = pool({ effect: [0.5], variance: [0.04] });
    expectClose(r.estimate, num(e.estimate), TOL.closedForm, 'estimate');
    expectClose(r.standardError, num(e.se), TOL.closedForm, 'se');
    expectClose(r.pValue, num(e.pval), TOL.closedForm, 'pval');
    expectClose(r.ciLower, num(e['ci.lb']), TOL.closedForm, 'ci.lb');
    expectClose(r.ciUpper, num(e['ci.ub']), TOL.closedForm, 'ci.ub');
    expect(r.weights).toEqual([100]);
    for (const key of ['tau2', 'tau2StandardError', 'tau', 'i2', 'h2', 'q', 'qPValue', 'piLower', 'piUpper'] as const) expect(r[key], key).toBeNull();
    expect(r.confint).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('not_estimable');
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });

  it("pool(k = 1, { test: 'knha' }) falls back to z as metafor", () => {
    const e = R['k1/REML/knha']!;
    const r = pool({ effect: [0.5], variance: [0.04] }, { test: 'knha' });
    expect(r.test).toBe('z');
    expect(r.df).toBeNull();
    expectClose(r.pValue, num(e.pval), TOL.closedForm, 'pval');
    expect(r.warnings.map((w) => w.code)).toContain('test_changed');
  });

  it("pool(all effects equal, { test: 'knha' }): zero Knapp–Hartung scale, statistic null with a warning", () => {
    const r = pool({ effect: DATA.equal.yi, variance: DATA.equal.vi }, { method: 'REML', test: 'knha' });
    expect(r.tau2).toBe(0);
    expect(r.standardError).toBe(0);
    expect(r.statistic).toBeNull();
    expect(r.pValue).toBe(0);
    expect(r.warnings.map((w) => w.code)).toContain('knha_zero_scale');
  });

  it("pool(boundary, { method: 'REML' }) returns tau² = 0 exactly (metafor stops near 1e-12)", () => {
    const r = pool({ effect: DATA.boundary.yi, variance: DATA.boundary.vi }, { method: 'REML' });
    expect(r.tau2).toBe(0);
    expect(r.converged).toBe(true);
  });

  it("pool(Q < k − 1, { test: 'knha' }) does not truncate the scale factor at 1 (metafor's knha)", () => {
    const { yi, vi } = DATA.boundary;
    const z = pool({ effect: yi, variance: vi }, { method: 'DL' });
    const t = pool({ effect: yi, variance: vi }, { method: 'DL', test: 'knha' });
    // s² = Q/(k − 1) = 0.0284/4 < 1, so the knha SE is smaller than the z SE.
    expect(t.standardError! / z.standardError!).toBeCloseTo(Math.sqrt(z.q! / 4), 12);
    expect(t.standardError!).toBeLessThan(z.standardError!);
  });
});

describe('pool() Mantel–Haenszel and Peto with zero cells against metafor', () => {
  for (const measure of ['OR', 'RR', 'RD'] as const) {
    it(`pool(counts with a double-zero table, { method: 'MH', measure: '${measure}' })`, () => {
      const e = R[`mh/${measure}`]!;
      const r = pool({ effect: MH_COUNTS.map(() => 0), variance: MH_COUNTS.map(() => 1), counts: MH_COUNTS, measure }, { method: 'MH' });
      const tol = TOL.closedForm;
      expect(r.k).toBe(5);
      expect(r.qDf).toBe(3); // k.yi = 4: the double-zero table is dropped from Q
      expectClose(r.estimate, num(e.estimate), tol, 'estimate');
      expectClose(r.standardError, num(e.se), tol, 'se');
      expectClose(r.statistic, num(e.zval), tol, 'zval');
      expectClose(r.pValue, num(e.pval), tol, 'pval');
      expectClose(r.q, num(e.QE), tol, 'QE');
      expectClose(r.qPValue, num(e.QEp), tol, 'QEp');
      expectClose(r.i2, num(e.I2), { rel: 1e-9, abs: 1e-9 }, 'I2');
      expectClose(r.h2, num(e.H2), tol, 'H2');
      expectClose(r.tests?.cmh.statistic, num(e.MH), tol, 'MH');
      expectClose(r.tests?.cmh.pValue, num(e.MHp), tol, 'MHp');
      expectClose(r.tests?.breslowDay.statistic, num(e.BD), tol, 'BD');
      expectClose(r.tests?.breslowDay.pValue, num(e.BDp), tol, 'BDp');
      expectClose(r.tests?.tarone.statistic, num(e.TA), tol, 'TA');
      expectClose(r.tests?.tarone.pValue, num(e.TAp), tol, 'TAp');
      expectClose(r.fit.ml.logLik, num(e['ll.ML']), tol, 'll.ML');
      expectClose(r.fit.reml.logLik, num(e['ll.REML']), tol, 'll.REML');
      (e.weights as number[]).forEach((w, i) => {
        expectClose(r.weights[i], w, tol, `weights[${i}]`);
      });
      expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    });
  }

  it("pool(counts with a double-zero table, { method: 'PETO' })", () => {
    const e = R.peto!;
    const r = pool({ effect: MH_COUNTS.map(() => 0), variance: MH_COUNTS.map(() => 1), counts: MH_COUNTS, measure: 'OR' }, { method: 'PETO' });
    const tol = TOL.closedForm;
    expect(r.measure).toBe('PETO');
    expectClose(r.estimate, num(e.estimate), tol, 'estimate');
    expectClose(r.standardError, num(e.se), tol, 'se');
    expectClose(r.q, num(e.QE), tol, 'QE');
    expectClose(r.qPValue, num(e.QEp), tol, 'QEp');
    expectClose(r.i2, num(e.I2), tol, 'I2');
    expectClose(r.h2, num(e.H2), tol, 'H2');
    expect(r.qDf).toBe(3);
    expectClose(r.fit.ml.logLik, num(e['ll.ML']), tol, 'll.ML');
    expectClose(r.fit.reml.logLik, num(e['ll.REML']), tol, 'll.REML');
    (e.weights as number[]).forEach((w, i) => {
      expectClose(r.weights[i], w, tol, `weights[${i}]`);
    });
  });
});
