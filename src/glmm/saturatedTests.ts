import gammaln from '@stdlib/math-base-special-gammaln';
import { cholesky, choleskyInverse } from '../heterogeneity/wls/linalg.js';
import type { GlmmStudy } from './studyData.js';

/** (X'WX)⁻¹ for the rows of X with weights w (p small). */
function inverseCrossProduct(X: readonly (readonly number[])[], w: readonly number[]): Float64Array | null {
  const p = X[0]?.length ?? 0;
  const a = new Float64Array(p * p);
  X.forEach((x, i) => {
    for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) a[r * p + c] = (a[r * p + c] as number) + (w[i] as number) * (x[r] as number) * (x[c] as number);
  });
  const ch = cholesky(a, p);
  return ch.ok ? choleskyInverse(ch) : null;
}

/**
 * The weighted residual sum of squares Σ wᵢ(yᵢ − xᵢ'b̂)², b̂ the weighted least-squares fit: the
 * Wald statistic of the saturated model's study effects (metafor's QE.Wld for the unconditional and
 * single-row GLMMs: their MLEs are the studies' own logits or log ratios with inverse-information
 * weights). Studies with an infinite own estimate (a zero count) contribute their limit, 0.
 * @example weightedResidualSS([1, 2, 3], [1, 1, 1], [[1], [1], [1]]) // 2
 */
export function weightedResidualSS(y: readonly number[], w: readonly number[], X: readonly (readonly number[])[]): number {
  const keep = y.map((v, i) => Number.isFinite(v) && (w[i] as number) > 0);
  const ys = y.filter((_, i) => keep[i]);
  const ws = w.filter((_, i) => keep[i]);
  const Xs = X.filter((_, i) => keep[i]);
  if (ys.length <= (X[0]?.length ?? 0)) return 0;
  const inv = inverseCrossProduct(Xs, ws);
  if (inv === null) return 0;
  const p = X[0]?.length ?? 0;
  const xwy = new Array<number>(p).fill(0);
  Xs.forEach((x, i) => {
    x.forEach((v, r) => {
      xwy[r] = (xwy[r] as number) + (ws[i] as number) * v * (ys[i] as number);
    });
  });
  const b = xwy.map((_, r) => xwy.reduce((s, v, c) => s + (inv[r * p + c] as number) * v, 0));
  return ys.reduce((s, v, i) => s + (ws[i] as number) * (v - (Xs[i] as number[]).reduce((t, x, r) => t + x * (b[r] as number), 0)) ** 2, 0);
}

const binomialSaturated = (x: number, n: number): number =>
  gammaln(n + 1) - gammaln(x + 1) - gammaln(n - x + 1) + (x > 0 ? x * Math.log(x / n) : 0) + (n - x > 0 ? (n - x) * Math.log((n - x) / n) : 0);
const poissonSaturated = (x: number): number => (x > 0 ? x * Math.log(x) - x : 0) - gammaln(x + 1);

/**
 * A study's own estimate and inverse-variance weight in the saturated model (± ∞ and weight 0 at a
 * zero count), and its saturated log-likelihood: every count fitted exactly. `twoRow`: the
 * unconditional models (a log OR or log IRR from two binomial or Poisson arms); otherwise the
 * single-row model of the measure (PLO, IRLN, CM.AL's a of a + c, IRR CM.EL's x₁ of x₁ + x₂).
 * @example saturatedStudy({ study: 'A', measure: 'PLO', xi: 2, ni: 10 }, false).y // -1.386294
 */
export function saturatedStudy(s: GlmmStudy, twoRow: boolean): { y: number; w: number; logLik: number } {
  const logit = (x: number, n: number) => Math.log(x / (n - x));
  switch (s.measure) {
    case 'PLO':
      return { y: logit(s.xi, s.ni), w: s.xi > 0 && s.xi < s.ni ? 1 / (1 / s.xi + 1 / (s.ni - s.xi)) : 0, logLik: binomialSaturated(s.xi, s.ni) };
    case 'IRLN':
      return { y: Math.log(s.xi / s.ti), w: s.xi, logLik: poissonSaturated(s.xi) };
    case 'OR': {
      if (twoRow) {
        const ok = s.ai > 0 && s.bi > 0 && s.ci > 0 && s.di > 0;
        return {
          y: ok ? Math.log((s.ai * s.di) / (s.bi * s.ci)) : NaN,
          w: ok ? 1 / (1 / s.ai + 1 / s.bi + 1 / s.ci + 1 / s.di) : 0,
          logLik: binomialSaturated(s.ai, s.ai + s.bi) + binomialSaturated(s.ci, s.ci + s.di),
        };
      }
      const n = s.ai + s.ci;
      return {
        y: logit(s.ai, n) - Math.log((s.ai + s.bi) / (s.ci + s.di)),
        w: s.ai > 0 && s.ci > 0 ? 1 / (1 / s.ai + 1 / s.ci) : 0,
        logLik: binomialSaturated(s.ai, n),
      };
    }
    case 'IRR': {
      if (twoRow) {
        const ok = s.x1i > 0 && s.x2i > 0;
        return {
          y: ok ? Math.log(s.x1i / s.t1i / (s.x2i / s.t2i)) : NaN,
          w: ok ? 1 / (1 / s.x1i + 1 / s.x2i) : 0,
          logLik: poissonSaturated(s.x1i) + poissonSaturated(s.x2i),
        };
      }
      const n = s.x1i + s.x2i;
      return { y: logit(s.x1i, n) - Math.log(s.t1i / s.t2i), w: s.x1i > 0 && s.x2i > 0 ? 1 / (1 / s.x1i + 1 / s.x2i) : 0, logLik: binomialSaturated(s.x1i, n) };
    }
  }
}

/**
 * metafor's heterogeneity tests against the saturated model (QE.Wld, QE.LRT, df = k − p) for the
 * models whose saturated fit has a closed form (UM.FS, CM.AL, IRR's CM.EL, PLO, IRLN).
 * @example saturatedModelTests([{ study: 'A', measure: 'PLO', xi: 2, ni: 10 }, { study: 'B', measure: 'PLO', xi: 5, ni: 10 }], [[1], [1]], false, -3.5).df // 1
 */
export function saturatedModelTests(
  studies: readonly GlmmStudy[],
  X: readonly (readonly number[])[],
  twoRow: boolean,
  equalEffectsLogLik: number,
): { wald: number; lrt: number; df: number } {
  const sat = studies.map((s) => saturatedStudy(s, twoRow));
  const wald = weightedResidualSS(
    sat.map((s) => s.y),
    sat.map((s) => s.w),
    X,
  );
  const llSat = sat.reduce((s, v) => s + v.logLik, 0);
  return { wald, lrt: Math.max(0, 2 * (llSat - equalEffectsLogLik)), df: studies.length - (X[0]?.length ?? 1) };
}

/**
 * The typical within-study variance of metafor's I² and H² for GLMMs (i2def "1"): vt = (k − p)/tr(P),
 * P = W − WX(X'WX)⁻¹X'W, W = diag(1/vᵢ).
 * @example typicalVarianceOf([0.5, 0.25], [[1], [1]]) // 0.375
 */
export function typicalVarianceOf(v: readonly number[], X: readonly (readonly number[])[]): number {
  const w = v.map((x) => 1 / x);
  const p = X[0]?.length ?? 1;
  const inv = inverseCrossProduct(X, w);
  if (inv === null) return NaN;
  // tr(P) = Σw − tr((X'WX)⁻¹ X'W²X)
  let tr = w.reduce((s, x) => s + x, 0);
  X.forEach((x, i) => {
    let quad = 0;
    for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) quad += (x[r] as number) * (inv[r * p + c] as number) * (x[c] as number);
    tr -= (w[i] as number) ** 2 * quad;
  });
  return (v.length - p) / tr;
}
