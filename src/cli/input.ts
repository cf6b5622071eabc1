// Input handling shared by every analysis command: the same options (`--dataset`, `--measure`,
// `--level`, `--json`) and the same way from a FILE or a bundled dataset to an EffectTable.
import { existsSync, statSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import { MetasynthError, locationPrefix, type Warning } from '../core/errors.js';
import { loadDatasetStudies, repeatedUnitsMessage, type DatasetStudies, type RepeatedUnits } from '../datasets/loadDataset.js';
import { DATASET_NAMES, isDatasetName } from '../datasets/names.js';
import { effectSizes, MEASURE_REQUIRED_KINDS, MEASURES_BY_KIND } from '../effects/effectSizes.js';
import { MEASURES, isMeasure, type EffectTable, type Measure } from '../effects/types.js';
import { readTableFile, readTableFileAsync } from '../io/node.js';
import { KIND_COLUMNS } from '../schema/columns.js';
import { DELIMITER_NAMES, describeDialect, isPlainCsvDialect, type DecimalMark, type Delimiter } from '../schema/dialect.js';
import type { RawTable } from '../schema/rawTable.js';
import { parseStudyRecords } from '../schema/parseStudyRecords.js';
import { parseMeasureRecords } from '../schema/parseMeasureRecords.js';
import { measureDefinition, registryMeasure } from '../effects/measures/registry.js';
import { INPUT_DERIVATIONS } from '../effects/conversions/derivations.js';
import type { ParsedStudies } from '../schema/rawTable.js';
import type { OptionSpec, ParsedArgs } from './args.js';
import type { CliIO } from './command.js';
import { CLI_MESSAGES } from './messages.js';

/** The options every analysis command declares (spread them into the command's `options`). */
export const INPUT_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'dataset',
    type: 'string',
    metavar: 'NAME',
    description: 'analyse a bundled dataset instead of FILE: NAME or NAME:SUBSET (e.g. classic/bcg, cik/verified-trials:os)',
  },
  {
    name: 'measure',
    type: 'string',
    metavar: 'M',
    description:
      "effect-size measure, named as metafor escalc's (needed for 2x2 and mean/SD data): run `metasynth measures` for the list, their input columns and scales",
  },
  { name: 'level', type: 'string', metavar: 'PCT', default: '95', description: 'confidence level of intervals, in percent' },
  { name: 'json', type: 'boolean', description: 'print one JSON document instead of a table' },
  { name: 'delimiter', type: 'string', metavar: 'D', description: 'cell separator of a text FILE: comma, semicolon or tab (default: found in the header)' },
  {
    name: 'decimal',
    type: 'string',
    metavar: 'MARK',
    description: 'decimal mark of numbers in FILE: . or , (default: , in semicolon-separated files with decimal commas, else .)',
  },
  { name: 'sheet', type: 'string', metavar: 'NAME', description: 'worksheet of an .xlsx FILE (default: the first)' },
  {
    name: 'allow-repeated-units',
    type: 'boolean',
    description: 'pool a dataset selection in which a trial contributes several rows (refused by default; choose a subset instead)',
  },
];

/** Findings about how the input was read that inform rather than warn (JSON keeps them in `warnings`). */
const NOTE_CODES: ReadonlySet<string> = new Set(['interval_split', 'level_from_header']);

/**
 * `--delimiter` as a Delimiter: `,` `;` or a tab, or their names (`comma`, `semicolon`, `tab`, `\t`).
 * @example parseDelimiterOption('semicolon') // ';'
 */
export function parseDelimiterOption(value: string | boolean | undefined): Delimiter | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const t = value === '\t' ? 'tab' : value.trim().toLowerCase();
  const hit = (Object.entries(DELIMITER_NAMES) as [Delimiter, string][]).find(([d, name]) => t === name || (t !== '' && t === d) || value === d);
  if (hit === undefined) throw new MetasynthError('invalid_option', CLI_MESSAGES.delimiter_not_one_comma(value));
  return hit[0];
}

/**
 * `--decimal` as a DecimalMark: `.` or `,` (or `point`, `comma`).
 * @example parseDecimalOption(',') // ','
 */
export function parseDecimalOption(value: string | boolean | undefined): DecimalMark | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const t = value.trim().toLowerCase();
  if (t === '.' || t === 'point') return '.';
  if (t === ',' || t === 'comma') return ',';
  throw new MetasynthError('invalid_option', CLI_MESSAGES.decimal_not(value));
}

/** The reading options of a FILE, refusing those that do not apply to its type. */
function fileReadOptions(args: ParsedArgs, path: string, command: string): { delimiter?: Delimiter; decimal?: DecimalMark; sheet?: string } {
  const delimiter = parseDelimiterOption(args.options.delimiter);
  const decimal = parseDecimalOption(args.options.decimal);
  const sheet = typeof args.options.sheet === 'string' ? args.options.sheet : undefined;
  const ext = extname(path).toLowerCase();
  if (sheet !== undefined && ext !== '.xlsx') throw new MetasynthError('usage', CLI_MESSAGES.sheet_applies_xlsx_workbooks(command, path));
  if (delimiter !== undefined && (ext === '.xlsx' || ext === '.json'))
    throw new MetasynthError('usage', CLI_MESSAGES.delimiter_applies_text_files(command, path));
  if (decimal !== undefined && ext === '.json') throw new MetasynthError('usage', CLI_MESSAGES.decimal_applies_text_files(command, path));
  return { ...(delimiter ? { delimiter } : {}), ...(decimal ? { decimal } : {}), ...(sheet !== undefined ? { sheet } : {}) };
}

/**
 * The command's arguments with its workbook FILE read in advance (workbooks are read
 * asynchronously; everything after works on the rows). Other inputs are returned unchanged.
 */
export async function preloadWorkbook(args: ParsedArgs, io: CliIO, command: string): Promise<ParsedArgs> {
  // The workbook among the positionals (`plot forest BOOK.xlsx` has the plot kind first).
  const paths = args.positionals.filter((p) => extname(p).toLowerCase() === '.xlsx');
  if (paths.length !== 1 || typeof args.options.dataset === 'string') return args;
  const path = paths[0]!;
  const full = isAbsolute(path) ? path : resolve(io.cwd, path);
  const table = await readTableFileAsync(full, { name: path, ...fileReadOptions(args, path, command) });
  return { ...args, preloaded: new Map([...(args.preloaded ?? []), [path, table]]) };
}

/** How a FILE was read, when it is more than plain CSV: the delimiter and decimal mark, or the sheet. */
export function inputFormatNote(table: RawTable): string | undefined {
  const file = table.file ?? 'input';
  if (table.sheet !== undefined)
    return `${file}: read sheet ${JSON.stringify(table.sheet)}${table.decimal === ',' ? ' with decimal commas in text cells' : ''}`;
  if (table.dialect !== undefined && !isPlainCsvDialect(table.dialect)) return `${file}: read as ${describeDialect(table.dialect)}`;
  return undefined;
}

/** Where the studies of a command come from. */
export type InputSource = { readonly type: 'file'; readonly path: string } | { readonly type: 'dataset'; readonly name: string };

/**
 * The input of a command: exactly one of a positional FILE or `--dataset NAME`.
 * @example inputSource({ positionals: ['bcg.csv'], options: {} }, 'effects') // { type: 'file', path: 'bcg.csv' }
 */
export function inputSource(args: ParsedArgs, command: string): InputSource {
  const dataset = args.options.dataset;
  const files = args.positionals;
  if (files.length > 1) throw new MetasynthError('usage', CLI_MESSAGES.one_file_not(command, files.length, files));
  if (typeof dataset === 'string' && files.length === 1) {
    throw new MetasynthError('usage', CLI_MESSAGES.either_file_dataset_name(command));
  }
  if (typeof dataset === 'string') return { type: 'dataset', name: dataset };
  const path = files[0];
  if (path === undefined) throw new MetasynthError('usage', CLI_MESSAGES.study_file_csv_json(command));
  return { type: 'file', path };
}

/**
 * `--measure` as a Measure (case-insensitive), or undefined when not given.
 * @example parseMeasureOption('rr') // 'RR'
 */
export function parseMeasureOption(value: string | boolean | undefined): Measure | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const m = value.trim().toUpperCase();
  if (!isMeasure(m)) throw new MetasynthError('invalid_option', CLI_MESSAGES.unknown_measure_choose_one_2(value, MEASURES));
  return m;
}

/**
 * `--level` as a percentage strictly between 1 and 100 (default 95).
 * @example parseLevelOption('90') // 90
 */
export function parseLevelOption(value: string | boolean | undefined): number {
  if (value === undefined || typeof value === 'boolean') return 95;
  const t = value.trim();
  const x = /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
  if (!(x > 1 && x < 100)) {
    throw new MetasynthError('invalid_option', CLI_MESSAGES.level_percentage_between_2(value));
  }
  return x;
}

/**
 * The bundled dataset a `--dataset` value names: `group/name[:subset]`, or a `name` unique across
 * groups (`bcg` for `classic/bcg`). Names are never paths: the datasets are bundled, not read from disk.
 * @example bundledDatasetReference('bcg', 'pool') // 'classic/bcg'
 */
export function bundledDatasetReference(value: string, command = 'metasynth'): string {
  const at = value.indexOf(':');
  const name = at < 0 ? value : value.slice(0, at);
  const subset = at < 0 ? '' : value.slice(at);
  if (!/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/i.test(name)) {
    throw new MetasynthError('usage', CLI_MESSAGES.dataset_not_dataset_name(command, value));
  }
  if (isDatasetName(name)) return value;
  const hits = name.includes('/') ? [] : DATASET_NAMES.filter((n) => n.endsWith(`/${name}`));
  if (hits.length === 1) return `${hits[0]!}${subset}`;
  if (hits.length > 1) throw new MetasynthError('usage', CLI_MESSAGES.dataset_ambiguous_name_group(command, name, hits));
  throw new MetasynthError('usage', CLI_MESSAGES.no_bundled_dataset_available(command, name, DATASET_NAMES));
}

/**
 * Study records of a table: a registry measure reads its own columns (escalc's arguments); other
 * measures are read by kind, and when that fails, by the measure's columns with the conversions
 * (a median instead of a mean, a CI instead of a variance, ...), so that a note says how.
 */
export function readStudies(table: RawTable, measure: Measure | undefined, file: string): ParsedStudies {
  const registry = measure === undefined ? undefined : registryMeasure(measure);
  if (registry) return parseMeasureRecords(table, registry, { file, derivations: INPUT_DERIVATIONS });
  try {
    return parseStudyRecords(table, { file });
  } catch (err) {
    const def = measure === undefined ? undefined : measureDefinition(measure);
    const has = (c: string) => table.columns.includes(c);
    const sets = def === undefined ? [] : [def.columns, ...(def.alternatives ?? []).map((a) => a.columns)];
    // Read by the measure's columns only when the kind could not be recognised (e.g. ai, n1i, ci, n2i)
    // or a conversion can fill what is missing; a domain error of a recognised kind stands.
    const unrecognised = err instanceof MetasynthError && err.issues.some((i) => i.code === 'unknown_kind');
    const converts =
      def !== undefined &&
      ((unrecognised && sets.some((cols) => cols.every(has))) ||
        INPUT_DERIVATIONS.some(
          (d) => (d.measures === undefined || d.measures.includes(def.name)) && d.produces.every((c) => def.columns.includes(c)) && d.reads.every(has),
        ));
    if (!(err instanceof MetasynthError) || !converts) throw err;
    return parseMeasureRecords(table, def, { file, derivations: INPUT_DERIVATIONS });
  }
}

/** The validated studies of a command's input (FILE or `--dataset NAME[:subset]`), with the dataset's metadata and warnings. */
export function loadStudies(
  args: ParsedArgs,
  io: CliIO,
  command = 'metasynth',
): { studies: ParsedStudies; name: string; synthetic: boolean; defaultMeasure?: string; repeatedUnits?: RepeatedUnits | null; warnings: readonly Warning[] } {
  const source = inputSource(args, command);
  if (source.type === 'file') {
    const path = isAbsolute(source.path) ? source.path : resolve(io.cwd, source.path);
    if (existsSync(path) && statSync(path).isDirectory()) throw new MetasynthError('invalid_file', CLI_MESSAGES.directory_not_study_file(source.path));
    const readOptions = fileReadOptions(args, source.path, command);
    const table = args.preloaded?.get(source.path) ?? readTableFile(path, { name: source.path, ...readOptions });
    const meta = table.meta;
    const asked = parseMeasureOption(args.options.measure) ?? (typeof meta?.measure === 'string' ? parseMeasureOption(meta.measure) : undefined);
    const studies = readStudies(table, asked, source.path);
    const synthetic = meta?.synthetic === true;
    const measure = typeof meta?.measure === 'string' ? meta.measure : undefined;
    const note = inputFormatNote(table);
    const warnings: Warning[] = note === undefined ? [] : [{ code: 'input_format', message: note, file: source.path }];
    return { studies, name: source.path, synthetic, ...(measure ? { defaultMeasure: measure } : {}), warnings };
  }
  // Bundled datasets load through the datasets area (no file access): `name` or `name:subset`.
  let loaded: DatasetStudies;
  try {
    loaded = loadDatasetStudies(bundledDatasetReference(source.name, command));
  } catch (err) {
    if (err instanceof MetasynthError && err.code === 'invalid_option') {
      throw new MetasynthError('usage', CLI_MESSAGES.dataset_failed(command, source.name, err.issues[0]?.message ?? err.message));
    }
    throw err;
  }
  return {
    studies: loaded.studies,
    name: loaded.name,
    synthetic: loaded.synthetic,
    ...(loaded.defaultMeasure !== undefined ? { defaultMeasure: loaded.defaultMeasure } : {}),
    repeatedUnits: loaded.repeatedUnits,
    warnings: loaded.warnings,
  };
}

/**
 * The EffectTable of a command's input: reads FILE (.csv or .json) or `--dataset NAME`, validates
 * it, and computes effect sizes with `--measure` (required for 2x2 and mean/SD data unless the
 * dataset names its measure). The table is marked `synthetic` when the dataset says so, and the
 * dataset's warnings (e.g. `dataset_repeated_units`) come first in its `warnings`. A command that
 * pools (`pools`, default true) refuses a selection in which a unit (trial) contributes several rows,
 * naming the subsets to choose, unless `--allow-repeated-units` is given.
 * `--level` is the level of the command's own intervals; the level of reported hazard-ratio CIs
 * comes from the input's `level` column (default 95).
 */
export function loadEffectTable(args: ParsedArgs, io: CliIO, command = 'metasynth', options: { reportWarnings?: boolean; pools?: boolean } = {}): EffectTable {
  const loaded = loadStudies(args, io, command);
  if (options.pools !== false && loaded.repeatedUnits != null && args.options['allow-repeated-units'] !== true) {
    throw new MetasynthError('invalid_input', CLI_MESSAGES.refusing_pool_pass_allow(command, repeatedUnitsMessage(loaded.repeatedUnits, loaded.name)));
  }
  const kind = loaded.studies.kind;
  let measure = parseMeasureOption(args.options.measure);
  if (measure === undefined && loaded.defaultMeasure !== undefined) measure = parseMeasureOption(loaded.defaultMeasure);
  if (measure === undefined && MEASURE_REQUIRED_KINDS.includes(kind)) {
    throw new MetasynthError('usage', CLI_MESSAGES.has_choose_effect_size(command, loaded.name, KIND_COLUMNS[kind].label, MEASURES_BY_KIND[kind]));
  }
  const computed = effectSizes(loaded.studies, { ...(measure ? { measure } : {}), file: loaded.name });
  const table = loaded.warnings.length > 0 ? { ...computed, warnings: [...loaded.warnings, ...computed.warnings] } : computed;
  const result = loaded.synthetic ? { ...table, synthetic: true } : table;
  // How the file was read (delimiter, decimal mark, sheet) heads the output for people.
  if (args.options.json !== true) {
    for (const w of result.warnings) if (w.code === 'input_format') io.stdout(`Input: ${w.message}\n\n`);
  }
  // Nothing is dropped silently: for people, warnings and left-out rows go to stderr here, once for
  // every command; JSON documents carry them in `warnings` (see withInputWarnings).
  if (options.reportWarnings !== false && args.options.json !== true) {
    for (const w of inputWarnings(result)) {
      if (w.code !== 'input_format') io.stderr(`metasynth: ${NOTE_CODES.has(w.code) ? 'note' : 'warning'}: ${w.message}\n`);
    }
    for (const n of derivationNotes(result)) io.stderr(`metasynth: note: ${n}\n`);
  }
  return result;
}

/**
 * Warnings about the input that every analysis reports beside its own: the table's warnings
 * (duplicate labels, asymmetric CIs, zero-cell corrections, repeated units) and one per row left
 * out of the analysis with its reason (code `row_excluded`).
 */
export function inputWarnings(table: EffectTable): Warning[] {
  return [
    ...table.warnings,
    ...table.excluded.map((e) => ({
      code: 'row_excluded',
      message: CLI_MESSAGES.row_excluded_left(
        locationPrefix({ ...(table.file !== undefined ? { file: table.file } : {}), ...(e.row !== undefined ? { row: e.row } : {}), study: e.study }),
        e.reason,
      ).text,
      study: e.study,
      ...(e.row !== undefined ? { row: e.row } : {}),
    })),
  ];
}

/**
 * One note per converted input of each study: `a.csv row 3 ("Lee 2019"): m1i = 4.6 and sd1i = 2.3 estimated from ...`.
 */
export function derivationNotes(table: EffectTable): string[] {
  return table.studies.flatMap((s) =>
    (s.derived ?? []).map(
      (d) =>
        `${locationPrefix({ ...(table.file !== undefined ? { file: table.file } : {}), ...(s.row !== undefined ? { row: s.row } : {}), study: s.study })}: ${d.note}`,
    ),
  );
}

/** A command's JSON document with the input's warnings first in its `warnings`. */
export function withInputWarnings<T extends { readonly warnings: readonly Warning[] }>(doc: T, table: EffectTable): T {
  const input = inputWarnings(table);
  return input.length === 0 ? doc : { ...doc, warnings: [...input, ...doc.warnings] };
}
