// Cut-points of the p-value scale and the number of studies per interval (metafor's `ptable`).
import { MetasynthError } from '../core/errors.js';
import type { SelectionType } from './vocabulary.js';
import { SELECTION_MESSAGES } from './messages.js';

export interface IntervalCount {
  /** The interval lower < p ≤ upper. */
  readonly lower: number;
  readonly upper: number;
  readonly k: number;
}

/**
 * Validate cut-points: finite, in (0, 1], strictly increasing, ending at 1; stepfun needs at least
 * two (one cut and the 1), the one-cut continuous types exactly [s, 1], beta none.
 * @example checkSteps([0.025, 1], 'stepfun') // [0.025, 1]
 */
export function checkSteps(steps: readonly number[] | undefined, type: SelectionType): readonly number[] | null {
  const what = `selection model (${type})`;
  if (steps === undefined || steps.length === 0) {
    if (type === 'stepfun') throw new MetasynthError('invalid_option', SELECTION_MESSAGES.cut_points_step_function(what));
    return null;
  }
  if (type === 'beta') throw new MetasynthError('invalid_option', SELECTION_MESSAGES.beta_selection_function_takes(what, steps));
  steps.forEach((s, i) => {
    if (typeof s !== 'number' || !Number.isFinite(s) || !(s > 0 && s <= 1)) {
      throw new MetasynthError('invalid_option', SELECTION_MESSAGES.step_number_greater_than(what, i + 1, s));
    }
    if (i > 0 && !(s > steps[i - 1]!)) {
      throw new MetasynthError('invalid_option', SELECTION_MESSAGES.steps_increase_step_not(what, i + 1, s, i, steps[i - 1]));
    }
  });
  if (steps[steps.length - 1] !== 1) {
    throw new MetasynthError('invalid_option', SELECTION_MESSAGES.last_step_p_value(what, steps));
  }
  if (type === 'stepfun' && steps.length < 2) throw new MetasynthError('invalid_option', SELECTION_MESSAGES.least_one_cut_point(what));
  if (type !== 'stepfun' && steps.length !== 2) {
    throw new MetasynthError('invalid_option', SELECTION_MESSAGES.selection_function_takes_single(what, steps));
  }
  return [...steps];
}

/** Interval of each p-value: the first j with p ≤ steps[j] (0-based). */
export function intervalOf(pValues: ArrayLike<number>, steps: readonly number[]): Int32Array {
  return Int32Array.from(pValues as ArrayLike<number>, (p) => {
    const j = steps.findIndex((s) => p <= s);
    return j < 0 ? steps.length - 1 : j;
  });
}

/** Number of studies in each interval. */
export function intervalCounts(groups: Int32Array, steps: readonly number[]): IntervalCount[] {
  return steps.map((upper, j) => ({ lower: j === 0 ? 0 : steps[j - 1]!, upper, k: groups.filter((g) => g === j).length }));
}

/**
 * Throw (as metafor stops) when an interval whose δ is estimated holds no study: for stepfun, the
 * intervals whose δ is not in `fixed` (its first is fixed at 1 by default); for the one-cut
 * continuous types, either interval.
 */
export function checkIntervalsFilled(counts: readonly IntervalCount[], type: SelectionType, fixed: readonly (number | null)[] = []): void {
  const estimated = (j: number) => (fixed.length > 0 ? fixed[j] === null : j > 0);
  const empty = counts.filter((c, j) => c.k === 0 && (type !== 'stepfun' || estimated(j)));
  if (empty.length === 0) return;
  throw new MetasynthError('not_estimable', SELECTION_MESSAGES.empty_interval(type, empty, counts));
}
