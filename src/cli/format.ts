// Formatting for people (aligned tables, significant digits) and for programs (exactly one JSON
// document, never NaN or Infinity). Formatting lives here, not on results (STYLE.md).
import { MetasynthError } from '../core/errors.js';
import type { CliIO } from './command.js';
import { CLI_MESSAGES } from './messages.js';
import { MISSING } from '../session/printedDigits.js';

export { MISSING, formatFixed, formatPValue } from '../session/printedDigits.js';

/**
 * A number with `digits` significant digits, without exponent for ordinary magnitudes;
 * `NA` for null or a non-finite value.
 * @example formatNumber(-0.889311333920205) // '-0.8893'
 * @example formatNumber(0.000012345, 3) // '1.23e-5'
 */
export function formatNumber(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 10 ** Math.max(digits, 6)) {
    const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(magnitude)));
    return x.toFixed(Math.min(decimals, 20));
  }
  return x
    .toExponential(digits - 1)
    .replace(/\.?0+e/, 'e')
    .replace('e+', 'e');
}

export interface TableColumn {
  readonly header: string;
  /** Numbers read best right-aligned (default: left). */
  readonly align?: 'left' | 'right';
}

/**
 * An aligned text table: a header line, a rule, and one line per row; columns are separated by
 * two spaces and trailing spaces are trimmed.
 * @example formatTable([{ header: 'study' }, { header: 'yi', align: 'right' }], [['A', '0.1'], ['Bb', '-0.25']])
 * // 'study     yi\n-----  -----\nA        0.1\nBb     -0.25'
 */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, j) => Math.max(c.header.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (cells: readonly string[]) =>
    columns
      .map((c, j) => {
        const cell = cells[j] ?? '';
        const w = widths[j]!;
        return c.align === 'right' ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .replace(/\s+$/, '');
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The JSON text of a result: two-space indented, refusing NaN, Infinity, undefined array items,
 * functions and bigint, which JSON.stringify would turn silently into null or drop. A refusal is an
 * internal error: results must use null (with a warning) for figures that cannot be computed.
 */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(
    value,
    function replacer(this: unknown, key: string, v: unknown) {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw new MetasynthError('internal', CLI_MESSAGES.refusing_write_non_finite(v, key));
      }
      if (typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol') {
        throw new MetasynthError('internal', CLI_MESSAGES.refusing_write_into_json(typeof v, key));
      }
      if (v === undefined && Array.isArray(this)) {
        throw new MetasynthError('internal', CLI_MESSAGES.refusing_write_undefined_array(key));
      }
      return v;
    },
    2,
  );
  if (text === undefined) throw new MetasynthError('internal', CLI_MESSAGES.refusing_write_undefined_json());
  return text;
}

/** Print exactly one JSON document (and a newline) on stdout. */
export function writeJson(io: CliIO, value: unknown): void {
  const text = toJsonText(value);
  io.stdout(`${text}\n`);
}
