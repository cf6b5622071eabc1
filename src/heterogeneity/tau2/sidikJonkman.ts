import { interceptSums, projectionSquareSum } from './interceptSums.js';
import type { Tau2Estimate } from './types.js';

/**
 * Sidik–Jonkman estimator (Sidik & Jonkman 2005, J Biopharm Stat 15:823): with the crude start
 * tau₀² = Σ(y − ȳ)²/k and weights 1/(v + tau₀²), tau² = tau₀² · Q(tau₀²)/(k − 1), never negative.
 * Standard error as metafor `rma.uni(method = "SJ")`:
 * (tau₀²/(k − 1))·√(2·tr(PVPV) + 4·tau²·Σ(PV∘P) + 2·tau⁴·tr(PP)), P at the tau₀² weights.
 * Needs k ≥ 2 (NaN otherwise).
 * @example sidikJonkman(bcgYi, bcgVi).tau2 // 0.3455 for the BCG log risk ratios
 */
export function sidikJonkman(yi: Float64Array, vi: Float64Array): Tau2Estimate {
  const k = yi.length;
  if (k < 2) return { method: 'SJ', tau2: NaN, standardError: NaN, converged: true, iterations: 0, warnings: [] };
  let sy = 0;
  for (let i = 0; i < k; i++) sy += yi[i] as number;
  const mean = sy / k;
  let ss = 0;
  for (let i = 0; i < k; i++) ss += ((yi[i] as number) - mean) ** 2;
  const tau20 = ss / k;
  const s = interceptSums(yi, vi, tau20);
  const tau2 = (tau20 * s.q) / (k - 1);
  const w = new Float64Array(k);
  for (let i = 0; i < k; i++) w[i] = 1 / ((vi[i] as number) + tau20);
  const pvpv = projectionSquareSum(w, vi, vi);
  const pvp = projectionSquareSum(w, null, vi);
  const pp = projectionSquareSum(w, null, null);
  const se = (tau20 / (k - 1)) * Math.sqrt(2 * pvpv + 4 * tau2 * pvp + 2 * tau2 * tau2 * pp);
  return { method: 'SJ', tau2, standardError: se, converged: true, iterations: 0, warnings: [] };
}
