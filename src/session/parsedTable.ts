// The table as the page shows it: every cell as text, and every row-level problem placed on its cell
// (the row's index in `rows`, the column's header), so the page can mark it.
import type { Issue, Warning } from '../core/errors.js';
import { canonicalColumn, headerKey, type StudyKind } from '../schema/columns.js';
import type { RawTable } from '../schema/rawTable.js';

/** A problem placed on a cell: `row` is the 0-based index into ParsedTable.rows, `column` a header of `columns`. */
export interface CellProblem {
  readonly row: number;
  readonly column: string;
  readonly message: string;
  readonly code: string;
}

/** The parsed input as the page shows it. */
export interface ParsedTable {
  readonly columns: readonly string[];
  /** Every row as read, each cell as text ('' for an empty cell), in input order: no row is dropped. */
  readonly rows: readonly (readonly string[])[];
  /** The kind of record recognised, or null when the table could not be read as studies. */
  readonly kind: StudyKind | null;
  readonly cellProblems: readonly CellProblem[];
}

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v));

/**
 * The header of `columns` a problem's field names: the header itself, or the one whose canonical name is
 * the field (`ai` for a `tpos` header ...); the study label's column when the problem names no field.
 * @example columnOfField(['Study', 'yi', 'vi'], 'study') // 'Study'
 */
export function columnOfField(columns: readonly string[], field: string | undefined): string | undefined {
  const wanted = field ?? 'study';
  return (
    columns.find((c) => c === wanted) ??
    columns.find((c) => canonicalColumn(c) === wanted) ??
    columns.find((c) => headerKey(c) === headerKey(wanted)) ??
    (field === undefined ? undefined : columnOfField(columns, undefined))
  );
}

/**
 * The page's table of a raw table, with the problems (errors and warnings) that name a row placed on
 * their cells; problems without a row, or naming a row not in the table, are not placed.
 * @example parsedTable({ columns: ['study', 'yi', 'vi'], rows: [{ study: 'A', yi: '0.1', vi: '-1' }] }, null, [{ code: 'not_positive', message: 'row 1: vi must be positive', row: 1, field: 'vi' }]).cellProblems[0].column // 'vi'
 */
export function parsedTable(raw: RawTable, kind: StudyKind | null, problems: readonly (Issue | Warning)[]): ParsedTable {
  const numbers = raw.rowNumbers ?? raw.rows.map((_, i) => i + 1);
  const indexOf = new Map(numbers.map((n, i) => [n, i]));
  const cellProblems = problems.flatMap((p) => {
    const row = p.row === undefined ? undefined : indexOf.get(p.row);
    const column = row === undefined ? undefined : columnOfField(raw.columns, p.field);
    return row === undefined || column === undefined ? [] : [{ row, column, message: p.message, code: p.code }];
  });
  return { columns: raw.columns, rows: raw.rows.map((r) => raw.columns.map((c) => cellText(r[c]))), kind, cellProblems };
}
