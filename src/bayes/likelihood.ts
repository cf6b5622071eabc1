// The normal–normal hierarchical model y_i ~ N(θ_i, σ_i²), θ_i ~ N(μ, τ²), with μ integrated out
// analytically (Röver 2020, J Stat Softw 93(6), Section 2.4 and Appendix C): given τ, the
// posterior of μ is normal and the marginal likelihood p(y | τ) has a closed form.

/** The prior for the overall effect μ: normal, or the improper uniform on the real line. */
export type MuPrior = { readonly type: 'normal'; readonly mean: number; readonly sd: number } | { readonly type: 'uniform' };

/** Effects y_i and their sampling variances σ_i². */
export interface NormalData {
  readonly y: readonly number[];
  readonly v: readonly number[];
}

/** The conditional posterior μ | τ, y ~ N(mean, variance) and log p(y | τ). */
export interface ConditionalMu {
  readonly mean: number;
  readonly variance: number;
  /** log p(y | τ) with every constant (relative to p(μ) ≡ 1 under the improper uniform prior). */
  readonly logMarginal: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * μ | τ, y and log p(y | τ): with w_i = 1/(σ_i² + τ²) and the normal prior read as one more
 * observation m with variance s², μ | τ, y ~ N(Σw y / W, 1/W), and
 * log p(y | τ) = −(k/2) log 2π + ½ Σ log w_i − log s − ½ log W − ½ Q (flat prior: without the
 * prior's terms and with (k − 1)/2), Q the weighted residual sum of squares about the mean.
 * @example conditionalMu({ y: [0], v: [1] }, 0, { type: 'normal', mean: 0, sd: 1 }).variance // 0.5
 */
export function conditionalMu(data: NormalData, tau: number, muPrior: MuPrior): ConditionalMu {
  const { y, v } = data;
  const t2 = tau * tau;
  let sw = 0;
  let swy = 0;
  let sumLogW = 0;
  for (let i = 0; i < y.length; i++) {
    const w = 1 / (v[i]! + t2);
    sw += w;
    swy += w * y[i]!;
    sumLogW += Math.log(w);
  }
  const normal = muPrior.type === 'normal';
  const p0 = normal ? 1 / (muPrior.sd * muPrior.sd) : 0;
  const W = sw + p0;
  const mean = (swy + (normal ? p0 * muPrior.mean : 0)) / W;
  let q = normal ? p0 * (muPrior.mean - mean) ** 2 : 0;
  for (let i = 0; i < y.length; i++) q += (y[i]! - mean) ** 2 / (v[i]! + t2);
  const n = normal ? y.length : y.length - 1;
  const logMarginal = -0.5 * n * LOG_2PI + 0.5 * sumLogW - (normal ? Math.log(muPrior.sd) : 0) - 0.5 * Math.log(W) - 0.5 * q;
  return { mean, variance: 1 / W, logMarginal };
}

/**
 * log p(y | μ = μ0, τ) = Σ log N(y_i; μ0, σ_i² + τ²): the likelihood of the point-null effect model.
 * @example logLikelihoodAt({ y: [0], v: [1] }, 0, 0) // -0.9189385332046727
 */
export function logLikelihoodAt(data: NormalData, mu: number, tau: number): number {
  const t2 = tau * tau;
  let s = 0;
  for (let i = 0; i < data.y.length; i++) {
    const s2 = data.v[i]! + t2;
    s += -0.5 * (LOG_2PI + Math.log(s2)) - (data.y[i]! - mu) ** 2 / (2 * s2);
  }
  return s;
}
