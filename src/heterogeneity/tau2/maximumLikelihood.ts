import { solveByScoring } from './fisherScoring.js';
import { interceptSums, type InterceptSums } from './interceptSums.js';
import type { Tau2Control, Tau2Estimate } from './types.js';

/**
 * Maximum-likelihood estimator of tau² (Hardy & Thompson 1996; metafor `method = "ML"`): the root
 * of Σw²(y − μ̂)² = Σw, found by guarded Fisher scoring (see fisherScoring.ts), truncated at 0.
 * Standard error √(2/Σw²) at the estimate. Needs k ≥ 2 (NaN otherwise).
 * @example maximumLikelihood(bcgYi, bcgVi).tau2 // 0.2800 for the BCG log risk ratios
 */
export function maximumLikelihood(yi: Float64Array, vi: Float64Array, control?: Tau2Control, atZero?: InterceptSums): Tau2Estimate {
  if (yi.length < 2) return { method: 'ML', tau2: NaN, standardError: NaN, converged: false, iterations: 0, warnings: [] };
  const r = solveByScoring('ML', yi, vi, control, atZero);
  const s = interceptSums(yi, vi, r.tau2);
  return { method: 'ML', tau2: r.tau2, standardError: Math.sqrt(2 / s.sumSquaredWeights), converged: r.converged, iterations: r.iterations, warnings: r.warnings };
}
