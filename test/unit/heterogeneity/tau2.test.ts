import { describe, expect, it } from 'vitest';
import { fixtureCases } from '../../helpers/fixtures.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';
import {
  TAU2_ESTIMATORS,
  TAU2_METHODS,
  bracketedRoot,
  generalisedQ,
  interceptSums,
  isTau2Method,
  maximumLikelihood,
  projectionSquareSum,
  restrictedMaximumLikelihood,
  empiricalBayes,
  pauleMandel,
  interceptModel,
} from '../../../src/heterogeneity/index.js';

// BCG vaccine trials, log risk ratios: metafor's escalc("RR") output in the dat.bcg fixture.
const bcg = fixtureCases('escalc').find(({ data, kase }) => data.dataset === 'dat.bcg' && kase.options.measure === 'RR')!.kase.expected!;
const yi = Float64Array.from(bcg.yi as number[]);
const vi = Float64Array.from(bcg.vi as number[]);

/** Σ_ij P_ij² a_i b_j with the k×k matrix P = W − w wᵀ/Σw, for checking the O(k) sums. */
function bruteForce(w: Float64Array, a: Float64Array | null, b: Float64Array | null): number {
  const k = w.length;
  let s1 = 0;
  for (const x of w) s1 += x;
  let out = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const p = (i === j ? w[i]! : 0) - (w[i]! * w[j]!) / s1;
      out += p * p * (a ? a[i]! : 1) * (b ? b[j]! : 1);
    }
  }
  return out;
}

describe('tau² registry', () => {
  it('TAU2_METHODS has one estimator each, named as metafor', () => {
    expect(Object.keys(TAU2_ESTIMATORS).sort()).toEqual([...TAU2_METHODS].sort());
    expect(isTau2Method('REML')).toBe(true);
    expect(isTau2Method('FE')).toBe(false);
  });

  it('every estimator leaves its input untouched and returns tau² ≥ 0', () => {
    const y = Float64Array.from(yi);
    const v = Float64Array.from(vi);
    const a = v.map((x) => 1 / x);
    for (const m of TAU2_METHODS) {
      const r = TAU2_ESTIMATORS[m](interceptModel(y, v, undefined, a));
      expect(r.tau2, m).toBeGreaterThanOrEqual(0);
      expect(r.converged, m).toBe(true);
    }
    expect(y).toEqual(yi);
    expect(v).toEqual(vi);
    expect(a).toEqual(v.map((x) => 1 / x));
  });

  it('GENQ with the inverse-variance weights 1/v is DerSimonian–Laird; with equal weights, Hedges', () => {
    const y = Float64Array.from(yi);
    const v = Float64Array.from(vi);
    const dl = TAU2_ESTIMATORS.DL(interceptModel(y, v));
    const genqDl = TAU2_ESTIMATORS.GENQ(
      interceptModel(
        y,
        v,
        undefined,
        v.map((x) => 1 / x),
      ),
    );
    expectClose(genqDl.tau2, dl.tau2, TOL.closedForm, 'tau2');
    expectClose(genqDl.standardError, dl.standardError, TOL.closedForm, 'se');
    const he = TAU2_ESTIMATORS.HE(interceptModel(y, v));
    expectClose(TAU2_ESTIMATORS.GENQ(interceptModel(y, v, undefined, new Float64Array(y.length).fill(1))).tau2, he.tau2, TOL.closedForm, 'HE');
  });

  it('GENQ and GENQM without user weights give NaN (metafor refuses them)', () => {
    for (const m of ['GENQ', 'GENQM'] as const) expect(TAU2_ESTIMATORS[m](interceptModel(Float64Array.from(yi), Float64Array.from(vi))).tau2, m).toBeNaN();
  });

  it('estimators return NaN (never throw) for k < 2', () => {
    for (const m of TAU2_METHODS.filter((x) => x !== 'EE'))
      expect(TAU2_ESTIMATORS[m](interceptModel(Float64Array.of(1), Float64Array.of(1), undefined, Float64Array.of(1))).tau2, m).toBeNaN();
  });
});

describe('interceptSums()', () => {
  it('traces equal the k×k matrix algebra, also with variances over 12 orders of magnitude', () => {
    for (const v of [vi, Float64Array.from([1e-8, 1e4, 0.5, 2e-6, 30, 1e-8])]) {
      const y = Float64Array.from(v, (_, i) => Math.sin(i + 1));
      for (const tau2 of [0, 0.3]) {
        const s = interceptSums(y, v, tau2);
        const w = Float64Array.from(v, (x) => 1 / (x + tau2));
        expect(s.tracePP / bruteForce(w, null, null)).toBeCloseTo(1, 9);
        const s1 = w.reduce((a, b) => a + b, 0);
        expect(s.traceP / (s1 - w.reduce((a, b) => a + b * b, 0) / s1)).toBeCloseTo(1, 9);
        expect(projectionSquareSum(w, v, v) / bruteForce(w, v, v)).toBeCloseTo(1, 9);
        expect(projectionSquareSum(w, null, v) / bruteForce(w, null, v)).toBeCloseTo(1, 9);
      }
    }
  });

  it('generalisedQ() agrees with interceptSums() and gives dQ/dtau²', () => {
    const g = generalisedQ(yi, vi, 0.2);
    expect(g.q).toBeCloseTo(interceptSums(yi, vi, 0.2).q, 12);
    const h = 1e-6;
    const numeric = (generalisedQ(yi, vi, 0.2 + h).q - generalisedQ(yi, vi, 0.2 - h).q) / (2 * h);
    expect(g.derivative / numeric).toBeCloseTo(1, 6);
  });
});

describe('iterative estimators', () => {
  it('the bracketed fallback finds the same root when Fisher scoring is cut short', () => {
    for (const f of [maximumLikelihood, restrictedMaximumLikelihood, empiricalBayes]) {
      const full = f(interceptModel(yi, vi));
      const cut = f(interceptModel(yi, vi), { maxIterations: 1 });
      expect(cut.converged).toBe(true);
      expect(cut.warnings.map((w) => w.code)).toContain('fisher_scoring_fallback');
      expect(cut.tau2 / full.tau2).toBeCloseTo(1, 10);
    }
  });

  it('a warm start (control.tau2Start) converges to the same estimate in fewer steps', () => {
    const cold = restrictedMaximumLikelihood(interceptModel(yi, vi));
    const warm = restrictedMaximumLikelihood(interceptModel(yi, vi), { tau2Start: cold.tau2 });
    expect(warm.tau2 / cold.tau2).toBeCloseTo(1, 11);
    expect(warm.iterations).toBeLessThan(cold.iterations);
  });

  it('EB and PM solve the same equation Q(tau²) = k − 1', () => {
    const eb = empiricalBayes(interceptModel(yi, vi));
    const pm = pauleMandel(interceptModel(yi, vi));
    expect(eb.tau2 / pm.tau2).toBeCloseTo(1, 10);
    expect(generalisedQ(yi, vi, pm.tau2).q).toBeCloseTo(yi.length - 1, 10);
  });

  it('tau² is exactly 0 at the boundary (Q below its expectation)', () => {
    const y = Float64Array.of(0.1, 0.12, 0.09, 0.11, 0.105);
    const v = Float64Array.of(0.01, 0.02, 0.015, 0.03, 0.025);
    for (const m of ['ML', 'REML', 'EB', 'PM', 'DL', 'HE', 'HS'] as const) expect(TAU2_ESTIMATORS[m](interceptModel(y, v)).tau2, m).toBe(0);
  });
});

describe('bracketedRoot()', () => {
  it('bracketedRoot(x² − 2, [0, 2]) converges to √2', () => {
    const r = bracketedRoot((x) => x * x - 2, 0, 2, -2, 2, 1e-15);
    expect(r.converged).toBe(true);
    expect(r.root).toBeCloseTo(Math.SQRT2, 15);
  });
  it('returns NaN without a sign change', () => {
    expect(bracketedRoot((x) => x * x + 1, 0, 2, 1, 5, 1e-12).root).toBeNaN();
  });
});
