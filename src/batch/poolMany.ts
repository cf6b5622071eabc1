// Many intercept-only meta-analyses at once from columnar input (one row per study, a group
// column saying which meta-analysis it belongs to): simulation studies (thousands of replicates
// of k studies) and living reviews (one analysis per outcome). Each group is fitted by the pool
// area's lean O(k) kernel `fitIntercept`, so every number equals `pool()`'s for that group; the
// batch adds only an O(n) regrouping and writes the figures into typed arrays (no per-group
// result objects).
import { MetasynthError, type Issue, type Warning } from '../core/errors.js';
import { progressTicker, type ProgressCallback } from '../core/progress.js';
import type { Tau2Control } from '../heterogeneity/tau2/types.js';
import { fitIntercept } from '../pool/fitIntercept.js';
import { TESTS, type FitInterceptOptions, type PoolTest } from '../pool/types.js';
import { MODEL_METHODS, isModelMethod, needsUserWeights, type ModelMethod } from '../heterogeneity/tau2/types.js';
import { finiteOrNull } from '../core/finite.js';
import { BATCH_MESSAGES } from './messages.js';

/** The tau² methods the batch can use: those of `fitIntercept` (MH and PETO need 2x2 counts). */
export const POOL_MANY_METHODS = MODEL_METHODS;
export type PoolManyMethod = ModelMethod;
/**
 * True for a method the batch can use (POOL_MANY_METHODS).
 * @example isPoolManyMethod('REML') // true
 */
export const isPoolManyMethod = isModelMethod;

/** Columnar input: row i is one study of meta-analysis `group[i]`. */
export interface PoolManyColumns {
  /** yi */
  readonly effect: ArrayLike<number>;
  /** vi */
  readonly variance: ArrayLike<number>;
  /** The meta-analysis each row belongs to. Numbers and strings are distinct keys (1 ≠ '1'). Rows of a group need not be contiguous. */
  readonly group: ArrayLike<number | string>;
}

export interface PoolManyOptions {
  /** tau² method, as `pool()` (default 'REML'). */
  readonly method?: PoolManyMethod;
  /** 'z' (default) or 'knha'. */
  readonly test?: PoolTest;
  /** Confidence level in percent (default 95). */
  readonly level?: number;
  /** Iterative-solver settings, as `pool()`. */
  readonly control?: Tau2Control;
  /** Called as groups are fitted (about 200 times per run). */
  readonly onProgress?: ProgressCallback;
}

/**
 * One entry per group, in first-seen group order, as typed arrays (NaN where a figure cannot be
 * computed, e.g. tau² of a group with one study; the `warnings` say why).
 * `poolManyRows()` turns it into plain JSON rows with null for NaN.
 */
export interface PoolManyResult {
  readonly method: PoolManyMethod;
  readonly test: PoolTest;
  readonly level: number;
  /** The group keys, first-seen order. */
  readonly groups: readonly (number | string)[];
  readonly k: Int32Array;
  readonly estimate: Float64Array;
  readonly standardError: Float64Array;
  /** z, or t for knha. */
  readonly statistic: Float64Array;
  /** k − 1 for knha, NaN for z. */
  readonly df: Float64Array;
  readonly pValue: Float64Array;
  readonly ciLower: Float64Array;
  readonly ciUpper: Float64Array;
  readonly tau2: Float64Array;
  readonly tau2StandardError: Float64Array;
  readonly q: Float64Array;
  readonly qPValue: Float64Array;
  /** Percent. */
  readonly i2: Float64Array;
  readonly h2: Float64Array;
  readonly piLower: Float64Array;
  readonly piUpper: Float64Array;
  /** 1 when the tau² estimator converged. */
  readonly converged: Uint8Array;
  readonly iterations: Int32Array;
  /** The warnings of every group's fit, each message prefixed by its group. */
  readonly warnings: readonly (Warning & { readonly group: number | string })[];
}

/** The figures a batch stores per group (the Float64Array fields of {@link PoolManyResult}). */
export const POOL_MANY_FIGURES = [
  'estimate',
  'standardError',
  'statistic',
  'df',
  'pValue',
  'ciLower',
  'ciUpper',
  'tau2',
  'tau2StandardError',
  'q',
  'qPValue',
  'i2',
  'h2',
  'piLower',
  'piUpper',
] as const;
type Figure = (typeof POOL_MANY_FIGURES)[number];

const MAX_LISTED_ISSUES = 50;

/**
 * Pools every group of a columnar batch: for each distinct `group` value (first-seen order) the
 * intercept-only model of `pool(effect, variance, { method, test, level })` — metafor's
 * `rma.uni(yi, vi, method, test)` per group, e.g. `by(dat, dat$rep, function(d) rma(yi, vi, data = d))`.
 * Validates all rows first and throws one `MetasynthError` listing the bad ones; never mutates
 * the caller's arrays. O(n) besides the fits, which are O(k) each.
 * @example
 * Array.from(poolMany({ effect: [0.1, 0.3, 0.2, 0.5, 0.4], variance: [0.01, 0.02, 0.015, 0.02, 0.01], group: ['a', 'a', 'a', 'b', 'b'] }, { method: 'DL' }).estimate)
 * // [0.1769, 0.4333]
 */
export function poolMany(columns: PoolManyColumns, options: PoolManyOptions = {}): PoolManyResult {
  const method = options.method ?? 'REML';
  const test = options.test ?? 'z';
  const level = options.level ?? 95;
  checkOptions(method, test, level);
  const { effect, variance, group } = columns;
  const n = effect.length;
  if (variance.length !== n || group.length !== n) {
    throw new MetasynthError('invalid_input', BATCH_MESSAGES.pool_many_effect_variance(n, variance.length, group.length));
  }
  const grouping = groupRows(columns);
  if (n === 0) throw new MetasynthError('invalid_input', BATCH_MESSAGES.pool_many_no_studies());
  const { yi, vi, start } = regroup(columns, grouping);
  const fitOptions: FitInterceptOptions = { method, test, level, ...(options.control ? { control: options.control } : {}) };
  const { out, warnings } = fitGroups(yi, vi, start, grouping.groups, fitOptions, options.onProgress);
  return { method, test, level, groups: grouping.groups, ...out, warnings };
}

/** The group of every row (first-seen ids) and whether the rows are already grouped. */
interface Grouping {
  readonly ids: Int32Array;
  readonly groups: (number | string)[];
  readonly sorted: boolean;
}

/** Group ids in first-seen order, and validation of every row in the same pass (throws listing the first 50 problems). */
function groupRows(columns: PoolManyColumns): Grouping {
  const { effect, variance, group } = columns;
  const n = effect.length;
  const ids = new Int32Array(n);
  const index = new Map<number | string, number>();
  const groups: (number | string)[] = [];
  const issues: Issue[] = [];
  let problems = 0;
  let sorted = true;
  const report = (issue: Issue): void => {
    problems++;
    if (issues.length < MAX_LISTED_ISSUES) issues.push(issue);
  };
  for (let i = 0; i < n; i++) {
    const g = group[i] as number | string;
    let id = index.get(g);
    if (id === undefined) {
      if (!((typeof g === 'number' && Number.isFinite(g)) || typeof g === 'string')) {
        report({ code: 'invalid_group', row: i + 1, field: 'group', received: g, message: BATCH_MESSAGES.invalid_group(i + 1, g).text });
        continue;
      }
      id = groups.length;
      index.set(g, id);
      groups.push(g);
    }
    if (id < (i > 0 ? (ids[i - 1] as number) : 0)) sorted = false;
    ids[i] = id;
    const y = effect[i] as number;
    const v = variance[i] as number;
    if (!(typeof y === 'number' && Number.isFinite(y)))
      report({ code: 'not_finite', row: i + 1, field: 'effect', received: y, message: BATCH_MESSAGES.not_finite_row(i + 1, g, y).text });
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0))
      report({ code: 'not_positive', row: i + 1, field: 'variance', received: v, message: BATCH_MESSAGES.not_positive_row(i + 1, g, v).text });
  }
  if (problems > 0) {
    const more = problems > issues.length ? ` (the first ${issues.length} listed)` : '';
    throw new MetasynthError('invalid_input', BATCH_MESSAGES.pool_many_invalid_value(problems, more), issues);
  }
  return { ids, groups, sorted };
}

/** Rows regrouped contiguously (a stable counting sort; a plain copy when already grouped); group g is rows start[g] to start[g + 1]. */
function regroup(columns: PoolManyColumns, grouping: Grouping): { yi: Float64Array; vi: Float64Array; start: Int32Array } {
  const { effect, variance } = columns;
  const { ids, groups, sorted } = grouping;
  const n = effect.length;
  const groupCount = groups.length;
  const start = new Int32Array(groupCount + 1);
  for (let i = 0; i < n; i++) start[(ids[i] as number) + 1] = (start[(ids[i] as number) + 1] as number) + 1;
  for (let g = 0; g < groupCount; g++) start[g + 1] = (start[g + 1] as number) + (start[g] as number);
  const yi = new Float64Array(n);
  const vi = new Float64Array(n);
  if (sorted) {
    for (let i = 0; i < n; i++) {
      yi[i] = effect[i] as number;
      vi[i] = variance[i] as number;
    }
  } else {
    const fill = start.slice(0, groupCount);
    for (let i = 0; i < n; i++) {
      const id = ids[i] as number;
      const at = fill[id] as number;
      fill[id] = at + 1;
      yi[at] = effect[i] as number;
      vi[at] = variance[i] as number;
    }
  }
  return { yi, vi, start };
}

/** Fits every group with the pool kernel and writes its figures into the typed arrays. */
function fitGroups(
  yi: Float64Array,
  vi: Float64Array,
  start: Int32Array,
  groups: readonly (number | string)[],
  fitOptions: FitInterceptOptions,
  onProgress: ProgressCallback | undefined,
) {
  const groupCount = groups.length;
  const out = allocate(groupCount);
  const warnings: (Warning & { group: number | string })[] = [];
  const ticker = progressTicker(groupCount, onProgress);
  for (let g = 0; g < groupCount; g++) {
    const from = start[g] as number;
    const to = start[g + 1] as number;
    const fit = fitIntercept(yi.subarray(from, to), vi.subarray(from, to), fitOptions);
    out.k[g] = to - from;
    for (const name of POOL_MANY_FIGURES) out[name][g] = fit[name];
    out.converged[g] = fit.converged ? 1 : 0;
    out.iterations[g] = fit.iterations;
    if (fit.warnings.length > 0) {
      const key = groups[g] as number | string;
      for (const w of fit.warnings) warnings.push({ ...w, group: key, message: BATCH_MESSAGES.group_failed(key, w.message).text });
    }
    ticker.tick(g + 1);
  }
  ticker.finish();
  return { out, warnings };
}

function allocate(m: number): Record<Figure, Float64Array> & { k: Int32Array; converged: Uint8Array; iterations: Int32Array } {
  // One buffer for all figures: one allocation, and the figures of a batch stay close in memory.
  const buffer = new ArrayBuffer(POOL_MANY_FIGURES.length * m * 8);
  const figures = {} as Record<Figure, Float64Array>;
  POOL_MANY_FIGURES.forEach((name, j) => {
    figures[name] = new Float64Array(buffer, j * m * 8, m);
  });
  return { ...figures, k: new Int32Array(m), converged: new Uint8Array(m), iterations: new Int32Array(m) };
}

function checkOptions(method: unknown, test: unknown, level: unknown): void {
  const issues: Issue[] = [];
  if (!isPoolManyMethod(method))
    issues.push({ code: 'unknown_method', field: 'method', received: method, message: BATCH_MESSAGES.unknown_method_method(method, POOL_MANY_METHODS).text });
  else if (needsUserWeights(method))
    issues.push({ code: 'weights_required', field: 'method', received: method, message: BATCH_MESSAGES.weights_required_method(method).text });
  if (!(TESTS as readonly unknown[]).includes(test))
    issues.push({ code: 'unknown_test', field: 'test', received: test, message: BATCH_MESSAGES.unknown_test_test(test, TESTS).text });
  if (!(typeof level === 'number' && level > 0 && level < 100))
    issues.push({ code: 'invalid_level', field: 'level', received: level, message: BATCH_MESSAGES.invalid_level_level(level).text });
  if (issues.length > 0) throw new MetasynthError('invalid_option', BATCH_MESSAGES.pool_many_invalid_options(), issues);
}

/** One group of a batch as plain JSON (null where the typed arrays hold NaN). */
export interface PoolManyRow {
  readonly group: number | string;
  readonly k: number;
  readonly estimate: number | null;
  readonly standardError: number | null;
  readonly statistic: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
  readonly tau2: number | null;
  readonly tau2StandardError: number | null;
  readonly q: number | null;
  readonly qPValue: number | null;
  readonly i2: number | null;
  readonly h2: number | null;
  readonly piLower: number | null;
  readonly piUpper: number | null;
  readonly converged: boolean;
  readonly iterations: number;
}

/**
 * The rows of a {@link poolMany} result as plain JSON objects, one per group (NaN → null).
 * @example poolManyRows(poolMany({ effect: [0.1, 0.3, 0.2], variance: [0.01, 0.02, 0.015], group: ['a', 'a', 'a'] }, { method: 'DL' }))[0].estimate // 0.1769
 */
export function poolManyRows(result: PoolManyResult): PoolManyRow[] {
  return result.groups.map((group, g) => {
    const row: Record<string, unknown> = { group, k: result.k[g] as number };
    for (const name of POOL_MANY_FIGURES) row[name] = finiteOrNull(result[name][g] as number);
    row.converged = result.converged[g] === 1;
    row.iterations = result.iterations[g] as number;
    return row as unknown as PoolManyRow;
  });
}
