// Standard normal distribution. simple-statistics' `cumulativeStdNormalProbability` reads a
// two-decimal lookup table (error ~1e-3), far too coarse for p-values such as metafor's 7.9e-31;
// @stdlib's kernels are accurate to a few ulp over the whole range, including the far tails.
import stdNormalCdf from '@stdlib/stats-base-dists-normal-cdf';
import stdNormalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * Standard normal cumulative distribution function Φ(x) (R: `pnorm(x)`).
 * Never throws: NaN in, NaN out.
 * @example normalCdf(-1.959963984540054) // 0.025
 */
export function normalCdf(x: number): number {
  return stdNormalCdf(x, 0, 1);
}

/**
 * Standard normal quantile Φ⁻¹(p) (R: `qnorm(p)`).
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  return stdNormalQuantile(p, 0, 1);
}

/**
 * Two-sided p-value of a z statistic, 2·Φ(−|z|), computed on the lower tail so that tiny
 * p-values keep full relative precision (R: `2 * pnorm(abs(z), lower.tail = FALSE)`).
 * @example normalTwoSidedP(1.959963984540054) // 0.05
 */
export function normalTwoSidedP(z: number): number {
  return 2 * stdNormalCdf(-Math.abs(z), 0, 1);
}

/**
 * Critical value for a two-sided interval at `level` percent: Φ⁻¹(1 − α/2).
 * @example normalCritical(95) // 1.959963984540054
 */
export function normalCritical(level: number): number {
  return stdNormalQuantile(1 - (1 - level / 100) / 2, 0, 1);
}
