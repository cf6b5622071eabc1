// The back-transformed figures of a JSON document (`transformed`): exp for ratio measures, inverse logit
// for PLO, tanh for ZCOR, from the one registry (effects/backTransform).
import { backTransform } from '../effects/backTransform.js';
import type { Measure } from '../effects/types.js';

/** An estimate with its interval on the model scale. */
export interface EstimateWithInterval {
  readonly estimate: number | null | undefined;
  readonly ciLower: number | null | undefined;
  readonly ciUpper: number | null | undefined;
}

/**
 * The `transformed` object of a JSON document: `{ scale, estimate, ciLower, ciUpper }`, or null for
 * a measure read on the model scale.
 * @example transformedJson('RR', { estimate: Math.log(0.5), ciLower: null, ciUpper: 0 }) // { scale: 'exp', estimate: 0.5, ciLower: null, ciUpper: 1 }
 */
export function transformedJson(measure: Measure, x: EstimateWithInterval) {
  return backTransform(measure, { estimate: x.estimate, ciLower: x.ciLower, ciUpper: x.ciUpper });
}
