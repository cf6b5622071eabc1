// Input handling shared by every analysis command: the same options (`--dataset`, `--measure`,
// `--level`, `--json`) and the same way from a FILE or a bundled dataset to an EffectTable.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { MetasynthError, locationPrefix, type Warning } from '../core/errors.js';
import { loadDatasetStudies, repeatedUnitsMessage, type DatasetStudies, type RepeatedUnits } from '../datasets/loadDataset.js';
import { DATASET_NAMES, isDatasetName } from '../datasets/names.js';
import { effectSizes, MEASURE_REQUIRED_KINDS, MEASURES_BY_KIND } from '../effects/effectSizes.js';
import { MEASURES, isMeasure, type EffectTable, type Measure } from '../effects/types.js';
import { readTableFile } from '../io/node.js';
import { KIND_COLUMNS } from '../schema/columns.js';
import { parseStudyRecords } from '../schema/parseStudyRecords.js';
import type { ParsedStudies } from '../schema/rawTable.js';
import type { OptionSpec, ParsedArgs } from './args.js';
import type { CliIO } from './command.js';

/** The options every analysis command declares (spread them into the command's `options`). */
export const INPUT_OPTIONS: readonly OptionSpec[] = [
  { name: 'dataset', type: 'string', metavar: 'NAME', description: 'analyse a bundled dataset instead of FILE: NAME or NAME:SUBSET (e.g. classic/bcg, cik/verified-trials:os)' },
  { name: 'measure', type: 'string', metavar: 'M', description: `effect-size measure: ${MEASURES.join(', ')} (needed for 2x2 and mean/SD data)` },
  { name: 'level', type: 'string', metavar: 'PCT', default: '95', description: 'confidence level of intervals, in percent' },
  { name: 'json', type: 'boolean', description: 'print one JSON document instead of a table' },
  { name: 'allow-repeated-units', type: 'boolean', description: 'pool a dataset selection in which a trial contributes several rows (refused by default; choose a subset instead)' },
];

/** Where the studies of a command come from. */
export type InputSource = { readonly type: 'file'; readonly path: string } | { readonly type: 'dataset'; readonly name: string };

/**
 * The input of a command: exactly one of a positional FILE or `--dataset NAME`.
 * @example inputSource({ positionals: ['bcg.csv'], options: {} }, 'effects') // { type: 'file', path: 'bcg.csv' }
 */
export function inputSource(args: ParsedArgs, command: string): InputSource {
  const dataset = args.options.dataset;
  const files = args.positionals;
  if (files.length > 1) throw new MetasynthError('usage', `${command}: give one FILE, not ${files.length} (${files.join(', ')})`);
  if (typeof dataset === 'string' && files.length === 1) {
    throw new MetasynthError('usage', `${command}: give either FILE or --dataset NAME, not both`);
  }
  if (typeof dataset === 'string') return { type: 'dataset', name: dataset };
  const path = files[0];
  if (path === undefined) throw new MetasynthError('usage', `${command}: give a study FILE (.csv or .json) or --dataset NAME (see metasynth ${command} --help)`);
  return { type: 'file', path };
}

/**
 * `--measure` as a Measure (case-insensitive), or undefined when not given.
 * @example parseMeasureOption('rr') // 'RR'
 */
export function parseMeasureOption(value: string | boolean | undefined): Measure | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const m = value.trim().toUpperCase();
  if (!isMeasure(m)) throw new MetasynthError('invalid_option', `unknown measure ${JSON.stringify(value)}; choose one of ${MEASURES.join(', ')}`);
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
    throw new MetasynthError('invalid_option', `--level (${JSON.stringify(value)}) must be a percentage between 1 and 100, e.g. 95`);
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
    throw new MetasynthError('usage', `${command}: --dataset ${JSON.stringify(value)} is not a dataset name (e.g. classic/bcg, cik/verified-trials:os)`);
  }
  if (isDatasetName(name)) return value;
  const hits = name.includes('/') ? [] : DATASET_NAMES.filter((n) => n.endsWith(`/${name}`));
  if (hits.length === 1) return `${hits[0]!}${subset}`;
  if (hits.length > 1) throw new MetasynthError('usage', `${command}: --dataset ${name} is ambiguous; name its group: ${hits.join(' or ')}`);
  throw new MetasynthError('usage', `${command}: no bundled dataset ${JSON.stringify(name)}; available: ${DATASET_NAMES.join(', ')}`);
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
    if (existsSync(path) && statSync(path).isDirectory()) throw new MetasynthError('invalid_file', `${source.path} is a directory, not a study file`);
    const table = readTableFile(path, { name: source.path });
    const studies = parseStudyRecords(table, { file: source.path });
    const meta = table.meta;
    const synthetic = meta?.synthetic === true;
    const measure = typeof meta?.measure === 'string' ? meta.measure : undefined;
    return { studies, name: source.path, synthetic, ...(measure ? { defaultMeasure: measure } : {}), warnings: [] };
  }
  // Bundled datasets load through the datasets area (no file access): `name` or `name:subset`.
  let loaded: DatasetStudies;
  try {
    loaded = loadDatasetStudies(bundledDatasetReference(source.name, command));
  } catch (err) {
    if (err instanceof MetasynthError && err.code === 'invalid_option') {
      throw new MetasynthError('usage', `${command}: --dataset ${source.name}: ${err.issues[0]?.message ?? err.message}`);
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
    throw new MetasynthError('invalid_input', `${command}: refusing to pool ${repeatedUnitsMessage(loaded.repeatedUnits, loaded.name)} (or pass --allow-repeated-units to pool them anyway)`);
  }
  const kind = loaded.studies.kind;
  let measure = parseMeasureOption(args.options.measure);
  if (measure === undefined && loaded.defaultMeasure !== undefined) measure = parseMeasureOption(loaded.defaultMeasure);
  if (measure === undefined && MEASURE_REQUIRED_KINDS.includes(kind)) {
    throw new MetasynthError('usage',
      `${command}: ${loaded.name} has ${KIND_COLUMNS[kind].label}; choose the effect size with --measure ${MEASURES_BY_KIND[kind].join('|')}`);
  }
  const computed = effectSizes(loaded.studies, { ...(measure ? { measure } : {}), file: loaded.name });
  const table = loaded.warnings.length > 0 ? { ...computed, warnings: [...loaded.warnings, ...computed.warnings] } : computed;
  const result = loaded.synthetic ? { ...table, synthetic: true } : table;
  // Nothing is dropped silently: for people, warnings and left-out rows go to stderr here, once for
  // every command; JSON documents carry them in `warnings` (see withInputWarnings).
  if (options.reportWarnings !== false && args.options.json !== true) {
    for (const w of inputWarnings(result)) io.stderr(`metasynth: warning: ${w.message}\n`);
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
      message: `${locationPrefix({ ...(table.file !== undefined ? { file: table.file } : {}), ...(e.row !== undefined ? { row: e.row } : {}), study: e.study })}: left out: ${e.reason}`,
      study: e.study,
      ...(e.row !== undefined ? { row: e.row } : {}),
    })),
  ];
}

/** A command's JSON document with the input's warnings first in its `warnings`. */
export function withInputWarnings<T extends { readonly warnings: readonly Warning[] }>(doc: T, table: EffectTable): T {
  const input = inputWarnings(table);
  return input.length === 0 ? doc : { ...doc, warnings: [...input, ...doc.warnings] };
}
