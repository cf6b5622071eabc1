import { chiSquareSurvival } from '../distributions/index.js';
import { interceptSums, type InterceptSums } from './tau2/interceptSums.js';

/** Cochran's Q and the I², H² of an intercept-only model (metafor `rma.uni`: QE, QEp, I2, H2). */
export interface HeterogeneityStatistics {
  /** Cochran's Q = Σ(y − μ̂_FE)²/v. */
  readonly q: number;
  readonly qDf: number;
  /** P(χ²_{k−1} > Q), computed on the upper tail. */
  readonly qPValue: number;
  /** The "typical" within-study variance (k − 1)/tr(P), P at the fixed-effect weights (Higgins & Thompson 2002). */
  readonly typicalVariance: number;
  /** I² in percent. */
  readonly i2: number;
  readonly h2: number;
}

/**
 * Q, I² and H² as metafor's rma.uni defines them: for a random-effects fit
 * I² = 100·tau²/(v̄ + tau²) and H² = 1 + tau²/v̄ with v̄ the typical within-study variance
 * (k − 1)/(Σw − Σw²/Σw) (Higgins & Thompson 2002, eq. 9); for an equal-effects fit (`tau2` = null)
 * I² = max(0, 100·(Q − (k − 1))/Q) and H² = Q/(k − 1). `fixedSums` are the sums at tau² = 0
 * (computed when not given). Needs k ≥ 2; NaN otherwise.
 * @example heterogeneityStatistics(bcgYi, bcgVi, 0.3132).i2 // 92.22
 */
export function heterogeneityStatistics(yi: Float64Array, vi: Float64Array, tau2: number | null, fixedSums?: InterceptSums): HeterogeneityStatistics {
  const k = yi.length;
  if (k < 2) return { q: NaN, qDf: k - 1, qPValue: NaN, typicalVariance: NaN, i2: NaN, h2: NaN };
  const s = fixedSums ?? interceptSums(yi, vi, 0);
  const df = k - 1;
  const typicalVariance = df / s.traceP;
  let i2: number;
  let h2: number;
  if (tau2 === null) {
    i2 = i2FromQ(s.q, df);
    h2 = h2FromQ(s.q, df);
  } else {
    i2 = i2FromTau2(tau2, typicalVariance);
    h2 = h2FromTau2(tau2, typicalVariance);
  }
  return { q: s.q, qDf: df, qPValue: chiSquareSurvival(s.q, df), typicalVariance, i2, h2 };
}

/** I² (percent) implied by a tau² and the typical within-study variance. */
export function i2FromTau2(tau2: number, typicalVariance: number): number {
  // Written as 100/(1 + v̄/τ²) for τ² > 0 so that rounding can never take it above 100 (v̄ ≪ τ²).
  return tau2 > 0 ? 100 / (1 + typicalVariance / tau2) : (100 * tau2) / (typicalVariance + tau2);
}

/** H² implied by a tau² and the typical within-study variance. */
export function h2FromTau2(tau2: number, typicalVariance: number): number {
  return tau2 / typicalVariance + 1;
}

/**
 * I² (percent) of a common-effect fit from its Q statistic and df (Higgins & Thompson 2002, eq. 10):
 * max(0, 100·(Q − df)/Q), 0 when Q = 0.
 * @example i2FromQ(20, 10) // 50
 */
export function i2FromQ(q: number, df: number): number {
  return q > 0 ? Math.max(0, (100 * (q - df)) / q) : 0;
}

/**
 * H² of a common-effect fit from its Q statistic and df: Q/df.
 * @example h2FromQ(20, 10) // 2
 */
export function h2FromQ(q: number, df: number): number {
  return q / df;
}
