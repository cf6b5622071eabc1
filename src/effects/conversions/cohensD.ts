// Cohen's d from a two-sample t or F statistic (the replacement metafor's escalc makes for SMD
// when it is given `ti`): d = t·√(1/n1 + 1/n2); F(1, df) = t², with the sign of t unknown.

/**
 * d = t·√(1/n1 + 1/n2) (Rosenthal 1994).
 * @example dFromT(2.5, 20, 25) // 0.75
 */
export function dFromT(t: number, n1: number, n2: number): number {
  return t * Math.sqrt(1 / n1 + 1 / n2);
}

/**
 * d = √F·√(1/n1 + 1/n2) for a two-group F(1, df) statistic; F carries no sign, so d >= 0 (give
 * `ti` when the direction matters).
 * @example dFromF(6.25, 20, 25) // 0.75
 */
export function dFromF(f: number, n1: number, n2: number): number {
  return Math.sqrt(f) * Math.sqrt(1 / n1 + 1 / n2);
}
