// Selection parameters fixed a priori (metafor 3.8-1 `selmodel(..., delta = c(...))`): Vevea &
// Woods (2005) fix the step function's weights to chosen patterns of selection instead of
// estimating them, and read how the estimates move across those patterns. A δ given as null is
// estimated; stepfun's first δ, when not given, is fixed at 1 as in the estimated model.
import { MetasynthError } from '../core/errors.js';
import { SELECTION_MESSAGES } from './messages.js';
import type { IntervalCount } from './steps.js';
import type { SelectionType } from './vocabulary.js';

/** One entry per δ: the value it is fixed at, or null to estimate it. */
export type DeltaValues = readonly (number | null)[];

/** metafor's natural lower bound of δ: beta's δ's must exceed 0 (delta.lb.excl); the others may be 0. */
function lowerBoundExcluded(type: SelectionType): boolean {
  return type === 'beta';
}

/**
 * The δ's to hold fixed, from metafor's `delta` argument: one value (or null) per δ, or a single
 * value recycled to all of them; each fixed value finite and ≥ 0 (> 0 for beta). Without `delta`
 * only stepfun's first δ is fixed (at 1).
 * @example checkFixedDelta([null, 0.5, null], 'stepfun', 3) // [1, 0.5, null]
 */
export function checkFixedDelta(delta: DeltaValues | undefined, type: SelectionType, count: number): (number | null)[] {
  const what = `selection model (${type})`;
  const given =
    delta === undefined || delta.length === 0 ? new Array<number | null>(count).fill(null) : delta.length === 1 ? new Array(count).fill(delta[0]) : [...delta];
  if (given.length !== count) {
    throw new MetasynthError('invalid_option', SELECTION_MESSAGES.delta_wrong_length(what, count, delta ?? []));
  }
  const excluded = lowerBoundExcluded(type);
  given.forEach((d, j) => {
    if (d === null || d === undefined) return;
    if (typeof d !== 'number' || !Number.isFinite(d) || d < 0 || (excluded && d === 0)) {
      throw new MetasynthError('invalid_option', SELECTION_MESSAGES.delta_out_of_range(what, j + 1, d, excluded));
    }
  });
  return given.map((d, j) => (d === null || d === undefined ? (type === 'stepfun' && j === 0 ? 1 : null) : d));
}

/**
 * Throw when stepfun fixes a weight at 0 on an interval that holds studies (their likelihood is 0,
 * so nothing can be fitted; metafor's optimiser fails there).
 * @example checkZeroWeights([1, 0], [{ lower: 0, upper: 0.025, k: 3 }, { lower: 0.025, upper: 1, k: 0 }], 'stepfun') // undefined
 */
export function checkZeroWeights(fixed: DeltaValues, counts: readonly IntervalCount[] | null, type: SelectionType): void {
  if (type !== 'stepfun' || counts === null) return;
  const j = fixed.findIndex((d, i) => d === 0 && counts[i]!.k > 0);
  if (j < 0) return;
  const c = counts[j]!;
  throw new MetasynthError('not_estimable', SELECTION_MESSAGES.delta_zero_weight(`selection model (${type})`, j + 1, c.k, c.lower, c.upper));
}
