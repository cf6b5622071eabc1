import type { z } from 'zod';
import { MetasynthError, type Issue, type Warning } from '../core/errors.js';
import { MESSAGES, fieldIssue, invalidInputSummary, plainIssue, warningAt } from '../messages.js';
import { cellToNumber, cellToText, isMissingCell, isScalarCell, printedDecimals } from './cells.js';
import { markChecked } from './checkedRecords.js';
import {
  COMBINED_COLUMNS,
  FORBIDDEN_KEYS,
  KIND_COLUMNS,
  DETECTABLE_KINDS,
  canonicalColumn,
  headerLevel,
  isCombinedColumn,
  kindDataColumns,
  type CombinedColumn,
  type StudyKind,
} from './columns.js';
import { COMBINED_EXAMPLES, partField, splitCombinedCell } from './combinedColumns.js';
import { pointDecimalRows } from './decimalCells.js';
import { genericRecordFast } from './genericRecordFast.js';
import { hasDecimalComma, type DecimalMark } from './dialect.js';
import type { ModeratorType, ModeratorColumn, ModeratorValue, ParsedStudies, RawRow, RawTable } from './rawTable.js';
import { RECORD_SCHEMAS, type HrRecord, type StudyRecord } from './studyRecord.js';
import { SCHEMA_MESSAGES } from './messages.js';

export interface ParseStudyRecordsOptions {
  /** File name used in every message (default: none). */
  readonly file?: string;
  /** Decimal mark of number texts (default: the table's `decimal`, else `.`). */
  readonly decimal?: DecimalMark;
}

/**
 * Validate raw rows into typed study records (the only place raw input becomes data).
 *
 * Recognises the kind of record from the columns present (metafor's names, or the aliases of
 * `COLUMN_ALIASES`), converts every data cell strictly, checks the domain rules of the kind's zod
 * schema, and throws one `MetasynthError('invalid_input')` listing every problem found. Columns
 * other than `study`, `source` and the kind's data columns are kept as moderators: numeric when
 * every non-empty value is a number, text otherwise, `null` when empty. Duplicate study labels and
 * hazard-ratio intervals that are not symmetric on the log scale beyond print rounding (the check
 * of metafor's `conv.wald`) are returned as warnings.
 *
 * @example
 * parseStudyRecords([{ study: 'A', hr: '0.8', lower: '0.6', upper: '1.07' }], { file: 'a.csv' }).kind // 'hr'
 */
export function parseStudyRecords(input: RawTable | readonly Readonly<Record<string, unknown>>[], options: ParseStudyRecordsOptions = {}): ParsedStudies {
  const table: RawTable = isRawTable(input) ? input : { rows: input, columns: unionOfKeys(input) };
  const file = options.file ?? table.file;
  const at = file === undefined ? {} : { file };
  const layout = tableLayout(table, file, options.decimal ?? table.decimal ?? '.');
  const issues: Issue[] = [];
  const warnings: Warning[] = combinedNotes(layout.combined, layout.impliedLevel, layout.headerOf, at);
  const records: StudyRecord[] = [];
  const firstRowOfLabel = new Map<string, number>();
  layout.rows.forEach((pointRow, index) => {
    const rowNumber = table.rowNumbers?.[index] ?? index + 1;
    const { label, loc, candidate, rowIssues, row } = rowCandidate(pointRow, index, rowNumber, layout, at);
    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      return;
    }
    // Generic records that pass every rule skip zod (genericRecordFast.ts); any other goes through the schema.
    const fast = layout.kind === 'generic' ? genericRecordFast(candidate) : null;
    const parsed = fast ? null : RECORD_SCHEMAS[layout.kind].safeParse(candidate, { reportInput: true });
    if (parsed && !parsed.success) {
      for (const zi of parsed.error.issues) issues.push(fromZodIssue(zi, row, layout.headerOf, loc));
      return;
    }
    const record = markChecked((fast ?? parsed?.data) as StudyRecord);
    records.push(record);
    warnings.push(...recordWarnings(record, row, rowNumber, label, loc, layout, firstRowOfLabel));
  });
  if (issues.length > 0) throw new MetasynthError('invalid_input', invalidInputSummary(file, issues.length), issues);
  return {
    kind: layout.kind,
    records,
    warnings,
    moderators: layout.moderatorColumns,
    ...at,
    ...(table.meta === undefined ? {} : { meta: table.meta }),
  };
}

/** Which header holds which field of the recognised kind, and which columns are moderators. */
interface TableLayout {
  readonly kind: StudyKind;
  readonly headerOf: Map<string, string>;
  readonly dataColumns: ReadonlySet<string>;
  readonly studyHeader: string;
  readonly sourceHeader: string | undefined;
  readonly moderatorColumns: readonly ModeratorColumn[];
  /** Decimal mark of the number texts, and the rows with their number texts in point form. */
  readonly decimal: DecimalMark;
  readonly rows: readonly RawRow[];
  /** Per row, the headers of cells written with the other decimal mark. */
  readonly mixed: readonly ReadonlySet<string>[];
  /** Combined interval columns (header → kind), the fields they are split into, and the level the headers name. */
  readonly combined: ReadonlyMap<string, CombinedColumn>;
  readonly partFields: ReadonlySet<string>;
  readonly impliedLevel: number | undefined;
}

function tableLayout(table: RawTable, file: string | undefined, decimal: DecimalMark): TableLayout {
  const { kind, headerOf, combined, impliedLevel } = resolveColumns(table.columns, file);
  if (table.rows.length === 0) {
    throw new MetasynthError('invalid_input', file === undefined ? SCHEMA_MESSAGES.input_has_no_study() : SCHEMA_MESSAGES.has_no_study_records_2(file));
  }
  const dataColumns = new Set(kindDataColumns(kind));
  const studyHeader = headerOf.get('study')!;
  const sourceHeader = headerOf.get('source');
  const dataHeaders = new Set([...dataColumns].map((c) => headerOf.get(c)).filter((h): h is string => h !== undefined));
  const moderatorNames = table.columns.filter((c) => c !== studyHeader && c !== sourceHeader && !dataHeaders.has(c) && !combined.has(c));
  const points = pointDecimalRows(table.rows, decimal, new Set([studyHeader, ...(sourceHeader === undefined ? [] : [sourceHeader])]));
  const partFields = new Set([...combined].flatMap(([h, c]) => COMBINED_COLUMNS[c].map((part) => partField(part, h))));
  return {
    kind,
    headerOf,
    dataColumns,
    studyHeader,
    sourceHeader,
    moderatorColumns: moderatorTypes(points.rows, moderatorNames),
    decimal,
    rows: points.rows,
    mixed: points.mixed,
    combined,
    partFields,
    impliedLevel,
  };
}

/** One row as the object its kind's schema validates, with the problems found converting its cells. */
function rowCandidate(
  pointRow: RawRow,
  index: number,
  rowNumber: number,
  layout: TableLayout,
  at: { file?: string },
): { label: string; loc: object; candidate: Record<string, unknown>; rowIssues: Issue[]; row: RawRow } {
  const label = cellToText(pointRow[layout.studyHeader]) ?? '';
  const loc = { ...at, row: rowNumber, ...(label === '' ? {} : { study: label }) };
  const rowIssues: Issue[] = [];
  const candidate: Record<string, unknown> = { kind: layout.kind, study: label, row: rowNumber };
  // The row as checked: number texts in point form, combined interval cells split into part fields.
  const row = withCombinedParts(pointRow, layout.combined, layout.decimal, loc, rowIssues);
  const mixed = layout.mixed[index]!;
  for (const h of mixed) rowIssues.push(fieldIssue({ ...loc, field: h }, 'mixed_decimal', row[h], MESSAGES.mixed_decimal()));
  dataCells(row, layout, loc, candidate, rowIssues, mixed);
  if (layout.kind === 'generic') genericVariance(candidate, row, layout.headerOf, loc, rowIssues);
  candidate.moderators = moderatorCells(row, layout.moderatorColumns, loc, rowIssues, mixed);
  if (layout.sourceHeader !== undefined) {
    const s = cellToText(row[layout.sourceHeader]);
    if (s !== null) candidate.source = s;
  }
  if (label === '') rowIssues.push(fieldIssue({ ...loc, field: layout.studyHeader }, 'missing', row[layout.studyHeader], MESSAGES.missing()));
  return { label, loc, candidate, rowIssues, row };
}

/** The kind's numeric cells, converted strictly (an optional `level`, or generic `vi`/`sei`, may be empty). */
function dataCells(row: RawRow, layout: TableLayout, loc: object, candidate: Record<string, unknown>, rowIssues: Issue[], mixed: ReadonlySet<string>): void {
  for (const column of layout.dataColumns) {
    const h = layout.headerOf.get(column);
    if (h === undefined) {
      if (column === 'level' && layout.impliedLevel !== undefined) candidate.level = layout.impliedLevel;
      continue;
    }
    // A mixed decimal mark, or a combined cell that could not be split, has its own issue already.
    if (mixed.has(h) || (layout.partFields.has(h) && !(h in row))) continue;
    const raw = row[h];
    if (isMissingCell(raw)) {
      if (column === 'level' || (layout.kind === 'generic' && (column === 'vi' || column === 'sei'))) continue;
      rowIssues.push(fieldIssue({ ...loc, field: h }, 'missing', raw, MESSAGES.missing()));
      continue;
    }
    const x = cellToNumber(raw);
    if (x === undefined) {
      rowIssues.push(fieldIssue({ ...loc, field: h }, 'not_a_number', raw, SCHEMA_MESSAGES.not_a_number_number(decimalHint(raw, layout.decimal))));
      continue;
    }
    candidate[column] = x;
  }
}

/** Moderator values of one row: numbers in numeric columns, text otherwise, null when empty. */
function moderatorCells(
  row: RawRow,
  columns: readonly ModeratorColumn[],
  loc: object,
  rowIssues: Issue[],
  mixed: ReadonlySet<string>,
): Record<string, ModeratorValue> {
  const moderators: Record<string, ModeratorValue> = {};
  for (const m of columns) {
    const raw = row[m.name];
    if (mixed.has(m.name)) continue;
    if (!isScalarCell(raw)) {
      rowIssues.push(fieldIssue({ ...loc, field: m.name }, 'not_a_value', raw, MESSAGES.not_a_value()));
      continue;
    }
    moderators[m.name] = m.type === 'number' ? (cellToNumber(raw) ?? null) : cellToText(raw);
  }
  return moderators;
}

/** A repeated study label, and (hazard ratios) an interval not symmetric on the log scale. */
function recordWarnings(
  record: StudyRecord,
  row: RawRow,
  rowNumber: number,
  label: string,
  loc: object,
  layout: TableLayout,
  firstRowOfLabel: Map<string, number>,
): Warning[] {
  const warnings: Warning[] = [];
  const first = firstRowOfLabel.get(label);
  if (first !== undefined) {
    warnings.push(warningAt({ ...loc, field: layout.studyHeader }, 'duplicate_study', SCHEMA_MESSAGES.duplicate_study(first)));
  } else firstRowOfLabel.set(label, rowNumber);
  if (record.kind === 'hr') {
    const w = logSymmetryWarning(record, row, layout.headerOf, loc);
    if (w) warnings.push(w);
  }
  return warnings;
}

function isRawTable(x: unknown): x is RawTable {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Array.isArray((x as RawTable).rows);
}

function unionOfKeys(rows: readonly Readonly<Record<string, unknown>>[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) if (typeof r === 'object' && r !== null) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/** The columns of a table: the kind, the header of each canonical column, the combined columns. */
interface ResolvedColumns {
  readonly kind: StudyKind;
  /** Canonical column → header (a part field such as `lower from "95% CI"` for combined columns). */
  readonly headerOf: Map<string, string>;
  /** Header of a combined column → what it combines. */
  readonly combined: Map<string, CombinedColumn>;
  /** The level a header names (`Lower 90% CI`), used when there is no `level` column. */
  readonly impliedLevel?: number;
}

/** Map headers to canonical names and recognise the kind; throws with every column-level problem. */
function resolveColumns(columns: readonly string[], file: string | undefined): ResolvedColumns {
  const at = file === undefined ? {} : { file };
  const issues: Issue[] = [];
  const headerOf = new Map<string, string>();
  // Exact canonical names claim their column first; an alias (or another spelling) is used only
  // when the canonical column is absent, and is otherwise kept as a moderator.
  for (const h of columns) {
    if (FORBIDDEN_KEYS.has(h.trim())) {
      issues.push(plainIssue({ ...at, field: h }, 'forbidden_column', SCHEMA_MESSAGES.forbidden_column(h), h));
    } else if (canonicalColumn(h) === h) headerOf.set(h, h);
  }
  const exact = new Set(headerOf.keys());
  for (const h of columns) {
    const c = canonicalColumn(h);
    if (c === undefined || c === h || exact.has(c) || FORBIDDEN_KEYS.has(h.trim())) continue;
    const previous = headerOf.get(c);
    if (previous !== undefined) {
      issues.push(plainIssue({ ...at, field: h }, 'duplicate_column', SCHEMA_MESSAGES.duplicate_column_columns(previous, h, c), h));
      continue;
    }
    headerOf.set(c, h);
  }
  const intervalIssues: Issue[] = [];
  const combined = expandCombined(headerOf, at, intervalIssues);
  if (!headerOf.has('study')) {
    issues.push(plainIssue(at, 'missing_column', SCHEMA_MESSAGES.missing_column(columns)));
  }
  const complete = DETECTABLE_KINDS.filter((k) => {
    const spec = KIND_COLUMNS[k];
    return spec.required.every((c) => headerOf.has(c)) && (spec.oneOf === undefined || spec.oneOf.some((c) => headerOf.has(c)));
  });
  if (complete.length > 1) {
    issues.push(plainIssue(at, 'mixed_kinds', SCHEMA_MESSAGES.mixed_kinds(complete.map((k) => KIND_COLUMNS[k].label).join(' and '))));
  } else if (complete.length === 0) {
    issues.push(
      plainIssue(at, 'unknown_kind', SCHEMA_MESSAGES.unknown_kind(nearestKindHint(headerOf), DETECTABLE_KINDS.map((k) => KIND_COLUMNS[k].label).join('; '))),
    );
  }
  const kind = complete[0];
  // Intervals belong to hazard-ratio records; in a file of another kind such columns are moderators.
  if (kind !== undefined && kind !== 'hr') combined.clear();
  else issues.push(...intervalIssues);
  const impliedLevel = kind === 'hr' ? levelOfHeaders(headerOf, combined, at, issues) : undefined;
  if (issues.length > 0 || kind === undefined) {
    throw new MetasynthError('invalid_input', invalidInputSummary(file, issues.length), issues);
  }
  return { kind, headerOf, combined, ...(impliedLevel === undefined ? {} : { impliedLevel }) };
}

/**
 * Replace combined columns (`95% CI`, `HR (95% CI)`) in `headerOf` by the part fields they are
 * split into; a part that another column gives too is an error naming both.
 */
function expandCombined(headerOf: Map<string, string>, at: object, issues: Issue[]): Map<string, CombinedColumn> {
  const combined = new Map<string, CombinedColumn>();
  const realHeader = (h: string) => [...combined.keys()].find((c) => h.endsWith(`from ${JSON.stringify(c)}`)) ?? h;
  for (const name of Object.keys(COMBINED_COLUMNS).filter(isCombinedColumn)) {
    const h = headerOf.get(name);
    if (h === undefined) continue;
    headerOf.delete(name);
    for (const part of COMBINED_COLUMNS[name]) {
      const other = headerOf.get(part);
      if (other !== undefined) {
        issues.push(
          plainIssue({ ...at, field: h }, 'duplicate_column', SCHEMA_MESSAGES.duplicate_column_columns_both(JSON.stringify(realHeader(other)), h, part), h),
        );
      } else headerOf.set(part, partField(part, h));
    }
    combined.set(h, name);
  }
  return combined;
}

/** The level named in the headers of the interval (`Lower 90% CI`), when there is no `level` column. */
function levelOfHeaders(headerOf: Map<string, string>, combined: Map<string, CombinedColumn>, at: object, issues: Issue[]): number | undefined {
  if (headerOf.has('level')) return undefined;
  const headers = [
    ...new Set(
      ['hr', 'lower', 'upper']
        .map((c) => headerOf.get(c))
        .filter((h): h is string => h !== undefined)
        .map((h) => [...combined.keys()].find((c) => h === partField('lower', c) || h === partField('upper', c) || h === partField('hr', c)) ?? h),
    ),
  ];
  const named = headers.map((h) => ({ h, level: headerLevel(h) })).filter((x): x is { h: string; level: number } => x.level !== undefined);
  const levels = [...new Set(named.map((x) => x.level))];
  if (levels.length > 1) {
    issues.push(plainIssue(at, 'level_conflict', SCHEMA_MESSAGES.level_conflict(named.map((x) => `${JSON.stringify(x.h)} (${x.level}%)`).join(', '))));
    return undefined;
  }
  return levels[0];
}

/** The notes of a table read with combined columns or a level taken from the headers. */
function combinedNotes(combined: ReadonlyMap<string, CombinedColumn>, impliedLevel: number | undefined, headerOf: Map<string, string>, at: object): Warning[] {
  const notes = [...combined].map(([h, c]) => warningAt({ ...at, field: h }, 'interval_split', SCHEMA_MESSAGES.interval_split(h, COMBINED_COLUMNS[c], c)));
  if (impliedLevel !== undefined && impliedLevel !== 95) {
    notes.push(warningAt(at, 'level_from_header', SCHEMA_MESSAGES.level_from_header(impliedLevel, JSON.stringify(headerOf.get('lower')))));
  }
  return notes;
}

/** A row with the parts of its combined cells added as part fields; an unsplittable cell is an issue. */
function withCombinedParts(row: RawRow, combined: ReadonlyMap<string, CombinedColumn>, decimal: DecimalMark, loc: object, issues: Issue[]): RawRow {
  if (combined.size === 0) return row;
  const out: Record<string, unknown> = Object.assign(Object.create(null) as object, row);
  for (const [h, c] of combined) {
    const raw = row[h];
    if (isMissingCell(raw)) {
      issues.push(fieldIssue({ ...loc, field: h }, 'missing', raw, MESSAGES.missing()));
      continue;
    }
    const parts = typeof raw === 'string' ? splitCombinedCell(raw, c, h, decimal) : undefined;
    if (parts === undefined) {
      issues.push(fieldIssue({ ...loc, field: h }, 'not_an_interval', raw, SCHEMA_MESSAGES.not_an_interval(COMBINED_EXAMPLES[c])));
      continue;
    }
    Object.assign(out, parts);
  }
  return out;
}

/** A hint for a number text written with the other decimal mark. */
function decimalHint(raw: unknown, decimal: DecimalMark): string {
  return decimal === '.' && typeof raw === 'string' && hasDecimalComma(raw) ? MESSAGES.decimal_comma_hint().text : '';
}

/** "(found hr, lower but not upper)" for the kind with the most columns present. */
function nearestKindHint(headerOf: Map<string, string>): string {
  let best: { kind: StudyKind; found: string[]; missing: string[] } | undefined;
  for (const k of DETECTABLE_KINDS) {
    const spec = KIND_COLUMNS[k];
    const found = spec.required.filter((c) => headerOf.has(c));
    const missing = spec.required.filter((c) => !headerOf.has(c));
    if (spec.oneOf && !spec.oneOf.some((c) => headerOf.has(c))) missing.push(spec.oneOf.join(' or '));
    if (found.length > 0 && (best === undefined || found.length > best.found.length)) best = { kind: k, found, missing };
  }
  return best === undefined ? '' : ` (found ${best.found.join(', ')} but not ${best.missing.join(', ')})`;
}

/** Moderator column types: number when every non-empty cell is a number, text otherwise. */
function moderatorTypes(rows: readonly RawRow[], names: readonly string[]): ModeratorColumn[] {
  return names.map((name) => {
    let type: ModeratorType = 'number';
    for (const r of rows) {
      const v = r[name];
      if (!isMissingCell(v) && cellToNumber(v) === undefined) {
        type = 'text';
        break;
      }
    }
    return { name, type };
  });
}

/** Generic records: `vi` when given, else `sei²` (metafor's escalc does the same). */
function genericVariance(candidate: Record<string, unknown>, row: RawRow, headerOf: Map<string, string>, loc: object, issues: Issue[]): void {
  const viHeader = headerOf.get('vi');
  const seiHeader = headerOf.get('sei');
  const sei = candidate.sei;
  delete candidate.sei;
  if (typeof candidate.vi === 'number') return;
  if (typeof sei === 'number') {
    if (sei <= 0) {
      issues.push(fieldIssue({ ...loc, field: seiHeader! }, 'out_of_range', row[seiHeader!], MESSAGES.not_positive()));
      return;
    }
    candidate.vi = sei * sei;
    return;
  }
  const already = issues.some((i) => i.field === viHeader || i.field === seiHeader);
  if (already) return;
  const field = viHeader ?? seiHeader!;
  issues.push(fieldIssue({ ...loc, field }, 'missing', row[field], MESSAGES.missing()));
}

function fromZodIssue(zi: z.core.$ZodIssue, row: RawRow, headerOf: Map<string, string>, loc: object): Issue {
  const column = String(zi.path[0] ?? '');
  const field = headerOf.get(column) ?? column;
  const received = headerOf.has(column) ? row[field] : zi.input;
  let code = 'invalid';
  if (zi.code === 'custom') code = String((zi.params as { code?: string } | undefined)?.code ?? 'invalid');
  else if (zi.code === 'too_small' || zi.code === 'too_big') code = 'out_of_range';
  else if (zi.code === 'invalid_type' && zi.expected === 'int') code = 'not_integer';
  else if (zi.code === 'invalid_type') code = 'not_a_number';
  return fieldIssue({ ...loc, field }, code, received, zi.message);
}

/**
 * A hazard ratio's CI should be symmetric about log(hr) on the log scale (a Wald interval).
 * Values are printed rounded, so the check allows each of hr, lower and upper to lie anywhere
 * within half a unit of its last printed decimal; only an asymmetry no rounding explains warns.
 */
function logSymmetryWarning(r: HrRecord, row: RawRow, headerOf: Map<string, string>, loc: object): Warning | undefined {
  const half = (column: string) => 0.5 * 10 ** -printedDecimals(row[headerOf.get(column)!]);
  const lo = (x: number, d: number) => (x - d > 0 ? Math.log(x - d) : -Infinity);
  const dh = half('hr');
  const dl = half('lower');
  const du = half('upper');
  const midLow = (lo(r.lower, dl) + lo(r.upper, du)) / 2;
  const midHigh = (Math.log(r.lower + dl) + Math.log(r.upper + du)) / 2;
  const hrLow = lo(r.hr, dh);
  const hrHigh = Math.log(r.hr + dh);
  const slack = 1e-12;
  if (midHigh + slack >= hrLow && midLow - slack <= hrHigh) return undefined;
  const centre = Math.exp((Math.log(r.lower) + Math.log(r.upper)) / 2);
  return warningAt(
    { ...loc, field: headerOf.get('hr')! },
    'ci_asymmetric',
    SCHEMA_MESSAGES.ci_asymmetric(r.lower, r.upper, r.hr, Number(centre.toPrecision(4))),
  );
}
