import type { Tau2Model } from './model.js';
import type { Tau2Estimate } from './types.js';

/**
 * DerSimonian–Laird method-of-moments estimator (DerSimonian & Laird 1986, Controlled Clinical
 * Trials 7:177; with moderators Raudenbush 2009): tau² = max(0, (Q − (k − p)) / tr P), Q and P at
 * the fixed-effect weights 1/v (tr P = S1 − S2/S1 without moderators).
 * Standard error as metafor `rma.uni(method = "DL")`:
 * √((2(k − p) + 4·tau²·tr P + 2·tau⁴·tr PP) / (tr P)²). Needs k > p (NaN otherwise).
 * @example dersimonianLaird(interceptModel(bcgYi, bcgVi)).tau2 // 0.3088 for the BCG log risk ratios
 */
export function dersimonianLaird(model: Tau2Model): Tau2Estimate {
  const { k, p } = model;
  if (k <= p) return { method: 'DL', tau2: NaN, standardError: NaN, converged: true, iterations: 0, warnings: [] };
  const s = model.sums(0, true);
  const raw = (s.q - (k - p)) / s.traceP;
  const tau2 = Math.max(0, raw); // truncated at 0 as metafor; NaN (overflowed sums) stays NaN
  const se = Math.sqrt((2 * (k - p) + 4 * tau2 * s.traceP + 2 * tau2 * tau2 * s.tracePP) / (s.traceP * s.traceP));
  return { method: 'DL', tau2, standardError: se, converged: true, iterations: 0, warnings: [] };
}
