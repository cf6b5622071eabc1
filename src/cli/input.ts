// Input handling shared by every analysis command: the same options (`--dataset`, `--measure`,
// `--level`, `--json`) and the same way from a FILE or a bundled dataset to an EffectTable.
import { existsSync, statSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import { MetasynthError } from '../core/errors.js';
import { loadDatasetStudies, type DatasetStudies } from '../datasets/loadDataset.js';
import { MEASURES, isMeasure, type EffectTable, type Measure } from '../effects/types.js';
import { readTableFile, readTableFileAsync } from '../io/node.js';
import { DELIMITER_NAMES, type DecimalMark, type Delimiter } from '../schema/dialect.js';
import { bundledDatasetReference, derivationNotes, effectTableOf, inputWarnings, studiesOfTable, type LoadedStudies } from '../session/input.js';
import { excludeStudies } from '../session/exclude.js';
import type { OptionSpec, ParsedArgs } from './args.js';
import type { CliIO } from './command.js';
import { CLI_MESSAGES } from './messages.js';
import { excludedLabelsOf } from './output.js';

// The pure steps live in src/session/input.ts (shared with the web page); re-exported for the commands.
export {
  bundledDatasetReference,
  derivationNotes,
  inputFormatNote,
  inputWarnings,
  readTableStudies as readStudies,
  withInputWarnings,
} from '../session/input.js';

/** The options every analysis command declares (spread them into the command's `options`). */
/**
 * `--exclude LABEL` (repeatable, one study label each, matched exactly): the commands that pool studies
 * leave those studies out and list them in their output (JSON key `excludedStudies`).
 */
export const EXCLUDE_OPTION: OptionSpec = {
  name: 'exclude',
  type: 'string',
  metavar: 'LABEL',
  multiple: true,
  description: 'leave out the study with this label (all its rows); repeat for several; listed in the output (JSON: excludedStudies)',
};

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

/** The validated studies of a command's input (FILE or `--dataset NAME[:subset]`), with the dataset's metadata and warnings. */
export function loadStudies(args: ParsedArgs, io: CliIO, command = 'metasynth'): LoadedStudies {
  const labels = excludedLabelsOf(args);
  const loaded = loadSourceStudies(args, io, command);
  if (labels.length === 0) return loaded;
  const { loaded: kept, unknown } = excludeStudies(loaded, labels);
  if (unknown.length > 0) throw new MetasynthError('usage', CLI_MESSAGES.exclude_unknown_label(command, unknown[0]!, loaded.name));
  return kept;
}

/** The studies of FILE or `--dataset`, before any --exclude. */
function loadSourceStudies(args: ParsedArgs, io: CliIO, command: string): LoadedStudies {
  const source = inputSource(args, command);
  if (source.type === 'file') {
    const path = isAbsolute(source.path) ? source.path : resolve(io.cwd, source.path);
    if (existsSync(path) && statSync(path).isDirectory()) throw new MetasynthError('invalid_file', CLI_MESSAGES.directory_not_study_file(source.path));
    const readOptions = fileReadOptions(args, source.path, command);
    const table = args.preloaded?.get(source.path) ?? readTableFile(path, { name: source.path, ...readOptions });
    const meta = table.meta;
    const asked = parseMeasureOption(args.options.measure) ?? (typeof meta?.measure === 'string' ? parseMeasureOption(meta.measure) : undefined);
    return studiesOfTable(table, asked, source.path);
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
  let measure = parseMeasureOption(args.options.measure);
  if (measure === undefined && loaded.defaultMeasure !== undefined) measure = parseMeasureOption(loaded.defaultMeasure);
  const result = effectTableOf(loaded, measure, {
    command,
    ...(options.pools !== undefined ? { pools: options.pools } : {}),
    allowRepeatedUnits: args.options['allow-repeated-units'] === true,
  });
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
