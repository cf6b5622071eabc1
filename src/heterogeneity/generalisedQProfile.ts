import type { Warning } from '../core/errors.js';
import { generalisedQRoot, generalisedQTail } from './tau2/generalisedQMedian.js';
import type { GeneralisedQParts } from './tau2/generalisedQParts.js';
import { h2FromTau2, i2FromTau2 } from './heterogeneityStatistics.js';
import type { QProfileInterval } from './qProfile.js';

export interface GeneralisedQProfileOptions {
  /** The model's tau² estimate (reported as `estimate`; also sets the default search limit). */
  readonly tau2: number;
  /** (k − p)/tr(P) at the inverse-variance weights: the typical within-study variance of I² and H². */
  readonly typicalVariance: number;
  /** Confidence level in percent. Default 95. */
  readonly level?: number;
  /** Upper end of the search, metafor's confint default max(100, 10·tau²); a bound beyond it is reported as the limit. */
  readonly tau2Max?: number;
}

/**
 * Generalised Q-profile confidence interval for tau² (Jackson 2013, J Stat Plan Inference 143:1192;
 * metafor `confint()` of a GENQ or GENQM fit, `type = "GENQ"`): the tau² values at which the
 * observed Q_A (user weights) is the upper and lower α/2 quantile of its distribution under tau²,
 * Σ λ_j(tau²)·χ²₁ (Ruben's series), i.e. P(Q_A(tau²) > Q_A) = α/2 (lower bound) and 1 − α/2
 * (upper bound). Each bound is the exact root (Brent): metafor 3.8-1's uniroot stops near 1e-4. A
 * bound below 0 is 0 (both 0, the null set, when the tail at 0 already exceeds 1 − α/2, as metafor).
 * @example generalisedQProfileInterval(generalisedQParts([new Float64Array(13).fill(1)], bcgYi, bcgVi, bcgVi.map((v) => 1 / v)), { tau2: 0.3088, typicalVariance: 0.0264 }).tau2.lower // 0.1011
 */
export function generalisedQProfileInterval(g: GeneralisedQParts, options: GeneralisedQProfileOptions): QProfileInterval {
  const alpha = 1 - (options.level ?? 95) / 100;
  const tau2Max = options.tau2Max ?? Math.max(100, 10 * options.tau2);
  const warnings: Warning[] = [];
  const tolerance = 1e-13;
  const atZero = generalisedQTail(g, 0, g.q);
  let lower = 0;
  let upper = 0;
  if (atZero > 1 - alpha / 2) {
    warnings.push({ code: 'confint_null_set', message: `P(Q_A > ${g.q}) at tau² = 0 is ${atZero}, above 1 − α/2: the generalised Q-profile interval for tau² is the null set, reported as [0, 0] as metafor does` });
  } else {
    upper = generalisedQRoot(g, g.q, 1 - alpha / 2, 0, tolerance).root;
    lower = atZero > alpha / 2 ? 0 : generalisedQRoot(g, g.q, alpha / 2, 0, tolerance).root;
  }
  if (upper > tau2Max) {
    upper = tau2Max;
    warnings.push({ code: 'confint_bound_censored', message: `the upper generalised Q-profile bound of tau² lies above the search limit ${tau2Max} (metafor's default max(100, 10·tau²)); reported as that limit, as metafor does` });
  }
  if (lower > tau2Max) {
    lower = tau2Max;
    upper = tau2Max;
  }
  if (Number.isNaN(lower) || Number.isNaN(upper)) {
    warnings.push({ code: 'not_converged', message: 'a generalised Q-profile bound of tau² could not be computed (the tail series of Q_A needs more terms than allowed: weights or variances spanning many orders of magnitude); reported as null' });
  }
  const est = options.tau2;
  const typical = options.typicalVariance;
  return {
    tau2: { estimate: est, lower, upper },
    tau: { estimate: Math.sqrt(est), lower: Math.sqrt(lower), upper: Math.sqrt(upper) },
    i2: { estimate: i2FromTau2(est, typical), lower: i2FromTau2(lower, typical), upper: i2FromTau2(upper, typical) },
    h2: { estimate: h2FromTau2(est, typical), lower: h2FromTau2(lower, typical), upper: h2FromTau2(upper, typical) },
    warnings,
  };
}
