// `metasynth bias FILE [--measure M] [--method X] [--test z|knha|t|adhoc] [--level 95] [--json]`:
// Egger (metafor regtest, both forms), Begg (ranktest), trim-and-fill, fail-safe N, funnel data.
import { methodName } from '../methodName.js';
import { MetasynthError, type Warning } from '../../core/errors.js';
import { needsUserWeights } from '../../heterogeneity/tau2/types.js';
import { TESTS } from '../../pool/index.js';
import type { EffectTable, Measure } from '../../effects/types.js';
import {
  MODEL_METHODS,
  REGRESSION_PREDICTORS,
  TRIM_FILL_ESTIMATORS,
  excessSignificance,
  harbordTest,
  petersTest,
  type HarbordTestResult,
  type PetersTestResult,
  henmiCopas,
  isRegressionPredictor,
  isTrimFillEstimator,
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
  isModelMethod,
  isModelTest,
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
import type { OptionSpec } from '../args.js';
import { backTransformedCell, backTransformedHeader, backTransformedPhrase, transformedJson } from '../backTransformed.js';
import type { Tau2Control } from '../../heterogeneity/index.js';
import type { Command } from '../command.js';
import { CONTROL_OPTION, parseControlOption } from '../control.js';
import { formatFixed, formatPValue, formatTable } from '../format.js';
import { writeResult } from '../output.js';
import { INPUT_OPTIONS, loadEffectTable, parseLevelOption, withInputWarnings } from '../input.js';
import { CLI_MESSAGES } from '../messages.js';

/** --method and --test as the bias and sensitivity commands read them. */
export const MODEL_OPTIONS: readonly OptionSpec[] = [
  { name: 'method', type: 'string', metavar: 'X', default: 'REML', description: `tau² method: ${MODEL_METHODS.join(', ')}` },
  {
    name: 'test',
    type: 'string',
    metavar: 'T',
    default: 'z',
    description: 'test of the model estimates: z, knha (Knapp–Hartung), t, or adhoc (Knapp–Hartung truncated at 1)',
  },
  CONTROL_OPTION,
];

export function parseModelOptions(
  options: Readonly<Record<string, string | boolean | undefined>>,
  command: string,
): { method: ModelMethod; test: ModelTest; control?: Tau2Control } {
  const rawMethod = typeof options.method === 'string' ? methodName(options.method) : 'REML';
  if (!isModelMethod(rawMethod)) {
    throw new MetasynthError('invalid_option', CLI_MESSAGES.method_not_available_here(command, options.method, MODEL_METHODS));
  }
  if (needsUserWeights(rawMethod)) throw new MetasynthError('invalid_option', CLI_MESSAGES.method_needs_user_weights_3(command, rawMethod));
  const rawTest = typeof options.test === 'string' ? options.test.trim().toLowerCase() : 'z';
  if (!isModelTest(rawTest)) throw new MetasynthError('invalid_option', CLI_MESSAGES.cli_unknown_test(command, options.test, TESTS));
  const control = parseControlOption(options.control, command);
  return { method: rawMethod, test: rawTest, ...(control ? { control } : {}) };
}

/** --predictor and --estimator of `bias`. */
export const BIAS_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'predictor',
    type: 'string',
    metavar: 'P',
    default: 'sei',
    description: `predictor of the regression tests: ${REGRESSION_PREDICTORS.join(', ')} (ni-based ones need 2x2 counts)`,
  },
  { name: 'estimator', type: 'string', metavar: 'E', default: 'L0', description: `trim-and-fill estimator: ${TRIM_FILL_ESTIMATORS.join(', ')}` },
];

export interface BiasSettings {
  readonly method: ModelMethod;
  readonly test: ModelTest;
  readonly level: number;
  readonly predictor?: RegressionPredictor;
  readonly estimator?: TrimFillEstimator;
}

export function parseBiasOptions(options: Readonly<Record<string, string | boolean | undefined>>): {
  predictor: RegressionPredictor;
  estimator: TrimFillEstimator;
} {
  const predictor = typeof options.predictor === 'string' ? options.predictor.trim() : 'sei';
  if (!isRegressionPredictor(predictor)) throw new MetasynthError('invalid_option', CLI_MESSAGES.bias_predictor_one(options.predictor, REGRESSION_PREDICTORS));
  const estimator = typeof options.estimator === 'string' ? options.estimator.trim().toUpperCase() : 'L0';
  if (!isTrimFillEstimator(estimator)) throw new MetasynthError('invalid_option', CLI_MESSAGES.bias_estimator_one(options.estimator, TRIM_FILL_ESTIMATORS));
  return { predictor, estimator };
}

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

/** Run every bias analysis on one table. */
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

function allWarnings(a: BiasAnalyses): (Warning & { analysis: string })[] {
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

/** The JSON document of `bias --json` (a public contract; see README, section json). */
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
    warnings: allWarnings(a),
  };
}

const f = (x: number | null) => formatFixed(x);
const RIGHT = { align: 'right' } as const;

/** The "Funnel plot asymmetry" table: both Egger forms and Begg. */
function asymmetryTableText(a: BiasAnalyses): string {
  const measure = a.table.measure;
  const back = backTransformedHeader(measure);
  const limitBack = (r: RegressionTestResult) =>
    back === null ? [] : [backTransformedCell(measure, { estimate: r.limitEstimate, ciLower: r.limitCiLower, ciUpper: r.limitCiUpper })];
  const eggerRow = (label: string, r: RegressionTestResult) => [
    `Egger (${label}${a.predictor === 'sei' ? '' : `, predictor ${a.predictor}`})`,
    f(r.statistic),
    r.df === null ? '' : String(r.df),
    formatPValue(r.pValue),
    f(r.limitEstimate),
    `${f(r.limitCiLower)} to ${f(r.limitCiUpper)}`,
    ...limitBack(r),
  ];
  return formatTable(
    [
      { header: 'test' },
      { header: 'statistic', ...RIGHT },
      { header: 'df', ...RIGHT },
      { header: 'p', ...RIGHT },
      { header: 'limit estimate', ...RIGHT },
      { header: `${a.level}% CI`, ...RIGHT },
      ...(back === null ? [] : [{ header: `limit ${back} [CI]`, ...RIGHT }]),
    ],
    [
      eggerRow('mixed-effects, regtest', a.egger),
      eggerRow('classic weighted lm', a.eggerClassic),
      ['Begg (Kendall tau)', f(a.begg.kendallTau), '', formatPValue(a.begg.pValue), '', '', ...(back === null ? [] : [''])],
    ],
  );
}

/** The trim-and-fill lines: the filled estimate and each imputed study. */
function trimFillText(a: BiasAnalyses): string[] {
  const tf = a.trimFill;
  if (tf.k0 === null) return ['Trim-and-fill: not run'];
  const m = tf.model;
  return [
    `Trim-and-fill (${tf.estimator}): ${tf.k0} missing on the ${tf.side} side (SE ${f(tf.k0StandardError)})`,
    `  filled estimate ${f(m?.estimate ?? null)} (${a.level}% CI ${f(m?.ciLower ?? null)} to ${f(m?.ciUpper ?? null)})${m ? backTransformedPhrase(a.table.measure, m, a.level) : ''}, ${tf.refitTest} ${f(m?.statistic ?? null)}, p ${formatPValue(m?.pValue ?? null)}, tau² ${f(m?.tau2 ?? null)}, I² ${formatFixed(m?.i2 ?? null, 2)}%, Q ${f(m?.q ?? null)} (p ${formatPValue(m?.qPValue ?? null)})`,
    ...tf.filled.filter((x) => x.imputed).map((s) => `  ${s.study}: effect ${f(s.effect)}, variance ${f(s.variance)}`),
  ];
}

/** The fail-safe N and funnel-data lines. */
function failSafeAndFunnelText(a: BiasAnalyses): string[] {
  const n = (x: number | null) => (x === null ? 'NA' : String(x));
  const orwinTarget = transformedJson(a.table.measure, { estimate: a.failSafe.orwin.target, ciLower: null, ciUpper: null });
  const orwinBack = orwinTarget === null ? '' : `; ${backTransformedHeader(a.table.measure)} ${f(orwinTarget.estimate)}`;
  return [
    `Fail-safe N: Rosenthal ${n(a.failSafe.rosenthal.failSafeN)}, Orwin ${n(a.failSafe.orwin.failSafeN)} (target ${f(a.failSafe.orwin.target)}${orwinBack}), Rosenberg ${n(a.failSafe.rosenberg.failSafeN)}`,
    `Funnel: centre ${f(a.funnel.estimate)}, largest SE ${f(a.funnel.seMax)}; contours at p = ${a.funnel.contours.map((c) => c.pValue).join(', ')} (plot with metasynth plot)`,
  ];
}

/** The small-study estimators' table (PET, PEESE, PET-PEESE), or nothing without them. */
function petPeeseText(pp: PetPeeseResult | null, level: number): string[] {
  if (!pp) return [];
  const row = (name: string, e: PetPeeseResult['pet']) => [
    name,
    f(e.estimate),
    f(e.standardError),
    formatPValue(e.pValue),
    `${f(e.ciLower)} to ${f(e.ciUpper)}`,
  ];
  return [
    '',
    `Small-study estimators (weighted least squares; conditional: PEESE when PET's intercept has p < ${pp.alpha})`,
    formatTable(
      [{ header: 'estimator' }, { header: 'estimate', ...RIGHT }, { header: 'se', ...RIGHT }, { header: 'p', ...RIGHT }, { header: `${level}% CI`, ...RIGHT }],
      [row('PET', pp.pet), row('PEESE', pp.peese), row(`PET-PEESE (${pp.conditional.chosen ?? 'NA'})`, pp.conditional)],
    ),
  ];
}

/** One line each for Henmi–Copas, Harbord, Peters and the excess-significance test, when they ran. */
function optionalAnalysesText(a: BiasAnalyses): string[] {
  const lines: string[] = [];
  if (a.henmiCopas)
    lines.push(
      `Henmi–Copas: estimate ${f(a.henmiCopas.estimate)} (${a.level}% CI ${f(a.henmiCopas.ciLower)} to ${f(a.henmiCopas.ciUpper)}), tau² (DL) ${f(a.henmiCopas.tau2)}`,
    );
  if (a.harbord)
    lines.push(
      `Harbord (score-based, odds ratios): bias ${f(a.harbord.bias)} (SE ${f(a.harbord.biasStandardError)}), t ${f(a.harbord.statistic)} on ${a.harbord.df} df, p ${formatPValue(a.harbord.pValue)}`,
    );
  if (a.peters)
    lines.push(
      `Peters (log OR on 1/N): slope ${f(a.peters.slope.estimate)} (SE ${f(a.peters.slope.standardError)}), t ${f(a.peters.statistic)} on ${a.peters.df} df, p ${formatPValue(a.peters.pValue)}; intercept ${f(a.peters.intercept.estimate)}`,
    );
  if (a.tes)
    lines.push(`Excess significance (tes): observed ${a.tes.observed}, expected ${f(a.tes.expected)}, ${a.tes.test} test p ${formatPValue(a.tes.pValue)}`);
  return lines;
}

/** The report for people. */
export function biasText(a: BiasAnalyses): string {
  const t = a.table;
  const ws = allWarnings(a);
  const lines: string[] = [
    `Publication bias: ${t.measure}, k = ${t.studies.length}${t.file ? ` (${t.file})` : ''}; method ${a.method}, test ${a.test}, ${a.level}% intervals`,
    '',
    'Funnel plot asymmetry',
    asymmetryTableText(a),
    '',
    ...trimFillText(a),
    '',
    ...failSafeAndFunnelText(a),
    ...petPeeseText(a.petPeese, a.level),
    ...optionalAnalysesText(a),
    ...(ws.length > 0 ? ['', 'Warnings:', ...ws.map((w) => `  ${w.analysis}: ${w.message}`)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  name: 'bias',
  summary: 'publication bias: Egger, Begg, trim-and-fill, fail-safe N, funnel data',
  usage:
    'metasynth bias FILE [--measure M] [--method X] [--test z|knha|t|adhoc] [--predictor P] [--estimator L0|R0|Q0] [--level 95] [--json]\n       metasynth bias --dataset NAME [--method X] [--json]',
  options: [...INPUT_OPTIONS, ...MODEL_OPTIONS, ...BIAS_OPTIONS],
  async run(args, io) {
    const level = parseLevelOption(args.options.level);
    const settings = { ...parseModelOptions(args.options, 'bias'), ...parseBiasOptions(args.options), level };
    const table = loadEffectTable(args, io, 'bias');
    const analyses = runBias(table, settings);
    writeResult(io, args, table, { json: () => withInputWarnings(biasJson(analyses), table), text: () => biasText(analyses) });
    return 0;
  },
};
