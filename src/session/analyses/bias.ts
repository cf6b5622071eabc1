// The small-study and publication-bias analyses of `metasynth bias` (Egger, Begg, trim-and-fill,
// fail-safe N, PET-PEESE, Henmi–Copas, Harbord, Peters, excess significance, funnel data) and the
// JSON document `metasynth bias --json` prints.
import { MetasynthError, type Warning } from '../../core/errors.js';
import type { EffectTable, Measure } from '../../effects/types.js';
import {
  excessSignificance,
  harbordTest,
  petersTest,
  type HarbordTestResult,
  type PetersTestResult,
  henmiCopas,
  petPeese,
  regressionTest,
  type ExcessSignificanceResult,
  type HenmiCopasResult,
  type PetPeeseResult,
  type RegressionPredictor,
  type RegressionTestResult,
  type TrimFillEstimator,
  failSafeN,
  funnelData,
  rankCorrelationTest,
  trimAndFill,
  type FailSafeResult,
  type FunnelData,
  type ModelMethod,
  type ModelTest,
  type RankCorrelationResult,
  type TrimAndFillResult,
} from '../../bias/index.js';
import { fitInterceptModel } from '../../regression/models.js';
import { transformedJson } from '../transformed.js';

/** The settings of the bias analyses (the CLI's --method, --test, --level, --predictor, --estimator). */
export interface BiasSettings {
  readonly method: ModelMethod;
  readonly test: ModelTest;
  readonly level: number;
  readonly predictor?: RegressionPredictor;
  readonly estimator?: TrimFillEstimator;
}

/** The bias analyses of one table, with the settings they ran under. */
export interface BiasAnalyses {
  readonly table: EffectTable;
  readonly method: ModelMethod;
  readonly test: ModelTest;
  readonly level: number;
  readonly predictor: RegressionPredictor;
  readonly egger: RegressionTestResult;
  readonly eggerClassic: RegressionTestResult;
  readonly petPeese: PetPeeseResult | null;
  readonly henmiCopas: HenmiCopasResult | null;
  readonly tes: ExcessSignificanceResult | null;
  /** Harbord's and Peters' tests: null without 2×2 counts (Peters: also unless the measure is OR). */
  readonly harbord: HarbordTestResult | null;
  readonly peters: PetersTestResult | null;
  readonly extraWarnings: readonly (Warning & { analysis: string })[];
  readonly begg: RankCorrelationResult;
  readonly trimFill: TrimAndFillResult;
  readonly failSafe: { readonly rosenthal: FailSafeResult; readonly orwin: FailSafeResult; readonly rosenberg: FailSafeResult };
  readonly funnel: FunnelData;
}

/** An analysis that may be impossible on this data: its result, or null and a warning. */
function attempt<T>(analysis: string, f: () => T, warnings: (Warning & { analysis: string })[]): T | null {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof MetasynthError)) throw e;
    warnings.push({ analysis, code: 'not_estimable', message: e.message });
    return null;
  }
}

/**
 * Run every bias analysis on one table.
 * @example runBias(bcgTable, { method: 'REML', test: 'z', level: 95 }).egger.k // 13
 */
export function runBias(table: EffectTable, settings: BiasSettings): BiasAnalyses {
  const { method, test, level } = settings;
  const predictor = settings.predictor ?? 'sei';
  const model = { method, test, level };
  const extraWarnings: (Warning & { analysis: string })[] = [];
  const yi = Float64Array.from(table.studies, (s) => s.effect);
  const vi = Float64Array.from(table.studies, (s) => s.variance);
  const fit = fitInterceptModel(yi, vi, model);
  const hasCounts = table.studies.length > 0 && table.studies.every((s) => s.counts !== undefined);
  return {
    table,
    ...model,
    predictor,
    egger: regressionTest(table, { model: 'rma', predictor, ...model }),
    eggerClassic: regressionTest(table, { model: 'lm', predictor, ...model }),
    begg: rankCorrelationTest(table),
    trimFill: trimAndFill(table, { ...model, estimator: settings.estimator ?? 'L0' }),
    failSafe: {
      rosenthal: failSafeN(table, { type: 'Rosenthal' }),
      orwin: failSafeN(table, { type: 'Orwin' }),
      rosenberg: failSafeN(table, { type: 'Rosenberg' }),
    },
    funnel: funnelData(table, model),
    petPeese: table.studies.length >= 3 ? attempt('petPeese', () => petPeese(table, { level }), extraWarnings) : null,
    henmiCopas: table.studies.length >= 2 ? attempt('henmiCopas', () => henmiCopas(table, { level }), extraWarnings) : null,
    harbord: hasCounts ? attempt('harbord', () => harbordTest(table, { level }), extraWarnings) : null,
    peters: hasCounts && table.measure === 'OR' ? attempt('peters', () => petersTest(table, { level }), extraWarnings) : null,
    tes: Number.isFinite(fit.estimate)
      ? attempt('tes', () => excessSignificance(table, { theta: fit.estimate, tau2: Number.isFinite(fit.tau2) ? fit.tau2 : 0 }), extraWarnings)
      : null,
    extraWarnings,
  };
}

function eggerJson(r: RegressionTestResult, measure: Measure) {
  return {
    statistic: r.statistic,
    df: r.df,
    pValue: r.pValue,
    limitEstimate: r.limitEstimate,
    limitCiLower: r.limitCiLower,
    limitCiUpper: r.limitCiUpper,
    predictor: r.predictor,
    slope: r.slope.estimate,
    slopeStandardError: r.slope.standardError,
    limitTransformed: transformedJson(measure, { estimate: r.limitEstimate, ciLower: r.limitCiLower, ciUpper: r.limitCiUpper }),
  };
}

function estimateJson(e: { estimate: number | null; standardError: number | null; pValue: number | null; ciLower: number | null; ciUpper: number | null }) {
  return { estimate: e.estimate, standardError: e.standardError, pValue: e.pValue, ciLower: e.ciLower, ciUpper: e.ciUpper };
}

/**
 * Every warning of the bias analyses, tagged with the analysis it came from.
 * @example biasWarnings(runBias(bcgTable, { method: 'REML', test: 'z', level: 95 })).length >= 0 // true
 */
export function biasWarnings(a: BiasAnalyses): (Warning & { analysis: string })[] {
  const tag = (analysis: string, ws: readonly Warning[]) => ws.map((w) => ({ analysis, ...w }));
  return [
    ...tag('egger', a.egger.warnings),
    ...tag('eggerClassic', a.eggerClassic.warnings),
    ...tag('begg', a.begg.warnings),
    ...tag('trimFill', a.trimFill.warnings),
    ...tag('trimFill', a.trimFill.model?.warnings ?? []),
    ...tag('failSafeN', [...a.failSafe.rosenthal.warnings, ...a.failSafe.orwin.warnings, ...a.failSafe.rosenberg.warnings]),
    ...tag('funnel', a.funnel.warnings),
    ...tag('harbord', a.harbord?.warnings ?? []),
    ...tag('peters', a.peters?.warnings ?? []),
    ...a.extraWarnings,
  ];
}

function trimFillJson(tf: TrimAndFillResult, measure: Measure) {
  const m = tf.model;
  return {
    estimator: tf.estimator,
    k0: tf.k0,
    k0StandardError: tf.k0StandardError,
    side: tf.side,
    estimate: m?.estimate ?? null,
    standardError: m?.standardError ?? null,
    ciLower: m?.ciLower ?? null,
    ciUpper: m?.ciUpper ?? null,
    pValue: m?.pValue ?? null,
    tau2: m?.tau2 ?? null,
    i2: m?.i2 ?? null,
    q: m?.q ?? null,
    test: tf.refitTest,
    statistic: m?.statistic ?? null,
    qPValue: m?.qPValue ?? null,
    transformed: m ? transformedJson(measure, m) : null,
    filled: tf.filled.map((s) => ({ study: s.study, effect: s.effect, variance: s.variance, imputed: s.imputed })),
  };
}

function failSafeJson(failSafe: BiasAnalyses['failSafe'], measure: Measure) {
  return {
    rosenthal: failSafe.rosenthal.failSafeN,
    orwin: failSafe.orwin.failSafeN,
    rosenberg: failSafe.rosenberg.failSafeN,
    orwinTarget: failSafe.orwin.target,
    orwinTargetTransformed: transformedJson(measure, { estimate: failSafe.orwin.target, ciLower: null, ciUpper: null })?.estimate ?? null,
  };
}

function petPeeseJson(pp: PetPeeseResult | null) {
  return pp
    ? {
        pet: estimateJson(pp.pet),
        peese: estimateJson(pp.peese),
        conditional: { ...estimateJson(pp.conditional), chosen: pp.conditional.chosen },
      }
    : null;
}

function harbordJson(h: HarbordTestResult | null) {
  return h
    ? {
        k: h.k,
        bias: h.bias,
        standardError: h.biasStandardError,
        ciLower: h.ciLower,
        ciUpper: h.ciUpper,
        statistic: h.statistic,
        df: h.df,
        pValue: h.pValue,
      }
    : null;
}

function petersJson(p: PetersTestResult | null) {
  return p
    ? {
        k: p.k,
        slope: p.slope.estimate,
        slopeStandardError: p.slope.standardError,
        statistic: p.statistic,
        df: p.df,
        pValue: p.pValue,
        intercept: estimateJson(p.intercept),
      }
    : null;
}

function funnelJson(fd: FunnelData) {
  return {
    estimate: fd.estimate,
    level: fd.level,
    seMax: fd.seMax,
    studies: fd.studies,
    pseudoCi: fd.pseudoCi,
    contours: fd.contours,
  };
}

/**
 * The JSON document of `bias --json` (a public contract; see README, section json).
 * @example biasJson(runBias(bcgTable, { method: 'REML', test: 'z', level: 95 })).k // 13
 */
export function biasJson(a: BiasAnalyses) {
  return {
    k: a.table.studies.length,
    measure: a.table.measure,
    method: a.method,
    test: a.test,
    level: a.level,
    egger: eggerJson(a.egger, a.table.measure),
    eggerClassic: eggerJson(a.eggerClassic, a.table.measure),
    begg: { kendallTau: a.begg.kendallTau, pValue: a.begg.pValue },
    trimFill: trimFillJson(a.trimFill, a.table.measure),
    failSafeN: failSafeJson(a.failSafe, a.table.measure),
    petPeese: petPeeseJson(a.petPeese),
    henmiCopas: a.henmiCopas
      ? { estimate: a.henmiCopas.estimate, ciLower: a.henmiCopas.ciLower, ciUpper: a.henmiCopas.ciUpper, tau2: a.henmiCopas.tau2 }
      : null,
    tes: a.tes ? { observed: a.tes.observed, expected: a.tes.expected, statistic: a.tes.statistic, pValue: a.tes.pValue } : null,
    harbord: harbordJson(a.harbord),
    peters: petersJson(a.peters),
    funnel: funnelJson(a.funnel),
    warnings: biasWarnings(a),
  };
}
