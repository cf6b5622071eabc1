// From input to an EffectTable, without touching a file: the pure steps the CLI (src/cli/input.ts) and
// the web page share (rows as read → validated study records → effect sizes, with every warning kept).
import { MetasynthError, locationPrefix, type Warning } from '../core/errors.js';
import { repeatedUnitsMessage, type RepeatedUnits } from '../datasets/loadDataset.js';
import { DATASET_NAMES, isDatasetName } from '../datasets/names.js';
import { effectSizes, MEASURE_REQUIRED_KINDS, MEASURES_BY_KIND } from '../effects/effectSizes.js';
import type { EffectTable, Measure } from '../effects/types.js';
import { KIND_COLUMNS } from '../schema/columns.js';
import { describeDialect, isPlainCsvDialect } from '../schema/dialect.js';
import type { ParsedStudies, RawTable } from '../schema/rawTable.js';
import { parseStudyRecords } from '../schema/parseStudyRecords.js';
import { parseMeasureRecords } from '../schema/parseMeasureRecords.js';
import { measureDefinition, registryMeasure } from '../effects/measures/registry.js';
import { INPUT_DERIVATIONS } from '../effects/conversions/derivations.js';
import { SESSION_MESSAGES } from './messages.js';

/** Validated studies with what their source says about them (a file's `meta`, a dataset's metadata). */
export interface LoadedStudies {
  readonly studies: ParsedStudies;
  /** The file or dataset name used in messages. */
  readonly name: string;
  readonly synthetic: boolean;
  readonly defaultMeasure?: string;
  readonly repeatedUnits?: RepeatedUnits | null;
  readonly warnings: readonly Warning[];
}

/**
 * Study records of a table: a registry measure reads its own columns (escalc's arguments); other
 * measures are read by kind, and when that fails, by the measure's columns with the conversions
 * (a median instead of a mean, a CI instead of a variance, ...), so that a note says how.
 * @example readTableStudies({ columns: ['study', 'yi', 'vi'], rows: [{ study: 'A', yi: '0.1', vi: '0.01' }] }, undefined, 'a.csv').kind // 'generic'
 */
export function readTableStudies(table: RawTable, measure: Measure | undefined, file: string): ParsedStudies {
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

/**
 * The studies of a table read from a file or a paste: its `meta` (JSON files) says whether the data are
 * synthetic and which measure they default to; a format note says how delimited text was read.
 * @example studiesOfTable({ columns: ['study', 'yi', 'vi'], rows: [{ study: 'A', yi: '0.1', vi: '0.01' }] }, undefined, 'a.csv').synthetic // false
 */
export function studiesOfTable(table: RawTable, measure: Measure | undefined, name: string): LoadedStudies {
  const meta = table.meta;
  const studies = readTableStudies(table, measure, name);
  const defaultMeasure = typeof meta?.measure === 'string' ? meta.measure : undefined;
  const note = inputFormatNote(table);
  const warnings: Warning[] = note === undefined ? [] : [{ code: 'input_format', message: note, file: name }];
  return { studies, name, synthetic: meta?.synthetic === true, ...(defaultMeasure ? { defaultMeasure } : {}), warnings };
}

/** How effectTableOf treats a selection in which a unit (trial) contributes several rows. */
export interface EffectTableOfOptions {
  /** The command or analysis named in messages. */
  readonly command?: string;
  /** Whether the analysis pools (default true): only then are repeated units refused. */
  readonly pools?: boolean;
  readonly allowRepeatedUnits?: boolean;
}

/**
 * The EffectTable of loaded studies: effect sizes in `measure` (else the source's default measure;
 * required for 2x2 and mean/SD data), marked synthetic when the source says so, the source's warnings
 * first. An analysis that pools refuses a selection in which a unit contributes several rows.
 * @example effectTableOf(studiesOfTable({ columns: ['study', 'yi', 'vi'], rows: [{ study: 'A', yi: '0.1', vi: '0.01' }] }, undefined, 'a.csv'), undefined).studies.length // 1
 */
export function effectTableOf(loaded: LoadedStudies, measure: Measure | undefined, options: EffectTableOfOptions = {}): EffectTable {
  const command = options.command ?? 'metasynth';
  if (options.pools !== false && loaded.repeatedUnits != null && options.allowRepeatedUnits !== true) {
    throw new MetasynthError('invalid_input', SESSION_MESSAGES.refusing_pool_pass_allow(command, repeatedUnitsMessage(loaded.repeatedUnits, loaded.name)));
  }
  const kind = loaded.studies.kind;
  if (measure === undefined && MEASURE_REQUIRED_KINDS.includes(kind)) {
    throw new MetasynthError('usage', SESSION_MESSAGES.has_choose_effect_size(command, loaded.name, KIND_COLUMNS[kind].label, MEASURES_BY_KIND[kind]));
  }
  const computed = effectSizes(loaded.studies, { ...(measure ? { measure } : {}), file: loaded.name });
  const table = loaded.warnings.length > 0 ? { ...computed, warnings: [...loaded.warnings, ...computed.warnings] } : computed;
  return loaded.synthetic ? { ...table, synthetic: true } : table;
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
    throw new MetasynthError('usage', SESSION_MESSAGES.dataset_not_dataset_name(command, value));
  }
  if (isDatasetName(name)) return value;
  const hits = name.includes('/') ? [] : DATASET_NAMES.filter((n) => n.endsWith(`/${name}`));
  if (hits.length === 1) return `${hits[0]!}${subset}`;
  if (hits.length > 1) throw new MetasynthError('usage', SESSION_MESSAGES.dataset_ambiguous_name_group(command, name, hits));
  throw new MetasynthError('usage', SESSION_MESSAGES.no_bundled_dataset_available(command, name, DATASET_NAMES));
}

/**
 * How a table was read, when it is more than plain CSV: the delimiter and decimal mark, or the sheet.
 * @example inputFormatNote({ file: 'a.xlsx', sheet: 'BCG', columns: [], rows: [] }) // 'a.xlsx: read sheet "BCG"'
 */
export function inputFormatNote(table: RawTable): string | undefined {
  const file = table.file ?? 'input';
  if (table.sheet !== undefined)
    return `${file}: read sheet ${JSON.stringify(table.sheet)}${table.decimal === ',' ? ' with decimal commas in text cells' : ''}`;
  if (table.dialect !== undefined && !isPlainCsvDialect(table.dialect)) return `${file}: read as ${describeDialect(table.dialect)}`;
  return undefined;
}

/**
 * Warnings about the input that every analysis reports beside its own: the table's warnings
 * (duplicate labels, asymmetric CIs, zero-cell corrections, repeated units) and one per row left
 * out of the analysis with its reason (code `row_excluded`).
 * @example inputWarnings({ measure: 'GEN', studies: [], excluded: [{ study: 'B', row: 2, reason: 'vi is missing' }], warnings: [] })[0].code // 'row_excluded'
 */
export function inputWarnings(table: EffectTable): Warning[] {
  return [
    ...table.warnings,
    ...table.excluded.map((e) => ({
      code: 'row_excluded',
      message: SESSION_MESSAGES.row_excluded_left(
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
 * @example derivationNotes({ measure: 'GEN', studies: [], excluded: [], warnings: [] }) // []
 */
export function derivationNotes(table: EffectTable): string[] {
  return table.studies.flatMap((s) =>
    (s.derived ?? []).map(
      (d) =>
        `${locationPrefix({ ...(table.file !== undefined ? { file: table.file } : {}), ...(s.row !== undefined ? { row: s.row } : {}), study: s.study })}: ${d.note}`,
    ),
  );
}

/**
 * A command's JSON document with the input's warnings first in its `warnings`.
 * @example withInputWarnings({ warnings: [] }, { measure: 'GEN', studies: [], excluded: [], warnings: [] }) // { warnings: [] }
 */
export function withInputWarnings<T extends { readonly warnings: readonly Warning[] }>(doc: T, table: EffectTable): T {
  const input = inputWarnings(table);
  return input.length === 0 ? doc : { ...doc, warnings: [...input, ...doc.warnings] };
}
