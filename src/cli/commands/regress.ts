// `metasynth regress FILE --mods a,b [--measure M] [--method X] [--test z|knha|t|adhoc] [--json]`:
// mixed-effects meta-regression (metafor rma.uni with mods).
import { methodName } from '../methodName.js';
import { GLMM_OPTIONS, isGlmmRequest } from './poolGlmm.js';
import { runGlmmRegress } from './regressGlmm.js';
import { MetasynthError } from '../../core/errors.js';
import {
  META_REGRESSION_METHODS,
  REGRESSION_TESTS as TESTS,
  isMetaRegressionMethod,
  isRegressionTest,
  type MetaRegressionMethod,
  type MetaRegressionResult,
  type RegressionTest,
} from '../../regression/index.js';
import { backTransformedHeader } from '../backTransformed.js';
import type { OptionSpec } from '../args.js';
import type { Command } from '../command.js';
import { CONTROL_OPTION, parseControlOption } from '../control.js';
import { formatFixed, formatPValue, formatTable } from '../format.js';
import { writeResult } from '../output.js';
import { EXCLUDE_OPTION, INPUT_OPTIONS, loadEffectTable, parseLevelOption } from '../input.js';
import { ROBUST_OPTIONS, parseRobustOption, robustText } from '../robustOption.js';
import { CLI_MESSAGES } from '../messages.js';
import { modsTerms, regressAnalysis, type StudyPrediction } from '../../session/analyses/regress.js';

export { regressJson, regressPredictions, type StudyPrediction } from '../../session/analyses/regress.js';
import { WEIGHTS_OPTIONS, parseTau2CiOption, parseWeightsOption } from '../weightsOption.js';

export const METHOD_OPTION: OptionSpec = {
  name: 'method',
  type: 'string',
  metavar: 'X',
  default: 'REML',
  description: `tau2 estimator: ${META_REGRESSION_METHODS.join(', ')}`,
};
export const TEST_OPTION: OptionSpec = {
  name: 'test',
  type: 'string',
  metavar: 'T',
  default: 'z',
  description: 'z tests, knha (Knapp-Hartung t and F tests), t (t and F tests, unscaled) or adhoc (Knapp-Hartung truncated at 1)',
};

export function parseMethodOption(value: string | boolean | undefined, command: string): MetaRegressionMethod {
  const m = typeof value === 'string' ? methodName(value) : 'REML';
  if (!isMetaRegressionMethod(m)) throw new MetasynthError('invalid_option', CLI_MESSAGES.regress_unknown_method(command, value, META_REGRESSION_METHODS));
  return m;
}

export function parseTestOption(value: string | boolean | undefined, command: string): RegressionTest {
  const t = typeof value === 'string' ? value.trim().toLowerCase() : 'z';
  if (!isRegressionTest(t)) throw new MetasynthError('invalid_option', CLI_MESSAGES.regress_unknown_test(command, value, TESTS));
  return t;
}

/** `a, factor(b)` → ['a', 'factor(b)'] */
export function parseModsOption(value: string | boolean | undefined): string[] {
  if (typeof value !== 'string' || value.trim() === '') throw new MetasynthError('usage', CLI_MESSAGES.regress_moderators_mods_b());
  // An R formula (`~ pmin(weeks, 3) + factor(grade)`) is one term list of its own; commas separate columns otherwise.
  return modsTerms(value);
}

/** A summary for people, in the spirit of metafor's print.rma.uni. */
export function regressText(res: MetaRegressionResult, predictions: readonly StudyPrediction[] = []): string {
  const isEE = res.method === 'EE' || res.method === 'FE';
  const knha = res.test !== 'z';
  const lines: string[] = [];
  lines.push(
    `${isEE ? 'Fixed-effects' : 'Mixed-effects'} meta-regression (k = ${res.k}${res.kExcluded ? `, ${res.kExcluded} left out` : ''}; tau2 estimator: ${res.method}; measure ${res.measure})`,
    '',
  );
  if (!isEE) {
    lines.push(`tau2 (residual heterogeneity): ${formatFixed(res.tau2)} (SE = ${formatFixed(res.tau2StandardError)})`);
    lines.push(`I2 (residual heterogeneity / unaccounted variability): ${formatFixed(res.i2, 2)}%`);
    lines.push(`H2 (unaccounted variability / sampling variability): ${formatFixed(res.h2, 2)}`);
  }
  if (res.confintPL)
    lines.push(`Profile-likelihood ${res.level}% CI of tau2: ${formatFixed(res.confintPL.tau2.lower)} to ${formatFixed(res.confintPL.tau2.upper)}`);
  if (res.r2 !== null) lines.push(`R2 (amount of heterogeneity accounted for): ${formatFixed(res.r2, 2)}%`);
  lines.push('', `Test for residual heterogeneity: QE(df = ${res.qeDf}) = ${formatFixed(res.qe)}, p = ${formatPValue(res.qePValue)}`);
  lines.push(
    knha
      ? `Test of moderators: F(df1 = ${res.qmDf}, df2 = ${res.df}) = ${formatFixed(res.qm)}, p = ${formatPValue(res.qmPValue)}`
      : `Test of moderators: QM(df = ${res.qmDf}) = ${formatFixed(res.qm)}, p = ${formatPValue(res.qmPValue)}`,
    '',
  );
  const right = { align: 'right' } as const;
  lines.push(
    formatTable(
      [
        { header: 'coefficient' },
        { header: 'estimate', ...right },
        { header: 'se', ...right },
        { header: knha ? 'tval' : 'zval', ...right },
        { header: 'pval', ...right },
        { header: 'ci.lb', ...right },
        { header: 'ci.ub', ...right },
      ],
      res.coefficients.map((c) => [
        c.label === c.name ? c.name : `${c.name} (${c.label})`,
        formatFixed(c.estimate),
        formatFixed(c.standardError),
        formatFixed(c.statistic),
        formatPValue(c.pValue),
        formatFixed(c.ciLower),
        formatFixed(c.ciUpper),
      ]),
    ),
  );
  if (knha) lines.push('', `t tests with df = ${res.df}`);
  if (predictions.length > 0) lines.push('', 'Fitted effects (predict)', predictionsTable(res, predictions));
  if (res.excluded.length > 0)
    lines.push('', `Left out (${res.excluded.length}):`, ...res.excluded.map((e) => `  row ${e.row ?? '?'} (${JSON.stringify(e.study)}): ${e.reason}`));
  const other = res.warnings.filter((w) => w.code !== 'studies_excluded');
  if (other.length > 0) lines.push('', 'Warnings:', ...other.map((w) => `  ${w.message}`));
  return `${lines.join('\n')}\n`;
}

function predictionsTable(res: MetaRegressionResult, predictions: readonly StudyPrediction[]): string {
  const right = { align: 'right' } as const;
  const back = backTransformedHeader(res.measure);
  const f = (x: number | null | undefined) => formatFixed(x);
  const interval = (lo: number | null | undefined, hi: number | null | undefined) => `${f(lo)} to ${f(hi)}`;
  return formatTable(
    [
      { header: 'study' },
      { header: 'pred', ...right },
      { header: 'se', ...right },
      { header: `${res.level}% CI`, ...right },
      { header: `${res.level}% PI`, ...right },
      ...(back === null
        ? []
        : [
            { header: back, ...right },
            { header: `${back} CI`, ...right },
            { header: `${back} PI`, ...right },
          ]),
    ],
    predictions.map((p) => {
      const t = p.transformed;
      return [
        p.study,
        f(p.estimate),
        f(p.standardError),
        interval(p.ciLower, p.ciUpper),
        interval(p.piLower, p.piUpper),
        ...(back === null || t === null ? [] : [f(t.estimate), interval(t.ciLower, t.ciUpper), interval(t.piLower, t.piUpper)]),
      ];
    }),
  );
}

export const command: Command = {
  name: 'regress',
  summary: 'mixed-effects meta-regression on moderators',
  usage:
    'metasynth regress FILE --mods a,b,... [--measure M] [--method X] [--test z|knha|t|adhoc] [--control converged|metafor] [--weights COL] [--tau2-ci PL] [--predict] [--robust CR1|CR2 --cluster COL] [--json]\n       metasynth regress --dataset NAME --mods a,b,... [options]',
  options: [
    ...INPUT_OPTIONS,
    EXCLUDE_OPTION,
    {
      name: 'mods',
      type: 'string',
      metavar: 'a,b,...',
      description:
        'moderator columns (text columns are categorical; factor(x) makes a numeric one categorical), or an R formula such as "~ pmin(weeks, 3) + factor(grade) + I(year - 1950)" (see README, formulas)',
    },
    { ...METHOD_OPTION, description: `${METHOD_OPTION.description}, or GLMM (metafor's rma.glmm; see --model, --glmm-method, --nagq)` },
    ...GLMM_OPTIONS,
    TEST_OPTION,
    CONTROL_OPTION,
    ...WEIGHTS_OPTIONS,
    ...ROBUST_OPTIONS,
    {
      name: 'predict',
      type: 'boolean',
      description: "also print every study's fitted effect with CI and PI, back-transformed for ratio, PLO and ZCOR measures (always in --json as predictions)",
    },
  ],
  async run(args, io) {
    const level = parseLevelOption(args.options.level);
    const mods = parseModsOption(args.options.mods);
    if (isGlmmRequest(args)) return runGlmmRegress(args, io, mods);
    const method = parseMethodOption(args.options.method, 'regress');
    const test = parseTestOption(args.options.test, 'regress');
    const table = loadEffectTable(args, io, 'regress');
    const control = parseControlOption(args.options.control, 'regress');
    const weights = parseWeightsOption(args.options.weights, 'regress');
    const tau2Ci = parseTau2CiOption(args.options['tau2-ci'], 'regress');
    const robustRequest = parseRobustOption(args, 'regress');
    const run = regressAnalysis(table, {
      mods,
      method,
      test,
      level,
      ...(control ? { control } : {}),
      ...(weights ? { weights } : {}),
      ...(tau2Ci ? { tau2Ci } : {}),
      robust: robustRequest,
      predict: args.options.json === true || args.options.predict === true,
    });
    const { result: res, predictions, robust } = run;
    writeResult(io, args, table, {
      json: () => run.json,
      text: () =>
        regressText(res, predictions) +
        (robust
          ? `\n${robustText(
              robust,
              res.coefficients.map((c) => c.name),
            )}`
          : ''),
    });
    return 0;
  },
};
