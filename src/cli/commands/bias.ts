// `metasynth bias FILE [--measure M] [--method X] [--test z|knha|t|adhoc] [--level 95] [--json]`:
// Egger (metafor regtest, both forms), Begg (ranktest), trim-and-fill, fail-safe N, funnel data.
import { methodName } from '../methodName.js';
import { MetasynthError } from '../../core/errors.js';
import { needsUserWeights } from '../../heterogeneity/tau2/types.js';
import { TESTS } from '../../pool/index.js';
import {
  MODEL_METHODS,
  REGRESSION_PREDICTORS,
  TRIM_FILL_ESTIMATORS,
  isRegressionPredictor,
  isTrimFillEstimator,
  type PetPeeseResult,
  type RegressionPredictor,
  type RegressionTestResult,
  type TrimFillEstimator,
  isModelMethod,
  isModelTest,
  type ModelMethod,
  type ModelTest,
} from '../../bias/index.js';
import type { OptionSpec } from '../args.js';
import { backTransformedCell, backTransformedHeader, backTransformedPhrase, transformedJson } from '../backTransformed.js';
import type { Tau2Control } from '../../heterogeneity/index.js';
import type { Command } from '../command.js';
import { CONTROL_OPTION, parseControlOption } from '../control.js';
import { formatFixed, formatPValue, formatTable } from '../format.js';
import { writeResult } from '../output.js';
import { EXCLUDE_OPTION, INPUT_OPTIONS, loadEffectTable, parseLevelOption, withInputWarnings } from '../input.js';
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

// The analyses and their JSON document live in src/session/analyses/bias.ts (shared with the web page).
export { biasJson, biasWarnings, runBias, type BiasAnalyses, type BiasSettings } from '../../session/analyses/bias.js';
import { biasJson, biasWarnings, runBias, type BiasAnalyses } from '../../session/analyses/bias.js';

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
  const ws = biasWarnings(a);
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
  options: [...INPUT_OPTIONS, EXCLUDE_OPTION, ...MODEL_OPTIONS, ...BIAS_OPTIONS],
  async run(args, io) {
    const level = parseLevelOption(args.options.level);
    const settings = { ...parseModelOptions(args.options, 'bias'), ...parseBiasOptions(args.options), level };
    const table = loadEffectTable(args, io, 'bias');
    const analyses = runBias(table, settings);
    writeResult(io, args, table, { json: () => withInputWarnings(biasJson(analyses), table), text: () => biasText(analyses) });
    return 0;
  },
};
