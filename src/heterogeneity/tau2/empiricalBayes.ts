import { solveByScoring } from './fisherScoring.js';
import { interceptSums, type InterceptSums } from './interceptSums.js';
import type { Tau2Control, Tau2Estimate } from './types.js';

/**
 * Empirical Bayes estimator of tau² (Morris 1983; Berkey et al. 1995; metafor `method = "EB"`):
 * the root of Q(tau²)·k/(k − 1) = k, i.e. the generalised Q equal to its expectation k − 1 (the
 * same root as Paule–Mandel), found by metafor's scoring iteration with a bracketed fallback,
 * truncated at 0. Standard error √(2k²/(k − 1))/Σw at the estimate, as metafor.
 * Needs k ≥ 2 (NaN otherwise).
 * @example empiricalBayes(bcgYi, bcgVi).tau2 // 0.3181 for the BCG log risk ratios
 */
export function empiricalBayes(yi: Float64Array, vi: Float64Array, control?: Tau2Control, atZero?: InterceptSums): Tau2Estimate {
  const k = yi.length;
  if (k < 2) return { method: 'EB', tau2: NaN, standardError: NaN, converged: false, iterations: 0, warnings: [] };
  const r = solveByScoring('EB', yi, vi, control, atZero);
  const s = interceptSums(yi, vi, r.tau2);
  return { method: 'EB', tau2: r.tau2, standardError: Math.sqrt((2 * k * k) / (k - 1)) / s.sumWeights, converged: r.converged, iterations: r.iterations, warnings: r.warnings };
}
