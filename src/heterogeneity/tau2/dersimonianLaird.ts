import { interceptSums, type InterceptSums } from './interceptSums.js';
import type { Tau2Control, Tau2Estimate } from './types.js';

/**
 * DerSimonian–Laird method-of-moments estimator (DerSimonian & Laird 1986, Controlled Clinical
 * Trials 7:177): tau² = max(0, (Q − (k − 1)) / (S1 − S2/S1)), Q the Cochran Q at tau² = 0.
 * Standard error as metafor `rma.uni(method = "DL")`:
 * √((2(k − 1) + 4·tau²·tr P + 2·tau⁴·tr PP) / (tr P)²), P at the fixed-effect weights.
 * Needs k ≥ 2 (NaN otherwise).
 * @example dersimonianLaird(bcgYi, bcgVi).tau2 // 0.3088 for the BCG log risk ratios
 */
export function dersimonianLaird(yi: Float64Array, vi: Float64Array, _control?: Tau2Control, atZero?: InterceptSums): Tau2Estimate {
  const k = yi.length;
  if (k < 2) return { method: 'DL', tau2: NaN, standardError: NaN, converged: true, iterations: 0, warnings: [] };
  const s = atZero ?? interceptSums(yi, vi, 0);
  const raw = (s.q - (k - 1)) / s.traceP;
  const tau2 = Math.max(0, raw); // truncated at 0 as metafor; NaN (overflowed sums) stays NaN
  const se = Math.sqrt((2 * (k - 1) + 4 * tau2 * s.traceP + 2 * tau2 * tau2 * s.tracePP) / (s.traceP * s.traceP));
  return { method: 'DL', tau2, standardError: se, converged: true, iterations: 0, warnings: [] };
}
