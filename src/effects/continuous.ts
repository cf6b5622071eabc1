// Effect sizes of two groups' means and SDs (metafor `escalc`, measures MD, SMD, ROM, vtype "LS").
// Kernels never throw: NaN in, NaN out.
import gammaln from '@stdlib/math-base-special-gammaln';
import type { YiVi } from './twoByTwo.js';

export type { GroupSummaries } from './types.js';
import type { GroupSummaries } from './types.js';

/**
 * Raw mean difference m1 − m2 with variance sd1²/n1 + sd2²/n2 (no equal-variance assumption).
 * @example meanDifference({ m1i: 55, sd1i: 47, n1i: 155, m2i: 75, sd2i: 64, n2i: 156 }).yi // -20
 */
export function meanDifference(g: GroupSummaries): YiVi {
  return { yi: g.m1i - g.m2i, vi: (g.sd1i * g.sd1i) / g.n1i + (g.sd2i * g.sd2i) / g.n2i };
}

/**
 * Exact small-sample bias correction of the standardised mean difference,
 * c(m) = Γ(m/2) / (√(m/2) · Γ((m−1)/2)) (Hedges 1981), computed on the log scale as metafor's
 * `.cmicalc` does so that it does not overflow for large m. NaN for m <= 1.
 * @example hedgesCorrection(10) // 0.922745608053087
 */
export function hedgesCorrection(m: number): number {
  if (!(m > 1)) return NaN;
  return Math.exp(gammaln(m / 2) - Math.log(Math.sqrt(m / 2)) - gammaln((m - 1) / 2));
}

/**
 * Bias-corrected standardised mean difference (Hedges' g) with the large-sample variance
 * 1/n1 + 1/n2 + g²/(2(n1 + n2)) (escalc `measure = "SMD"`, `vtype = "LS"`).
 * The pooled SD uses n − 1 weights; g = c(n1 + n2 − 2) · (m1 − m2)/sd_pooled.
 * @example standardisedMeanDifference({ m1i: 55, sd1i: 47, n1i: 155, m2i: 75, sd2i: 64, n2i: 156 }).yi // -0.3551696409401473
 */
export function standardisedMeanDifference(g: GroupSummaries): YiVi {
  const m = g.n1i + g.n2i - 2;
  const pooledSd = Math.sqrt(((g.n1i - 1) * g.sd1i * g.sd1i + (g.n2i - 1) * g.sd2i * g.sd2i) / m);
  const yi = hedgesCorrection(m) * ((g.m1i - g.m2i) / pooledSd);
  return { yi, vi: 1 / g.n1i + 1 / g.n2i + (yi * yi) / (2 * (g.n1i + g.n2i)) };
}

/**
 * Log ratio of means log(m1/m2) with variance sd1²/(n1·m1²) + sd2²/(n2·m2²) (Hedges, Gurevitch
 * and Curtis 1999). NaN when the means differ in sign.
 * @example logRatioOfMeans({ m1i: 55, sd1i: 47, n1i: 155, m2i: 75, sd2i: 64, n2i: 156 }).yi // -0.3101549283038396
 */
export function logRatioOfMeans(g: GroupSummaries): YiVi {
  return {
    yi: Math.log(g.m1i / g.m2i),
    vi: (g.sd1i * g.sd1i) / (g.n1i * g.m1i * g.m1i) + (g.sd2i * g.sd2i) / (g.n2i * g.m2i * g.m2i),
  };
}
