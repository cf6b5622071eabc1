import type { Tau2Model } from './model.js';
import type { Tau2Estimate } from './types.js';

/**
 * Hedges' (Hedges 1983; Hedges & Olkin 1985) unweighted method-of-moments estimator:
 * tau² = max(0, (yᵀP₁y − tr(P₁V)) / (k − p)), P₁ the ordinary least-squares residual projection
 * (without moderators Σ(y − ȳ)² − (1 − 1/k)·Σv). Standard error as metafor
 * `rma.uni(method = "HE")`: √((2·tr(P₁VP₁V) + 4·tau²·tr(P₁V) + 2·tau⁴·(k − p)) / (k − p)²).
 * Needs k > p (NaN otherwise).
 * @example hedges(interceptModel(bcgYi, bcgVi)).tau2 // 0.3286 for the BCG log risk ratios
 */
export function hedges(model: Tau2Model): Tau2Estimate {
  const { k, p } = model;
  if (k <= p) return { method: 'HE', tau2: NaN, standardError: NaN, converged: true, iterations: 0, warnings: [] };
  const h = model.hedgesParts();
  const df = k - p;
  const raw = (h.rss - h.tracePV) / df;
  const tau2 = Math.max(0, raw); // truncated at 0 as metafor; NaN (overflowed sums) stays NaN
  const se = Math.sqrt((2 * h.tracePVPV + 4 * tau2 * h.tracePV + 2 * tau2 * tau2 * df) / (df * df));
  return { method: 'HE', tau2, standardError: se, converged: true, iterations: 0, warnings: [] };
}
