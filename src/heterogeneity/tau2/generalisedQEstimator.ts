import type { GeneralisedQParts } from './generalisedQParts.js';
import type { Tau2Model } from './model.js';
import type { Tau2Estimate } from './types.js';

/**
 * Standard error of a generalised-Q estimate of tau² (metafor `se.tau2` of GENQ and GENQM): the
 * delta-method SE of (Q_A − tr(P_A·V))/tr(P_A), √(2·tr(PVPV) + 4·tau²·tr(PVP) + 2·tau⁴·tr(PP)) / tr(P),
 * P = P_A, tau² truncated at 0.
 * @example generalisedQStandardError({ q: 3, traceP: 2, tracePV: 1, tracePVPV: 0.5, tracePVP: 1, tracePP: 2, eigenvalues: () => new Float64Array() }, 0) // 0.5
 */
export function generalisedQStandardError(g: GeneralisedQParts, tau2: number): number {
  const t = Math.max(0, tau2);
  return Math.sqrt(2 * g.tracePVPV + 4 * t * g.tracePVP + 2 * t * t * g.tracePP) / g.traceP;
}

/**
 * Generalised Q (method-of-moments) estimator of tau² with user weights a_i (DerSimonian & Kacker
 * 2007, Contemp Clin Trials 28:105; metafor `rma(yi, vi, weights = a, method = "GENQ")`):
 * tau² = max(0, (Q_A − tr(P_A·V)) / tr(P_A)), P_A = A − AX(XᵀAX)⁻¹XᵀA. With a = 1/v it is
 * DerSimonian–Laird; with a = 1, the Hedges estimator. Needs the model's user weights (NaN without
 * them: metafor refuses GENQ without weights) and k > p.
 * @example generalisedQEstimator(interceptModel(bcgYi, bcgVi, undefined, bcgVi.map((v) => 1 / v))).tau2 // 0.3088 (= DL for the BCG log risk ratios)
 */
export function generalisedQEstimator(model: Tau2Model): Tau2Estimate {
  const g = model.generalised;
  if (!g || model.k <= model.p) return { method: 'GENQ', tau2: NaN, standardError: NaN, converged: true, iterations: 0, warnings: [] };
  const tau2 = Math.max(0, (g.q - g.tracePV) / g.traceP);
  return { method: 'GENQ', tau2, standardError: generalisedQStandardError(g, tau2), converged: true, iterations: 0, warnings: [] };
}
