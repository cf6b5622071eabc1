// The log density of Student's t distribution, from the log-gamma function (@stdlib, accurate to
// a few ulp), so that priors can be evaluated far into their tails without underflow.
import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * log of the density of Student's t with `df` degrees of freedom at x (R: `dt(x, df, log = TRUE)`).
 * @example studentTPdfLog(0, 1) // -1.1447298858494002
 */
export function studentTPdfLog(x: number, df: number): number {
  return gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((x * x) / df);
}
