// henmiCopas() and excessSignificance() against metafor 3.8-1 hc() and tes()
// (test/fixtures/metafor-bias/hc-tes.json from generate-hc-tes.R; the R call is in `call`).
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { excessSignificance, henmiCopas, type TesAlternative, type TesTest } from '../../src/bias/index.js';
import { TOL, figureCounter, type Tolerance } from '../helpers/tolerance.js';

const { close, same } = figureCounter('hc/tes reference');
/** The interval's half-width is the root of an integral equation: both sides solve it to ~1e-12, the integrals to ~1e-10 or better. */
const ROOT: Tolerance = { rel: 1e-6, abs: 1e-9 };

interface HcCase {
  dataset: string;
  call: string;
  yi: number[];
  vi: number[];
  beta: number;
  se: number;
  ci_lb: number;
  ci_ub: number;
  tau2: number;
}
interface TesCase {
  dataset: string;
  call: string;
  yi: number[];
  vi: number[];
  theta: number;
  tau2: number;
  test: TesTest;
  alternative: TesAlternative;
  tes_alternative: TesAlternative;
  O: number;
  E: number;
  X2: number | null;
  pval: number;
  power: number[];
}
const doc = JSON.parse(readFileSync(new URL('../fixtures/metafor-bias/hc-tes.json', import.meta.url), 'utf8')) as { hc: HcCase[]; tes: TesCase[] };

describe('henmiCopas(data) matches metafor hc()', () => {
  for (const c of doc.hc) {
    it(`${c.dataset}: ${c.call}`, () => {
      const r = henmiCopas({ effect: c.yi, variance: c.vi });
      close(r.estimate, c.beta, TOL.closedForm, 'beta');
      close(r.standardError, c.se, TOL.closedForm, 'se');
      close(r.tau2, c.tau2, TOL.closedForm, 'tau2');
      close(r.ciLower, c.ci_lb, ROOT, 'ci.lb');
      close(r.ciUpper, c.ci_ub, ROOT, 'ci.ub');
    });
  }
});

describe('excessSignificance(data, options) matches metafor tes()', () => {
  for (const c of doc.tes) {
    it(`${c.dataset}: ${c.call}`, () => {
      const r = excessSignificance(
        { effect: c.yi, variance: c.vi },
        { theta: c.theta, tau2: c.tau2, test: c.test, alternative: c.alternative, tesAlternative: c.tes_alternative },
      );
      same(r.observed, c.O, 'O');
      // τ² > 0: power is an integral (1e-10 in R, 1e-13 here).
      const tol = c.tau2 > 0 ? TOL.iterative : TOL.closedForm;
      close(r.expected, c.E, tol, 'E');
      r.power.forEach((p, i) => {
        close(p, c.power[i], tol, `power[${i}]`);
      });
      close(r.statistic, c.X2, tol, 'X2');
      close(r.pValue, c.pval, TOL.pValue, 'pval');
    });
  }
});
