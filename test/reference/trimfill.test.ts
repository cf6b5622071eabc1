// trimAndFill() with the L0, R0 and Q0 estimators, and the z refit of a Knapp–Hartung model,
// against metafor 3.8-1 trimfill() (test/fixtures/metafor-bias/trimfill.json, generate-trimfill.R).
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { trimAndFill, type ModelMethod, type ModelTest, type TrimFillEstimator } from '../../src/bias/index.js';
import { TOL, figureCounter } from '../helpers/tolerance.js';

const { close, same } = figureCounter('trimfill reference');

interface Case {
  dataset: string;
  call: string;
  yi: number[];
  vi: number[];
  method: ModelMethod;
  test: ModelTest;
  estimator: TrimFillEstimator;
  k0: number;
  se_k0: number;
  side: string;
  refit_test: string;
  beta: number;
  se: number;
  zval: number;
  pval: number;
  ci_lb: number;
  ci_ub: number;
  tau2: number;
  QE: number;
  QEp: number;
}
const doc = JSON.parse(readFileSync(new URL('../fixtures/metafor-bias/trimfill.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('trimAndFill(data, { estimator, test }) matches metafor trimfill()', () => {
  for (const c of doc.cases) {
    it(`${c.dataset}: ${c.call}`, () => {
      const r = trimAndFill({ effect: c.yi, variance: c.vi }, { estimator: c.estimator, method: c.method, test: c.test });
      const tol = c.method === 'REML' ? TOL.iterative : TOL.closedForm;
      same(r.k0, c.k0, 'k0');
      close(r.k0StandardError, c.se_k0, TOL.closedForm, 'se.k0');
      same(r.side, c.side, 'side');
      same(r.refitTest, c.refit_test, 'test');
      const m = r.model!;
      close(m.estimate, c.beta, tol, 'beta');
      close(m.standardError, c.se, tol, 'se');
      close(m.statistic, c.zval, tol, 'zval');
      close(m.pValue, c.pval, TOL.pValue, 'pval');
      close(m.ciLower, c.ci_lb, tol, 'ci.lb');
      close(m.ciUpper, c.ci_ub, tol, 'ci.ub');
      close(m.tau2, c.tau2, TOL.tau2, 'tau2');
      close(m.q, c.QE, tol, 'QE');
      close(m.qPValue, c.QEp, TOL.pValue, 'QEp');
    });
  }
});
