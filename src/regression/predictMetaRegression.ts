// Predicted (fitted) effects at new moderator values, as metafor's predict(res, newmods = ...).
import { MetasynthError } from '../core/errors.js';
import type { ModeratorValue } from '../effects/types.js';
import { normalCritical, studentTCritical } from '../distributions/index.js';
import { designRow, type ModeratorSpec } from './design.js';
import type { MetaRegressionFit } from './fitMetaRegression.js';
import { finiteOrNull } from '../core/finite.js';
import { countOf } from '../core/plural.js';
import { REGRESSION_MESSAGES } from './messages.js';

export interface RegressionPrediction {
  readonly estimate: number | null;
  readonly standardError: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
  /** Prediction interval for the true effect of a new study (null for EE models). */
  readonly piLower: number | null;
  readonly piUpper: number | null;
}

/** A new row: moderator values by name (fits from metaRegression), or numbers for the design columns (with or without the intercept's 1). */
export type NewModeratorRow = Readonly<Record<string, ModeratorValue>> | readonly number[];

/**
 * Predicted average effect x'β at new moderator values, its standard error √(x'·Vb·x), confidence
 * interval, and prediction interval x'β ± crit·√(x'·Vb·x + τ²) (metafor predict.rma; crit from t
 * with k − p df under knha, else normal).
 *
 * @example
 * predictMetaRegression(metaRegression(bcgRR, { mods: ['ablat'] }), [{ ablat: 40 }])[0].estimate // -0.9126 (metafor: predict(rma(yi, vi, mods = ~ ablat), newmods = 40))
 */
export function predictMetaRegression(
  fit: MetaRegressionFit & { readonly moderators?: readonly ModeratorSpec[] },
  newRows: readonly NewModeratorRow[],
): RegressionPrediction[] {
  const p = fit.p;
  const beta = fit.coefficients.map((c) => c.estimate);
  if (beta.some((b) => b === null)) throw new MetasynthError('not_estimable', REGRESSION_MESSAGES.prediction_model_has_coefficients());
  const crit = fit.test !== 'z' && fit.df !== null ? studentTCritical(fit.level, fit.df) : normalCritical(fit.level);
  const isEE = fit.method === 'EE' || fit.method === 'FE';
  const tau2 = fit.tau2 ?? 0;
  return newRows.map((row, r) => {
    let x: number[];
    if (Array.isArray(row)) {
      const nums = row as readonly number[];
      if (nums.length === p) x = [...nums];
      else if (fit.intercept && nums.length === p - 1) x = [1, ...nums];
      else throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.prediction_row_expected(r + 1, countOf(nums.length, 'value'), fit.intercept, p));
    } else {
      if (!fit.moderators) throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.prediction_row_design_values(r + 1, p));
      x = designRow(fit.moderators, row as Readonly<Record<string, ModeratorValue>>, `prediction row ${r + 1}`);
    }
    let pred = 0;
    let vpred = 0;
    for (let i = 0; i < p; i++) {
      pred += x[i]! * beta[i]!;
      for (let j = 0; j < p; j++) vpred += x[i]! * (fit.covariance[i]![j] ?? NaN) * x[j]!;
    }
    const se = Math.sqrt(vpred);
    const piHalf = crit * Math.sqrt(vpred + tau2);
    return {
      estimate: finiteOrNull(pred),
      standardError: finiteOrNull(se),
      ciLower: finiteOrNull(pred - crit * se),
      ciUpper: finiteOrNull(pred + crit * se),
      piLower: isEE ? null : finiteOrNull(pred - piHalf),
      piUpper: isEE ? null : finiteOrNull(pred + piHalf),
    };
  });
}
