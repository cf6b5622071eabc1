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
