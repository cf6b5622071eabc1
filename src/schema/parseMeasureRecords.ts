// Raw rows → escalc-kind records for one registry measure: the measure names the columns it reads
// (escalc's arguments), so nothing is guessed from the header. Conversions fill inputs a paper did
// not report (src/effects/conversions); every other column is a moderator.
import { MetasynthError, type Issue, type IssueLocation, type Warning } from '../core/errors.js';
import { MESSAGES, fieldIssue, invalidInputSummary, plainIssue, warningAt } from '../messages.js';
import { cellToNumber, cellToText, isMissingCell, isScalarCell } from './cells.js';
import { FORBIDDEN_KEYS, canonicalColumn } from './columns.js';
import type { ModeratorColumn, ModeratorType, ModeratorValue, ParsedStudies, RawRow, RawTable } from './rawTable.js';
import type { Derivation, EscalcRecord } from './studyRecord.js';
import { SCHEMA_MESSAGES } from './messages.js';

/** Input values of one row, by escalc argument name. */
export type Inputs = Readonly<Record<string, number>>;

/** What the parser needs of a measure (src/effects/measures' definitions have it): its name and column sets. */
export interface MeasureColumns {
  readonly name: string;
  /** Canonical input columns (escalc argument names). */
  readonly columns: readonly string[];
  /** Other complete column sets escalc accepts. */
  readonly alternatives?: readonly { readonly columns: readonly string[] }[];
}

/** A conversion that derives missing measure inputs from other reported columns (one row at a time). */
export interface InputDerivation {
  /** Columns it produces. */
  readonly produces: readonly string[];
  /** Columns it reads. */
  readonly reads: readonly string[];
  /** The measures it applies to (all when absent). */
  readonly measures?: readonly string[];
  /** The derived values and the note that says how, or an error message for the row. */
  readonly derive: (v: Inputs) => { readonly values: Inputs; readonly derivation: Derivation } | { readonly error: string; readonly field: string };
}

export interface ParseMeasureRecordsOptions {
  readonly file?: string;
  /** Conversions to try when the measure's columns are not all present. */
  readonly derivations?: readonly InputDerivation[];
}

/**
 * Validate raw rows into `escalc` records for a registry measure: finds the measure's columns
 * (canonical, an alternative set, or the inputs of a conversion), converts every cell strictly,
 * and throws one `invalid_input` error listing every problem. Domain rules are checked later, by
 * the measure's schema, when effect sizes are computed.
 * @example parseMeasureRecords([{ study: 'A', sd1i: 2, n1i: 20, sd2i: 3, n2i: 25 }], registryMeasure('VR')).records[0].inputs.sd1i // 2
 */
export function parseMeasureRecords(
  input: RawTable | readonly Readonly<Record<string, unknown>>[],
  def: MeasureColumns,
  options: ParseMeasureRecordsOptions = {},
): ParsedStudies {
  const table: RawTable = Array.isArray(input) ? { rows: input, columns: unionOfKeys(input) } : (input as RawTable);
  const file = options.file ?? table.file;
  const at = file === undefined ? {} : { file };
  const headerOf = resolveHeaders(table.columns, file);
  const plan = columnPlan(def, headerOf, options.derivations ?? [], file);
  if (table.rows.length === 0) throw new MetasynthError('invalid_input', SCHEMA_MESSAGES.has_no_study_records(file));
  const studyHeader = headerOf.get('study')!;
  const sourceHeader = headerOf.get('source');
  const used = new Set([studyHeader, ...(sourceHeader ? [sourceHeader] : []), ...plan.read.map((c) => headerOf.get(c)!)]);
  const moderatorColumns = moderatorTypes(
    table.rows,
    table.columns.filter((c) => !used.has(c)),
  );

  const issues: Issue[] = [];
  const warnings: Warning[] = [];
  const records: EscalcRecord[] = [];
  const firstRow = new Map<string, number>();
  table.rows.forEach((row, index) => {
    const rowNumber = table.rowNumbers?.[index] ?? index + 1;
    const label = cellToText(row[studyHeader]) ?? '';
    const loc = { ...at, row: rowNumber, ...(label === '' ? {} : { study: label }) };
    const rowIssues: Issue[] = [];
    if (label === '') rowIssues.push(fieldIssue({ ...loc, field: studyHeader }, 'missing', row[studyHeader], MESSAGES.missing()));
    const values: Record<string, number> = {};
    const cell = (column: string): number | 'missing' | 'bad' => {
      const h = headerOf.get(column);
      if (h === undefined || isMissingCell(row[h])) return 'missing';
      return cellToNumber(row[h]) ?? 'bad';
    };
    for (const column of plan.read) {
      const x = cell(column);
      const h = headerOf.get(column)!;
      if (x === 'bad') rowIssues.push(fieldIssue({ ...loc, field: h }, 'not_a_number', row[h], MESSAGES.not_a_number()));
      else if (x !== 'missing') values[column] = x;
    }
    const moderators: Record<string, ModeratorValue> = {};
    for (const m of moderatorColumns) {
      const raw = row[m.name];
      if (!isScalarCell(raw)) rowIssues.push(fieldIssue({ ...loc, field: m.name }, 'not_a_value', raw, MESSAGES.not_a_value()));
      else moderators[m.name] = m.type === 'number' ? (cellToNumber(raw) ?? null) : cellToText(raw);
    }
    const derived: Derivation[] = [];
    if (rowIssues.length === 0)
      deriveMissing(
        plan,
        values,
        derived,
        rowIssues,
        (column) => ({ ...loc, field: headerOf.get(column) ?? column }),
        (column) => row[headerOf.get(column) ?? column],
      );
    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      return;
    }
    const source = sourceHeader === undefined ? null : cellToText(row[sourceHeader]);
    records.push({
      kind: 'escalc',
      study: label,
      row: rowNumber,
      measure: def.name,
      inputs: values,
      moderators,
      ...(source === null ? {} : { source }),
      ...(derived.length > 0 ? { derived } : {}),
    });
    const first = firstRow.get(label);
    if (first !== undefined) warnings.push(warningAt({ ...loc, field: studyHeader }, 'duplicate_study', SCHEMA_MESSAGES.duplicate_study(first)));
    else firstRow.set(label, rowNumber);
  });
  if (issues.length > 0) throw new MetasynthError('invalid_input', invalidInputSummary(file, issues.length), issues);
  return { kind: 'escalc', records, warnings, moderators: moderatorColumns, ...at, ...(table.meta === undefined ? {} : { meta: table.meta }) };
}

function unionOfKeys(rows: readonly Readonly<Record<string, unknown>>[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) if (typeof r === 'object' && r !== null) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/** Header of each escalc argument (exact name first, else case-insensitive) and of `study`/`source` (with their aliases). */
function resolveHeaders(columns: readonly string[], file: string | undefined): Map<string, string> {
  const issues: Issue[] = [];
  const headerOf = new Map<string, string>();
  for (const h of columns) {
    if (FORBIDDEN_KEYS.has(h.trim()))
      issues.push(plainIssue({ ...(file === undefined ? {} : { file }), field: h }, 'forbidden_column', SCHEMA_MESSAGES.forbidden_column(h), h));
    else if (!headerOf.has(h)) headerOf.set(h, h);
  }
  for (const h of columns) {
    const lower = h.trim().toLowerCase();
    if (!headerOf.has(lower) && !FORBIDDEN_KEYS.has(h.trim())) headerOf.set(lower, h);
    const c = canonicalColumn(h);
    if ((c === 'study' || c === 'source') && !headerOf.has(c)) headerOf.set(c, h);
  }
  if (!headerOf.has('study')) {
    issues.push(plainIssue(file === undefined ? {} : { file }, 'missing_column', SCHEMA_MESSAGES.missing_column(columns)));
  }
  if (issues.length > 0) throw new MetasynthError('invalid_input', invalidInputSummary(file, issues.length), issues);
  return headerOf;
}

interface ColumnPlan {
  /** Input columns read from the file. */
  readonly read: readonly string[];
  /** The measure's columns, each filled from its cell or else by a conversion. */
  readonly needed: readonly string[];
  readonly derivations: readonly InputDerivation[];
}

/**
 * Which columns to read: the canonical set or an alternative when complete; otherwise the
 * canonical columns present plus the conversions that can fill the others. Throws naming what is missing.
 */
function columnPlan(def: MeasureColumns, headerOf: Map<string, string>, derivations: readonly InputDerivation[], file: string | undefined): ColumnPlan {
  const has = (c: string) => headerOf.has(c);
  for (const cols of [def.columns, ...(def.alternatives ?? []).map((a) => a.columns)]) {
    if (cols.every(has)) {
      // Cells left empty may still be filled by a conversion (e.g. a median where the mean is missing).
      const usable = usableDerivations(def, cols, derivations, has);
      return { read: [...new Set([...cols, ...usable.flatMap((d) => d.reads)])], needed: cols, derivations: usable };
    }
  }
  const usable = usableDerivations(def, def.columns, derivations, has);
  const missing = def.columns.filter((c) => !has(c) && !usable.some((d) => d.produces.includes(c)));
  if (missing.length === 0) {
    return { read: [...new Set([...def.columns.filter(has), ...usable.flatMap((d) => d.reads)])], needed: def.columns, derivations: usable };
  }
  const alts = (def.alternatives ?? []).map((a) => ` or ${a.columns.join(', ')}`).join('');
  throw new MetasynthError('invalid_input', SCHEMA_MESSAGES.measure_needs_columns_missing(file, def.name, def.columns, alts, missing));
}

function usableDerivations(
  def: MeasureColumns,
  needed: readonly string[],
  derivations: readonly InputDerivation[],
  has: (c: string) => boolean,
): InputDerivation[] {
  return derivations.filter(
    (d) => (d.measures === undefined || d.measures.includes(def.name)) && d.produces.every((c) => needed.includes(c)) && d.reads.every(has),
  );
}

/** Fill the measure's empty inputs of one row by the first conversion whose inputs the row has. */
function deriveMissing(
  plan: ColumnPlan,
  values: Record<string, number>,
  derived: Derivation[],
  issues: Issue[],
  at: (column: string) => IssueLocation & { field: string },
  raw: (column: string) => unknown,
): void {
  for (const column of plan.needed) {
    if (column in values) continue;
    const d = plan.derivations.find((x) => x.produces.includes(column) && x.reads.every((c) => c in values));
    if (d === undefined) {
      issues.push(fieldIssue(at(column), 'missing', raw(column), MESSAGES.missing()));
      continue;
    }
    const res = d.derive(Object.fromEntries(d.reads.map((c) => [c, values[c]!])));
    if ('error' in res) {
      issues.push(fieldIssue(at(res.field), 'conversion', raw(res.field), res.error));
      return;
    }
    for (const [k, v] of Object.entries(res.values)) if (!(k in values)) values[k] = v;
    derived.push(res.derivation);
  }
}

/** Moderator column types: number when every non-empty cell is a number, text otherwise. */
function moderatorTypes(rows: readonly RawRow[], names: readonly string[]): ModeratorColumn[] {
  return names.map((name) => {
    const type: ModeratorType = rows.every((r) => isMissingCell(r[name]) || cellToNumber(r[name]) !== undefined) ? 'number' : 'text';
    return { name, type };
  });
}
