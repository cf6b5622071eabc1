// RFC 4180 CSV (quoted fields, embedded commas and newlines, CRLF, a UTF-8 BOM) through d3-dsv,
// a maintained parser that runs in browsers. Cells stay text: conversion to numbers happens in
// src/schema with an error for anything that is not a number.
import { csvParseRows } from 'd3-dsv';
import { MetasynthError, type Issue } from '../core/errors.js';
import { MESSAGES, plainIssue } from '../messages.js';
import { FORBIDDEN_KEYS } from './columns.js';
import type { RawRow, RawTable } from './rawTable.js';

export interface ParseTextOptions {
  /** File name used in messages (default `input`). */
  readonly file?: string;
}

/**
 * Parse CSV text into rows of text cells keyed by the header.
 * Throws `invalid_file` for an empty file, a header without data rows, duplicate or empty
 * header names, an unclosed quote, and rows whose cell count differs from the header's.
 * @example parseCsv('study,yi,vi\nA,0.1,0.02\n', { file: 'a.csv' }).rows[0].yi // '0.1'
 */
export function parseCsv(text: string, options: ParseTextOptions = {}): RawTable {
  const file = options.file ?? 'input';
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new MetasynthError('invalid_file', MESSAGES.emptyFile(file));
  if (countQuotes(body) % 2 === 1) {
    throw new MetasynthError('invalid_file', `${file}: a quoted field is not closed (odd number of " characters)`);
  }
  const all = csvParseRows(body);
  const headerIndex = all.findIndex((r) => !isBlank(r));
  const header = (all[headerIndex] ?? []).map((h) => h.trim());
  const issues: Issue[] = [];
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (h === '') issues.push(plainIssue({ file }, 'empty_column_name', `column ${i + 1} of the header has no name`));
    else if (seen.has(h)) issues.push(plainIssue({ file, field: h }, 'duplicate_column', `column ${JSON.stringify(h)} appears more than once in the header`, h));
    else if (FORBIDDEN_KEYS.has(h)) issues.push(plainIssue({ file, field: h }, 'forbidden_column', `column name ${JSON.stringify(h)} is not allowed`, h));
    seen.add(h);
  });
  if (header.length === 1 && /[;\t]/.test(header[0] ?? '')) {
    issues.push(plainIssue({ file }, 'not_comma_separated',
      `the header has one column ${JSON.stringify(header[0])}: is the file separated by semicolons or tabs? metasynth reads comma-separated values`));
  }
  if (issues.length > 0) throw new MetasynthError('invalid_file', `${file}: the header is not usable`, issues);

  const rows: RawRow[] = [];
  const rowNumbers: number[] = [];
  for (let i = headerIndex + 1; i < all.length; i++) {
    const cells = all[i]!;
    if (isBlank(cells)) continue;
    const rowNumber = i - headerIndex;
    if (cells.length !== header.length) {
      issues.push(plainIssue({ file, row: rowNumber }, 'ragged_row',
        `has ${cells.length} cell${cells.length === 1 ? '' : 's'} but the header has ${header.length} columns`));
      continue;
    }
    const row: Record<string, unknown> = Object.create(null);
    header.forEach((h, j) => {
      row[h] = cells[j];
    });
    rows.push(row);
    rowNumbers.push(rowNumber);
  }
  if (issues.length > 0) throw new MetasynthError('invalid_file', `${file}: ${issues.length} row${issues.length === 1 ? '' : 's'} cannot be read`, issues);
  if (rows.length === 0) throw new MetasynthError('invalid_input', MESSAGES.headerOnly(file));
  return { file, columns: header, rows, rowNumbers };
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

function countQuotes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 34) n++;
  return n;
}
