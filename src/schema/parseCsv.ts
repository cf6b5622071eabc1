// RFC 4180 CSV (quoted fields, embedded commas and newlines, CRLF, a UTF-8 BOM) through d3-dsv,
// a maintained parser that runs in browsers; semicolon- and tab-separated text too (the separator
// is found in the header, see src/schema/dialect.ts). Cells stay text: conversion to numbers
// happens in src/schema with an error for anything that is not a number.
import { dsvFormat } from 'd3-dsv';
import { MetasynthError, type Issue } from '../core/errors.js';
import { MESSAGES, plainIssue } from '../messages.js';
import { FORBIDDEN_KEYS } from './columns.js';
import { decimalOfCells, detectDelimiter, type DecimalMark, type Delimiter, type TextDialect } from './dialect.js';
import type { RawRow, RawTable } from './rawTable.js';
import { countOf } from '../core/plural.js';
import { SCHEMA_MESSAGES } from './messages.js';

export interface ParseTextOptions {
  /** File name used in messages (default `input`). */
  readonly file?: string;
  /** Cell separator (default: found in the header line, see `detectDelimiter`). */
  readonly delimiter?: Delimiter;
  /** Decimal mark of number cells (default: see `decimalOfCells`). */
  readonly decimal?: DecimalMark;
}

/**
 * Parse CSV text (or semicolon- or tab-separated text) into rows of text cells keyed by the header.
 * The table's `dialect` says which separator and decimal mark were used and how they were chosen.
 * Throws `invalid_file` for an empty file, a header without data rows, duplicate or empty
 * header names, an unclosed quote, and rows whose cell count differs from the header's.
 * @example parseCsv('study,yi,vi\nA,0.1,0.02\n', { file: 'a.csv' }).rows[0].yi // '0.1'
 * @example parseCsv('study;yi;vi\nA;0,1;0,02\n').dialect // { delimiter: ';', decimal: ',', ... }
 */
export function parseCsv(text: string, options: ParseTextOptions = {}): RawTable {
  const file = options.file ?? 'input';
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new MetasynthError('invalid_file', MESSAGES.empty_file(file));
  if (countQuotes(body) % 2 === 1) {
    throw new MetasynthError('invalid_file', SCHEMA_MESSAGES.quoted_field_not_closed(file));
  }
  const delimiter = options.delimiter ?? detectDelimiter(firstLine(body));
  const all = dsvFormat(delimiter).parseRows(body);
  const headerIndex = all.findIndex((r) => !isBlank(r));
  const header = (all[headerIndex] ?? []).map((h) => h.trim());
  const issues: Issue[] = [];
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (h === '') issues.push(plainIssue({ file }, 'empty_column_name', SCHEMA_MESSAGES.empty_column_name(i + 1)));
    else if (seen.has(h)) issues.push(plainIssue({ file, field: h }, 'duplicate_column', SCHEMA_MESSAGES.duplicate_column(h), h));
    else if (FORBIDDEN_KEYS.has(h)) issues.push(plainIssue({ file, field: h }, 'forbidden_column', SCHEMA_MESSAGES.forbidden_column(h), h));
    seen.add(h);
  });
  if (header.length === 1 && /[;\t]/.test(header[0] ?? '')) {
    issues.push(plainIssue({ file }, 'not_comma_separated', SCHEMA_MESSAGES.not_comma_separated(header[0])));
  }
  if (issues.length > 0) throw new MetasynthError('invalid_file', SCHEMA_MESSAGES.header_not_usable(file), issues);

  const rows: RawRow[] = [];
  const rowNumbers: number[] = [];
  for (let i = headerIndex + 1; i < all.length; i++) {
    const cells = all[i]!;
    if (isBlank(cells)) continue;
    const rowNumber = i - headerIndex;
    if (cells.length !== header.length) {
      issues.push(plainIssue({ file, row: rowNumber }, 'ragged_row', SCHEMA_MESSAGES.ragged_row(cells.length, countOf(header.length, 'column'))));
      continue;
    }
    const row: Record<string, unknown> = Object.create(null);
    header.forEach((h, j) => {
      row[h] = cells[j];
    });
    rows.push(row);
    rowNumbers.push(rowNumber);
  }
  if (issues.length > 0) throw new MetasynthError('invalid_file', SCHEMA_MESSAGES.row_cannot_read(file, issues.length), issues);
  if (rows.length === 0) throw new MetasynthError('invalid_input', MESSAGES.header_only(file));
  return { file, columns: header, rows, rowNumbers, ...dialectOf(delimiter, all.slice(headerIndex + 1), options) };
}

/** The dialect used, as the table reports it (and the decimal mark its number cells are read with). */
function dialectOf(delimiter: Delimiter, cells: readonly (readonly string[])[], options: ParseTextOptions): { dialect: TextDialect; decimal: DecimalMark } {
  const found = options.decimal === undefined ? decimalOfCells(delimiter, cells) : { decimal: options.decimal, source: 'option' as const };
  const dialect: TextDialect = {
    delimiter,
    decimal: found.decimal,
    delimiterSource: options.delimiter !== undefined ? 'option' : delimiter === ',' ? 'default' : 'header',
    decimalSource: found.source,
  };
  return { dialect, decimal: found.decimal };
}

/** The first non-blank line (the header), where the separator is looked for. */
function firstLine(text: string): string {
  for (const line of text.split(/\r?\n|\r/)) if (line.trim() !== '') return line;
  return '';
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

function countQuotes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 34) n++;
  return n;
}
