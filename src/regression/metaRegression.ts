// Meta-regression on an EffectTable: moderators by name, as metafor's rma(yi, vi, mods = ~ ...).
import { MetasynthError } from '../core/errors.js';
import type { EffectTable, Exclusion, Measure } from '../effects/types.js';
import { buildDesign, type ModeratorSpec } from './design.js';
import { userWeightsColumn } from '../pool/userWeights.js';
import type { Tau2IntervalType } from '../pool/types.js';
import {
  fitMetaRegression,
  type MetaRegressionFit,
  type MetaRegressionMethod,
  type RegressionCoefficient,
  type RegressionTest,
  type Tau2Control,
} from './fitMetaRegression.js';
import { REGRESSION_MESSAGES } from './messages.js';

export interface MetaRegressionOptions {
  /** Moderators: column names, or `factor(name)` to treat a numeric column as categorical. Text columns are categorical. */
  readonly mods: readonly string[];
  /** τ² estimator (default `REML`). */
  readonly method?: MetaRegressionMethod;
  /** `z` (default) or `knha`. */
  readonly test?: RegressionTest;
  /** Confidence level in percent (default 95). */
  readonly level?: number;
  /** Iteration control for ML, REML, EB, PM. */
  readonly control?: Tau2Control;
  /** Column of user weights (metafor `weights`; see fitMetaRegression): a non-data column, each value a number ≥ 0. */
  readonly weights?: string;
  /** `PL`: also the profile-likelihood interval of τ² (ML and REML fits). */
  readonly tau2Ci?: Tau2IntervalType;
}

export interface LabelledCoefficient extends RegressionCoefficient {
  /** Plain name: `intercept`, `ablat`, `alloc = random`. */
  readonly label: string;
}

export interface MetaRegressionResult extends Omit<MetaRegressionFit, 'coefficients'> {
  readonly measure: Measure;
  readonly mods: readonly string[];
  readonly coefficients: readonly LabelledCoefficient[];
  /** How each moderator entered the model (factor levels; the first is the reference). */
  readonly moderators: readonly ModeratorSpec[];
  /** Studies left out (a missing moderator value) with the reason; `k` counts the studies used. */
  readonly excluded: readonly Exclusion[];
  readonly kExcluded: number;
}

/**
 * Mixed-effects meta-regression of a table's effects on named moderators (metafor
 * `rma(yi, vi, mods = ~ a + factor(b), data = dat)`): numeric moderators enter as they are, text
 * moderators (or `factor(x)`) as treatment-coded factors with sorted levels, the first level the
 * reference; coefficients are named as metafor names them (`intrcpt`, `ablat`, `factor(alloc)random`).
 * Studies with a missing moderator value are left out and listed in `excluded`.
 *
 * @example
 * metaRegression(bcgRR, { mods: ['ablat'] }).coefficients.map((c) => c.name) // ['intrcpt', 'ablat']
 * metaRegression(bcgRR, { mods: ['ablat'] }).r2 // 75.63 (metafor R^2, REML)
 */
export function metaRegression(table: EffectTable, options: MetaRegressionOptions): MetaRegressionResult {
  if (!options || !Array.isArray(options.mods) || options.mods.length === 0) {
    throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.meta_regression_least_one());
  }
  const design = buildDesign(table.studies, options.mods);
  if (design.rows.length === 0) throw new MetasynthError('not_estimable', REGRESSION_MESSAGES.meta_regression_no_study());
  const yi = Float64Array.from(design.rows, (r) => table.studies[r]!.effect);
  const vi = Float64Array.from(design.rows, (r) => table.studies[r]!.variance);
  const fit = fitMetaRegression({
    yi,
    vi,
    columns: design.columns,
    names: design.info.map((c) => c.name),
    ...(options.method !== undefined ? { method: options.method } : {}),
    ...(options.test !== undefined ? { test: options.test } : {}),
    ...(options.level !== undefined ? { level: options.level } : {}),
    ...(options.control !== undefined ? { control: options.control } : {}),
    ...(options.weights !== undefined ? { weights: userWeightsColumn(table, options.weights, design.rows) } : {}),
    ...(options.tau2Ci !== undefined ? { tau2Ci: options.tau2Ci } : {}),
  });
  const warnings = [...fit.warnings];
  if (design.excluded.length > 0) {
    warnings.push({
      code: 'studies_excluded',
      message: REGRESSION_MESSAGES.studies_excluded(design.excluded.length, fit.k).text,
    });
  }
  return {
    ...fit,
    measure: table.measure,
    mods: options.mods.map((m) => m.trim()),
    coefficients: fit.coefficients.map((c, j) => ({ ...c, label: design.info[j]!.label })),
    moderators: design.moderators,
    excluded: design.excluded,
    kExcluded: design.excluded.length,
    warnings,
  };
}
