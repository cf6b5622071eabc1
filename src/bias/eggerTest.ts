import type { Tau2Control } from '../heterogeneity/index.js';
import { MetasynthError, type Warning } from '../core/errors.js';
import { studentTCritical, studentTTwoSidedP } from '../distributions/index.js';
import { readStudies, finiteOrNull, type EffectData } from '../pool/effectData.js';
import { fitOneModerator, type ModelMethod, type ModelTest } from '../regression/models.js';
import { checkSettings } from '../regression/modelSettings.js';
import { BIAS_MESSAGES } from './messages.js';

export const EGGER_MODELS = ['rma', 'lm'] as const;
export type EggerModel = (typeof EGGER_MODELS)[number];

export interface EggerOptions {
  /**
   * 'rma' (default, metafor's `regtest(res)`): mixed-effects meta-regression of the effects on
   * their standard errors with the model's tau² method and test; 'lm' (`regtest(res, model = "lm")`):
   * Egger's classic weighted least squares with weights 1/vᵢ and a t test on k − 2 df.
   */
  readonly model?: EggerModel;
  /** tau² method for model 'rma' (default 'REML'); test (default 'z'); level in percent (default 95). */
  readonly method?: ModelMethod;
  readonly test?: ModelTest;
  readonly level?: number;
  /** Iteration control of every fit (default: converged to 1e-12; METAFOR_DEFAULT_CONTROL: metafor's defaults). */
  readonly control?: Tau2Control;
}

export interface EggerResult {
  readonly model: EggerModel;
  readonly method: ModelMethod | null;
  readonly test: ModelTest | 't';
  readonly level: number;
  readonly k: number;
  /** z (or t) statistic of the standard-error slope. */
  readonly statistic: number | null;
  /** Degrees of freedom of t (null for z). */
  readonly df: number | null;
  readonly pValue: number | null;
  /** The slope on the standard errors and its standard error. */
  readonly slope: number | null;
  readonly slopeStandardError: number | null;
  /** Limit estimate: the intercept, i.e. the effect expected at standard error 0, with its CI. */
  readonly limitEstimate: number | null;
  readonly limitCiLower: number | null;
  readonly limitCiUpper: number | null;
  readonly warnings: readonly Warning[];
}

/**
 * Egger's regression test for funnel plot asymmetry: regress the effects on their standard errors;
 * a slope far from 0 signals small-study effects, and the intercept is the limit estimate (the
 * effect of an infinitely precise study). As metafor's `regtest()`, model "rma" (default) or "lm".
 * Egger, M., Davey Smith, G., Schneider, M., & Minder, C. (1997). Bias in meta-analysis detected
 * by a simple, graphical test. BMJ, 315, 629–634. Sterne & Egger (2005) for the mixed-effects form.
 * @example
 * // metafor: regtest(rma(yi, vi, data = escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data = dat.bcg)), model = "lm")
 * eggerTest(bcgRR, { model: 'lm' }) // { statistic: -1.4012820022893326, df: 11, pValue: 0.18870699508197877, limitEstimate: -0.19092864235982013, ... }
 */
export function eggerTest(data: EffectData, options: EggerOptions = {}): EggerResult {
  const model = options.model ?? 'rma';
  if (!(EGGER_MODELS as readonly string[]).includes(model)) {
    throw new MetasynthError('invalid_option', BIAS_MESSAGES.egger_test_model_rma(model));
  }
  const settings = checkSettings('eggerTest', options);
  const { yi, vi } = readStudies(data, 'eggerTest');
  const k = yi.length;
  const base = { model, method: model === 'rma' ? settings.method : null, test: model === 'rma' ? settings.test : ('t' as const), level: settings.level, k };
  const empty = {
    statistic: null,
    df: null,
    pValue: null,
    slope: null,
    slopeStandardError: null,
    limitEstimate: null,
    limitCiLower: null,
    limitCiUpper: null,
  };
  if (k < 3) {
    return { ...base, ...empty, warnings: [{ code: 'too_few_studies', message: BIAS_MESSAGES.too_few_studies(k).text }] };
  }
  const sei = new Float64Array(k);
  for (let i = 0; i < k; i++) sei[i] = Math.sqrt(vi[i]!);
  let distinct = false;
  for (let i = 1; i < k; i++) if (sei[i] !== sei[0]) distinct = true;
  if (!distinct) {
    return { ...base, ...empty, warnings: [{ code: 'not_estimable', message: BIAS_MESSAGES.not_estimable_egger().text }] };
  }

  if (model === 'rma') {
    const fit = fitOneModerator(yi, vi, sei, settings);
    if (fit === null) {
      return { ...base, ...empty, warnings: [{ code: 'not_estimable', message: BIAS_MESSAGES.not_estimable_egger_s().text }] };
    }
    return {
      ...base,
      statistic: finiteOrNull(fit.slope.statistic),
      df: fit.df,
      pValue: finiteOrNull(fit.slope.pValue),
      slope: finiteOrNull(fit.slope.estimate),
      slopeStandardError: finiteOrNull(fit.slope.standardError),
      limitEstimate: finiteOrNull(fit.intercept.estimate),
      limitCiLower: finiteOrNull(fit.intercept.ciLower),
      limitCiUpper: finiteOrNull(fit.intercept.ciUpper),
      warnings: [],
    };
  }

  return { ...base, ...eggerLinearModel(yi, vi, sei, settings.level) };
}

/**
 * Egger's classic test (metafor `regtest(model = "lm")`): weighted least squares y = a + b·se with
 * weights 1/v, on weight-centred se for accuracy; the residual variance σ² = Σ wᵢ rᵢ² / (k − 2)
 * scales the covariance, as R's lm/summary.lm; t tests on k − 2 df.
 */
function eggerLinearModel(
  yi: Float64Array,
  vi: Float64Array,
  sei: Float64Array,
  level: number,
): Omit<EggerResult, 'model' | 'method' | 'test' | 'level' | 'k'> {
  const k = yi.length;
  // Weighted least squares y = a + b·se with weights 1/v, on weight-centred se for accuracy;
  // the residual variance σ² = Σ wᵢ rᵢ² / (k − 2) scales the covariance, as R's lm/summary.lm.
  let sw = 0;
  let sws = 0;
  let swy = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / vi[i]!;
    sw += w;
    sws += w * sei[i]!;
    swy += w * yi[i]!;
  }
  const sBar = sws / sw;
  const yBar = swy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / vi[i]!;
    const ds = sei[i]! - sBar;
    sxx += w * ds * ds;
    sxy += w * ds * (yi[i]! - yBar);
  }
  const slope = sxy / sxx;
  const intercept = yBar - slope * sBar;
  let rss = 0;
  for (let i = 0; i < k; i++) {
    const r = yi[i]! - intercept - slope * sei[i]!;
    rss += (r * r) / vi[i]!;
  }
  const df = k - 2;
  const sigma2 = rss / df;
  const seSlope = Math.sqrt(sigma2 / sxx);
  const seIntercept = Math.sqrt(sigma2 * (1 / sw + (sBar * sBar) / sxx));
  const t = slope / seSlope;
  const crit = studentTCritical(level, df);
  return {
    statistic: finiteOrNull(t),
    df,
    pValue: finiteOrNull(studentTTwoSidedP(t, df)),
    slope: finiteOrNull(slope),
    slopeStandardError: finiteOrNull(seSlope),
    limitEstimate: finiteOrNull(intercept),
    limitCiLower: finiteOrNull(intercept - crit * seIntercept),
    limitCiUpper: finiteOrNull(intercept + crit * seIntercept),
    warnings: [],
  };
}
