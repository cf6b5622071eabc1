// harbordTest() and petersTest() against base-R computations written out from the papers
// (Harbord, Egger & Sterne 2006; Peters et al. 2006), cross-checked in the generator against
// metafor 3.8-1 regtest(model = "lm") (test/fixtures/metafor-bias/binary.json, generate-binary.R).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { harbordTest, petersTest } from '../../src/bias/index.js';
import { TOL, figureCounter } from '../helpers/tolerance.js';

const { close, same } = figureCounter('binary small-study tests reference');

interface Case {
  dataset: string;
  study: string[];
  ai: number[];
  bi: number[];
  ci: number[];
  di: number[];
  yi: number[];
  harbord: { k: number; bias: number; se: number; t: number; pval: number; df: number; ci_lb: number; ci_ub: number; Z: number[]; V: number[] };
  peters: {
    k: number;
    slope: number;
    slope_se: number;
    t: number;
    pval: number;
    df: number;
    intercept: number;
    intercept_se: number;
    intercept_ci_lb: number;
    intercept_ci_ub: number;
  };
}
const doc = JSON.parse(readFileSync(new URL('../fixtures/metafor-bias/binary.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('harbordTest(counts) matches lm(Z/√V ~ √V)', () => {
  for (const c of doc.cases) {
    it(`${c.dataset}`, () => {
      const r = harbordTest({ ai: c.ai, bi: c.bi, ci: c.ci, di: c.di, study: c.study });
      same(r.k, c.harbord.k, 'k');
      same(r.df, c.harbord.df, 'df');
      r.score.forEach((z, i) => {
        close(z, c.harbord.Z[i], TOL.closedForm, `Z[${i}]`);
      });
      r.scoreVariance.forEach((v, i) => {
        close(v, c.harbord.V[i], TOL.closedForm, `V[${i}]`);
      });
      close(r.bias, c.harbord.bias, TOL.closedForm, 'bias');
      close(r.biasStandardError, c.harbord.se, TOL.closedForm, 'se');
      close(r.statistic, c.harbord.t, TOL.closedForm, 't');
      close(r.pValue, c.harbord.pval, TOL.pValue, 'pval');
      close(r.ciLower, c.harbord.ci_lb, TOL.closedForm, 'ci.lb');
      close(r.ciUpper, c.harbord.ci_ub, TOL.closedForm, 'ci.ub');
      expect(r.warnings.some((w) => w.code === 'studies_excluded')).toBe(c.harbord.k < c.ai.length);
    });
  }
});

describe('petersTest(counts with log odds ratios) matches lm(yi ~ I(1/N), weights = 1/(1/m1 + 1/m2))', () => {
  for (const c of doc.cases) {
    it(`${c.dataset}`, () => {
      const r = petersTest({ ai: c.ai, bi: c.bi, ci: c.ci, di: c.di, effect: c.yi, study: c.study });
      same(r.k, c.peters.k, 'k');
      same(r.df, c.peters.df, 'df');
      close(r.slope.estimate, c.peters.slope, TOL.closedForm, 'slope');
      close(r.slope.standardError, c.peters.slope_se, TOL.closedForm, 'slope se');
      close(r.statistic, c.peters.t, TOL.closedForm, 't');
      close(r.pValue, c.peters.pval, TOL.pValue, 'pval');
      close(r.intercept.estimate, c.peters.intercept, TOL.closedForm, 'intercept');
      close(r.intercept.standardError, c.peters.intercept_se, TOL.closedForm, 'intercept se');
      close(r.intercept.ciLower, c.peters.intercept_ci_lb, TOL.closedForm, 'intercept ci.lb');
      close(r.intercept.ciUpper, c.peters.intercept_ci_ub, TOL.closedForm, 'intercept ci.ub');
    });
  }
});

describe('binary small-study tests: bad input', () => {
  it('a negative count names the study, field and value', () => {
    expect(() => harbordTest({ ai: [1, 2, -3], bi: [5, 6, 7], ci: [1, 1, 1], di: [5, 5, 5] })).toThrow(
      /study 3 \("Study 3"\): ai \(-3\) must be a non-negative count/,
    );
  });
  it('Peters on a table whose measure is not OR is refused', () => {
    const studies = [1, 2, 3].map((i) => ({
      study: `S${i}`,
      effect: 0.1 * i,
      variance: 0.1,
      standardError: Math.sqrt(0.1),
      moderators: {},
      counts: { ai: i, bi: 10, ci: 2, di: 10 },
    }));
    expect(() => petersTest({ measure: 'RR', studies } as never)).toThrow(/measure is RR/);
  });
});
