/**
 * The one error class of metasynth. Errors are data (zod's habit): a `code`, and `issues`, each
 * naming where the problem is (file, row, study, field) and the value received, all reported at
 * once. User-facing functions throw it; numeric kernels never throw (NaN in, NaN out).
 */
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
  readonly issues: readonly Issue[];
  constructor(code: ErrorCode, message: string, issues: readonly Issue[] = []) {
    super(issues.length > 0 ? `${message}\n${issues.map((i) => `  ${i.message}`).join('\n')}` : message);
    this.name = 'MetasynthError';
    this.code = code;
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
