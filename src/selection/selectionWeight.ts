// The fitted selection function w(p) itself, for plotting (metafor `plot.rma.uni.selmodel`).
import { logWeight } from './selectionFunctions.js';
import type { SelectionType } from './vocabulary.js';

/**
 * Relative likelihood of selection w(p; δ) of a fitted model at p-value p (steps: the model's
 * cut-points, or null). The step function is δ_j on the j-th interval.
 * @example selectionWeight('stepfun', 0.3, [1, 0.5], [0.025, 1]) // 0.5
 */
export function selectionWeight(type: SelectionType, p: number, delta: readonly number[], steps: readonly number[] | null): number {
  if (type === 'stepfun') {
    const s = steps ?? [1];
    const j = s.findIndex((x) => p <= x);
    return delta[j < 0 ? s.length - 1 : j]!;
  }
  return Math.exp(logWeight(type, p, delta, steps?.[0] ?? 0));
}
