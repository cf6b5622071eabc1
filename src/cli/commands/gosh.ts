// `metasynth gosh FILE [--measure M] [--method X] [--subsets 65535] [--seed 1] [--threads N]
// [--out gosh.svg|.png|.vl.json|.html] [--rows] [--json]`: the GOSH analysis (metafor gosh.rma) on
// every core, a summary of the fits, and the GOSH scatter through the plot command's writer.
import { methodName } from '../methodName.js';
import { availableParallelism } from 'node:os';
import { quantileSorted as typeSevenQuantile } from 'simple-statistics';
import { isPoolManyMethod, POOL_MANY_METHODS, type PoolManyMethod } from '../../batch/index.js';
import { MetasynthError, type Warning } from '../../core/errors.js';
import { terminalProgress } from '../../core/progress.js';
import { isRatioMeasure, type Measure } from '../../effects/types.js';
import { GOSH_DEFAULT_SUBSETS, GOSH_MAX_SUBSETS, type GoshResult } from '../../gosh/index.js';
import { goshPlotSpec } from '../../plots/index.js';
import { goshParallel } from '../../gosh/node.js';
import type { Command } from '../command.js';
import { CONTROL_OPTION, parseControlOption } from '../control.js';
import { formatFixed, formatTable } from '../format.js';
import { writeResult } from '../output.js';
import { INPUT_OPTIONS, loadEffectTable, withInputWarnings } from '../input.js';
import { parseSeedOption } from './permutest.js';
import { checkedOutputPath, outputFormat, writeSpec } from './plot.js';
import { finiteOrNull } from '../../core/finite.js';
import { countOf } from '../../core/plural.js';
import { CLI_MESSAGES } from '../messages.js';

/** The figures summarised per subset, in the order of the JSON `summary` and the table. */
export const GOSH_SUMMARY_FIGURES = ['estimate', 'i2', 'tau2', 'h2', 'q'] as const;
export type GoshSummaryFigure = (typeof GOSH_SUMMARY_FIGURES)[number];

/** Five-number summary of one figure over the subsets whose fit gave a finite value. */
export interface FiveNumbers {
  readonly min: number | null;
  readonly q1: number | null;
  readonly median: number | null;
  readonly q3: number | null;
  readonly max: number | null;
}

/** One fitted subset in `gosh --json --rows`. */
export interface GoshRow {
  /** Membership in study order: character j is '1' when study j + 1 is in the subset (metafor's `incl` row). */
  readonly incl: string;
  readonly k: number;
  readonly estimate: number | null;
  readonly q: number | null;
  readonly i2: number | null;
  readonly h2: number | null;
  readonly tau2: number | null;
}

/** The JSON document of `gosh --json` (a public contract; see README, section json). */
export interface GoshDocument {
  readonly k: number;
  readonly measure: Measure;
  readonly method: PoolManyMethod;
  readonly exact: boolean;
  readonly subsets: number;
  readonly seed: number | null;
  /** Subsets whose fit gave a finite estimate; `failed` the others. */
  readonly fits: number;
  readonly failed: number;
  readonly studies: readonly string[];
  readonly summary: Readonly<Record<GoshSummaryFigure, FiveNumbers>>;
  readonly out: string | null;
  readonly rows?: readonly GoshRow[];
  readonly warnings: readonly Warning[];
}

/**
 * Quantile of sorted values by linear interpolation between order statistics (Hyndman & Fan 1996
 * type 7, R's default `quantile()`), so the quartiles match `summary()` of metafor's gosh figures
 * (test/fixtures/gosh/gosh-summary.R). simple-statistics' `quantileSorted` is type 7; null when empty.
 * @example quantileSorted(Float64Array.of(1, 2, 3, 4), 0.25) // 1.75
 */
export function quantileSorted(sorted: Float64Array, p: number): number | null {
  return sorted.length === 0 ? null : typeSevenQuantile(sorted as unknown as readonly number[], p);
}

/** Min, quartiles and max of the finite values. */
export function fiveNumbers(values: Float64Array): FiveNumbers {
  const finite = values.filter((v) => Number.isFinite(v)).sort();
  return {
    min: quantileSorted(finite, 0),
    q1: quantileSorted(finite, 0.25),
    median: quantileSorted(finite, 0.5),
    q3: quantileSorted(finite, 0.75),
    max: quantileSorted(finite, 1),
  };
}

/** The document of a finished GOSH run (`rows` only when asked: 65,535 of them fill megabytes). */
export function goshDocument(g: GoshResult, context: { measure: Measure; studies: readonly string[]; out: string | null; rows: boolean }): GoshDocument {
  let fits = 0;
  for (let s = 0; s < g.subsets; s++) if (Number.isFinite(g.estimate[s] as number)) fits++;
  const summary = Object.fromEntries(GOSH_SUMMARY_FIGURES.map((f) => [f, fiveNumbers(g[f])])) as Record<GoshSummaryFigure, FiveNumbers>;
  const doc: GoshDocument = {
    k: g.k,
    measure: context.measure,
    method: g.method,
    exact: g.exact,
    subsets: g.subsets,
    seed: g.seed,
    fits,
    failed: g.subsets - fits,
    studies: context.studies,
    summary,
    out: context.out,
    warnings: g.warnings,
  };
  if (!context.rows) return doc;
  const rows: GoshRow[] = [];
  for (let s = 0; s < g.subsets; s++) {
    let incl = '';
    for (let j = 0; j < g.k; j++) incl += g.incl[s * g.k + j] === 1 ? '1' : '0';
    rows.push({
      incl,
      k: g.subsetK[s] as number,
      estimate: finiteOrNull(g.estimate[s] as number),
      q: finiteOrNull(g.q[s] as number),
      i2: finiteOrNull(g.i2[s] as number),
      h2: finiteOrNull(g.h2[s] as number),
      tau2: finiteOrNull(g.tau2[s] as number),
    });
  }
  return { ...doc, rows };
}

const FIGURE_LABELS: Readonly<Record<GoshSummaryFigure, string>> = { estimate: 'estimate', i2: 'I² (%)', tau2: 'tau²', h2: 'H²', q: 'Q' };

/** A summary for people: what was fitted and the five-number summary of each figure. */
export function goshText(d: GoshDocument): string {
  const lines: string[] = [];
  const which = d.exact ? `all ${countOf(d.subsets, 'subset')}` : `${countOf(d.subsets, 'random subset')} (seed ${d.seed})`;
  lines.push(`GOSH: ${which} of k = ${countOf(d.k, 'study', 'studies')} (tau² estimator: ${d.method}; measure ${d.measure})`);
  lines.push(`${countOf(d.fits, 'fit')}${d.failed > 0 ? `, ${d.failed} without an estimate` : ''}`, '');
  const right = { align: 'right' } as const;
  lines.push(
    formatTable(
      [
        { header: 'figure' },
        { header: 'min', ...right },
        { header: 'q1', ...right },
        { header: 'median', ...right },
        { header: 'q3', ...right },
        { header: 'max', ...right },
      ],
      GOSH_SUMMARY_FIGURES.map((f) => {
        const s = d.summary[f];
        const digits = f === 'i2' || f === 'q' ? 2 : 4;
        const label = f === 'estimate' && isRatioMeasure(d.measure) ? `estimate (log ${d.measure})` : FIGURE_LABELS[f];
        return [label, ...[s.min, s.q1, s.median, s.q3, s.max].map((x) => formatFixed(x, digits))];
      }),
    ),
  );
  if (d.out !== null) lines.push('', `GOSH plot: ${d.out}`);
  if (d.warnings.length > 0) lines.push('', 'Warnings:', ...d.warnings.map((w) => `  ${w.message}`));
  return `${lines.join('\n')}\n`;
}

function parseMethod(value: string | boolean | undefined): PoolManyMethod {
  const m = typeof value === 'string' ? methodName(value) : 'REML';
  if (!isPoolManyMethod(m)) throw new MetasynthError('invalid_option', CLI_MESSAGES.gosh_unknown_method_choose(value, POOL_MANY_METHODS));
  return m;
}

/** A whole number in plain digits within [min, max], or an `invalid_option` error naming the option. */
function parseWhole(value: string | boolean | undefined, name: string, min: number, max: number): number {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value.trim()) : NaN;
  if (!(Number.isSafeInteger(n) && n >= min && n <= max)) {
    throw new MetasynthError('invalid_option', CLI_MESSAGES.gosh_whole_number_from(name, value, min, max));
  }
  return n;
}

/** Threads at most: more than the cores only adds start-up time. */
const MAX_THREADS = 64;

export const command: Command = {
  name: 'gosh',
  summary: 'GOSH: fits of all subsets of the studies (gosh), summary and scatter plot',
  usage:
    'metasynth gosh FILE [--measure M] [--method X] [--subsets 65535] [--seed 1] [--threads N] [--out gosh.svg|.png|.vl.json|.html] [--json [--rows]]\n       metasynth gosh --dataset NAME [options]',
  options: [
    ...INPUT_OPTIONS.filter((o) => o.name !== 'level'),
    { name: 'method', type: 'string', metavar: 'X', default: 'REML', description: `tau2 estimator of every fit: ${POOL_MANY_METHODS.join(', ')}` },
    CONTROL_OPTION,
    {
      name: 'subsets',
      type: 'string',
      metavar: 'N',
      default: String(GOSH_DEFAULT_SUBSETS),
      description: 'all 2^k - 1 subsets when there are at most N (k <= 16 by default), else N random ones',
    },
    { name: 'seed', type: 'string', metavar: 'S', default: '1', description: 'seed of the random subsets (0 to 4294967295)' },
    {
      name: 'threads',
      type: 'string',
      metavar: 'N',
      description: 'threads to fit on (default: the available cores, at most 8); the result does not depend on it',
    },
    {
      name: 'out',
      type: 'string',
      metavar: 'PATH',
      description: 'write the GOSH scatter (I² against estimate); the extension picks the format: .svg, .png, .vl.json, .html',
    },
    { name: 'rows', type: 'boolean', description: 'with --json: add one row per subset (incl, k, estimate, q, i2, h2, tau2)' },
  ],
  async run(args, io) {
    const method = parseMethod(args.options.method);
    const control = parseControlOption(args.options.control, 'gosh');
    const subsets = parseWhole(args.options.subsets, 'subsets', 2, GOSH_MAX_SUBSETS);
    const seed = parseSeedOption(args.options.seed, 'gosh');
    const threads = args.options.threads === undefined ? Math.min(8, availableParallelism()) : parseWhole(args.options.threads, 'threads', 1, MAX_THREADS);
    const json = args.options.json === true;
    if (args.options.rows === true && !json) throw new MetasynthError('usage', CLI_MESSAGES.gosh_rows_adds_subsets());
    let out: string | null = null;
    if (args.options.out !== undefined) {
      out = checkedOutputPath(args, io, 'gosh');
      outputFormat(out);
    }
    const table = loadEffectTable(args, io, 'gosh');
    const bar = terminalProgress({ isTTY: io.isTTY, write: io.stderr }, { json, label: 'GOSH' });
    let result: GoshResult;
    try {
      result = await goshParallel(table, { method, ...(control ? { control } : {}), subsets, seed, threads, onProgress: bar.onProgress });
    } finally {
      bar.done();
    }
    const outName = typeof args.options.out === 'string' ? args.options.out : null;
    if (out !== null) {
      const spec = goshPlotSpec(result, {
        synthetic: table.synthetic === true,
        estimateLabel: `Estimate (${isRatioMeasure(table.measure) ? `log ${table.measure}` : table.measure})`,
      });
      await writeSpec(spec, out, { title: `GOSH plot: ${table.file ?? 'studies'}` });
      io.stderr(`metasynth: ${CLI_MESSAGES.wrote_file(String(outName), false).text}\n`);
    }
    const doc = goshDocument(result, { measure: table.measure, studies: table.studies.map((s) => s.study), out: outName, rows: args.options.rows === true });
    writeResult(io, args, table, { json: () => withInputWarnings(doc, table), text: () => goshText(doc) });
    return 0;
  },
};
