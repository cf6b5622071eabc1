import type { Tau2Estimate } from './types.js';

/**
 * The unweighted sums of the Hedges estimator: the ordinary (unweighted) residual sum of squares
 * Σ(y − ȳ)², tr(PV) = (1 − 1/k)·Σv and tr(PVPV) = (1 − 1/k)²·Σv² + Σ_{i≠j} v_i v_j / k² for the
 * unweighted projection P = I − J/k. Also the starting value of ML, REML and EB (as metafor).
 */
export function hedgesSums(yi: Float64Array, vi: Float64Array): { rss: number; tracePV: number; tracePVPV: number } {
  const k = yi.length;
  let sy = 0;
  for (let i = 0; i < k; i++) sy += yi[i] as number;
  const mean = sy / k;
  let rss = 0;
  let sv = 0;
  let sv2 = 0;
  let prefix = 0;
  let pair = 0; // Σ_{j<i} v_i v_j
  for (let i = 0; i < k; i++) {
    const r = (yi[i] as number) - mean;
    const v = vi[i] as number;
    rss += r * r;
    sv += v;
    sv2 += v * v;
    pair += v * prefix;
    prefix += v;
  }
  const f = 1 - 1 / k;
  return { rss, tracePV: f * sv, tracePVPV: f * f * sv2 + (2 * pair) / (k * k) };
}

/**
 * Hedges' (Hedges 1983; Hedges & Olkin 1985) unweighted method-of-moments estimator:
 * tau² = max(0, (Σ(y − ȳ)² − (1 − 1/k)·Σv) / (k − 1)). Standard error as metafor
 * `rma.uni(method = "HE")`: √((2·tr(PVPV) + 4·tau²·tr(PV) + 2·tau⁴·(k − 1)) / (k − 1)²).
 * Needs k ≥ 2 (NaN otherwise).
 * @example hedges(bcgYi, bcgVi).tau2 // 0.3286 for the BCG log risk ratios
 */
export function hedges(yi: Float64Array, vi: Float64Array): Tau2Estimate {
  const k = yi.length;
  if (k < 2) return { method: 'HE', tau2: NaN, standardError: NaN, converged: true, iterations: 0, warnings: [] };
  const h = hedgesSums(yi, vi);
  const raw = (h.rss - h.tracePV) / (k - 1);
  const tau2 = Math.max(0, raw); // truncated at 0 as metafor; NaN (overflowed sums) stays NaN
  const se = Math.sqrt((2 * h.tracePVPV + 4 * tau2 * h.tracePV + 2 * tau2 * tau2 * (k - 1)) / ((k - 1) * (k - 1)));
  return { method: 'HE', tau2, standardError: se, converged: true, iterations: 0, warnings: [] };
}
