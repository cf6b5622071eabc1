import type { Tau2Model } from './model.js';
import type { Tau2Estimate } from './types.js';

/**
 * Hunter–Schmidt estimator with the small-sample correction k/(k − p) (metafor 3.8
 * `method = "HSk"`; Brannick et al. 2019, Res Synth Methods 10:268): tau² = max(0, (k/(k − p)·Q − k) / S1),
 * Q the residual Q at tau² = 0 and S1 the sum of the fixed-effect weights. Standard error as
 * metafor: k/(k − p) times the Hunter–Schmidt one, √((2(k − p) + 4·tau²·tr P + 2·tau⁴·tr PP) / S1²).
 * Needs k > p (NaN otherwise).
 * @example hunterSchmidtCorrected(interceptModel(bcgYi, bcgVi)).tau2 // 0.2492 for the BCG log risk ratios (metafor rma(yi, vi, method = "HSk"))
 */
export function hunterSchmidtCorrected(model: Tau2Model): Tau2Estimate {
  const { k, p } = model;
  if (k <= p) return { method: 'HSk', tau2: NaN, standardError: NaN, converged: true, iterations: 0, warnings: [] };
  const s = model.sums(0, true);
  const factor = k / (k - p);
  const tau2 = Math.max(0, (factor * s.q - k) / s.sumWeights); // NaN (overflowed sums) stays NaN
  const se = factor * Math.sqrt((2 * (k - p) + 4 * tau2 * s.traceP + 2 * tau2 * tau2 * s.tracePP) / (s.sumWeights * s.sumWeights));
  return { method: 'HSk', tau2, standardError: se, converged: true, iterations: 0, warnings: [] };
}
