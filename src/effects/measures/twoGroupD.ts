// The uncorrected standardised mean difference d = (m1 − m2)/sd_pooled that escalc's RPB, RBIS,
// D2ORN and D2ORL start from (pooled SD with n − 1 weights, m = n1 + n2 − 2).
import type { Inputs } from './definition.js';

/**
 * d and its degrees of freedom m from two groups' summaries.
 * @example cohensD({ m1i: 10, sd1i: 2, n1i: 20, m2i: 8, sd2i: 3, n2i: 25 }).d // 0.7674901275524076
 */
export function cohensD(v: Inputs): { d: number; m: number } {
  const m = v.n1i! + v.n2i! - 2;
  const sd = Math.sqrt(((v.n1i! - 1) * v.sd1i! ** 2 + (v.n2i! - 1) * v.sd2i! ** 2) / m);
  return { d: (v.m1i! - v.m2i!) / sd, m };
}
