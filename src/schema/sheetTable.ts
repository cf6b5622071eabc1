// A worksheet's cells (as a spreadsheet reader returns them: rows of text, numbers, booleans,
// dates or null) as a RawTable, with the header checks of a CSV file. Numbers typed as numbers
// stay numbers; formula cells arrive as their cached values (the reader's job).
import { MetasynthError, type Issue } from '../core/errors.js';
import { MESSAGES, plainIssue } from '../messages.js';
import { FORBIDDEN_KEYS } from './columns.js';
import type { DecimalMark } from './dialect.js';
import type { RawRow, RawTable } from './rawTable.js';
import { SCHEMA_MESSAGES } from './messages.js';

/** A cell as a spreadsheet reader returns it. */
export type SheetCell = string | number | boolean | Date | null | undefined;

export interface SheetTableOptions {
  /** File name used in messages (default `input`). */
  readonly file?: string;
  /** The worksheet's name, reported with the table. */
  readonly sheet?: string;
  /** Decimal mark of numbers typed as text (default `.`). */
  readonly decimal?: DecimalMark;
}

/**
 * The column letter of a 0-based column index, as spreadsheets name columns.
 * @example columnLetter(27) // 'AB'
 */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The rows of a worksheet as a RawTable: the first non-empty row is the header, later empty rows
 * are skipped (but counted in row numbers, as in CSV files). Dates become ISO dates (`2016-05-01`).
 * Throws `invalid_file` for an empty sheet, a header cell that is empty (or merged into its
 * neighbour, which leaves it empty) above values, duplicate or forbidden names, and a header
 * without data rows.
 * @example sheetToRawTable([['study', 'yi', 'vi'], ['A', 0.1, 0.02]], { file: 'a.xlsx' }).rows[0].yi // 0.1
 */
export function sheetToRawTable(data: readonly (readonly SheetCell[])[], options: SheetTableOptions = {}): RawTable {
  const file = options.file ?? 'input';
  const where = options.sheet === undefined ? file : `${file} (sheet ${JSON.stringify(options.sheet)})`;
  const headerIndex = data.findIndex((r) => !isEmptyRow(r));
  if (headerIndex < 0) throw new MetasynthError('invalid_file', MESSAGES.empty_file(where));
  const body = data.slice(headerIndex + 1);
  const width = Math.max(...data.slice(headerIndex).map((r) => lastFilled(r) + 1));
  const header = Array.from({ length: width }, (_, j) => headerText(data[headerIndex]![j]));
  const used = header.map((h, j) => h !== '' || body.some((r) => !isEmptyCell(r[j])));
  const issues = headerIssues(header, used, where);
  if (issues.length > 0) throw new MetasynthError('invalid_file', SCHEMA_MESSAGES.header_not_usable_2(where), issues);

  const columns = header.filter((_, j) => used[j]);
  const rows: RawRow[] = [];
  const rowNumbers: number[] = [];
  body.forEach((cells, i) => {
    if (isEmptyRow(cells)) return;
    const row: Record<string, unknown> = Object.create(null);
    header.forEach((h, j) => {
      if (used[j]) row[h] = cellValue(cells[j]);
    });
    rows.push(row);
    rowNumbers.push(i + 1);
  });
  if (rows.length === 0) throw new MetasynthError('invalid_input', MESSAGES.header_only(where));
  return {
    file,
    columns,
    rows,
    rowNumbers,
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    ...(options.decimal === undefined ? {} : { decimal: options.decimal }),
  };
}

function headerIssues(header: readonly string[], used: readonly boolean[], where: string): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  header.forEach((h, j) => {
    if (!used[j]) return;
    const col = `column ${columnLetter(j)}`;
    if (h === '') {
      issues.push(plainIssue({ file: where }, 'empty_column_name', SCHEMA_MESSAGES.empty_column_name_header(col)));
    } else if (seen.has(h)) {
      issues.push(plainIssue({ file: where, field: h }, 'duplicate_column', SCHEMA_MESSAGES.duplicate_column(h), h));
    } else if (FORBIDDEN_KEYS.has(h)) {
      issues.push(plainIssue({ file: where, field: h }, 'forbidden_column', SCHEMA_MESSAGES.forbidden_column(h), h));
    }
    seen.add(h);
  });
  return issues;
}

function headerText(cell: SheetCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return isoDate(cell);
  return String(cell).trim();
}

/** Cells keep their type; dates become ISO dates, which moderators can hold as text. */
function cellValue(cell: SheetCell): unknown {
  if (cell === undefined) return null;
  return cell instanceof Date ? isoDate(cell) : cell;
}

function isoDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

function isEmptyCell(c: SheetCell): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

function isEmptyRow(r: readonly SheetCell[]): boolean {
  return r.every(isEmptyCell);
}

function lastFilled(r: readonly SheetCell[]): number {
  for (let j = r.length - 1; j >= 0; j--) if (!isEmptyCell(r[j])) return j;
  return -1;
}
