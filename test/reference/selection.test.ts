// Selection models against metafor 3.8-1 `selmodel` (test/fixtures/metafor-bias/selection.json,
// made by generate-bias.R; the exact R call is in each case's `call`). Each case holds metafor's
// default fit and a tight maximisation of the same likelihood in R (`reference`): metafor's
// defaults integrate to rel.tol 1.2e-4 and stop optim at reltol 1e-8, so its figures can be off
// the maximum by more than 1e-6; the reference is where the maximum is, and metasynth must be there.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { selectionModel, type SelectionType } from '../../src/selection/index.js';
import { TOL, figureCounter, type Tolerance } from '../helpers/tolerance.js';

const { close, same } = figureCounter('selection reference');

/** Optimiser outputs at 1e-5: both sides maximise a likelihood whose integrals are numerical (R's integrate at 1e-11, Gauss–Kronrod at 1e-10) and take SEs from a Richardson Hessian of it; 1e-5 is what the issue allows for optimiser outputs. */
const OPTIMISER: Tolerance = { rel: 1e-5, abs: 1e-7 };
/** Log-likelihoods are function values at the optimum, second-order in the parameters' error. */
const LOGLIK: Tolerance = TOL.iterative;

interface Case {
  id: string;
  dataset: string;
  type: SelectionType;
  alternative: 'greater' | 'less' | 'two.sided';
  steps: number[] | null;
  /** metafor's `delta` argument (null entries estimated), absent when not given. */
  delta?: (number | null)[] | null;
  method: string;
  mods: string | string[] | null;
  call: string;
  error?: string;
  data?: { yi: number[]; vi: number[]; X: number[][] };
  metafor?: Record<string, unknown> & { ptable: number[] | null; LRTdf: number };
  reference?: {
    beta: number[];
    se: (number | null)[];
    tau2: number;
    se_tau2: number | null;
    delta: number[];
    se_delta: (number | null)[];
    ll: number;
    ll0: number;
    ll_tau2_0: number | null;
  };
}
const doc = JSON.parse(readFileSync(new URL('../fixtures/metafor-bias/selection.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** jsonlite writes a one-element vector as a scalar. */
const modsOf = (c: Case): string[] => (c.mods === null ? [] : ([] as string[]).concat(c.mods));

/** The options of a case as selectionModel takes them. */
function optionsOf(c: Case) {
  return {
    type: c.type,
    alternative: c.alternative,
    ...(c.steps ? { steps: c.steps } : {}),
    ...(c.delta ? { delta: c.delta } : {}),
    method: c.method,
    ...(c.mods ? { mods: modsOf(c) } : {}),
  };
}

function table(c: Case) {
  const d = c.data!;
  return {
    measure: 'GEN' as const,
    studies: d.yi.map((y, i) => ({
      study: `Study ${i + 1}`,
      effect: y,
      variance: d.vi[i]!,
      moderators: Object.fromEntries(modsOf(c).map((m, j) => [m, d.X[j + 1]![i]!])),
    })),
  };
}

describe('selectionModel(data, options) matches the maximum of metafor selmodel()', () => {
  for (const c of doc.cases.filter((x) => !x.error)) {
    it(`${c.id}: ${c.call}`, () => {
      const r = selectionModel(table(c) as never, optionsOf(c));
      const x = c.reference!;
      expect(r.converged).toBe(true);
      r.coefficients.forEach((b, j) => {
        close(b.estimate, x.beta[j], OPTIMISER, `beta[${j}]`);
        close(b.standardError, x.se[j], OPTIMISER, `se[${j}]`);
      });
      close(r.tau2, x.tau2, OPTIMISER, 'tau2');
      close(r.tau2StandardError, x.se_tau2, OPTIMISER, 'se.tau2');
      r.delta.forEach((d, j) => {
        close(d.estimate, x.delta[j], OPTIMISER, `delta[${j}]`);
        close(d.standardError, x.se_delta[j], OPTIMISER, `se.delta[${j}]`);
      });
      close(r.logLik, x.ll, LOGLIK, 'll');
      close(r.logLikNoSelection, x.ll0, TOL.iterative, 'll0');
      close(r.lrt.statistic, Math.max(0, 2 * (x.ll - x.ll0)), { rel: 1e-5, abs: 1e-6 }, 'LRT');
      same(r.lrt.df, c.metafor!.LRTdf, 'LRTdf');
      if (c.metafor!.LRTdf === 0) same(r.lrt.pValue, null, 'LRTp (NA: no δ estimated)');
      if (c.metafor!.delta_fix)
        same(
          r.delta.map((d) => d.fixed),
          ([] as boolean[]).concat(c.metafor!.delta_fix as boolean | boolean[]),
          'delta.fix',
        );
      if (x.ll_tau2_0 !== null) close(r.lrtTau2!.statistic, Math.max(0, 2 * (x.ll - x.ll_tau2_0)), { rel: 1e-5, abs: 1e-6 }, 'LRT.tau2');
      if (c.metafor!.ptable)
        same(
          r.intervalCounts!.map((i) => i.k),
          c.metafor!.ptable,
          'ptable',
        );
      // metafor's own default fit never beats the maximum found (up to its integration error).
      expect(Number(c.metafor!.ll)).toBeLessThanOrEqual(r.logLik + 1e-3);
    });
  }
});

const errorCases = doc.cases.filter((x) => x.error);
if (errorCases.length > 0) {
  describe('selectionModel() stops where metafor stops', () => {
    for (const c of errorCases) {
      it(`${c.id}: ${c.call} → error (metafor: ${c.error})`, () => {
        expect(() => selectionModel(table(c) as never, optionsOf(c))).toThrow(/no observed p-value|too few|is fixed at 0/);
      });
    }
  });
}
