import { solveByScoring } from './fisherScoring.js';
import type { Tau2Model } from './model.js';
import type { Tau2Control, Tau2Estimate } from './types.js';

/**
 * Restricted (residual) maximum-likelihood estimator of tau² (Viechtbauer 2005, J Educ Behav Stat
 * 30:261; metafor's default `method = "REML"`): the root of yᵀPPy = tr(P), found by guarded
 * Fisher scoring (see fisherScoring.ts), truncated at 0. Standard error √(2/tr(PP)) at the
 * estimate. Needs k > p (NaN otherwise).
 * @example restrictedMaximumLikelihood(interceptModel(bcgYi, bcgVi)).tau2 // 0.3132 for the BCG log risk ratios
 */
export function restrictedMaximumLikelihood(model: Tau2Model, control?: Tau2Control): Tau2Estimate {
  if (model.k <= model.p) return { method: 'REML', tau2: NaN, standardError: NaN, converged: false, iterations: 0, warnings: [] };
  const r = solveByScoring('REML', model, control);
  const s = model.sums(r.tau2, true);
  return { method: 'REML', tau2: r.tau2, standardError: Math.sqrt(2 / s.tracePP), converged: r.converged, iterations: r.iterations, warnings: r.warnings };
}
