// Fixed selection parameters (metafor selmodel's `delta`): the option's checks, and identities a
// fixed δ must satisfy whatever the data (SYNTHETIC effects below, made up for these identities).
import { describe, expect, it } from 'vitest';
import { checkFixedDelta, checkZeroWeights } from '../../../src/selection/fixedDelta.js';
import { selectionModel } from '../../../src/selection/index.js';
import { expectClose, TOL } from '../../helpers/tolerance.js';

const yi = [0.62, 0.1, 0.95, -0.25, 0.31, 1.1, 0.22, -0.15, 0.7, 0.12, 0.55, 0.02];
const vi = [0.04, 0.01, 0.09, 0.02, 0.03, 0.12, 0.015, 0.05, 0.06, 0.025, 0.05, 0.03];
const table = { effect: yi, variance: vi, study: yi.map((_, i) => `SYNTHETIC ${i + 1}`) };

describe('checkFixedDelta(delta, type, count)', () => {
  it('keeps the given values, estimates nulls, fixes stepfun’s first at 1 when not given', () => {
    expect(checkFixedDelta(undefined, 'stepfun', 3)).toEqual([1, null, null]);
    expect(checkFixedDelta([null, 0.5, null], 'stepfun', 3)).toEqual([1, 0.5, null]);
    expect(checkFixedDelta([0.8, null, 0.5], 'stepfun', 3)).toEqual([0.8, null, 0.5]);
    expect(checkFixedDelta(undefined, 'beta', 2)).toEqual([null, null]);
  });
  it('recycles a single value to every δ, as metafor does', () => {
    expect(checkFixedDelta([0.5], 'stepfun', 3)).toEqual([0.5, 0.5, 0.5]);
    expect(checkFixedDelta([2], 'negexp', 1)).toEqual([2]);
  });
  it('refuses a wrong length, a negative or non-finite value, and 0 for beta (metafor: must be > 0)', () => {
    expect(() => checkFixedDelta([1, 0.5], 'stepfun', 3)).toThrow(/delta must give 3 values .*received 2: 1,0\.5/);
    expect(() => checkFixedDelta([1, -0.1, null], 'stepfun', 3)).toThrow(/delta\[2\] \(-0\.1\) must be a finite number >= 0/);
    expect(() => checkFixedDelta([Number.POSITIVE_INFINITY, null], 'beta', 2)).toThrow(/delta\[1\] \(Infinity\)/);
    expect(() => checkFixedDelta([0, null], 'beta', 2)).toThrow(/delta\[1\] \(0\) must be a finite number > 0/);
    expect(checkFixedDelta([0, null], 'negexppow', 2)).toEqual([0, null]);
  });
  it('checkZeroWeights: a stepfun weight of 0 is refused on an interval with studies, allowed on an empty one', () => {
    const counts = [
      { lower: 0, upper: 0.025, k: 3 },
      { lower: 0.025, upper: 0.5, k: 0 },
      { lower: 0.5, upper: 1, k: 4 },
    ];
    expect(() => checkZeroWeights([1, 0, null], counts, 'stepfun')).not.toThrow();
    expect(() => checkZeroWeights([1, null, 0], counts, 'stepfun')).toThrow(/delta\[3\] is fixed at 0, but 4 studies have their p-value in 0\.5 < p <= 1/);
  });
});

describe('selectionModel(data, { delta })', () => {
  it('beta with δ = (1, 1) is the model without selection: ℓ equals the ML ℓ (w ≡ 1), LRT 0 on 0 df', () => {
    const r = selectionModel(table, { type: 'beta', delta: [1, 1] });
    expectClose(r.logLik, r.logLikNoSelection, TOL.iterative, 'logLik');
    expect(r.lrt.df).toBe(0);
    expect(r.lrt.pValue).toBeNull();
    expect(r.delta.map((d) => [d.fixed, d.standardError, d.ciLower])).toEqual([
      [true, null, null],
      [true, null, null],
    ]);
    expect(r.coefficients[0]!.standardError).toBeGreaterThan(0);
  });

  it('negexppow with δ2 fixed at 1 is negexp: the same fit (the weight exp(−δ1(p − s)) in both)', () => {
    const pow = selectionModel(table, { type: 'negexppow', delta: [null, 1] });
    const exp = selectionModel(table, { type: 'negexp' });
    // Both are maxima of the same likelihood found by the same optimiser to a gradient of 1e-8.
    expectClose(pow.coefficients[0]!.estimate, exp.coefficients[0]!.estimate, TOL.iterative, 'estimate');
    expectClose(pow.coefficients[0]!.standardError, exp.coefficients[0]!.standardError, TOL.iterative, 'se');
    expectClose(pow.tau2, exp.tau2, TOL.tau2, 'tau2');
    expectClose(pow.delta[0]!.estimate, exp.delta[0]!.estimate, TOL.iterative, 'delta1');
    expectClose(pow.delta[0]!.standardError, exp.delta[0]!.standardError, TOL.iterative, 'se.delta1');
    expectClose(pow.logLik, exp.logLik, TOL.iterative, 'logLik');
    expect(pow.lrt.df).toBe(1);
    expect(pow.delta[1]).toEqual({ estimate: 1, standardError: null, ciLower: null, ciUpper: null, fixed: true });
  });

  it('stepfun with every weight equal is the model without selection; a δ fixed at its estimate reproduces the fit', () => {
    const flat = selectionModel(table, { type: 'stepfun', steps: [0.05, 0.5, 1], delta: [0.7] });
    expectClose(flat.logLik, flat.logLikNoSelection, TOL.iterative, 'logLik');
    const free = selectionModel(table, { type: 'stepfun', steps: [0.05, 1] });
    const pinned = selectionModel(table, { type: 'stepfun', steps: [0.05, 1], delta: [1, free.delta[1]!.estimate] });
    expectClose(pinned.coefficients[0]!.estimate, free.coefficients[0]!.estimate, TOL.iterative, 'estimate');
    expectClose(pinned.tau2, free.tau2, TOL.tau2, 'tau2');
    expectClose(pinned.logLik, free.logLik, TOL.iterative, 'logLik');
    expect(pinned.lrt.df).toBe(0);
  });

  it('an empty interval is allowed when its δ is fixed, refused when it is estimated', () => {
    const steps = [0.001, 0.0011, 1];
    expect(() => selectionModel(table, { type: 'stepfun', steps })).toThrow(/no observed p-value lies in 0\.001 < p <= 0\.0011/);
    const r = selectionModel(table, { type: 'stepfun', steps, delta: [1, 0.5, null] });
    expect(r.intervalCounts!.map((c) => c.k)).toEqual([expect.any(Number), 0, expect.any(Number)]);
    expect(r.converged).toBe(true);
  });

  it('negexppow with δ2 = 0 (allowed by metafor’s bounds, where its fit fails): a clear error', () => {
    expect(() => selectionModel(table, { type: 'negexppow', delta: [null, 0] })).toThrow(/log-likelihood is not finite with delta fixed at NA,0/);
  });

  it('does not mutate the caller’s delta', () => {
    const delta = [null, 0.5, null];
    selectionModel(table, { type: 'stepfun', steps: [0.05, 0.5, 1], delta });
    expect(delta).toEqual([null, 0.5, null]);
  });
});
