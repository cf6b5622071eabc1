// Chi-square distribution. The upper tail uses the regularized upper incomplete gamma function
// directly, so Q-test p-values such as metafor's 2e-26 keep full relative precision.
import gammainc from '@stdlib/math-base-special-gammainc';
import stdChisqCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import stdChisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';

/**
 * Chi-square cumulative distribution function (R: `pchisq(x, df)`).
 * @example chiSquareCdf(3.841458820694124, 1) // 0.95
 */
export function chiSquareCdf(x: number, df: number): number {
  return stdChisqCdf(x, df);
}

/**
 * Chi-square upper tail P(X > x) = Q(df/2, x/2) (R: `pchisq(x, df, lower.tail = FALSE)`).
 * @example chiSquareSurvival(3.841458820694124, 1) // 0.05
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return NaN;
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  return gammainc(x / 2, df / 2, true, true);
}

/**
 * Chi-square quantile (R: `qchisq(p, df)`).
 * @example chiSquareQuantile(0.95, 1) // 3.841458820694124
 */
export function chiSquareQuantile(p: number, df: number): number {
  return stdChisqQuantile(p, df);
}
