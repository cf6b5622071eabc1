import type { Tau2Model } from './model.js';
import type { Tau2Estimate } from './types.js';

/**
 * Sidik–Jonkman estimator (Sidik & Jonkman 2005, J Biopharm Stat 15:823): with the crude start
 * tau₀² = Σ(y − ȳ)²/k (plain mean, with moderators too, as metafor) and weights 1/(v + tau₀²),
 * tau² = tau₀² · Q(tau₀²)/(k − p), never negative. Standard error as metafor
 * `rma.uni(method = "SJ")`: (tau₀²/(k − p))·√(2·tr(PVPV) + 4·tau²·Σ(PV∘P) + 2·tau⁴·tr(PP)),
 * P at the tau₀² weights. Needs k > p (NaN otherwise).
 * @example sidikJonkman(interceptModel(bcgYi, bcgVi)).tau2 // 0.3455 for the BCG log risk ratios
 */
export function sidikJonkman(model: Tau2Model): Tau2Estimate {
  const { k, p } = model;
  if (k <= p) return { method: 'SJ', tau2: NaN, standardError: NaN, converged: true, iterations: 0, warnings: [] };
  const tau20 = model.centredSumOfSquares / k;
  const t = model.squareTraces(tau20);
  const tau2 = Math.max(0, (tau20 * t.q) / (k - p));
  const se = (tau20 / (k - p)) * Math.sqrt(2 * t.pvpv + 4 * tau2 * t.pvp + 2 * tau2 * tau2 * t.pp);
  return { method: 'SJ', tau2, standardError: se, converged: true, iterations: 0, warnings: [] };
}
