// regressionTest() and petPeese() against metafor 3.8-1 regtest() with every predictor, both model
// forms (test/fixtures/metafor-bias/regtest.json from generate-regtest.R; the R call is in `call`).
// PET and PEESE are regtest(model = "lm") with predictor sei and vi: their intercepts are `est`.
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { petPeese, regressionTest, type RegressionPredictor } from '../../src/bias/index.js';
import type { ModelMethod } from '../../src/bias/index.js';
import { TOL, figureCounter } from '../helpers/tolerance.js';

const { close } = figureCounter('regtest reference');

interface Case {
  id: string;
  call: string;
  yi: number[];
  vi: number[];
  ni: number[] | null;
  model: 'rma' | 'lm';
  predictor: RegressionPredictor;
  method: ModelMethod;
  zval: number;
  pval: number;
  dfs: number | null;
  est: number | null;
  ci_lb: number | null;
  ci_ub: number | null;
  slope: number;
  slope_se: number;
}
const doc = JSON.parse(readFileSync(new URL('../fixtures/metafor-bias/regtest.json', import.meta.url), 'utf8')) as { cases: Case[] };
/** REML is iterative; DL and the lm form are closed forms. */
const tolOf = (c: Case) => (c.model === 'rma' && c.method === 'REML' ? TOL.iterative : TOL.closedForm);

describe('regressionTest(data, { model, predictor }) matches metafor regtest()', () => {
  for (const c of doc.cases) {
    it(`${c.id}: ${c.call}`, () => {
      const r = regressionTest({ effect: c.yi, variance: c.vi }, { model: c.model, predictor: c.predictor, method: c.method, ...(c.ni ? { ni: c.ni } : {}) });
      const tol = tolOf(c);
      close(r.statistic, c.zval, tol, 'zval');
      close(r.pValue, c.pval, TOL.pValue, 'pval');
      close(r.df, c.dfs, TOL.closedForm, 'dfs');
      close(r.limitEstimate, c.est, tol, 'est');
      close(r.limitCiLower, c.ci_lb, tol, 'ci.lb');
      close(r.limitCiUpper, c.ci_ub, tol, 'ci.ub');
      close(r.slope.estimate, c.slope, tol, 'slope');
      close(r.slope.standardError, c.slope_se, tol, 'slope se');
    });
  }
});

describe('petPeese(data) is regtest(model = "lm") with predictors sei and vi', () => {
  for (const c of doc.cases.filter((x) => x.model === 'lm' && x.method === 'REML' && (x.predictor === 'sei' || x.predictor === 'vi'))) {
    it(`${c.id}: the ${c.predictor === 'sei' ? 'PET' : 'PEESE'} estimate is metafor's est`, () => {
      const r = petPeese({ effect: c.yi, variance: c.vi });
      const part = c.predictor === 'sei' ? r.pet : r.peese;
      close(part.estimate, c.est, TOL.closedForm, 'est');
      close(part.ciLower, c.ci_lb, TOL.closedForm, 'ci.lb');
      close(part.ciUpper, c.ci_ub, TOL.closedForm, 'ci.ub');
      if (c.predictor === 'sei') {
        const chosen = r.pet.pValue! < 0.05 ? r.peese : r.pet;
        close(r.conditional.estimate, chosen.estimate, TOL.closedForm, 'conditional');
      }
    });
  }
});
