// From typed effect data to the arrays a multilevel fit works on: y, v, the design X, the
// random-effects structure, the known sampling covariance, and the independent blocks.
import { MetasynthError } from '../core/errors.js';
import type { Exclusion, ModeratorValue, StudyEffect } from '../effects/types.js';
import { buildDesign, factorLevels, type Design } from '../regression/design.js';
import type { RandomTerm, Struct } from './randomTerms.js';
import { samplingCovariance, type SamplingCovarianceOption, type SamplingCovariance } from './samplingCovariance.js';
import { independentBlocks, structParameterCounts, type SigmaComponent, type StructComponent, type VarianceStructure } from './varianceStructure.js';
import { MULTILEVEL_MESSAGES } from './messages.js';

export interface ModelData {
  readonly studies: readonly StudyEffect[];
  readonly y: Float64Array;
  readonly v: Float64Array;
  readonly design: Design;
  readonly structure: VarianceStructure;
  readonly sampling: SamplingCovariance;
  /** Row indices (into `studies`) of each independent block of the marginal covariance. */
  readonly blocks: readonly Int32Array[];
  readonly excluded: readonly Exclusion[];
}

function isMissing(x: ModeratorValue | undefined): boolean {
  return x === null || x === undefined || (typeof x === 'number' && !Number.isFinite(x)) || (typeof x === 'string' && x.trim() === '');
}

const levelKey = (x: ModeratorValue | undefined) => (typeof x === 'number' ? String(Number(x.toPrecision(15))) : String(x).trim());

/** A value as a Map key: integers as themselves (no string is built), anything else as its level text. */
const fastKey = (x: ModeratorValue | undefined): number | string => (typeof x === 'number' && Number.isInteger(x) ? x : levelKey(x));

/** A column read from the rows: whole numbers in a typed array, anything else as given. */
type ColumnValues = ArrayLike<ModeratorValue | undefined>;

/**
 * The integer range [lo, hi] of a column's values (lo NaN when some value is not an integer),
 * found while the rows are read so that neither the ids nor the missing-value check need
 * another pass over a column of whole numbers.
 */
interface IntegerRange {
  readonly lo: number;
  readonly hi: number;
}

/**
 * Each row's value of `column` as a dense id (first-appearance order), with the number of ids.
 * Integer values within a range a few times the row count (the usual study and effect numbers)
 * are looked up in a table instead of a Map.
 */
function valueIds(raw: ColumnValues, range: IntegerRange): { value: Int32Array; n: number } {
  const k = raw.length;
  const { lo, hi } = range;
  const value = new Int32Array(k);
  let n = 0;
  if (hi - lo <= 4 * k + 1024) {
    const table = new Int32Array(hi - lo + 1).fill(-1);
    for (let i = 0; i < k; i++) {
      const t = (raw[i] as number) - lo;
      if (table[t] === -1) table[t] = n++;
      value[i] = table[t]!;
    }
    return { value, n };
  }
  const ids = new Map<number | string, number>();
  for (let i = 0; i < k; i++) {
    const key = fastKey(raw[i]);
    let id = ids.get(key);
    if (id === undefined) {
      id = n++;
      ids.set(key, id);
    }
    value[i] = id;
  }
  return { value, n };
}

/** The integer range of a column (lo NaN: some value is not an integer). */
function integerRange(raw: ColumnValues): IntegerRange {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < raw.length; i++) {
    const x = raw[i];
    if (typeof x !== 'number' || !Number.isInteger(x)) return { lo: NaN, hi: NaN };
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return { lo, hi };
}

/** A moderator column by name with its integer range, read from the rows on first use. */
interface ColumnReader {
  (column: string): ColumnValues;
  readonly range: (column: string) => IntegerRange;
}

/** What a fit reads from the rows: y, v and the named moderator columns. */
interface RowColumns {
  readonly y: Float64Array;
  readonly v: Float64Array;
  readonly read: ColumnReader;
}

/** The first `n` values of a typed column as a plain array of length k, for a column that turns out not to be whole numbers. */
function untyped(col: Float64Array, n: number, k: number): (ModeratorValue | undefined)[] {
  const out = new Array<ModeratorValue | undefined>(k);
  for (let i = 0; i < n; i++) out[i] = col[i];
  return out;
}

/** A column being read row by row: whole numbers into a typed array with their range, until a value that is not one (then a plain array, lo NaN). */
class ColumnBuilder {
  values: Float64Array | (ModeratorValue | undefined)[];
  lo = Infinity;
  hi = -Infinity;
  constructor(readonly k: number) {
    this.values = new Float64Array(k);
  }
  put(i: number, x: ModeratorValue | undefined): void {
    if (typeof x === 'number' && Number.isInteger(x)) {
      this.values[i] = x;
      if (x < this.lo) this.lo = x;
      if (x > this.hi) this.hi = x;
      return;
    }
    if (this.values instanceof Float64Array) this.values = untyped(this.values, i, this.k);
    this.values[i] = x;
    this.lo = NaN;
  }
  get range(): IntegerRange {
    return this.k === 0 || Number.isNaN(this.lo) ? { lo: NaN, hi: NaN } : { lo: this.lo, hi: this.hi };
  }
}

/**
 * y, v and the moderator columns `names` in one pass over the rows (each row object is visited
 * once: at 10⁵ rows the visits, not the arithmetic, are the cost), with each column's integer
 * range; a column of whole numbers is kept in a typed array. The first two columns are read in
 * that pass, each through its own property access (a load whose key varies from one call to the
 * next is twice as slow), any further ones in a pass each. Other columns on first use.
 */
function readRows(studies: readonly StudyEffect[], names: readonly string[]): RowColumns {
  const k = studies.length;
  const y = new Float64Array(k);
  const v = new Float64Array(k);
  const columns = names.map(() => new ColumnBuilder(k));
  const [first, second] = columns;
  const [name0, name1] = names;
  for (let i = 0; i < k; i++) {
    const s = studies[i]!;
    y[i] = s.effect;
    v[i] = s.variance;
    if (!first) continue;
    const m = s.moderators;
    first.put(i, m[name0!]);
    if (second) second.put(i, m[name1!]);
  }
  for (let c = 2; c < names.length; c++) {
    const name = names[c]!;
    const col = columns[c]!;
    for (let i = 0; i < k; i++) col.put(i, studies[i]!.moderators[name]);
  }
  const cache = new Map<string, { values: ColumnValues; range: IntegerRange | null }>(
    names.map((n, c) => [n, { values: columns[c]!.values, range: columns[c]!.range }]),
  );
  const entry = (column: string) => {
    let hit = cache.get(column);
    if (!hit) {
      hit = { values: studies.map((s) => s.moderators[column]), range: null };
      cache.set(column, hit);
    }
    return hit;
  };
  const read = Object.assign((column: string) => entry(column).values, {
    range: (column: string) => {
      const hit = entry(column);
      hit.range ??= integerRange(hit.values);
      return hit.range;
    },
  });
  return { y, v, read };
}

/**
 * Level ids of rows under the combined key of columns[0..d] for every depth d (first-appearance
 * order): depth d's id is looked up from depth d−1's id and the row's value, without building
 * combined strings.
 */
function nestedLevelIds(k: number, columns: readonly string[], read: ColumnReader): { ids: Int32Array; n: number }[] {
  let parent: Int32Array | null = null;
  return columns.map((column) => {
    // The row's value as a dense id, then the (parent id, value id) pair as a level id.
    const { value, n: nValues } = valueIds(read(column), read.range(column));
    // Under one parent (the first column) or with every value on one row only (a unique effect
    // id), the value ids are the level ids already (both are in first-appearance order).
    if (parent === null || nValues === k) {
      parent = value;
      return { ids: value, n: nValues };
    }
    const ids = levelIdsUnder(parent, value, nValues);
    parent = ids.ids;
    return ids;
  });
}

/** Level ids of the (parent id, value id) pairs of the rows, in first-appearance order. */
function levelIdsUnder(parent: Int32Array, value: Int32Array, nValues: number): { ids: Int32Array; n: number } {
  const k = value.length;
  // Most values occur under one parent only (a unique effect id, a school in one district):
  // remember each value's first (parent, id) and fall back to a map for values under several parents.
  const firstParent = new Int32Array(nValues).fill(-1);
  const firstId = new Int32Array(nValues);
  const more = new Map<string, number>();
  const ids = new Int32Array(k);
  let n = 0;
  for (let i = 0; i < k; i++) {
    const v = value[i]!;
    if (firstParent[v] === -1) {
      firstParent[v] = parent[i]!;
      firstId[v] = n;
      ids[i] = n++;
    } else if (firstParent[v] === parent[i]) ids[i] = firstId[v]!;
    else {
      const key = `${parent[i]}:${v}`;
      let id = more.get(key);
      if (id === undefined) {
        id = n++;
        more.set(key, id);
      }
      ids[i] = id;
    }
  }
  return { ids, n };
}

function groupingColumns(terms: readonly RandomTerm[]): string[] {
  return [...new Set(terms.flatMap((t) => (t.kind === 'nested' ? t.factors : [t.inner, t.outer])))];
}

/** Every grouping column must exist; a struct needs an inner factor and the other way round. */
function checkTerms(studies: readonly StudyEffect[], terms: readonly RandomTerm[], struct: Struct | undefined, extra: readonly string[]): void {
  const unknown = [...groupingColumns(terms), ...extra].filter((c) => !studies.some((s) => c in s.moderators));
  if (unknown.length > 0) {
    const known = new Set(studies.flatMap((s) => Object.keys(s.moderators)));
    throw new MetasynthError(
      'invalid_option',
      MULTILEVEL_MESSAGES.multilevel_unknown_grouping_column(unknown.length, unknown, [...known].sort().join(', ') || 'none'),
    );
  }
  if (terms.length === 0) throw new MetasynthError('usage', MULTILEVEL_MESSAGES.multilevel_least_one_random());
  const structTerms = terms.filter((t) => t.kind === 'struct');
  if (structTerms.length > 1)
    throw new MetasynthError('invalid_option', MULTILEVEL_MESSAGES.multilevel_most_one_inner(structTerms.map((t) => JSON.stringify(t.formula)).join(', ')));
  if (struct !== undefined && structTerms.length === 0) {
    throw new MetasynthError(
      'invalid_option',
      MULTILEVEL_MESSAGES.multilevel_struct_needs_term(struct, terms.map((t) => JSON.stringify(t.formula)).join(', ')),
    );
  }
  if (struct === undefined && structTerms.length > 0) {
    throw new MetasynthError('invalid_option', MULTILEVEL_MESSAGES.multilevel_term_has_inner(structTerms[0]!.formula));
  }
}

function buildStructure(studies: readonly StudyEffect[], terms: readonly RandomTerm[], struct: Struct | undefined, read: ColumnReader): VarianceStructure {
  const sigma: SigmaComponent[] = [];
  let structTerm: StructComponent | null = null;
  for (const t of terms) {
    if (t.kind === 'nested') {
      nestedLevelIds(studies.length, t.factors, read).forEach(({ ids, n }, d) => {
        sigma.push({ name: t.factors.slice(0, d + 1).join('/'), levelOf: ids, nLevels: n });
      });
      continue;
    }
    const innerLevels = factorLevels(studies.map((s) => s.moderators[t.inner] ?? null));
    const pos = new Map(innerLevels.map((l, i) => [l, i]));
    const innerOf = Int32Array.from(studies, (s) => pos.get(levelKey(s.moderators[t.inner]))!);
    const { ids, n } = nestedLevelIds(studies.length, [t.outer], read)[0]!;
    structTerm = { formula: t.formula, struct: struct!, inner: t.inner, outer: t.outer, innerLevels, innerOf, outerOf: ids, nOuter: n };
  }
  const counts = structTerm ? structParameterCounts(structTerm.struct, structTerm.innerLevels.length) : { nTau2: 0, nRho: 0 };
  return { sigma, structTerm, ...counts };
}

/** Rows with every needed grouping value, and the others with the reason (as metafor drops them). */
function completeRows(all: readonly StudyEffect[], needed: readonly string[], read: ColumnReader): { kept: readonly StudyEffect[]; excluded: Exclusion[] } {
  // Columns of whole numbers (their integer range is known from the read) miss no value.
  if (needed.every((c) => !Number.isNaN(read.range(c).lo))) return { kept: all, excluded: [] };
  const columns = needed.map(read);
  const complete = (i: number) => columns.every((c) => !isMissing(c[i]));
  let none = true;
  for (let i = 0; i < all.length && none; i++) none = complete(i);
  if (none) return { kept: all, excluded: [] };
  const kept: StudyEffect[] = [];
  const excluded: Exclusion[] = [];
  for (let i = 0; i < all.length; i++) {
    const s = all[i]!;
    if (complete(i)) {
      kept.push(s);
      continue;
    }
    const missing = needed.filter((_, j) => isMissing(columns[j]![i]));
    excluded.push({
      study: s.study,
      ...(s.row !== undefined ? { row: s.row } : {}),
      reason: MULTILEVEL_MESSAGES.missing_value_grouping_column(missing.length, missing).text,
    });
  }
  return { kept, excluded };
}

export interface ModelDataOptions {
  readonly random: readonly RandomTerm[];
  readonly struct?: Struct;
  readonly mods: readonly string[];
  readonly sampling?: SamplingCovarianceOption;
  readonly file?: string;
}

/**
 * Validate and assemble the arrays of a multilevel fit. Rows with a missing grouping value are
 * left out with the reason (as metafor drops them); a missing moderator likewise.
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * buildModelData(table.studies, { random: [parseRandomTerm('~ 1 | district/school')], mods: [] }).y.length // 13
 */
export function buildModelData(all: readonly StudyEffect[], options: ModelDataOptions): ModelData {
  const extra = options.sampling ? [options.sampling.cluster, ...(options.sampling.type === 'vcov' ? options.sampling.columns : [])] : [];
  checkTerms(all, options.random, options.struct, extra);
  const needed = [...groupingColumns(options.random), ...(options.sampling ? [options.sampling.cluster] : [])];
  const rowsAll = readRows(all, needed);
  const { kept, excluded } = completeRows(all, needed, rowsAll.read);
  const design = buildDesign(kept, options.mods, 'multilevel');
  // No row left out (the usual case): the rows are `all` itself, read once.
  const whole = kept.length === all.length && design.rows.length === kept.length;
  const studies = whole ? all : design.rows.map((r) => kept[r]!);
  excluded.push(...design.excluded);
  if (studies.length < 2) throw new MetasynthError('not_estimable', MULTILEVEL_MESSAGES.multilevel_row_left_analyse(studies.length));
  const { y, v, read } = whole ? rowsAll : readRows(studies, needed);
  const structure = buildStructure(studies, options.random, options.struct, read);
  const sampling = samplingCovariance(studies, options.sampling, options.file);
  let blocks: Int32Array[] | null = null;
  return {
    studies,
    y,
    v,
    design,
    structure,
    sampling,
    // Built on first use: a nested fit never needs them.
    get blocks() {
      blocks ??= independentBlocks(studies.length, structure, sampling.clusterOf);
      return blocks;
    },
    excluded,
  };
}
