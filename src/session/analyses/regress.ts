// The meta-regression analysis (metafor rma.uni with mods): from an EffectTable and typed options to
// the fit, the fitted effects and the JSON document `metasynth regress --json` prints.
import { MetasynthError } from '../../core/errors.js';
import { backTransform, type BackTransformed } from '../../effects/backTransform.js';
import type { EffectTable } from '../../effects/types.js';
import type { Tau2Control } from '../../heterogeneity/index.js';
import type { RobustResult } from '../../multilevel/index.js';
import type { Tau2IntervalType } from '../../pool/index.js';
import {
  buildDesign,
  metaRegression,
  predictMetaRegression,
  type MetaRegressionMethod,
  type MetaRegressionResult,
  type RegressionPrediction,
  type RegressionTest,
} from '../../regression/index.js';
import { withInputWarnings } from '../input.js';
import { SESSION_MESSAGES } from '../messages.js';
import { robustJson, univariateRobustFor, type RobustRequest } from '../robust.js';

export { modsTerms } from './modsTerms.js';

/** One study's fitted (predicted) effect, with the back-transformed figures. */
export interface StudyPrediction extends RegressionPrediction {
  readonly study: string;
  readonly transformed: BackTransformed<'estimate' | 'ciLower' | 'ciUpper' | 'piLower' | 'piUpper'> | null;
}

/**
 * The fitted effect of every study the model used (metafor `predict(res)`: x'β with its CI and
 * PI), each back-transformed by the measure's transformation as `predict(res, transf = ...)`.
 * @example regressPredictions(bcgRR, metaRegression(bcgRR, { mods: ['ablat'] }))[0].transformed?.scale // 'exp'
 */
export function regressPredictions(table: EffectTable, res: MetaRegressionResult): StudyPrediction[] {
  if (res.coefficients.some((c) => c.estimate === null)) return [];
  const design = buildDesign(table.studies, res.mods);
  const rows = design.rows.map((_, j) => design.columns.map((c) => c[j] as number));
  return predictMetaRegression(res, rows).map((p, j) => ({
    study: table.studies[design.rows[j]!]!.study,
    ...p,
    transformed: backTransform(res.measure, { estimate: p.estimate, ciLower: p.ciLower, ciUpper: p.ciUpper, piLower: p.piLower, piUpper: p.piUpper }),
  }));
}

/**
 * The JSON document of `regress --json` (a public contract; see README, section json).
 * @example regressJson(metaRegression(bcgTable, { mods: ['ablat'] })).mods // ['ablat']
 */
export function regressJson(res: MetaRegressionResult, predictions: readonly StudyPrediction[] = []) {
  return {
    k: res.k,
    measure: res.measure,
    method: res.method,
    test: res.test,
    level: res.level,
    mods: res.mods,
    coefficients: res.coefficients.map((c) => ({
      name: c.name,
      label: c.label,
      estimate: c.estimate,
      standardError: c.standardError,
      statistic: c.statistic,
      pValue: c.pValue,
      ciLower: c.ciLower,
      ciUpper: c.ciUpper,
    })),
    covariance: res.covariance,
    df: res.df,
    tau2: res.tau2,
    tau2StandardError: res.tau2StandardError,
    i2: res.i2,
    h2: res.h2,
    r2: res.r2,
    qm: res.qm,
    qmDf: res.qmDf,
    qmPValue: res.qmPValue,
    qe: res.qe,
    qeDf: res.qeDf,
    qePValue: res.qePValue,
    fit: res.fit,
    ...(res.confintPL ? { confintPL: res.confintPL } : {}),
    moderators: res.moderators,
    excluded: res.excluded.map((e) => ({ study: e.study, ...(e.row === undefined ? {} : { row: e.row }), reason: e.reason })),
    kExcluded: res.kExcluded,
    converged: res.converged,
    iterations: res.iterations,
    predictions,
    warnings: res.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}

/** The options of a meta-regression, as the CLI's flags give them. */
export interface RegressAnalysisOptions {
  readonly mods: readonly string[];
  readonly method: MetaRegressionMethod;
  readonly test: RegressionTest;
  readonly level: number;
  readonly control?: Tau2Control;
  readonly weights?: string;
  readonly tau2Ci?: Tau2IntervalType;
  readonly robust?: RobustRequest | null;
  /** Compute every study's fitted effect (always in the JSON document; the text prints them with --predict). */
  readonly predict: boolean;
}

/**
 * Fits the meta-regression as `metasynth regress` does, with the fitted effects and cluster-robust
 * tests when asked; throws MetasynthError on options that do not go together.
 * @example regressAnalysis(bcgTable, { mods: ['ablat'], method: 'REML', test: 'z', level: 95, predict: false }).result.coefficients.length // 2
 */
export function regressAnalysis(table: EffectTable, options: RegressAnalysisOptions) {
  const { mods, method, test, level, control, weights, tau2Ci } = options;
  const result = metaRegression(table, {
    mods: [...mods],
    method,
    test,
    level,
    ...(control ? { control } : {}),
    ...(weights ? { weights } : {}),
    ...(tau2Ci ? { tau2Ci } : {}),
  });
  const predictions = options.predict ? regressPredictions(table, result) : [];
  if (options.robust && weights) throw new MetasynthError('invalid_option', SESSION_MESSAGES.regress_robust_weights_available());
  const robust: RobustResult | null = options.robust ? univariateRobustFor(table, options.robust, { tau2: result.tau2, mods, level }, 'regress') : null;
  const json = withInputWarnings({ ...regressJson(result, predictions), ...(robust ? { robust: robustJson(robust) } : {}) }, table);
  return { result, predictions, robust, json };
}
