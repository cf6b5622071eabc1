import type { Tau2Model } from './model.js';
import type { Tau2Estimate } from './types.js';

/**
 * Equal-effects (fixed-effect, common-effect) model: tau² is not estimated but fixed at 0
 * (metafor `method = "EE"`, alias `"FE"`). Its standard error is not defined (NaN).
 * @example equalEffects(interceptModel(new Float64Array([0.1, 0.3]), new Float64Array([0.01, 0.02]))).tau2 // 0
 */
export function equalEffects(model: Tau2Model): Tau2Estimate {
  return { method: 'EE', tau2: model.k > 0 ? 0 : NaN, standardError: NaN, converged: true, iterations: 0, warnings: [] };
}
