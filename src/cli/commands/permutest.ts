// `metasynth permutest FILE [--mods a,b] [--measure M] [--method X] [--test z|knha|t|adhoc] [--iterations 1000]
// [--seed 1] [--exact] [--json]`: permutation tests as metafor's permutest.rma.uni — the sign-flip
// test of the pooled estimate (no --mods) or the test of meta-regression moderators (--mods). The tests and
// their JSON document live in src/session/analyses/permutest.ts (shared with the web page).
import { methodName } from '../methodName.js';
import { isPoolManyMethod, POOL_MANY_METHODS, type PoolManyMethod } from '../../batch/index.js';
import { MetasynthError } from '../../core/errors.js';
import { terminalProgress } from '../../core/progress.js';
import { measureBackTransform } from '../../effects/backTransform.js';
import { CONTROL_OPTION, parseControlOption } from '../control.js';
import { MAX_EXACT_PERMUTATIONS, isSeed } from '../../permutation/index.js';
import { runPermutest, type PermutestDocument } from '../../session/analyses/permutest.js';
import { permutestDesign } from '../../session/analyses/permutestDesign.js';
import type { Command } from '../command.js';
import { formatFixed, formatPValue, formatTable } from '../format.js';
import { writeResult } from '../output.js';
import { EXCLUDE_OPTION, INPUT_OPTIONS, loadEffectTable, parseLevelOption, withInputWarnings } from '../input.js';
import { parseTestOption } from './regress.js';
import { CLI_MESSAGES } from '../messages.js';

export { PERMUTEST_ANALYSES, runPermutest, type PermutestAnalysis, type PermutestDocument, type PermutestSettings } from '../../session/analyses/permutest.js';

/** Refits that may be requested at most (random or exact): the library's exact limit, 2²⁴. */
const MAX_ITERATIONS = MAX_EXACT_PERMUTATIONS;

function parseMethod(value: string | boolean | undefined): PoolManyMethod {
  const m = typeof value === 'string' ? methodName(value) : 'REML';
  if (!isPoolManyMethod(m)) throw new MetasynthError('invalid_option', CLI_MESSAGES.permutest_unknown_method_choose(value, POOL_MANY_METHODS));
  return m;
}

/** A whole number written in plain digits (no sign, exponent or decimals), as a safe integer; NaN otherwise. */
function plainInteger(value: string | boolean | undefined): number {
  if (typeof value !== 'string' || !/^\s*\d+\s*$/.test(value)) return NaN;
  const x = Number(value.trim());
  return Number.isSafeInteger(x) ? x : NaN;
}

/** `--mods a, factor(b)` → ['a', 'factor(b)']; null when not given (the intercept-only test). */
export function parsePermutestMods(value: string | boolean | undefined): string[] | null {
  if (value === undefined) return null;
  const mods =
    typeof value === 'string'
      ? value.trim().startsWith('~')
        ? [value.trim()]
        : value
            .split(',')
            .map((m) => m.trim())
            .filter((m) => m.length > 0)
      : [];
  if (mods.length === 0) throw new MetasynthError('usage', CLI_MESSAGES.permutest_mods_needs_moderator());
  return mods;
}

export function parseIterationsOption(value: string | boolean | undefined): number {
  if (value === undefined) return 1000;
  const n = plainInteger(value);
  if (!(n >= 2 && n <= MAX_ITERATIONS)) {
    throw new MetasynthError('invalid_option', CLI_MESSAGES.permutest_iterations_whole_number(value, MAX_ITERATIONS));
  }
  return n;
}

/** `--seed` as an integer 0 … 2³² − 1 (default 1); shared with `gosh`. */
export function parseSeedOption(value: string | boolean | undefined, command: string): number {
  if (value === undefined) return 1;
  const s = plainInteger(value);
  if (!isSeed(s)) throw new MetasynthError('invalid_option', CLI_MESSAGES.seed_whole_number_from(command, value));
  return s;
}

/** A summary for people, in the spirit of metafor's print.permutest.rma.uni. */
export function permutestText(d: PermutestDocument): string {
  const knha = d.test !== 'z';
  const lines: string[] = [];
  const model = d.analysis === 'intercept' ? 'the pooled estimate' : `the moderators ${d.mods.join(', ')}`;
  lines.push(
    `Permutation test of ${model} (k = ${d.k}${d.kExcluded ? `, ${d.kExcluded} left out` : ''}; tau² estimator: ${d.method}; ${knha ? `${d.test} t tests` : 'z tests'}; measure ${d.measure})`,
  );
  const what = d.analysis === 'intercept' ? 'sign flips' : 'permutations of the moderator rows';
  lines.push(d.exact ? `Exact: all ${d.permutations} ${what}` : `Random: ${d.permutations} ${what} (seed ${d.seed}; the observed one counted first)`, '');
  if (d.analysis === 'moderators') {
    const stat = knha ? `F(df1 = ${d.qmDf}, df2 = ${d.k - d.coefficients.length})` : `QM(df = ${d.qmDf})`;
    lines.push(`Test of moderators: ${stat} = ${formatFixed(d.qm)}, permutation p = ${formatPValue(d.qmPValue)}`, '');
  }
  const right = { align: 'right' } as const;
  lines.push(
    formatTable(
      [{ header: 'coefficient' }, { header: 'estimate', ...right }, { header: knha ? 'tval' : 'zval', ...right }, { header: 'pval (permutation)', ...right }],
      d.coefficients.map((c) => [
        c.label === c.name ? c.name : `${c.name} (${c.label})`,
        formatFixed(c.estimate),
        formatFixed(c.statistic),
        formatPValue(c.pValue),
      ]),
    ),
  );
  const back = measureBackTransform(d.measure);
  if (d.transformed && back)
    lines.push('', `${back.label} = ${formatFixed(d.transformed.estimate)} (the pooled estimate back-transformed with ${d.transformed.scale})`);
  if (d.excluded.length > 0)
    lines.push('', `Left out (${d.excluded.length}):`, ...d.excluded.map((e) => `  row ${e.row ?? '?'} (${JSON.stringify(e.study)}): ${e.reason}`));
  const other = d.warnings.filter((w) => w.code !== 'studies_excluded');
  if (other.length > 0) lines.push('', 'Warnings:', ...other.map((w) => `  ${w.message}`));
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  name: 'permutest',
  summary: 'permutation test of the pooled estimate or of moderators (permutest)',
  usage:
    'metasynth permutest FILE [--mods a,b,...] [--exclude LABEL] [--measure M] [--method X] [--test z|knha|t|adhoc] [--iterations 1000] [--seed 1] [--exact] [--json]\n       metasynth permutest --dataset NAME [options]',
  options: [
    ...INPUT_OPTIONS,
    EXCLUDE_OPTION,
    {
      name: 'mods',
      type: 'string',
      metavar: 'a,b,...',
      description: 'test these moderators (as in regress); without it, the sign-flip test of the pooled estimate',
    },
    { name: 'method', type: 'string', metavar: 'X', default: 'REML', description: `tau2 estimator: ${POOL_MANY_METHODS.join(', ')}` },
    {
      name: 'test',
      type: 'string',
      metavar: 'T',
      default: 'z',
      description: 'z tests, knha (Knapp-Hartung t and F tests), t (t and F tests, unscaled) or adhoc (Knapp-Hartung truncated at 1)',
    },
    CONTROL_OPTION,
    {
      name: 'iterations',
      type: 'string',
      metavar: 'N',
      default: '1000',
      description: 'random permutations, the observed one included; all of them when there are no more than N',
    },
    { name: 'seed', type: 'string', metavar: 'S', default: '1', description: 'seed of the random permutations (0 to 4294967295): same seed, same p-value' },
    { name: 'exact', type: 'boolean', description: 'use every permutation (2^k sign flips; k!/ties arrangements with --mods)' },
  ],
  async run(args, io) {
    const level = parseLevelOption(args.options.level);
    const mods = parsePermutestMods(args.options.mods);
    const method = parseMethod(args.options.method);
    const test = parseTestOption(args.options.test, 'permutest');
    const iterations = parseIterationsOption(args.options.iterations);
    const control = parseControlOption(args.options.control, 'permutest');
    const seed = parseSeedOption(args.options.seed, 'permutest');
    const json = args.options.json === true;
    const table = loadEffectTable(args, io, 'permutest');
    const bar = terminalProgress({ isTTY: io.isTTY, write: io.stderr }, { json, label: 'permutest' });
    let doc: PermutestDocument;
    try {
      doc = runPermutest(
        table,
        {
          mods,
          method,
          test,
          level,
          ...(control ? { control } : {}),
          exact: args.options.exact === true,
          iterations,
          seed,
          onProgress: bar.onProgress,
        },
        mods === null ? null : permutestDesign(table, mods),
      );
    } finally {
      bar.done();
    }
    writeResult(io, args, table, { json: () => withInputWarnings(doc, table), text: () => permutestText(doc) });
    return 0;
  },
};
