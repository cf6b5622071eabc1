// Regression tests for funnel-plot asymmetry with any of metafor's predictors (metafor 3.8-1
// `regtest(x, model, predictor)`): the effects regressed on a measure of study size or precision;
// a slope far from 0 signals small-study effects. For predictors that vanish for an infinitely
// large study (sei, vi, ninv, sqrtninv) the intercept is the limit estimate.
import { MetasynthError, type Warning } from '../../core/errors.js';
import { studentTCritical, studentTTwoSidedP } from '../../distributions/index.js';
import type { EffectTable } from '../../effects/types.js';
import { fitMetaRegression } from '../../regression/fitMetaRegression.js';
import { finiteOrNull, readStudies, type EffectData } from '../../pool/effectData.js';
import type { ModelMethod, ModelTest } from '../../regression/models.js';
import { checkSettings } from '../../regression/modelSettings.js';
import { BIAS_MESSAGES } from '../messages.js';

export const REGRESSION_PREDICTORS = ['sei', 'vi', 'ni', 'ninv', 'sqrtni', 'sqrtninv'] as const;
export type RegressionPredictor = (typeof REGRESSION_PREDICTORS)[number];
/**
 * True for a predictor of the regression test (REGRESSION_PREDICTORS).
 * @example isRegressionPredictor('sqrtninv') // true
 */
export function isRegressionPredictor(x: unknown): x is RegressionPredictor {
  return typeof x === 'string' && (REGRESSION_PREDICTORS as readonly string[]).includes(x);
}

export interface RegressionTestOptions {
  /** 'rma' (default): mixed-effects meta-regression; 'lm': weighted least squares (weights 1/vᵢ) with a t test on k − 2 df. */
  readonly model?: 'rma' | 'lm';
  /** Default 'sei' (Egger's test). */
  readonly predictor?: RegressionPredictor;
  /** Sample sizes for ni-based predictors; default: the 2×2 totals of the studies' counts. */
  readonly ni?: ArrayLike<number>;
  readonly method?: ModelMethod;
  readonly test?: ModelTest;
  readonly level?: number;
}

export interface RegressionTestEstimate {
  readonly estimate: number | null;
  readonly standardError: number | null;
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
}

export interface RegressionTestResult {
  readonly model: 'rma' | 'lm';
  readonly predictor: RegressionPredictor;
  readonly k: number;
  /** z (or t) statistic, df (null for z) and p of the predictor's slope (metafor zval/tval, dfs, pval). */
  readonly statistic: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
  readonly intercept: RegressionTestEstimate;
  readonly slope: RegressionTestEstimate;
  /** The intercept for sei, vi, ninv and sqrtninv (metafor est, ci.lb, ci.ub); null for ni and sqrtni. */
  readonly limitEstimate: number | null;
  readonly limitCiLower: number | null;
  readonly limitCiUpper: number | null;
  readonly warnings: readonly Warning[];
}

function sampleSizes(data: EffectData, k: number, given: ArrayLike<number> | undefined): Float64Array {
  if (given !== undefined) {
    if (given.length !== k) throw new MetasynthError('invalid_input', BIAS_MESSAGES.regression_test_ni_has(given.length, k));
    const ni = Float64Array.from(given as ArrayLike<number>);
    ni.forEach((n, i) => {
      if (!(n > 0) || !Number.isFinite(n)) throw new MetasynthError('invalid_input', BIAS_MESSAGES.regression_test_ni_study(i + 1, n));
    });
    return ni;
  }
  const studies = (data as EffectTable).studies;
  if (!Array.isArray(studies) || studies.some((s) => s.counts === undefined)) {
    throw new MetasynthError('invalid_option', BIAS_MESSAGES.regression_test_predictors_ni());
  }
  return Float64Array.from(studies, (s) => s.counts!.ai + s.counts!.bi + s.counts!.ci + s.counts!.di);
}

function predictorColumn(predictor: RegressionPredictor, vi: Float64Array, ni: () => Float64Array): Float64Array {
  switch (predictor) {
    case 'sei':
      return vi.map(Math.sqrt);
    case 'vi':
      return Float64Array.from(vi);
    case 'ni':
      return ni();
    case 'ninv':
      return ni().map((n) => 1 / n);
    case 'sqrtni':
      return ni().map(Math.sqrt);
    case 'sqrtninv':
      return ni().map((n) => 1 / Math.sqrt(n));
  }
}

/**
 * Regression test with predictor x (Egger et al. 1997 for sei; Moreno et al. 2009 for vi; Peters
 * et al. 2006 for ninv): model 'rma' fits yᵢ = b0 + b1·xᵢ + uᵢ + eᵢ with the chosen τ² method and
 * test; model 'lm' fits weighted least squares with weights 1/vᵢ and a multiplicative dispersion,
 * as R's lm(yi ~ xi, weights = 1/vi).
 * @example regressionTest(bcgTable, { model: 'lm', predictor: 'vi' }).limitEstimate // -0.37995 (PEESE; metafor regtest(res, model = "lm", predictor = "vi")$est)
 */
export function regressionTest(data: EffectData, options: RegressionTestOptions = {}): RegressionTestResult {
  const model = options.model ?? 'rma';
  const predictor = options.predictor ?? 'sei';
  if (model !== 'rma' && model !== 'lm') throw new MetasynthError('invalid_option', BIAS_MESSAGES.regression_test_model_rma(model));
  if (!isRegressionPredictor(predictor))
    throw new MetasynthError('invalid_option', BIAS_MESSAGES.regression_test_predictor_one(REGRESSION_PREDICTORS, predictor));
  const settings = checkSettings('regressionTest', options);
  const { yi, vi } = readStudies(data, 'regressionTest');
  const k = yi.length;
  const x = predictorColumn(predictor, vi, () => sampleSizes(data, k, options.ni));
  const none: RegressionTestEstimate = { estimate: null, standardError: null, statistic: null, pValue: null, ciLower: null, ciUpper: null };
  const empty = {
    model,
    predictor,
    k,
    statistic: null,
    df: null,
    pValue: null,
    intercept: none,
    slope: none,
    limitEstimate: null,
    limitCiLower: null,
    limitCiUpper: null,
  };
  if (k < 3) return { ...empty, warnings: [{ code: 'too_few_studies', message: BIAS_MESSAGES.too_few_studies_regression(k).text }] };
  if (x.every((v) => v === x[0])) return { ...empty, warnings: [{ code: 'not_estimable', message: BIAS_MESSAGES.not_estimable_regression(predictor).text }] };
  const method = model === 'lm' ? 'EE' : settings.method === 'FE' ? 'EE' : settings.method;
  const fit = fitMetaRegression({
    yi,
    vi,
    columns: [new Float64Array(k).fill(1), x],
    names: ['intrcpt', predictor],
    method,
    test: model === 'lm' ? 'z' : settings.test,
    level: settings.level,
  });
  const coefs =
    model === 'lm'
      ? lmCoefficients(fit, k, settings.level)
      : fit.coefficients.map((c) => ({
          estimate: c.estimate,
          standardError: c.standardError,
          statistic: c.statistic,
          pValue: c.pValue,
          ciLower: c.ciLower,
          ciUpper: c.ciUpper,
        }));
  const [b0, b1] = coefs as [RegressionTestEstimate, RegressionTestEstimate];
  const limit = predictor === 'sei' || predictor === 'vi' || predictor === 'ninv' || predictor === 'sqrtninv';
  return {
    model,
    predictor,
    k,
    statistic: b1.statistic,
    df: model === 'lm' ? k - 2 : fit.df,
    pValue: b1.pValue,
    intercept: b0,
    slope: b1,
    limitEstimate: limit ? b0.estimate : null,
    limitCiLower: limit ? b0.ciLower : null,
    limitCiUpper: limit ? b0.ciUpper : null,
    warnings: fit.warnings,
  };
}

/** lm's figures from the weighted (EE) fit: SEs scaled by σ̂ = √(QE/(k − 2)), t tests on k − 2 df. */
function lmCoefficients(fit: ReturnType<typeof fitMetaRegression>, k: number, level: number): RegressionTestEstimate[] {
  const df = k - 2;
  const sigma = Math.sqrt((fit.qe ?? NaN) / df);
  const crit = studentTCritical(level, df);
  return fit.coefficients.map((c) => {
    const b = c.estimate ?? NaN;
    const se = (c.standardError ?? NaN) * sigma;
    const t = b / se;
    return {
      estimate: finiteOrNull(b),
      standardError: finiteOrNull(se),
      statistic: finiteOrNull(t),
      pValue: finiteOrNull(studentTTwoSidedP(t, df)),
      ciLower: finiteOrNull(b - crit * se),
      ciUpper: finiteOrNull(b + crit * se),
    };
  });
}
