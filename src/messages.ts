// The user-facing messages of input handling (files, columns, study records, effect sizes), kept
// in one module (vega-lite's habit) so that their grammar stays the same everywhere:
// `<file> row <n> ("<study>"): <field> (<received>) <what is wrong>`.
import { locationPrefix, type Issue, type IssueLocation, type Warning } from './core/errors.js';
import { defineMessages, messageText, type Message } from './core/message.js';

/**
 * How a received value is shown inside a message: numbers and numeric text as written,
 * other text quoted, missing values as `empty`.
 * @example showValue('0.41') // '0.41'
 * @example showValue('abc') // '"abc"'
 */
export function showValue(value: unknown): string {
  if (value === undefined || value === null) return 'empty';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const t = value.trim();
    if (t === '') return 'empty';
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? t : JSON.stringify(value);
  }
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * Prefix a message with its location, or return it as is when there is none.
 * @example located({ file: 'a.csv', row: 2 }, 'hr is empty') // 'a.csv row 2: hr is empty'
 */
export function located(loc: IssueLocation, message: string | Message): string {
  const text = messageText(message);
  const prefix = locationPrefix(loc);
  return prefix === '' ? text : `${prefix}: ${text}`;
}

/** A row-level issue about one field: `cik.csv row 4 ("Zhao 2016"): upper (0.41) must be greater than hr (0.63)`. */
export function fieldIssue(loc: IssueLocation & { field: string }, code: string, received: unknown, problem: string | Message): Issue {
  const shown =
    received === undefined || received === null || (typeof received === 'string' && received.trim() === '')
      ? `${loc.field} ${MESSAGES.missing().text}`
      : `${loc.field} (${showValue(received)}) ${messageText(problem)}`;
  return { ...loc, code, received, message: located(loc, shown) };
}

/** An issue that is not about one field value (a column set, a whole row, the file). */
export function plainIssue(loc: IssueLocation, code: string, text: string | Message, received?: unknown): Issue {
  return { ...loc, code, ...(received === undefined ? {} : { received }), message: located(loc, text) };
}

/** A warning at a location, its message prefixed with that location. */
export function warningAt(loc: IssueLocation, code: string, text: string | Message): Warning {
  return { ...loc, code, message: located(loc, text) };
}

/**
 * Summary line of a thrown invalid-input error; the issues follow it, one per line.
 * @example invalidInputSummary('a.csv', 2).text // 'a.csv: 2 problems in the input'
 */
export function invalidInputSummary(file: string | undefined, count: number): Message {
  return MESSAGES.invalid_input_summary(file === undefined ? 'the input' : file, count);
}

/** The messages shared by every part (values, files), keyed by their stable code (docs/messages.md). */
export const MESSAGES = defineMessages({
  missing: () => 'is empty',
  not_a_number: () => 'must be a number',
  not_a_value: () => 'must be a number or text',
  not_integer: () => 'must be a whole number (a count)',
  negative: () => 'must not be negative',
  not_positive: () => 'must be greater than 0',
  empty_file: (file: string) => `${file} is empty`,
  header_only: (file: string) => `${file} has a header but no data rows`,
  no_rows: (file: string) => `${file} has no study records`,
  mixed_decimal: () =>
    'has a decimal point, but the decimal mark of this file is the comma (0,72); write decimal commas throughout, or read the file with decimal points (--decimal .)',
  decimal_comma_hint: () => ' (a decimal comma: read the file with --decimal , or save it with decimal points)',
  invalid_input_summary: (where: string, count: number) => `${where}: ${count} problem${count === 1 ? '' : 's'} in the input`,
});
