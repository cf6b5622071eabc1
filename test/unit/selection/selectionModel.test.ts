// Selection-model kernels: the quadrature, the likelihood's identities and gradient, bad input.
import { describe, expect, it } from 'vitest';
import { adaptiveGaussKronrod } from '../../../src/selection/gaussKronrod.js';
import { selectionLogLikelihood } from '../../../src/selection/likelihood.js';
import { selectionModel, selectionWeight } from '../../../src/selection/index.js';
import { clampPValue, studyPValue } from '../../../src/selection/studyPValue.js';
import type { SelectionProblem } from '../../../src/selection/problem.js';
import type { SelectionType } from '../../../src/selection/vocabulary.js';

// SYNTHETIC effects and variances, made up for these identities.
const yi = Float64Array.of(0.42, 0.1, 0.65, -0.05, 0.31, 0.8, 0.22, 0.05, 0.5, 0.12);
const vi = Float64Array.of(0.04, 0.01, 0.09, 0.02, 0.03, 0.12, 0.015, 0.05, 0.06, 0.025);

function problem(type: SelectionType, steps: number[], pMin = 0): SelectionProblem {
  const pValues = Float64Array.from(yi, (y, i) => clampPValue(studyPValue(y, Math.sqrt(vi[i]!), 'greater'), pMin));
  const groups = Int32Array.from(pValues, (p) => steps.findIndex((s) => p <= s));
  return { type, alternative: 'greater', yi, vi, x: [new Float64Array(yi.length).fill(1)], steps, pMin, pValues, groups };
}

/** ML log-likelihood of the random-effects model without selection. */
function plainLogLik(mu: number, tau2: number): number {
  let ll = 0;
  for (let i = 0; i < yi.length; i++) ll += -0.5 * (Math.log(2 * Math.PI * (vi[i]! + tau2)) + (yi[i]! - mu) ** 2 / (vi[i]! + tau2));
  return ll;
}

describe('adaptiveGaussKronrod(f, points, m)', () => {
  it('∫ exp(−x²) over [−10, 10] = √π to 1e-13', () => {
    const r = adaptiveGaussKronrod(
      (x, o) => {
        o[0] = Math.exp(-x * x);
      },
      [-10, 0, 10],
      1,
      1e-13,
    );
    expect(Math.abs(r.value[0]! - Math.sqrt(Math.PI))).toBeLessThan(1e-13);
  });
});

describe('selectionLogLikelihood(problem, par, grad)', () => {
  it('with no selection (δ at the null) equals the plain ML log-likelihood', () => {
    const par = { beta: Float64Array.of(0.2), tau2: 0.03, delta: Float64Array.of(1, 1) };
    expect(selectionLogLikelihood(problem('stepfun', [0.025, 1]), par)).toBeCloseTo(plainLogLik(0.2, 0.03), 12);
    expect(selectionLogLikelihood(problem('beta', [0], 1e-5), par)).toBeCloseTo(plainLogLik(0.2, 0.03), 9);
    expect(selectionLogLikelihood(problem('negexp', [0]), { ...par, delta: Float64Array.of(0) })).toBeCloseTo(plainLogLik(0.2, 0.03), 9);
  });

  for (const [type, delta, pMin, steps] of [
    ['beta', [1.6, 0.8], 1e-5, [0]],
    ['halfnorm', [2], 0, [0]],
    ['logistic', [3], 0, [0.05, 1]],
    ['power', [0.7], 1e-5, [0]],
    ['negexppow', [2, 1.5], 0, [0]],
    ['stepfun', [1, 0.4, 0.7], 0, [0.025, 0.5, 1]],
  ] as const) {
    it(`${type}: the analytic gradient agrees with central differences`, () => {
      const pr = problem(type, [...steps], pMin);
      const th = [0.25, 0.02, ...delta];
      const ll = (t: number[]) => selectionLogLikelihood(pr, { beta: Float64Array.of(t[0]!), tau2: t[1]!, delta: Float64Array.from(t.slice(2)) });
      const g = { beta: new Float64Array(1), tau2: 0, delta: new Float64Array(delta.length) };
      selectionLogLikelihood(pr, { beta: Float64Array.of(th[0]!), tau2: th[1]!, delta: Float64Array.from(th.slice(2)) }, g);
      const analytic = [g.beta[0]!, g.tau2, ...g.delta];
      th.forEach((_, i) => {
        if (type === 'stepfun' && i === 2) return; // δ₁ is fixed at 1
        const h = 1e-6;
        const up = [...th];
        const down = [...th];
        up[i]! += h;
        down[i]! -= h;
        expect(Math.abs(analytic[i]! - (ll(up) - ll(down)) / (2 * h))).toBeLessThan(1e-5 * Math.max(1, Math.abs(analytic[i]!)));
      });
    });
  }
});

describe('selectionLogLikelihood(problem, par, grad, hess)', () => {
  // Two moderators (an intercept and a SYNTHETIC covariate) so that the β block and its mapping are exercised.
  const covariate = Float64Array.from(yi, (_, i) => (i % 3) - 1);
  for (const [type, delta, pMin, steps, alternative] of [
    ['beta', [1.6, 0.8], 1e-5, [0], 'greater'],
    ['halfnorm', [2], 0, [0], 'two.sided'],
    ['negexp', [1.3], 0, [0], 'less'],
    ['logistic', [3], 0, [0.05, 1], 'greater'],
    ['power', [0.7], 1e-5, [0], 'greater'],
    ['negexppow', [2, 1.5], 0, [0], 'greater'],
    ['negexppow', [1.2, 0.6], 0, [0.05, 1], 'two.sided'],
    ['stepfun', [1, 0.4, 0.7], 0, [0.025, 0.5, 1], 'greater'],
    ['stepfun', [1, 0.6], 0, [0.05, 1], 'two.sided'],
  ] as const) {
    it(`${type} (${alternative}): the analytic Hessian agrees with central differences of the analytic gradient`, () => {
      const base = problem(type, [...steps], pMin);
      const pValues = Float64Array.from(yi, (y, i) => clampPValue(studyPValue(y, Math.sqrt(vi[i]!), alternative), pMin));
      const groups = Int32Array.from(pValues, (p) => steps.findIndex((s) => p <= s));
      const pr: SelectionProblem = { ...base, alternative, pValues, groups, x: [new Float64Array(yi.length).fill(1), covariate] };
      const th = [0.25, -0.05, 0.02, ...delta];
      const unpack = (t: number[]) => ({ beta: Float64Array.of(t[0]!, t[1]!), tau2: t[2]!, delta: Float64Array.from(t.slice(3)) });
      const gradAt = (t: number[]) => {
        const g = { beta: new Float64Array(2), tau2: 0, delta: new Float64Array(delta.length) };
        selectionLogLikelihood(pr, unpack(t), g);
        return [...g.beta, g.tau2, ...g.delta];
      };
      const n = th.length;
      const g = { beta: new Float64Array(2), tau2: 0, delta: new Float64Array(delta.length) };
      const hess = new Float64Array(n * n);
      const ll = selectionLogLikelihood(pr, unpack(th), g, hess);
      expect(ll).toBeCloseTo(selectionLogLikelihood(pr, unpack(th)), 12);
      expect([...g.beta, g.tau2, ...g.delta].map((v, i) => v - gradAt(th)[i]!).every((d) => Math.abs(d) < 1e-10)).toBe(true);
      for (let i = 0; i < n; i++) {
        if (type === 'stepfun' && i === 3) continue; // δ₁ is fixed at 1
        const h = 1e-6 * Math.max(1, Math.abs(th[i]!));
        const up = [...th];
        const down = [...th];
        up[i]! += h;
        down[i]! -= h;
        const gu = gradAt(up);
        const gd = gradAt(down);
        for (let j = 0; j < n; j++) {
          if (type === 'stepfun' && j === 3) continue;
          const fd = (gu[j]! - gd[j]!) / (2 * h);
          expect(Math.abs(hess[i * n + j]! - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
        }
      }
    });
  }
});

describe('selectionModel(data, options)', () => {
  it('fewer studies than parameters: a clear error', () => {
    expect(() => selectionModel({ effect: [0.1, 0.5, 0.3], variance: [0.01, 0.02, 0.03] }, { type: 'beta' })).toThrow(
      /3 studies are too few to estimate 4 parameters/,
    );
  });
  it('an empty interval whose δ is estimated is an error, as metafor 3.8-1 stops (not warns)', () => {
    expect(() => selectionModel({ effect: [...yi], variance: [...vi] }, { type: 'stepfun', steps: [0.001, 0.002, 1] })).toThrow(
      /no observed p-value lies in 0.001 < p <= 0.002;/,
    );
    expect(() => selectionModel({ effect: [...yi], variance: [...vi] }, { type: 'negexp', steps: [0.001, 1] })).toThrow(
      /no observed p-value lies in 0 < p <= 0.001/,
    );
  });
  it('an empty first stepfun interval (δ fixed at 1) fits, with the warning empty_interval', () => {
    const r = selectionModel({ effect: [...yi], variance: [...vi] }, { type: 'stepfun', steps: [0.005, 0.5, 1] });
    expect(r.intervalCounts?.map((c) => c.k)).toEqual([0, 9, 1]);
    expect(r.warnings.map((w) => w.code)).toContain('empty_interval');
  });
  it('does not mutate its input', () => {
    const effect = [...yi];
    const variance = [...vi];
    selectionModel({ effect, variance }, { type: 'stepfun', steps: [0.025, 1], method: 'EE' });
    expect(effect).toEqual([...yi]);
    expect(variance).toEqual([...vi]);
  });
  it('selectionWeight: the step function is δ_j on the j-th interval; negexp is exp(−δp)', () => {
    expect(selectionWeight('stepfun', 0.3, [1, 0.5], [0.025, 1])).toBe(0.5);
    expect(selectionWeight('stepfun', 0.01, [1, 0.5], [0.025, 1])).toBe(1);
    expect(selectionWeight('negexp', 0.5, [2], null)).toBeCloseTo(Math.exp(-1), 15);
  });
});

describe('selectionModel(data, { method })', () => {
  it('an unknown method is an error naming it', () => {
    expect(() => selectionModel({ effect: [...yi], variance: [...vi] }, { type: 'stepfun', steps: [0.025, 1], method: 'XYZ' })).toThrow(
      /method must be .*received "XYZ"/,
    );
  });
});
