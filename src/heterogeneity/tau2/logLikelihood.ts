import type { InterceptSums } from './interceptSums.js';

const LOG_2PI = Math.log(2 * Math.PI);

/** What the ML and REML log-likelihoods of a fit at one tau² are made of. */
export interface LikelihoodTerms {
  /** Number of studies. */
  readonly k: number;
  /** Number of coefficients. */
  readonly p: number;
  /** Σ log(v_i + tau²) */
  readonly sumLogVariance: number;
  /** yᵀPy, the weighted residual sum of squares at that tau². */
  readonly residualSumOfSquares: number;
  /** log|XᵀX| (log k for the intercept-only model). */
  readonly logDetGram: number;
  /** log|XᵀWX| (log Σw for the intercept-only model). */
  readonly logDetWeightedGram: number;
}

/**
 * ML or REML log-likelihood of a random- or mixed-effects model (metafor `rma.uni`, `ll.ML` and
 * `ll.REML` with its REMLf constant ½·log|XᵀX|; Viechtbauer 2005, J Educ Behav Stat 30:261):
 * ML −½(k·log 2π + Σ log(v + tau²) + yᵀPy);
 * REML −½(k − p)·log 2π + ½·log|XᵀX| − ½Σ log(v + tau²) − ½·log|XᵀWX| − ½·yᵀPy.
 * @example logLikelihood({ k: 2, p: 1, sumLogVariance: 0, residualSumOfSquares: 0.5, logDetGram: Math.log(2), logDetWeightedGram: Math.log(2) }, 'ML') // -2.0878770664093453
 */
export function logLikelihood(t: LikelihoodTerms, kind: 'ML' | 'REML'): number {
  if (kind === 'ML') return -0.5 * (t.k * LOG_2PI + t.sumLogVariance + t.residualSumOfSquares);
  return -0.5 * (t.k - t.p) * LOG_2PI + 0.5 * t.logDetGram - 0.5 * t.sumLogVariance - 0.5 * t.logDetWeightedGram - 0.5 * t.residualSumOfSquares;
}

/**
 * {@link logLikelihood} of the intercept-only model from its sums at one tau²: |XᵀX| = k, |XᵀWX| = Σw.
 * `sumLogVariance` is Σ log(v_i + tau²) at the same tau².
 * @example interceptLogLikelihood(interceptSums(y, v, 0), sumLogVariance(v, 0), 2, 'ML')
 */
export function interceptLogLikelihood(sums: InterceptSums, sumLogVariance: number, k: number, kind: 'ML' | 'REML'): number {
  return logLikelihood({ k, p: 1, sumLogVariance, residualSumOfSquares: sums.q, logDetGram: Math.log(k), logDetWeightedGram: Math.log(sums.sumWeights) }, kind);
}
