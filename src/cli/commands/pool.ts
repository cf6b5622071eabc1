// `metasynth pool FILE [--measure M] [--method X] [--test z|knha|t|adhoc] [--level 95] [--json]`: the pooled
// estimate as metafor's rma.uni / rma.mh / rma.peto prints it.
import { methodName } from '../methodName.js';
import { MetasynthError } from '../../core/errors.js';
import { measureBackTransform } from '../../effects/backTransform.js';
import { POOL_METHODS, TESTS, isPoolMethod, isPoolTest, type PoolMethod, type PoolResult, type PoolTest } from '../../pool/index.js';
import type { ParsedArgs } from '../args.js';
import type { Command } from '../command.js';
import { CONTROL_OPTION, parseControlOption } from '../control.js';
import { formatFixed, formatPValue, formatTable } from '../format.js';
import { writeResult } from '../output.js';
import { EXCLUDE_OPTION, INPUT_OPTIONS, loadEffectTable, parseLevelOption } from '../input.js';
import type { PoolByGroupResult } from '../../batch/index.js';
import { defaultPoolMeasure, poolAnalysis } from '../../session/analyses/pool.js';
import { terminalProgress } from '../../core/progress.js';
import { ROBUST_OPTIONS, parseRobustOption, robustText } from '../robustOption.js';
import { GLMM_OPTIONS, isGlmmRequest, runGlmmPool } from './poolGlmm.js';
import { countOf } from '../../core/plural.js';
import { CLI_MESSAGES } from '../messages.js';
import { WEIGHTS_OPTIONS, parseTau2CiOption, parseWeightsOption } from '../weightsOption.js';

function parseMethod(value: string | boolean | undefined): PoolMethod {
  if (value === undefined || typeof value === 'boolean') return 'REML';
  const m = methodName(value);
  if (!isPoolMethod(m)) throw new MetasynthError('invalid_option', CLI_MESSAGES.pool_method_not_one(value, POOL_METHODS));
  return m;
}

function parseTest(value: string | boolean | undefined): PoolTest {
  if (value === undefined || typeof value === 'boolean') return 'z';
  const t = value.trim().toLowerCase();
  if (!isPoolTest(t)) throw new MetasynthError('invalid_option', CLI_MESSAGES.pool_test_not_one(value, TESTS));
  return t;
}

const METHOD_TITLES: Readonly<Record<string, string>> = {
  EE: 'Equal-effects model',
  FE: 'Fixed-effects model',
  MH: 'Equal-effects model (Mantel–Haenszel method)',
  PETO: "Equal-effects model (Peto's method)",
};

const p4 = (x: number | null) => formatFixed(x, 4);
const pct = (x: number | null) => (x === null ? 'NA' : `${formatFixed(x, 2)}%`);
const pText = (p: number | null) => (p !== null && p < 1e-4 ? 'p < .0001' : `p = ${formatPValue(p)}`);

/** The summary for people, in the spirit of metafor's print.rma (with the back-transformed estimate: exp for ratio measures, inverse logit for PLO, tanh for ZCOR). */
export function poolText(r: PoolResult, options: { file?: string } = {}): string {
  const lines: string[] = [];
  const random = !(r.method in METHOD_TITLES);
  const title = random ? `Random-effects model (tau² estimator: ${r.method})` : (METHOD_TITLES[r.method] as string);
  lines.push(`${title}; ${r.measure}; k = ${r.k}${options.file ? ` (${options.file})` : ''}`, '');
  if (random && r.tau2 !== null) {
    const ci = r.confint;
    const iv = (x: { lower: number | null; upper: number | null } | undefined, f: (v: number | null) => string) =>
      x ? `  [${f(x.lower)}, ${f(x.upper)}]` : '';
    lines.push(`tau² = ${p4(r.tau2)} (SE = ${p4(r.tau2StandardError)})${iv(ci?.tau2, p4)}`);
    lines.push(`tau  = ${p4(r.tau)}${iv(ci?.tau, p4)}`);
    lines.push(`I²   = ${pct(r.i2)}${iv(ci?.i2, pct)}`);
    lines.push(`H²   = ${formatFixed(r.h2, 2)}${iv(ci?.h2, (x) => formatFixed(x, 2))}`);
    if (ci) lines.push(`(${r.level}% ${r.method === 'GENQ' || r.method === 'GENQM' ? 'generalised Q-profile' : 'Q-profile'} intervals in brackets)`);
    const pl = r.confintPL;
    if (pl) lines.push(`Profile-likelihood ${r.level}% CI: tau² ${iv(pl.tau2, p4).trim()}, I² ${iv(pl.i2, pct).trim()}`);
    lines.push('');
  } else if (r.i2 !== null) {
    lines.push(`I² = ${pct(r.i2)}, H² = ${formatFixed(r.h2, 2)}`, '');
  }
  if (r.q !== null) lines.push(`Heterogeneity: Q(df = ${r.qDf}) = ${p4(r.q)}, ${pText(r.qPValue)}`, '');
  const stat = r.test !== 'z' ? 'tval' : 'zval';
  const cols = [
    { header: 'estimate', align: 'right' as const },
    { header: 'se', align: 'right' as const },
    { header: stat, align: 'right' as const },
    ...(r.df !== null ? [{ header: 'df', align: 'right' as const }] : []),
    { header: 'pval', align: 'right' as const },
    { header: 'ci.lb', align: 'right' as const },
    { header: 'ci.ub', align: 'right' as const },
  ];
  const row = [
    p4(r.estimate),
    p4(r.standardError),
    p4(r.statistic),
    ...(r.df !== null ? [String(r.df)] : []),
    formatPValue(r.pValue),
    p4(r.ciLower),
    p4(r.ciUpper),
  ];
  lines.push(formatTable(cols, [row]));
  if (r.piLower !== null) lines.push('', `${r.level}% prediction interval: ${p4(r.piLower)} to ${p4(r.piUpper)}`);
  if (r.transformed) {
    const t = r.transformed;
    const name = measureBackTransform(r.measure)?.label ?? r.measure;
    lines.push(
      '',
      `${name} = ${p4(t.estimate)} (${r.level}% CI ${p4(t.ciLower)} to ${p4(t.ciUpper)}${t.piLower !== null ? `; PI ${p4(t.piLower)} to ${p4(t.piUpper)}` : ''})`,
    );
  }
  if (r.tests) {
    const t = r.tests;
    lines.push(
      '',
      `Cochran–Mantel–Haenszel test: X²(1) = ${p4(t.cmh.statistic)}, ${pText(t.cmh.pValue)}; Cochran's test (binomial variances): X²(1) = ${p4(t.cochran.statistic)}, ${pText(t.cochran.pValue)}`,
    );
    lines.push(
      `Breslow–Day test: X² = ${p4(t.breslowDay.statistic)}, ${pText(t.breslowDay.pValue)}; Tarone's test: X² = ${p4(t.tarone.statistic)}, ${pText(t.tarone.pValue)}`,
    );
  }
  // "not_applicable" only restates what the method is (no tau² for EE/MH/PETO): JSON keeps it, people need not read it.
  const notes = r.warnings.filter((w) => w.code !== 'not_applicable');
  if (notes.length > 0) lines.push('', 'Notes:', ...notes.map((w) => `  ${w.message}`));
  return `${lines.join('\n')}\n`;
}

/** One line per group for people: k, estimate with CI (with the back-transformed estimate: exp for ratio measures, inverse logit for PLO, tanh for ZCOR), tau², I². */
export function groupedPoolText(g: PoolByGroupResult): string {
  const first = g.groups[0]?.result;
  const ratio = first?.transformed !== null && first !== undefined;
  const cols = [
    'group',
    'k',
    ratio ? (measureBackTransform(first!.measure)?.label ?? first!.measure) : 'estimate',
    `${first?.level ?? 95}% CI`,
    'p',
    'tau²',
    'I²',
  ].map((header, i) => ({ header, align: i === 0 ? ('left' as const) : ('right' as const) }));
  const rows = g.groups.map(({ group, result: r }) => {
    const est = ratio && r.transformed ? r.transformed : r;
    return [String(group), String(r.k), p4(est.estimate), `${p4(est.ciLower)} to ${p4(est.ciUpper)}`, formatPValue(r.pValue), p4(r.tau2), pct(r.i2)];
  });
  const lines = [`${first?.method ?? ''} pooled separately in ${countOf(g.groups.length, 'group')} of "${g.by}"`, '', formatTable(cols, rows)];
  if (g.excluded.length > 0) lines.push('', 'Left out:', ...g.excluded.map((e) => `  ${e.study}: ${e.reason}`));
  return `${lines.join('\n')}\n`;
}

/** MH pools odds ratios by default (metafor's rma.mh), PETO needs no measure: fill --measure for them. */
function withDefaultMeasure(args: ParsedArgs, method: PoolMethod): ParsedArgs {
  const measure = defaultPoolMeasure(method);
  if (args.options.measure !== undefined || measure === undefined) return args;
  return { ...args, options: { ...args.options, measure } };
}

export const command: Command = {
  name: 'pool',
  summary: 'fixed- or random-effects pooled estimate (rma.uni, rma.mh, rma.peto)',
  usage:
    'metasynth pool FILE [--measure M] [--method REML] [--test z|knha|t|adhoc] [--level 95] [--weights COL] [--tau2-ci PL] [--group COL] [--json]\n       metasynth pool --dataset NAME [--method X] [--json]',
  options: [
    ...INPUT_OPTIONS,
    EXCLUDE_OPTION,
    {
      name: 'method',
      type: 'string',
      metavar: 'X',
      default: 'REML',
      description: `pooling method: ${POOL_METHODS.join(', ')}, or GLMM (rma.glmm; see --model)`,
    },
    ...GLMM_OPTIONS,
    {
      name: 'test',
      type: 'string',
      metavar: 'T',
      default: 'z',
      description: 'test of the estimate: z, knha (Hartung–Knapp–Sidik–Jonkman t), t (t, unscaled) or adhoc (knha truncated at 1)',
    },
    CONTROL_OPTION,
    ...WEIGHTS_OPTIONS,
    {
      name: 'group',
      type: 'string',
      metavar: 'COL',
      description: 'pool each value of this column separately (simulation replicates, living reviews): one result per group',
    },
    ...ROBUST_OPTIONS,
  ],
  async run(args, io) {
    if (isGlmmRequest(args)) return runGlmmPool(args, io);
    const level = parseLevelOption(args.options.level);
    const method = parseMethod(args.options.method);
    const test = parseTest(args.options.test);
    const control = parseControlOption(args.options.control, 'pool');
    const weights = parseWeightsOption(args.options.weights, 'pool');
    const tau2Ci = parseTau2CiOption(args.options['tau2-ci'], 'pool');
    const table = loadEffectTable(withDefaultMeasure(args, method), io, 'pool');
    const by = typeof args.options.group === 'string' ? args.options.group : undefined;
    const robust = by === undefined ? parseRobustOption(args, 'pool') : null;
    const bar = by === undefined ? null : terminalProgress({ isTTY: io.isTTY, write: io.stderr }, { json: args.options.json === true, label: 'pool' });
    const run = poolAnalysis(table, {
      method,
      test,
      level,
      ...(control ? { control } : {}),
      ...(weights !== undefined ? { weights } : {}),
      ...(tau2Ci ? { tau2Ci } : {}),
      ...(by !== undefined ? { by } : {}),
      ...(bar ? { onProgress: bar.onProgress } : {}),
      robust,
    });
    bar?.done();
    writeResult(io, args, table, {
      json: () => run.json,
      text: () =>
        run.kind === 'grouped'
          ? groupedPoolText(run.grouped)
          : poolText(run.result, table.file ? { file: table.file } : {}) + (run.robust ? `\n${robustText(run.robust, ['intrcpt'])}` : ''),
    });
    return 0;
  },
};
