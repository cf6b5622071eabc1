import { solveByScoring } from './fisherScoring.js';
import type { Tau2Model } from './model.js';
import type { Tau2Control, Tau2Estimate } from './types.js';

/**
 * Empirical Bayes estimator of tau² (Morris 1983; Berkey et al. 1995; metafor `method = "EB"`):
 * the root of Q(tau²)·k/(k − p) = k, i.e. the generalised Q equal to its expectation k − p (the
 * same root as Paule–Mandel), found by metafor's scoring iteration with a bracketed fallback,
 * truncated at 0. Standard error √(2k²/(k − p))/Σw at the estimate, as metafor. Needs k > p.
 * @example empiricalBayes(interceptModel(bcgYi, bcgVi)).tau2 // 0.3181 for the BCG log risk ratios
 */
export function empiricalBayes(model: Tau2Model, control?: Tau2Control): Tau2Estimate {
  const { k, p } = model;
  if (k <= p) return { method: 'EB', tau2: NaN, standardError: NaN, converged: false, iterations: 0, warnings: [] };
  const r = solveByScoring('EB', model, control);
  const s = model.sums(r.tau2, false);
  return {
    method: 'EB',
    tau2: r.tau2,
    standardError: Math.sqrt((2 * k * k) / (k - p)) / s.sumWeights,
    converged: r.converged,
    iterations: r.iterations,
    warnings: r.warnings,
  };
}
