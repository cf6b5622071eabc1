// F distribution. The upper tail is I_{d2/(d2+d1·x)}(d2/2, d1/2) (Abramowitz & Stegun 26.6.2),
// evaluated directly for full relative precision in the far tail.
import betainc from '@stdlib/math-base-special-betainc';
import stdFQuantile from '@stdlib/stats-base-dists-f-quantile';

/**
 * F upper tail P(F > x) (R: `pf(x, df1, df2, lower.tail = FALSE)`).
 * @example fSurvival(4.747225346722511, 1, 12) // 0.05
 */
export function fSurvival(x: number, df1: number, df2: number): number {
  if (Number.isNaN(x) || Number.isNaN(df1) || Number.isNaN(df2) || df1 <= 0 || df2 <= 0) return NaN;
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  return betainc(df2 / (df2 + df1 * x), df2 / 2, df1 / 2, true, false);
}

/**
 * F quantile (R: `qf(p, df1, df2)`).
 * @example fQuantile(0.95, 1, 12) // 4.747225346722511
 */
export function fQuantile(p: number, df1: number, df2: number): number {
  return stdFQuantile(p, df1, df2);
}
