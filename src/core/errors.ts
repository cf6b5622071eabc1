/**
 * The one error class of metasynth. Errors are data (zod's habit): a `code`, and `issues`, each
 * naming where the problem is (file, row, study, field) and the value received, all reported at
 * once. User-facing functions throw it; numeric kernels never throw (NaN in, NaN out).
 */
import { messageText, type Message } from './message.js';

export const ERROR_CODES = [
  'invalid_input', // input data fails validation (rows, fields, values)
  'invalid_file', // a file cannot be read or parsed at all
  'invalid_option', // an unknown measure, method, option value
  'usage', // CLI usage error
  'not_estimable', // a requested figure cannot be computed from this data
  'internal', // a bug: please report
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where an issue sits in the input; every part optional, as known. */
export interface IssueLocation {
  readonly file?: string;
  /** 1-based data row number (the header is row 0 in CSV; JSON records count from 1). */
  readonly row?: number;
  readonly study?: string;
  readonly field?: string;
}

export interface Issue extends IssueLocation {
  /** Machine-readable reason, e.g. `not_positive`, `ci_order`, `not_a_number`. */
  readonly code: string;
  /** The full human message, already prefixed with its location. */
  readonly message: string;
  /** The value received, as read (text for CSV cells). */
  readonly received?: unknown;
}

/** A non-fatal finding, reported in results (`warnings`) and never thrown. */
export interface Warning extends IssueLocation {
  readonly code: string;
  readonly message: string;
}

export class MetasynthError extends Error {
  readonly code: ErrorCode;
  /** The stable code of the summary message (see docs/messages.md), when it came from a catalogue. */
  readonly messageCode: string | undefined;
  readonly issues: readonly Issue[];
  constructor(code: ErrorCode, message: string | Message, issues: readonly Issue[] = []) {
    const text = messageText(message);
    super(issues.length > 0 ? `${text}\n${issues.map((i) => `  ${i.message}`).join('\n')}` : text);
    this.name = 'MetasynthError';
    this.code = code;
    this.messageCode = typeof message === 'string' ? undefined : message.code;
    this.issues = issues;
  }
}

/**
 * The location prefix of every row-level message: `cik.csv row 4 ("Zhao 2016")`.
 * @example locationPrefix({ file: 'cik.csv', row: 4, study: 'Zhao 2016' }) // 'cik.csv row 4 ("Zhao 2016")'
 */
export function locationPrefix(loc: IssueLocation): string {
  const parts: string[] = [];
  if (loc.file !== undefined) parts.push(loc.file);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.study !== undefined && loc.study !== '') parts.push(`(${JSON.stringify(loc.study)})`);
  return parts.join(' ');
}
