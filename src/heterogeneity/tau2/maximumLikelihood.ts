import { solveByScoring } from './fisherScoring.js';
import type { Tau2Model } from './model.js';
import type { Tau2Control, Tau2Estimate } from './types.js';

/**
 * Maximum-likelihood estimator of tau² (Hardy & Thompson 1996; metafor `method = "ML"`): the root
 * of yᵀPPy = tr(W) (Σw²(y − μ̂)² = Σw without moderators), found by guarded Fisher scoring (see
 * fisherScoring.ts), truncated at 0. Standard error √(2/Σw²) at the estimate. Needs k > p.
 * @example maximumLikelihood(interceptModel(bcgYi, bcgVi)).tau2 // 0.2800 for the BCG log risk ratios
 */
export function maximumLikelihood(model: Tau2Model, control?: Tau2Control): Tau2Estimate {
  if (model.k <= model.p) return { method: 'ML', tau2: NaN, standardError: NaN, converged: false, iterations: 0, warnings: [] };
  const r = solveByScoring('ML', model, control);
  const s = model.sums(r.tau2, false);
  return {
    method: 'ML',
    tau2: r.tau2,
    standardError: Math.sqrt(2 / s.sumSquaredWeights),
    converged: r.converged,
    iterations: r.iterations,
    warnings: r.warnings,
  };
}
