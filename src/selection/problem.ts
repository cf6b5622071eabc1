// The data of a selection-model fit and the parameter vectors, shared by the likelihoods.
import type { SelectionAlternative, SelectionType } from './vocabulary.js';

/** Everything the likelihood needs besides the parameters. */
export interface SelectionProblem {
  readonly type: SelectionType;
  readonly alternative: SelectionAlternative;
  readonly yi: Float64Array;
  readonly vi: Float64Array;
  /** Design columns (each length k). */
  readonly x: readonly Float64Array[];
  /** Cut-points ending at 1 (stepfun), or [s, 1] / [0] for the continuous types. */
  readonly steps: readonly number[];
  readonly pMin: number;
  /** Observed p-values, clamped to [pMin, 1 − pMin]. */
  readonly pValues: Float64Array;
  /** Interval (0-based) of each study's p-value (stepfun). */
  readonly groups: Int32Array;
}

export interface Parameters {
  readonly beta: Float64Array;
  readonly tau2: number;
  readonly delta: Float64Array;
}

/** Gradient of ℓ in the natural parameters. */
export interface Gradient {
  readonly beta: Float64Array;
  tau2: number;
  readonly delta: Float64Array;
}

/** metafor treats τ² below 10·ε as 0 (and τ² < 0, reached only by numerical derivatives, too). */
export function effectiveTau2(tau2: number): number {
  return tau2 < 10 * Number.EPSILON ? 0 : tau2;
}

/** μ_i = x_i'β. */
export function linearPredictor(x: readonly Float64Array[], beta: ArrayLike<number>, i: number): number {
  let mu = 0;
  for (let j = 0; j < x.length; j++) mu += x[j]![i]! * beta[j]!;
  return mu;
}
