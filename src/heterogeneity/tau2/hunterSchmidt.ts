import type { Tau2Model } from './model.js';
import type { Tau2Estimate } from './types.js';

/**
 * Hunter–Schmidt estimator (Hunter & Schmidt 2004; Viechtbauer 2005, J Educ Behav Stat 30:261):
 * tau² = max(0, (Q − k) / S1), Q the residual Q at tau² = 0 and S1 the sum of the fixed-effect
 * weights (metafor uses k, not k − p, with moderators too). Standard error as metafor
 * `rma.uni(method = "HS")`: √((2(k − p) + 4·tau²·tr P + 2·tau⁴·tr PP) / S1²). Needs k > p.
 * @example hunterSchmidt(interceptModel(bcgYi, bcgVi)).tau2 // 0.2284 for the BCG log risk ratios
 */
export function hunterSchmidt(model: Tau2Model): Tau2Estimate {
  const { k, p } = model;
  if (k <= p) return { method: 'HS', tau2: NaN, standardError: NaN, converged: true, iterations: 0, warnings: [] };
  const s = model.sums(0, true);
  const raw = (s.q - k) / s.sumWeights;
  const tau2 = Math.max(0, raw); // truncated at 0 as metafor; NaN (overflowed sums) stays NaN
  const se = Math.sqrt((2 * (k - p) + 4 * tau2 * s.traceP + 2 * tau2 * tau2 * s.tracePP) / (s.sumWeights * s.sumWeights));
  return { method: 'HS', tau2, standardError: se, converged: true, iterations: 0, warnings: [] };
}
