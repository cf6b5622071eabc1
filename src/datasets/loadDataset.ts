// d3-dsv: a maintained RFC 4180 parser (quoted fields, embedded commas and newlines), browser-safe.
import { csvParseRows } from 'd3-dsv';
import { MetasynthError, type Issue, type Warning } from '../core/errors.js';
import { effectSizes, type EffectSizeOptions } from '../effects/effectSizes.js';
import { isMeasure, type EffectTable } from '../effects/types.js';
import { parseCsv } from '../schema/parseCsv.js';
import { parseStudyRecords } from '../schema/parseStudyRecords.js';
import type { ParsedStudies } from '../schema/rawTable.js';
import { BUNDLED_DATASETS } from './bundled.generated.js';
import { DATASET_NAMES, isDatasetName, type DatasetName } from './names.js';
import { datasetMetadataSchema, type DatasetColumn, type DatasetMetadata } from './schema.js';
import { DATASETS_MESSAGES } from './messages.js';

/** A cell as typed by the dataset's column dictionary; `null` = empty cell. */
export type DatasetCell = string | number | boolean | null;
export type DatasetRow = Readonly<Record<string, DatasetCell>>;

export interface LoadDatasetOptions {
  /** A named row selection from the dataset's `subsets` (default: all rows). Same as `name:subset`. */
  readonly subset?: string;
}

/** A bundled dataset: its metadata, its typed rows, and its CSV text for the study-record parser. */
export interface LoadedDataset {
  readonly name: DatasetName;
  /** The subset applied, or null for all rows. */
  readonly subset: string | null;
  /** Repository path of the data file, for messages (`datasets/cik/verified-trials/data.csv`). */
  readonly file: string;
  /** True when the data are SYNTHETIC: every table, plot and report built on them must say so. */
  readonly synthetic: boolean;
  readonly metadata: DatasetMetadata;
  readonly columns: readonly string[];
  readonly rows: readonly DatasetRow[];
  /** 1-based data-row numbers (in `data.csv`) of the selected rows, so messages name the file's rows. */
  readonly rowNumbers: readonly number[];
  /** The whole `data.csv` text (all rows; `rowNumbers` says which are selected). */
  readonly csv: string;
  /** Units (e.g. trials) that contribute more than one selected row, or null when none does. */
  readonly repeatedUnits: RepeatedUnits | null;
  readonly warnings: readonly Warning[];
}

/**
 * Units that contribute more than one row of a selection (dataset.json `repeatedUnits`): pooling
 * those rows would count the same patients twice. `subsets` are the dataset's subsets that keep one
 * row per unit, as references (`cik/verified-trials:os`), to choose from instead.
 */
export interface RepeatedUnits {
  readonly column: string;
  readonly units: readonly string[];
  readonly note: string;
  readonly subsets: readonly string[];
}

const metadataCache = new Map<DatasetName, DatasetMetadata>();

/**
 * The validated metadata of a bundled dataset.
 * @example datasetMetadata('classic/bcg').citation[0].doi // '10.1001/jama.1994.03510330076038'
 */
export function datasetMetadata(name: DatasetName): DatasetMetadata {
  const cached = metadataCache.get(name);
  if (cached !== undefined) return cached;
  const parsed = datasetMetadataSchema.safeParse(JSON.parse(BUNDLED_DATASETS[name].metadata));
  if (!parsed.success) {
    throw new MetasynthError(
      'internal',
      DATASETS_MESSAGES.bundled_dataset_dataset_json(name),
      parsed.error.issues.map((i) => ({
        code: 'invalid_metadata',
        file: `datasets/${name}/dataset.json`,
        field: i.path.join('.'),
        message: DATASETS_MESSAGES.invalid_metadata(name, i.path.join('.'), i.message).text,
      })),
    );
  }
  metadataCache.set(name, parsed.data);
  return parsed.data;
}

/**
 * One line per bundled dataset, for listings and `--help`.
 * @example listDatasets().map((d) => d.name).includes('classic/bcg') // true
 */
export function listDatasets(): readonly { name: DatasetName; title: string; synthetic: boolean; subsets: readonly string[] }[] {
  return DATASET_NAMES.map((name) => {
    const m = datasetMetadata(name);
    return { name, title: m.title, synthetic: m.synthetic, subsets: m.subsets.map((s) => s.id) };
  });
}

/**
 * Loads a bundled dataset by name (`'cik/verified-trials'`), optionally one of its named subsets
 * (`'cik/verified-trials:os'` or `{ subset: 'os' }`). Cells are typed by the column dictionary of
 * its `dataset.json`. Works without file access (the data are bundled at build time), so it runs
 * in browsers and Deno. Throws `MetasynthError('invalid_option')` for an unknown name or subset.
 *
 * When a dataset has several rows per trial (`repeatedUnits`) and the selection still holds more
 * than one row of a trial, the result carries a `dataset_repeated_units` warning: pooling those
 * rows would count the same patients twice.
 * @example loadDataset('cik/verified-trials:recurrence').rows.map((r) => r.study) // ['Takayama 2000', 'Lee 2015']
 */
export function loadDataset(reference: string, options: LoadDatasetOptions = {}): LoadedDataset {
  const [rawName, refSubset] = splitReference(reference);
  if (!isDatasetName(rawName)) {
    throw new MetasynthError('invalid_option', DATASETS_MESSAGES.unknown_dataset(rawName), [
      {
        code: 'unknown_dataset',
        field: 'dataset',
        received: rawName,
        message: DATASETS_MESSAGES.unknown_dataset_dataset(rawName, DATASET_NAMES).text,
      },
    ]);
  }
  const name: DatasetName = rawName;
  if (refSubset !== undefined && options.subset !== undefined && refSubset !== options.subset) {
    throw new MetasynthError('invalid_option', DATASETS_MESSAGES.dataset_subset_given_twice(reference, refSubset, options.subset));
  }
  const subsetId = refSubset ?? options.subset ?? null;
  const metadata = datasetMetadata(name);
  const file = `datasets/${name}/data.csv`;
  const text = BUNDLED_DATASETS[name].csv;
  const [header = [], ...body] = csvParseRows(text);
  const dictionary = new Map(metadata.columns.map((c) => [c.name, c]));
  const issues: Issue[] = [];
  for (const column of header) {
    if (!dictionary.has(column)) {
      issues.push({ code: 'undocumented_column', file, field: column, message: DATASETS_MESSAGES.undocumented_column(file, column).text });
    }
  }
  const typed = body.map((cells, i) => {
    const row: Record<string, DatasetCell> = {};
    header.forEach((column, j) => {
      const spec = dictionary.get(column);
      row[column] = spec === undefined ? (cells[j] ?? null) : typeCell(cells[j] ?? '', spec, file, i + 1, issues);
    });
    return row;
  });
  if (issues.length > 0) throw new MetasynthError('internal', DATASETS_MESSAGES.bundled_dataset_does_not(name), issues);

  let keep = typed.map(() => true);
  if (subsetId !== null) {
    const subset = metadata.subsets.find((s) => s.id === subsetId);
    if (subset === undefined) {
      const ids = metadata.subsets.map((s) => s.id);
      throw new MetasynthError('invalid_option', DATASETS_MESSAGES.dataset_has_no_subset(name, subsetId), [
        {
          code: 'unknown_subset',
          field: 'subset',
          received: subsetId,
          message: DATASETS_MESSAGES.unknown_subset(name, subsetId, ids.length, ids).text,
        },
      ]);
    }
    keep = typed.map((row) => Object.entries(subset.where).every(([column, allowed]) => allowed.includes(row[column] as never)));
  }
  const rows = typed.filter((_, i) => keep[i]);
  const rowNumbers = typed.flatMap((_, i) => (keep[i] ? [i + 1] : []));
  const repeatedUnits = repeatedUnitsOf(metadata, typed, rows, name);
  return {
    name,
    subset: subsetId,
    file,
    synthetic: metadata.synthetic,
    metadata,
    columns: header,
    rows,
    rowNumbers,
    csv: text,
    repeatedUnits,
    warnings: repeatedUnits === null ? [] : [repeatedUnitsWarning(repeatedUnits, subsetId === null ? name : `${name}:${subsetId}`)],
  };
}

/** The validated study records of a bundled dataset (or subset), shaped like the CLI's `loadStudies`. */
export interface DatasetStudies {
  readonly studies: ParsedStudies;
  /** The reference as given, e.g. `cik/verified-trials:os`. */
  readonly name: string;
  readonly synthetic: boolean;
  /** The measure the dataset is analysed with by default (dataset.json `analysis.measure`). */
  readonly defaultMeasure?: string;
  /** Units contributing more than one selected row (see `LoadedDataset.repeatedUnits`), or null. */
  readonly repeatedUnits: RepeatedUnits | null;
  /** Warnings of the selection (e.g. `dataset_repeated_units`), to be shown with the results. */
  readonly warnings: readonly Warning[];
}

/**
 * Validated study records of a bundled dataset, through the same parser as user files
 * (`parseCsv` + `parseStudyRecords`), keeping the row numbers of `data.csv` in messages.
 * Throws `MetasynthError('invalid_option')` for a dataset that is not an effect table
 * (`cik/published-pooled`, `cik/source-claims`: use `loadDataset` for those).
 * @example loadDatasetStudies('classic/bcg').studies.kind // 'twoByTwo'
 */
export function loadDatasetStudies(reference: string, options: LoadDatasetOptions = {}): DatasetStudies {
  const ds = loadDataset(reference, options);
  const analysis = ds.metadata.analysis;
  if (analysis === null) {
    throw new MetasynthError('invalid_option', DATASETS_MESSAGES.dataset_not_table_study(ds.name, ds.metadata.title));
  }
  const raw = parseCsv(ds.csv, { file: ds.file });
  const keep = new Set(ds.rowNumbers);
  const rowNumbers = raw.rowNumbers ?? raw.rows.map((_, i) => i + 1);
  const selected = raw.rows.flatMap((row, i) => (keep.has(rowNumbers[i]!) ? [{ row, n: rowNumbers[i]! }] : []));
  const studies = parseStudyRecords(
    { file: ds.file, columns: raw.columns, rows: selected.map((s) => s.row), rowNumbers: selected.map((s) => s.n) },
    { file: ds.file },
  );
  return {
    studies,
    name: ds.subset === null ? ds.name : `${ds.name}:${ds.subset}`,
    synthetic: ds.synthetic,
    defaultMeasure: analysis.measure,
    repeatedUnits: ds.repeatedUnits,
    warnings: ds.warnings,
  };
}

/** Options of `datasetEffectTable`: a subset, and every `effectSizes` option (measure defaults to the dataset's). */
export interface DatasetEffectTableOptions extends LoadDatasetOptions, Omit<EffectSizeOptions, 'file'> {}

/**
 * The EffectTable of a bundled dataset (or subset), in the dataset's default measure unless
 * `measure` is given; `synthetic` is set from the dataset, and the selection's warnings are
 * added to the table's.
 * @example datasetEffectTable('cik/verified-trials:os').studies.map((s) => s.study) // ['Lee 2019 (OS)', 'Liu 2020 (OS)']
 */
export function datasetEffectTable(reference: string, options: DatasetEffectTableOptions = {}): EffectTable {
  const { subset, ...effectOptions } = options;
  const loaded = loadDatasetStudies(reference, subset === undefined ? {} : { subset });
  const fallback = loaded.defaultMeasure;
  const measure = effectOptions.measure ?? (isMeasure(fallback) ? fallback : undefined);
  const table = effectSizes(loaded.studies, { ...effectOptions, ...(measure === undefined ? {} : { measure }), file: loaded.name });
  return { ...table, synthetic: loaded.synthetic, warnings: [...loaded.warnings, ...table.warnings] };
}

function splitReference(reference: string): [string, string | undefined] {
  const at = reference.indexOf(':');
  return at < 0 ? [reference, undefined] : [reference.slice(0, at), reference.slice(at + 1)];
}

function typeCell(text: string, spec: DatasetColumn, file: string, row: number, issues: Issue[]): DatasetCell {
  if (text === '') return null;
  const bad = (expected: string): null => {
    issues.push({
      code: 'bad_cell',
      file,
      row,
      field: spec.name,
      received: text,
      message: DATASETS_MESSAGES.bad_cell(file, row, spec.name, text, expected).text,
    });
    return null;
  };
  switch (spec.type) {
    case 'string':
      return spec.levels !== undefined && !spec.levels.includes(text) ? bad(`one of ${spec.levels.join(', ')}`) : text;
    case 'number': {
      const x = Number(text);
      return Number.isFinite(x) ? x : bad('a number');
    }
    case 'integer': {
      const x = Number(text);
      return Number.isInteger(x) ? x : bad('a whole number');
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : bad('true or false');
  }
}

/** Values of `column` held by more than one of `rows`, in order of first appearance. */
function repeatedValues(rows: readonly DatasetRow[], column: string): string[] {
  const seen = new Map<string, number>();
  for (const row of rows) {
    const key = String(row[column]);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}

function repeatedUnitsOf(metadata: DatasetMetadata, all: readonly DatasetRow[], rows: readonly DatasetRow[], name: string): RepeatedUnits | null {
  const unit = metadata.repeatedUnits;
  if (unit === undefined) return null;
  const units = repeatedValues(rows, unit.column);
  if (units.length === 0) return null;
  const selects = (where: Readonly<Record<string, readonly unknown[]>>) =>
    all.filter((row) => Object.entries(where).every(([c, allowed]) => allowed.includes(row[c])));
  const subsets = metadata.subsets.filter((s) => repeatedValues(selects(s.where), unit.column).length === 0).map((s) => `${name}:${s.id}`);
  return { column: unit.column, units, note: unit.note, subsets };
}

/**
 * The message about repeated units, shared by the `dataset_repeated_units` warning and the CLI's
 * refusal to pool them.
 * @example repeatedUnitsMessage({ column: 'trial_id', units: ['T1'], note: 'two reports of T1', subsets: ['d/x:a'] }, 'd/x') // 'd/x: T1 contributes more than one row (two reports of T1); ...'
 */
export function repeatedUnitsMessage(r: RepeatedUnits, reference: string): string {
  return (
    `${reference}: ${r.units.join(', ')} contribute${r.units.length === 1 ? 's' : ''} more than one row (${r.note}); ` +
    `pooling these rows counts the same patients twice. Choose a subset: ${r.subsets.length > 0 ? r.subsets.join(', ') : '(none keeps one row per unit)'}; ` +
    `or model the dependence with metasynth multilevel --random "~ 1 | ${r.column}" (cluster-robust: --robust CR1 --cluster ${r.column})`
  );
}

function repeatedUnitsWarning(r: RepeatedUnits, reference: string): Warning {
  return { code: 'dataset_repeated_units', message: repeatedUnitsMessage(r, reference) };
}
