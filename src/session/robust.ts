// Cluster-robust tests beside a univariate model (metafor robust(); clubSandwich coef_test / Wald_test
// for CR2), as pool, regress and multilevel report them.
import type { EffectTable } from '../effects/types.js';
import { univariateRobust, type RobustResult, type RobustType } from '../multilevel/index.js';

/** A cluster-robust request: the adjustment and the cluster column. */
export interface RobustRequest {
  readonly type: RobustType;
  readonly cluster: string;
}

/**
 * Robust tests of a univariate fit (tau² from the fit; mods as the analysis used them).
 * @example univariateRobustFor(bcgTable, { type: 'CR1', cluster: 'alloc' }, { tau2: 0.3, level: 95 }, 'pool').clusters // 3
 */
export function univariateRobustFor(
  table: EffectTable,
  request: RobustRequest,
  fit: { tau2: number | null; mods?: readonly string[]; level: number },
  command: string,
): RobustResult {
  return univariateRobust(table.studies, {
    mods: fit.mods ?? [],
    tau2: fit.tau2 ?? 0,
    type: request.type,
    cluster: request.cluster,
    level: fit.level,
    context: command,
  });
}

/**
 * The `robust` JSON object (same shape for pool, regress and multilevel).
 * @example Object.keys(robustJson(univariateRobustFor(bcgTable, { type: 'CR1', cluster: 'alloc' }, { tau2: 0.3, level: 95 }, 'pool'))) // ['type', 'coefficients', 'qm', 'qmDf', 'qmDfDenominator', 'qmPValue']
 */
export function robustJson(r: RobustResult) {
  return { type: r.type, coefficients: r.coefficients, qm: r.qm, qmDf: r.qmDf, qmDfDenominator: r.qmDfDenominator, qmPValue: r.qmPValue };
}
