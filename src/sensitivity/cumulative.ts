import type { Tau2Control } from '../heterogeneity/index.js';
import { MetasynthError, type Warning } from '../core/errors.js';
import type { EffectTable } from '../effects/types.js';
import { readStudies, type EffectData } from '../pool/effectData.js';
import { fitInterceptModel, type ModelMethod, type ModelTest } from '../regression/models.js';
import { checkSettings } from '../regression/modelSettings.js';
import { toStep, type SensitivityStep } from './step.js';
import { countOf } from '../core/plural.js';
import { SENSITIVITY_MESSAGES } from './messages.js';

export interface CumulativeOptions {
  /** tau² method (default 'REML'), test (default 'z'), level in percent (default 95). */
  readonly method?: ModelMethod;
  readonly test?: ModelTest;
  readonly level?: number;
  /**
   * Order in which studies are added. Default: input order. A moderator column name (EffectTable
   * input) or one sort key per study; numbers sort numerically, text by code points (R's C
   * collation), missing values last, ties in input order (R's `order()`, as metafor's `cumul(res, order = ...)`).
   */
  readonly orderBy?: string | readonly (number | string | null)[];
  /** Sort decreasingly. Default false. */
  readonly decreasing?: boolean;
  /** Iteration control of every fit (default: converged to 1e-12; METAFOR_DEFAULT_CONTROL: metafor's defaults). */
  readonly control?: Tau2Control;
}

export interface CumulativeResult {
  readonly method: ModelMethod;
  readonly test: ModelTest;
  readonly level: number;
  readonly k: number;
  /** The column sorted by, or 'input order' / 'given keys'. */
  readonly orderBy: string;
  readonly decreasing: boolean;
  /** Step j: the model fitted to the first j studies in that order; `study` is the one added. */
  readonly steps: readonly SensitivityStep[];
  readonly warnings: readonly Warning[];
}

function compareKeys(a: number | string | null, b: number | string | null): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Cumulative meta-analysis: the model fitted to the first 1, 2, …, k studies in input order or
 * sorted by a column, each fit warm-started from the previous step's tau². A step with one study
 * reports that study (tau² = 0, Q = 0, p = 1, I² = 0, H² = 1). As metafor's `cumul(res, order)`.
 * Lau, J., et al. (1992). Cumulative meta-analysis of therapeutic trials for myocardial infarction.
 * NEJM, 327, 248–254.
 * @example
 * // metafor: cumul(rma(yi, vi, data = escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data = dat.bcg)))
 * cumulative(bcgRR).steps[1].estimate // -1.325003442244875
 */
export function cumulative(data: EffectData, options: CumulativeOptions = {}): CumulativeResult {
  const settings = checkSettings('cumulative', options);
  const { yi, vi, study } = readStudies(data, 'cumulative');
  const k = yi.length;
  const decreasing = options.decreasing ?? false;
  let keys: readonly (number | string | null)[] | null = null;
  let orderBy = 'input order';
  if (typeof options.orderBy === 'string') {
    const column = options.orderBy;
    const table = data as EffectTable;
    if (!Array.isArray(table.studies) || !table.studies.every((s) => column in s.moderators)) {
      throw new MetasynthError('invalid_option', SENSITIVITY_MESSAGES.cumulative_order_column_not(column));
    }
    keys = table.studies.map((s) => s.moderators[column] ?? null);
    orderBy = column;
  } else if (options.orderBy !== undefined) {
    if (options.orderBy.length !== k) {
      throw new MetasynthError(
        'invalid_option',
        SENSITIVITY_MESSAGES.cumulative_order_has(countOf(options.orderBy.length, 'key'), countOf(k, 'study', 'studies')),
      );
    }
    keys = options.orderBy;
    orderBy = 'given keys';
  }
  const order = Array.from({ length: k }, (_, i) => i);
  if (keys !== null) {
    const kk = keys;
    // Decreasing order keeps missing values last and ties in input order, as R's order(decreasing = TRUE).
    order.sort((a, b) => {
      const ka = kk[a]!;
      const kb = kk[b]!;
      const c = ka === null || kb === null ? compareKeys(ka, kb) : (decreasing ? -1 : 1) * compareKeys(ka, kb);
      return c || a - b;
    });
  }
  const ys = new Float64Array(k);
  const vs = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    ys[j] = yi[order[j]!]!;
    vs[j] = vi[order[j]!]!;
  }
  const steps = new Array<SensitivityStep>(k);
  const warnings: Warning[] = [];
  let tau2Start: number | undefined;
  for (let j = 0; j < k; j++) {
    const name = study[order[j]!]!;
    const fit = fitInterceptModel(ys.subarray(0, j + 1), vs.subarray(0, j + 1), settings, {}, tau2Start);
    if (!fit.converged) warnings.push({ code: 'not_converged', study: name, message: SENSITIVITY_MESSAGES.not_converged_cumulative(j + 1, name).text });
    if (Number.isFinite(fit.tau2) && j > 0) tau2Start = fit.tau2;
    steps[j] = toStep(name, fit);
  }
  return { ...settings, k, orderBy, decreasing, steps, warnings };
}
