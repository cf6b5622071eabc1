import type { Warning } from '../core/errors.js';
import { chiSquareQuantile } from '../distributions/index.js';
import { bracketedRoot } from './tau2/bracketedRoot.js';
import { logLikelihood } from './tau2/logLikelihood.js';
import { cholesky, choleskyLogDet, weightedGram } from './wls/linalg.js';
import { weightedProjection } from './wls/projection.js';
import { h2FromTau2, i2FromTau2 } from './heterogeneityStatistics.js';
import type { QProfileInterval } from './qProfile.js';
import { HETEROGENEITY_MESSAGES } from './messages.js';

export interface ProfileLikelihoodOptions {
  /** The likelihood maximised by the fit. */
  readonly kind: 'ML' | 'REML';
  /** The fit's tau² estimate. */
  readonly tau2: number;
  /** (k − p)/tr(P) at the inverse-variance weights: the typical within-study variance of I² and H². */
  readonly typicalVariance: number;
  /** Confidence level in percent. Default 95. */
  readonly level?: number;
  /** Upper end of the search, metafor's confint default max(100, 10·tau²); a bound beyond it is reported as the limit. */
  readonly tau2Max?: number;
  /** User weights of the fit (metafor `weights`): the coefficients are then fixed at (XᵀAX)⁻¹XᵀAy, as metafor's fits at fixed tau². */
  readonly userWeights?: Float64Array;
}

/**
 * The log-likelihood of the model at a fixed tau², as metafor's `logLik()` of `rma.uni(tau2 = t)`
 * (ML or REML, with the REMLf constant ½·log|XᵀX|): the residual sum of squares Σ (y − Xβ)²/(v + t)
 * at β = the inverse-variance fit at t, or β = (XᵀAX)⁻¹XᵀAy with user weights A.
 * @example profileLogLikelihood([new Float64Array(13).fill(1)], bcgYi, bcgVi, 'REML')(0.3132) // -12.2024 (metafor logLik(rma(yi, vi, tau2 = 0.3132)))
 */
export function profileLogLikelihood(
  x: readonly Float64Array[],
  y: Float64Array,
  v: Float64Array,
  kind: 'ML' | 'REML',
  userWeights?: Float64Array,
): (tau2: number) => number {
  const k = y.length;
  const p = x.length;
  const logDetGram = choleskyLogDet(cholesky(weightedGram(x, null), p));
  const fixed = userWeights ? weightedProjection(x, userWeights, y) : null;
  return (tau2) => {
    const w = Float64Array.from(v, (vi) => 1 / (vi + tau2));
    const proj = weightedProjection(x, w, y);
    if (!proj || (userWeights && !fixed)) return NaN;
    let rss = proj.rss;
    if (fixed) {
      rss = 0;
      for (let i = 0; i < k; i++) rss += w[i]! * fixed.residuals[i]! * fixed.residuals[i]!;
    }
    let sumLogVariance = 0;
    for (let i = 0; i < k; i++) sumLogVariance += Math.log(v[i]! + tau2);
    return logLikelihood({ k, p, sumLogVariance, residualSumOfSquares: rss, logDetGram, logDetWeightedGram: proj.logDetWeightedGram }, kind);
  };
}

/**
 * Profile-likelihood confidence interval for tau² (Hardy & Thompson 1996, Stat Med 15:619;
 * metafor `confint(type = "PL")` of an ML or REML fit): the tau² values at which the
 * likelihood-ratio statistic −2(ℓ(tau²) − ℓ(tau²̂)) equals the 1 − α quantile of χ²₁, one on each
 * side of the estimate, each the exact root (Brent). A lower bound below 0 is reported as 0 (the
 * statistic at tau² = 0 is below the quantile); an upper bound beyond the search limit as the limit,
 * with a warning, as metafor. tau, I² and H² are the same transforms as for the Q-profile interval.
 * @example profileLikelihoodInterval([new Float64Array(13).fill(1)], bcgYi, bcgVi, { kind: 'REML', tau2: 0.3132, typicalVariance: 0.0264 }).tau2.lower // 0.1153 (metafor confint(rma(yi, vi), type = "PL"))
 */
export function profileLikelihoodInterval(x: readonly Float64Array[], y: Float64Array, v: Float64Array, options: ProfileLikelihoodOptions): QProfileInterval {
  const est = options.tau2;
  const tau2Max = options.tau2Max ?? Math.max(100, 10 * est);
  const crit = chiSquareQuantile((options.level ?? 95) / 100, 1);
  const ll = profileLogLikelihood(x, y, v, options.kind, options.userWeights);
  const atEstimate = ll(est);
  const f = (t: number): number => -2 * (ll(t) - atEstimate) - crit;
  const scale = Math.max(est, options.typicalVariance);
  const tolerance = 1e-14 * scale;
  const warnings: Warning[] = [];
  const fZero = f(0);
  const lower = !(fZero > 0) ? 0 : bracketedRoot(f, 0, est, fZero, -crit, tolerance).root;
  const fMax = f(tau2Max);
  let upper: number;
  if (fMax < 0) {
    upper = tau2Max;
    warnings.push({ code: 'confint_bound_censored', message: HETEROGENEITY_MESSAGES.upper_profile_likelihood_bound(tau2Max).text });
  } else upper = bracketedRoot(f, est, tau2Max, -crit, fMax, tolerance).root;
  const typical = options.typicalVariance;
  return {
    tau2: { estimate: est, lower, upper },
    tau: { estimate: Math.sqrt(est), lower: Math.sqrt(lower), upper: Math.sqrt(upper) },
    i2: { estimate: i2FromTau2(est, typical), lower: i2FromTau2(lower, typical), upper: i2FromTau2(upper, typical) },
    h2: { estimate: h2FromTau2(est, typical), lower: h2FromTau2(lower, typical), upper: h2FromTau2(upper, typical) },
    warnings,
  };
}
