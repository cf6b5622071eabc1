// Reproduces every rma.uni, rma.mh and rma.peto case of every metafor fixture file
// (test/fixtures/metafor/*.json, metafor 3.8-1, converged with threshold = tol = 1e-12), figure by
// figure: the fit, predict(), predict(transf), weights(), confint() and fitstats().
// Closed-form methods (EE, DL, HE, HS, SJ, MH, PETO) are compared at TOL.closedForm; the
// iterative ones (ML, REML, EB, PM) and every Q-profile bound (a root found by uniroot in metafor)
// at TOL.iterative; tau² near 0 absolutely (TOL.tau2).
import { afterAll, describe, expect, it } from 'vitest';
import { pool, type PoolResult } from '../../src/pool/index.js';
import { fixtureCases, fixtureEffectTable, type RFixtureValue } from '../helpers/fixtures.js';
import { TOL, expectClose, heterogeneityTolerance, type Tolerance } from '../helpers/tolerance.js';

let compared = 0;
const CLOSED_FORM = new Set(['EE', 'FE', 'DL', 'HE', 'HS', 'SJ', 'MH', 'PETO']);

/**
 * Figures of a fixture case that pool() does not report, each with the reason. Every other figure
 * the fixture holds must be read by the test: a case fails when one is left unread (a figure the
 * fixture has and the result lacks is never skipped silently).
 */
const NOT_REPORTED: Record<string, string> = {};

/**
 * The figures of one fixture case, read through a view that records each figure (leaf) the test
 * reads; `unread()` lists the figures no comparison looked at.
 */
function figures(expected: Record<string, RFixtureValue>): { x: Record<string, RFixtureValue>; unread(): string[] } {
  const leaves: string[] = [];
  const walk = (prefix: string, value: unknown): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(prefix === '' ? k : `${prefix}.${k}`, v);
    } else leaves.push(prefix);
  };
  walk('', expected);
  const read = new Set<string>();
  const view = (target: Record<string, RFixtureValue>, prefix: string): Record<string, RFixtureValue> =>
    new Proxy(target, {
      get(t, key) {
        const value = t[key as string];
        if (typeof key !== 'string') return value;
        const path = prefix === '' ? key : `${prefix}.${key}`;
        read.add(path);
        return value !== null && typeof value === 'object' && !Array.isArray(value) ? view(value, path) : value;
      },
    });
  return { x: view(expected, ''), unread: () => leaves.filter((k) => !read.has(k) && !(k in NOT_REPORTED)) };
}

function check(actual: number | null | undefined, expected: unknown, tol: Tolerance, what: string): void {
  if (expected === undefined) return; // this case's fixture does not have the figure
  expectClose(actual, expected as number | null, tol, what);
  compared++;
}

const tableFor = fixtureEffectTable;

/** metafor's `transf` argument in the fixtures → metasynth's `transformed.scale`. */
const SCALES: Record<string, string> = { exp: 'exp', 'transf.ztor': 'tanh', 'transf.ilogit': 'ilogit' };

function transformed(r: PoolResult, key: 'estimate' | 'ciLower' | 'ciUpper' | 'piLower' | 'piUpper'): number | null {
  return r.transformed ? r.transformed[key] : null;
}

function checkFitStats(r: PoolResult, fs: Record<string, Record<string, number | null>>, tol: Tolerance, id: string): void {
  for (const [src, dst] of [
    ['ML', 'ml'],
    ['REML', 'reml'],
  ] as const) {
    const e = fs[src];
    if (!e) continue;
    const a = r.fit[dst];
    check(a.logLik, e.ll, tol, `${id} fit.${dst}.logLik`);
    check(a.deviance, e.dev, tol, `${id} fit.${dst}.deviance`);
    check(a.aic, e.AIC, tol, `${id} fit.${dst}.aic`);
    check(a.bic, e.BIC, tol, `${id} fit.${dst}.bic`);
    check(a.aicc, e.AICc, tol, `${id} fit.${dst}.aicc`);
  }
}

describe('pool() reproduces metafor rma.uni', () => {
  for (const { data, kase } of fixtureCases('rma.uni')) {
    const o = kase.options as { measure: string; method: string; test: 'z' | 'knha'; level?: number };
    it(`pool(${data.dataset} ${o.measure}, { method: '${o.method}', test: '${o.test}' }) [${kase.id}]`, () => {
      if (kase.expected === null) return; // metafor itself failed on this case (recorded in kase.error)
      const { x, unread } = figures(kase.expected);
      const table = tableFor(data, o.measure);
      expect(table.excluded).toEqual([]);
      const r = pool(table, { method: o.method as never, test: o.test, level: o.level ?? 95 });
      const tol = CLOSED_FORM.has(o.method) ? TOL.closedForm : TOL.iterative;
      const id = kase.id;
      expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
      check(r.k, x.k, TOL.closedForm, `${id} k`);
      check(r.estimate, x.estimate, tol, `${id} estimate`);
      check(r.standardError, x.se, tol, `${id} se`);
      check(r.statistic, x.zval ?? x.tval, tol, `${id} statistic`);
      check(r.df, x.df, TOL.closedForm, `${id} df`);
      check(r.pValue, x.pval, CLOSED_FORM.has(o.method) ? TOL.closedForm : TOL.pValue, `${id} pval`);
      check(r.ciLower, x['ci.lb'], tol, `${id} ci.lb`);
      check(r.ciUpper, x['ci.ub'], tol, `${id} ci.ub`);
      check(r.tau2, x.tau2, CLOSED_FORM.has(o.method) ? TOL.closedForm : TOL.tau2, `${id} tau2`);
      check(r.tau2StandardError, x['se.tau2'], tol, `${id} se.tau2`);
      check(r.i2, x.I2, heterogeneityTolerance('I2', x.tau2, x.H2, CLOSED_FORM.has(o.method) ? tol : TOL.tau2), `${id} I2`);
      check(r.h2, x.H2, heterogeneityTolerance('H2', x.tau2, x.H2, tol), `${id} H2`);
      check(r.q, x.QE, TOL.closedForm, `${id} QE`);
      check(r.qPValue, x.QEp, TOL.closedForm, `${id} QEp`);
      if (x.fit_stats) checkFitStats(r, x.fit_stats, tol, id);
      if (x.predict) {
        const p = x.predict;
        check(r.estimate, p.pred, tol, `${id} predict.pred`);
        check(r.standardError, p.se, tol, `${id} predict.se`);
        check(r.ciLower, p['ci.lb'], tol, `${id} predict.ci.lb`);
        check(r.ciUpper, p['ci.ub'], tol, `${id} predict.ci.ub`);
        check(r.piLower, p['pi.lb'], tol, `${id} predict.pi.lb`);
        check(r.piUpper, p['pi.ub'], tol, `${id} predict.pi.ub`);
      }
      if (x.predict_transf) {
        const p = x.predict_transf;
        const name = p.transf as string;
        expect(r.transformed?.scale, `${id} transformed.scale for transf = ${name}`).toBe(SCALES[name]);
        check(transformed(r, 'estimate'), p.pred, tol, `${id} predict_transf.pred`);
        check(transformed(r, 'ciLower'), p['ci.lb'], tol, `${id} predict_transf.ci.lb`);
        check(transformed(r, 'ciUpper'), p['ci.ub'], tol, `${id} predict_transf.ci.ub`);
        check(transformed(r, 'piLower'), p['pi.lb'], tol, `${id} predict_transf.pi.lb`);
        check(transformed(r, 'piUpper'), p['pi.ub'], tol, `${id} predict_transf.pi.ub`);
      }
      if (x.weights) {
        expect(r.weights.length).toBe(x.weights.length);
        (x.weights as number[]).forEach((w, i) => {
          check(r.weights[i], w, tol, `${id} weights[${i}]`);
        });
      }
      if (x.confint) {
        expect(r.confint, `${id} confint`).not.toBeNull();
        for (const [src, dst] of [
          ['tau2', 'tau2'],
          ['tau', 'tau'],
          ['I2', 'i2'],
          ['H2', 'h2'],
        ] as const) {
          const e = x.confint[src];
          const a = r.confint?.[dst];
          if (!e) continue;
          check(a?.estimate, e.estimate, CLOSED_FORM.has(o.method) ? tol : TOL.tau2, `${id} confint.${src}.estimate`);
          check(a?.lower, e['ci.lb'], TOL.iterative, `${id} confint.${src}.ci.lb`);
          check(a?.upper, e['ci.ub'], TOL.iterative, `${id} confint.${src}.ci.ub`);
        }
      }
      if (x.confint_error) expect(r.confint).toBeNull();
      // pool() fits the intercept-only model (p = 1); its intervals are Q-profile ones (metafor 'QP').
      expect(x.p, `${id} p`).toBe(1);
      if (x.confint) expect(x.confint.type, `${id} confint.type`).toBe('QP');
      expect(unread(), `${id}: fixture figures no comparison read`).toEqual([]);
    });
  }
});

describe('pool() reproduces metafor rma.mh and rma.peto', () => {
  for (const { data, kase } of fixtureCases(['rma.mh', 'rma.peto'])) {
    const o = kase.options as { measure: string; method: 'MH' | 'PETO'; level?: number };
    it(`pool(${data.dataset} counts, { method: '${o.method}', measure: '${o.measure}' }) [${kase.id}]`, () => {
      if (kase.expected === null) return;
      const { x, unread } = figures(kase.expected);
      const table = tableFor(data, o.method === 'PETO' ? 'OR' : o.measure);
      const r = pool(table, { method: o.method, level: o.level ?? 95 });
      const tol = TOL.closedForm;
      const id = kase.id;
      expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
      check(r.k, x.k, tol, `${id} k`);
      check(r.qDf === null ? null : r.qDf + 1, x['k.yi'], tol, `${id} k.yi`);
      check(r.estimate, x.estimate, tol, `${id} estimate`);
      check(r.standardError, x.se, tol, `${id} se`);
      check(r.statistic, x.zval, tol, `${id} zval`);
      check(r.pValue, x.pval, tol, `${id} pval`);
      check(r.ciLower, x['ci.lb'], tol, `${id} ci.lb`);
      check(r.ciUpper, x['ci.ub'], tol, `${id} ci.ub`);
      check(r.q, x.QE, tol, `${id} QE`);
      check(r.qPValue, x.QEp, tol, `${id} QEp`);
      check(r.i2, x.I2, tol, `${id} I2`);
      check(r.h2, x.H2, tol, `${id} H2`);
      check(r.tests?.cmh.statistic, x.MH, tol, `${id} MH`);
      check(r.tests?.cmh.pValue, x.MHp, tol, `${id} MHp`);
      check(r.tests?.cochran.statistic, x.CO, tol, `${id} CO`);
      check(r.tests?.cochran.pValue, x.COp, tol, `${id} COp`);
      check(r.tests?.breslowDay.statistic, x.BD, tol, `${id} BD`);
      check(r.tests?.breslowDay.pValue, x.BDp, tol, `${id} BDp`);
      check(r.tests?.tarone.statistic, x.TA, tol, `${id} TA`);
      check(r.tests?.tarone.pValue, x.TAp, tol, `${id} TAp`);
      if (x.fit_stats) checkFitStats(r, x.fit_stats, tol, id);
      if (x.predict_transf) {
        const p = x.predict_transf;
        expect(r.transformed?.scale, `${id} transformed.scale for transf = ${p.transf}`).toBe(SCALES[p.transf as string]);
        check(transformed(r, 'estimate'), p.pred, tol, `${id} predict_transf.pred`);
        check(transformed(r, 'ciLower'), p['ci.lb'], tol, `${id} predict_transf.ci.lb`);
        check(transformed(r, 'ciUpper'), p['ci.ub'], tol, `${id} predict_transf.ci.ub`);
        check(r.transformed?.piLower, p['pi.lb'], tol, `${id} predict_transf.pi.lb`);
        check(r.transformed?.piUpper, p['pi.ub'], tol, `${id} predict_transf.pi.ub`);
      }
      if (x.weights) {
        expect(r.weights.length).toBe(x.weights.length);
        (x.weights as number[]).forEach((w, i) => {
          check(r.weights[i], w, tol, `${id} weights[${i}]`);
        });
      }
      expect(unread(), `${id}: fixture figures no comparison read`).toEqual([]);
    });
  }
});

afterAll(() => {
  // The brief asks for the number of figures compared; shown only on request.
  if (process.env.METASYNTH_REPORT_FIGURES) process.stderr.write(`pool reference figures compared: ${compared}\n`);
});
