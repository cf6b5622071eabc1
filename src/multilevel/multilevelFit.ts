// The prepared model and its estimates, shared by the fit, profile CIs, robust tests and diagnostics.
import type { MultilevelMethod } from './estimate.js';
import type { BlockPlan } from './likelihood.js';
import type { ModelData } from './modelData.js';

/** The prepared model and its estimates, kept for profile CIs, robust tests and diagnostics. */
export interface MultilevelFit {
  readonly data: ModelData;
  readonly plan: BlockPlan;
  readonly method: MultilevelMethod;
  readonly theta: Float64Array;
  readonly beta: Float64Array;
  readonly vb: Float64Array;
  readonly logLik: number;
}
