import type { InterceptSums } from './interceptSums.js';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Log-likelihood of the intercept-only random-effects model at the tau² the sums were taken at
 * (metafor `rma.uni`: `ll.ML`, and `ll.REML` with the REMLf constant ½·log|XᵀX| = ½·log k).
 * `sumLogVariance` is Σ log(v_i + tau²) at the same tau².
 * @example interceptLogLikelihood(interceptSums(y, v, 0), sumLogVariance(v, 0), 2, 'ML')
 */
export function interceptLogLikelihood(sums: InterceptSums, sumLogVariance: number, k: number, kind: 'ML' | 'REML'): number {
  if (kind === 'ML') return -0.5 * (k * LOG_2PI + sumLogVariance + sums.q);
  return -0.5 * (k - 1) * LOG_2PI + 0.5 * Math.log(k) - 0.5 * sumLogVariance - 0.5 * Math.log(sums.sumWeights) - 0.5 * sums.q;
}
