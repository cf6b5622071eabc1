import { solveByScoring } from './fisherScoring.js';
import { interceptSums, type InterceptSums } from './interceptSums.js';
import type { Tau2Control, Tau2Estimate } from './types.js';

/**
 * Restricted (residual) maximum-likelihood estimator of tau² (Viechtbauer 2005, J Educ Behav Stat
 * 30:261; metafor's default `method = "REML"`): the root of yᵀPPy = tr(P), found by guarded
 * Fisher scoring (see fisherScoring.ts), truncated at 0. Standard error √(2/tr(PP)) at the
 * estimate. Needs k ≥ 2 (NaN otherwise).
 * @example restrictedMaximumLikelihood(bcgYi, bcgVi).tau2 // 0.3132 for the BCG log risk ratios
 */
export function restrictedMaximumLikelihood(yi: Float64Array, vi: Float64Array, control?: Tau2Control, atZero?: InterceptSums): Tau2Estimate {
  if (yi.length < 2) return { method: 'REML', tau2: NaN, standardError: NaN, converged: false, iterations: 0, warnings: [] };
  const r = solveByScoring('REML', yi, vi, control, atZero);
  const s = interceptSums(yi, vi, r.tau2);
  return { method: 'REML', tau2: r.tau2, standardError: Math.sqrt(2 / s.tracePP), converged: r.converged, iterations: r.iterations, warnings: r.warnings };
}
