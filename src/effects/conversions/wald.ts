// Standard errors from what papers report instead (the methods of metafor's `conv.wald`): a Wald
// confidence interval, or a two-sided p-value of a Wald test.
import { normalQuantile } from '../../distributions/normal.js';

/**
 * SE of an estimate from its Wald CI: (upper − lower)/(2·z₁₋α/₂) at `level` percent. Give the
 * bounds on the analysis scale (e.g. log of an odds ratio's bounds).
 * @example seFromCi(-0.5, 0.3, 95) // 0.20408538276986163
 */
export function seFromCi(lower: number, upper: number, level = 95): number {
  return (upper - lower) / (2 * normalQuantile(1 - (1 - level / 100) / 2));
}

/**
 * SE of an estimate from its two-sided Wald-test p-value: |yi|/z₁₋p/₂. NaN for yi = 0 or p outside (0, 1).
 * @example seFromP(0.5, 0.05) // 0.255106728462327
 */
export function seFromP(yi: number, p: number): number {
  if (!(p > 0 && p < 1) || yi === 0) return NaN;
  return Math.abs(yi) / normalQuantile(1 - p / 2);
}
