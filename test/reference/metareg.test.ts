// Reproduces every `metareg` case of the metafor fixtures: rma.uni(yi, vi, mods = ~ ...,
// method = "REML"/"DL", test = "z"/"knha", control = list(threshold=1e-12, tol=1e-12, maxiter=1000))
// (the exact call is in each case's `call`). Every figure metafor returned is compared.
import { afterAll, describe, expect, it } from 'vitest';
import { metaRegression } from '../../src/regression/index.js';
import type { MetaRegressionMethod, RegressionTest } from '../../src/regression/index.js';
import { fixtureCases } from '../helpers/fixtures.js';
import { expectClose, TOL, type Tolerance, heterogeneityTolerance } from '../helpers/tolerance.js';
import { fixtureTable, parseModsFormula } from '../unit/regression/fixtureTable.js';

const CLOSED_FORM = new Set(['EE', 'FE', 'DL', 'HE', 'HS', 'SJ']);
let compared = 0;

// metafor forms P = W − WX(X'WX)⁻¹X'W as a k×k matrix from the *uncentred* design and evaluates
// QE = y'Py from it; with a moderator far from zero relative to its spread (calendar years) that
// cancellation costs it several digits. metasynth centres the design and sums weighted residuals.
// Demonstration (R 4.2, metafor 3.8-1, dat.bcg, measure RD, method DL):
//   rma.uni(yi, vi, mods = ~ ablat + year, ...)$QE          = 236.07943903005841   (fixture)
//   rma.uni(yi, vi, mods = ~ ablat + I(year-1960), ...)$QE  = 236.07943698375408   (same model)
//   sum(w * lm.wfit(X, yi, w)$residuals^2)                    = 236.07943698377318
//   metasynth                                                 = 236.0794369837748
// so metafor's own figure is off by 8.7e-9 relative there. For such designs (a numeric moderator
// with |mean| > 10·sd) the comparison allows metafor's rounding: 1e-7 relative.
const METAFOR_CANCELLATION: Tolerance = { rel: 1e-7, abs: 1e-12 };

function farFromZero(data: { studies: readonly Record<string, unknown>[] }, mods: readonly string[]): boolean {
  return mods.some((m) => {
    const xs = data.studies.map((s) => s[m]).filter((x): x is number => typeof x === 'number');
    if (xs.length < 2) return false;
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    return Math.abs(mean) > 10 * sd;
  });
}

function looser(a: Tolerance, b: Tolerance): Tolerance {
  return { rel: Math.max(a.rel, b.rel), abs: Math.max(a.abs, b.abs) };
}

function close(actual: number | null | undefined, expected: number | null | undefined, tol: Tolerance, what: string): void {
  expectClose(actual, expected, tol, what);
  compared++;
}

const cases = fixtureCases('metareg');

describe('metaRegression reproduces metafor rma.uni with moderators', () => {
  it('has fixture cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const { data, kase } of cases) {
    const o = kase.options as { measure: string; method: MetaRegressionMethod; test: RegressionTest; mods: string };
    const mods = parseModsFormula(o.mods);
    it(`metaRegression(${data.dataset} ${o.measure}, { mods: ${JSON.stringify(mods)}, method: '${o.method}', test: '${o.test}' }) [${kase.id}]`, () => {
      const x = kase.expected;
      if (!x) {
        expect(kase.error).toBeDefined();
        return;
      }
      const ill = farFromZero(data, mods) ? METAFOR_CANCELLATION : TOL.closedForm;
      const tol = CLOSED_FORM.has(o.method) ? ill : looser(TOL.iterative, ill);
      const pTol = CLOSED_FORM.has(o.method) ? ill : looser(TOL.pValue, ill);
      const tau2Tol = CLOSED_FORM.has(o.method) ? ill : looser(TOL.tau2, ill);
      const res = metaRegression(fixtureTable(data, o.measure), { mods, method: o.method, test: o.test });
      expect(res.k).toBe(x.k);
      expect(res.p).toBe(x.p);
      compared += 2;
      expect(res.coefficients.map((c) => c.name)).toEqual(x.coef.name);
      compared += x.coef.name.length;
      const stat = o.test === 'z' ? x.coef.zval : x.coef.tval;
      res.coefficients.forEach((c, j) => {
        close(c.estimate, x.coef.estimate[j], tol, `estimate[${j}]`);
        close(c.standardError, x.coef.se[j], tol, `se[${j}]`);
        close(c.statistic, stat[j], tol, `statistic[${j}]`);
        close(c.pValue, x.coef.pval[j], pTol, `pval[${j}]`);
        close(c.ciLower, x.coef['ci.lb'][j], tol, `ci.lb[${j}]`);
        close(c.ciUpper, x.coef['ci.ub'][j], tol, `ci.ub[${j}]`);
      });
      if (o.test === 'knha') {
        expect(res.df).toBe(x.df);
        compared++;
      } else expect(res.df).toBeNull();
      (x.vb as number[][]).forEach((row, i) => {
        row.forEach((e, j) => {
          close(res.covariance[i]![j], e, tol, `vb[${i}][${j}]`);
        });
      });
      close(res.tau2, x.tau2, tau2Tol, 'tau2');
      close(res.tau2StandardError, x['se.tau2'], tol, 'se.tau2');
      close(res.i2, x.I2, heterogeneityTolerance('I2', x.tau2, x.H2, tol), 'I2');
      close(res.h2, x.H2, heterogeneityTolerance('H2', x.tau2, x.H2, tol), 'H2');
      close(res.r2, x.R2, { rel: tol.rel, abs: 1e-7 }, 'R2'); // R² is 100·(1 − τ²/τ²₀): absolute τ² error ×100/τ²₀
      close(res.qm, x.QM, tol, 'QM');
      expect(res.qmDf).toBe(x.QMdf[0]);
      compared++;
      if (o.test === 'knha') {
        expect(res.df).toBe(x.QMdf[1]);
        compared++;
      }
      close(res.qmPValue, x.QMp, pTol, 'QMp');
      close(res.qe, x.QE, ill, 'QE');
      close(res.qePValue, x.QEp, ill, 'QEp');
      for (const [key, ours] of [
        ['ML', res.fit.ml],
        ['REML', res.fit.reml],
      ] as const) {
        const fs = x.fit_stats[key];
        close(ours.logLik, fs.ll, tol, `${key} ll`);
        close(ours.deviance, fs.dev, tol, `${key} dev`);
        close(ours.aic, fs.AIC, tol, `${key} AIC`);
        close(ours.bic, fs.BIC, tol, `${key} BIC`);
        close(ours.aicc, fs.AICc, tol, `${key} AICc`);
      }
      expect(res.converged).toBe(true);
      expect(JSON.stringify(res)).not.toMatch(/NaN|Infinity/);
    });
  }
  afterAll(() => {
    console.log(`metareg: ${cases.length} cases, ${compared} figures compared with metafor`);
  });
});
