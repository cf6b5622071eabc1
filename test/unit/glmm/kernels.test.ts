import { describe, expect, it } from 'vitest';
import { conditionalMoments, conditionalTable } from '../../../src/glmm/noncentralHypergeometric.js';
import { integrateVector } from '../../../src/glmm/gaussKronrod.js';
import { cmelScoreHessian } from '../../../src/glmm/conditionalFit.js';
import { marginalMoments } from '../../../src/glmm/marginalLikelihood.js';
import { studyMaximum } from '../../../src/glmm/saturatedModel.js';
import { gaussHermite } from '../../../src/glmm/gaussHermite.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';

/** Brute force: the non-central hypergeometric pmf from its definition, term by term. */
function bruteForce(a: number, b: number, c: number, d: number, theta: number) {
  const choose = (n: number, k: number) => {
    let r = 1;
    for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
    return r;
  };
  const m1 = a + b,
    m2 = c + d,
    n = a + c;
  const ys: number[] = [];
  for (let y = Math.max(0, n - m2); y <= Math.min(n, m1); y++) ys.push(y);
  const w = ys.map((y) => choose(m1, y) * choose(m2, n - y) * Math.exp(theta * y));
  const s = w.reduce((p, q) => p + q, 0);
  const mean = ys.reduce((p, y, i) => p + (y * (w[i] as number)) / s, 0);
  const variance = ys.reduce((p, y, i) => p + ((y - mean) ** 2 * (w[i] as number)) / s, 0);
  return { density: (w[ys.indexOf(a)] as number) / s, mean, variance };
}

describe('conditionalMoments(conditionalTable(ai, bi, ci, di), θ)', () => {
  for (const [a, b, c, d, theta] of [
    [3, 7, 1, 9, 0],
    [2, 30, 5, 25, 0.7],
    [0, 40, 4, 36, -1.2],
    [6, 4, 5, 5, 2.5],
  ] as const) {
    it(`(${a}, ${b}, ${c}, ${d}) at θ = ${theta} equals the pmf, mean and variance summed from the definition`, () => {
      const m = conditionalMoments(conditionalTable(a, b, c, d), theta);
      const ref = bruteForce(a, b, c, d, theta);
      expectClose(Math.exp(m.logDensity), ref.density, TOL.closedForm, 'density');
      expectClose(m.mean, ref.mean, TOL.closedForm, 'mean');
      expectClose(m.variance, ref.variance, TOL.closedForm, 'variance');
    });
  }
  it('stays finite at |θ| = 700 (log-space sums)', () => {
    const t = conditionalTable(5, 995, 7, 993);
    for (const theta of [-700, 700]) expect(Number.isFinite(conditionalMoments(t, theta).logDensity)).toBe(true);
  });
  it('at θ = 0 is the central hypergeometric mean n·m1/(m1 + m2)', () => {
    expectClose(conditionalMoments(conditionalTable(2, 30, 5, 25), 0).mean, (7 * 32) / 62, TOL.closedForm, 'mean');
  });
});

describe('integrateVector(f, a, b, m)', () => {
  it('∫ exp(−t²) over [−9, 9] = √π and ∫ t² exp(−t²) = √π/2', () => {
    const r = integrateVector(
      (t, o) => {
        o[0] = Math.exp(-t * t);
        o[1] = t * t * Math.exp(-t * t);
      },
      -9,
      9,
      2,
    );
    expectClose(r.value[0], Math.sqrt(Math.PI), TOL.closedForm, 'I0');
    expectClose(r.value[1], Math.sqrt(Math.PI) / 2, TOL.closedForm, 'I2');
    expect(r.converged).toBe(true);
  });
  it('resolves a narrow peak off-centre in a bracketing range: ∫ exp(−((t − 3)/0.01)²/2) over [2.7, 3.2] = 0.01·√(2π)', () => {
    const r = integrateVector(
      (t, o) => {
        o[0] = Math.exp(-(((t - 3) / 0.01) ** 2) / 2);
      },
      2.7,
      3.2,
      1,
    );
    expectClose(r.value[0], 0.01 * Math.sqrt(2 * Math.PI), TOL.closedForm, 'I0');
  });
});

describe('marginalMoments(table, μ, τ²)', () => {
  it('tends to the conditional density as τ² → 0', () => {
    const t = conditionalTable(2, 30, 5, 25);
    expectClose(marginalMoments(t, -0.4, 1e-10).logL, conditionalMoments(t, -0.4).logDensity, { rel: 1e-8, abs: 1e-9 }, 'logL');
  });
});

describe('cmelScoreHessian(tables, μ, τ²)', () => {
  const tables = [conditionalTable(2, 98, 5, 95), conditionalTable(0, 50, 3, 47), conditionalTable(4, 116, 9, 109), conditionalTable(7, 60, 2, 70)];
  it('gradient and Hessian equal central differences of the log-likelihood (identity test)', () => {
    const mu = -0.6,
      s = 0.4,
      h = 1e-4;
    const f = (m: number, v: number) => cmelScoreHessian(tables, m, v);
    const c = f(mu, s);
    // Central differences have error O(h²) ≈ 1e-8 relative here; the check is at 1e-6.
    const fd = { rel: 1e-6, abs: 1e-8 };
    expectClose(c.gradient[0], (f(mu + h, s).ll - f(mu - h, s).ll) / (2 * h), fd, 'd/dμ');
    expectClose(c.gradient[1], (f(mu, s + h).ll - f(mu, s - h).ll) / (2 * h), fd, 'd/dτ²');
    expectClose(c.hessian[0], (f(mu + h, s).gradient[0] - f(mu - h, s).gradient[0]) / (2 * h), fd, 'd²/dμ²');
    expectClose(c.hessian[1], (f(mu, s + h).gradient[0] - f(mu, s - h).gradient[0]) / (2 * h), fd, 'd²/dμdτ²');
    expectClose(c.hessian[2], (f(mu, s + h).gradient[1] - f(mu, s - h).gradient[1]) / (2 * h), fd, 'd²/dτ²²');
  });
});

describe('studyMaximum(table)', () => {
  it('solves x = E(X; θ̂) inside the support and is infinite at its ends', () => {
    const t = conditionalTable(3, 27, 6, 24);
    const m = studyMaximum(t);
    expectClose(conditionalMoments(t, m.theta).mean, 3, TOL.closedForm, 'E X at the MLE');
    expect(studyMaximum(conditionalTable(0, 30, 4, 26))).toEqual({ theta: -Infinity, information: 0, logLik: 0 });
  });
});

describe('gaussHermite(n)', () => {
  it('integrates x^(2j) e^{-x²} exactly up to degree 2n − 1: n = 7 gives Γ(j + ½) for j = 0..6', () => {
    const { nodes, weights } = gaussHermite(7);
    expect(nodes).toHaveLength(7);
    const gammaHalf = [
      Math.sqrt(Math.PI),
      Math.sqrt(Math.PI) / 2,
      (3 * Math.sqrt(Math.PI)) / 4,
      (15 * Math.sqrt(Math.PI)) / 8,
      (105 * Math.sqrt(Math.PI)) / 16,
      (945 * Math.sqrt(Math.PI)) / 32,
      (10395 * Math.sqrt(Math.PI)) / 64,
    ];
    gammaHalf.forEach((g, j) => {
      expectClose(
        nodes.reduce((s, x, i) => s + (weights[i] as number) * x ** (2 * j), 0),
        g,
        TOL.closedForm,
        `moment ${2 * j}`,
      );
    });
  });
  it('n = 1 is the Laplace rule: node 0, weight √π', () => {
    expect(gaussHermite(1).nodes[0]).toBeCloseTo(0, 14);
    expectClose(gaussHermite(1).weights[0], Math.sqrt(Math.PI), TOL.closedForm, 'w');
  });
});
