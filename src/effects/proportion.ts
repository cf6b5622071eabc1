// Effect sizes of single proportions (metafor `escalc`, measures PR and PLO, vtype "LS").
// xi events and mi = ni − xi non-events, after any zero-cell addition.
import type { YiVi } from './twoByTwo.js';

/**
 * Raw proportion p = x/n with variance p(1 − p)/n.
 * @example rawProportion(3, 7) // { yi: 0.3, vi: 0.021 } (to rounding)
 */
export function rawProportion(xi: number, mi: number): YiVi {
  const n = xi + mi;
  const p = xi / n;
  return { yi: p, vi: (p * (1 - p)) / n };
}

/**
 * Logit of a proportion log(p/(1 − p)) with variance 1/x + 1/(n − x).
 * @example logitProportion(3, 7).vi // 0.47619047619047616
 */
export function logitProportion(xi: number, mi: number): YiVi {
  const p = xi / (xi + mi);
  return { yi: Math.log(p / (1 - p)), vi: 1 / xi + 1 / mi };
}
