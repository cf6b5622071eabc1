// The pool analysis (metafor's rma.uni / rma.mh / rma.peto, or one fit per group): from an EffectTable
// and typed options to the result and the JSON document `metasynth pool --json` prints.
import { MetasynthError } from '../../core/errors.js';
import type { ProgressCallback } from '../../core/progress.js';
import type { EffectTable, Measure } from '../../effects/types.js';
import type { Tau2Control } from '../../heterogeneity/index.js';
import type { RobustResult } from '../../multilevel/index.js';
import { poolByGroup, type PoolByGroupResult } from '../../batch/index.js';
import { pool, type PoolMethod, type PoolResult, type PoolTest, type Tau2IntervalType } from '../../pool/index.js';
import { userWeightsColumn } from '../../pool/userWeights.js';
import { withInputWarnings } from '../input.js';
import { SESSION_MESSAGES } from '../messages.js';
import { robustJson, univariateRobustFor, type RobustRequest } from '../robust.js';

/** The options of a pool analysis, as the CLI's flags give them (`--method`, `--test`, `--group`, ...). */
export interface PoolAnalysisOptions {
  readonly method: PoolMethod;
  readonly test: PoolTest;
  readonly level: number;
  readonly control?: Tau2Control;
  /** A column of user weights (--weights). */
  readonly weights?: string;
  readonly tau2Ci?: Tau2IntervalType;
  /** Pool each value of this column separately (--group). */
  readonly by?: string;
  readonly robust?: RobustRequest | null;
  readonly onProgress?: ProgressCallback;
}

/** A pool analysis: one fit (with its robust tests) or one fit per group, and its JSON document. */
export type PoolAnalysis =
  | { readonly kind: 'single'; readonly result: PoolResult; readonly robust: RobustResult | null; readonly json: object }
  | { readonly kind: 'grouped'; readonly grouped: PoolByGroupResult; readonly json: object };

/**
 * The measure pool uses when none is given: MH pools odds ratios (metafor's rma.mh), PETO needs
 * none (its own log odds ratio); other methods use the data's (undefined).
 * @example defaultPoolMeasure('MH') // 'OR'
 */
export function defaultPoolMeasure(method: PoolMethod): Measure | undefined {
  if (method === 'MH') return 'OR';
  if (method === 'PETO') return 'PETO';
  return undefined;
}

/**
 * Pools a table as `metasynth pool` does: by group when `by` is given (no weights, no tau² CI),
 * else one fit with optional user weights, tau² CI and cluster-robust tests. Throws MetasynthError
 * on options that do not go together.
 * @example poolAnalysis(bcgTable, { method: 'REML', test: 'z', level: 95 }).kind // 'single'
 */
export function poolAnalysis(table: EffectTable, options: PoolAnalysisOptions): PoolAnalysis {
  const { method, test, level, control, weights: weightsColumn, tau2Ci, by, robust: robustRequest } = options;
  if (by !== undefined && (weightsColumn !== undefined || tau2Ci !== undefined))
    throw new MetasynthError('invalid_option', SESSION_MESSAGES.pool_group_pools_each());
  if (by !== undefined) {
    const grouped = poolByGroup(table, {
      by,
      method,
      test,
      level,
      ...(control ? { control } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { kind: 'grouped', grouped, json: withInputWarnings(grouped, table) };
  }
  const weights = weightsColumn === undefined ? undefined : userWeightsColumn(table, weightsColumn);
  const result = pool(table, { method, test, level, ...(control ? { control } : {}), ...(weights ? { weights } : {}), ...(tau2Ci ? { tau2Ci } : {}) });
  if (robustRequest && weights) throw new MetasynthError('invalid_option', SESSION_MESSAGES.pool_robust_with_weights());
  if (robustRequest && (method === 'MH' || method === 'PETO')) throw new MetasynthError('invalid_option', SESSION_MESSAGES.pool_robust_works_inverse(method));
  const robust = robustRequest ? univariateRobustFor(table, robustRequest, { tau2: result.tau2, level }, 'pool') : null;
  const json = withInputWarnings(robust ? { ...result, robust: robustJson(robust) } : result, table);
  return { kind: 'single', result, robust, json };
}
