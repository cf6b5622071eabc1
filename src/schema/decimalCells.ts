// Number texts written with a decimal comma (`0,72`) become texts with a decimal point before the
// strict number checks, so that every check, message and print-rounding rule works on one form.
import type { RawRow } from './rawTable.js';
import { toPointDecimal, type DecimalMark } from './dialect.js';

/** Rows with point-decimal number texts, and per row the columns whose text used the other mark. */
export interface PointDecimalRows {
  readonly rows: readonly RawRow[];
  /** Per row, the headers of cells with a decimal point in a table whose mark is the comma. */
  readonly mixed: readonly ReadonlySet<string>[];
}

/**
 * Rewrite the number texts of `rows` from `decimal` to a decimal point (a copy; the input is not
 * changed). With a decimal comma, a cell such as `0.72` is kept and reported in `mixed`: in such
 * a table `1.234` may be a thousands separator, so it is not read as a number without a word.
 * Columns in `labels` (study labels, sources) are text and stay as written.
 * @example pointDecimalRows([{ yi: '0,5' }], ',').rows[0].yi // '0.5'
 */
export function pointDecimalRows(rows: readonly RawRow[], decimal: DecimalMark, labels: ReadonlySet<string> = new Set()): PointDecimalRows {
  if (decimal === '.') return { rows, mixed: rows.map(() => new Set<string>()) };
  const mixed: Set<string>[] = [];
  const out = rows.map((row) => {
    const copy: Record<string, unknown> = Object.create(null);
    const bad = new Set<string>();
    for (const [key, value] of Object.entries(row)) {
      if (typeof value !== 'string' || labels.has(key)) {
        copy[key] = value;
        continue;
      }
      const t = toPointDecimal(value, decimal);
      copy[key] = t.text;
      if (t.mixed) bad.add(key);
    }
    mixed.push(bad);
    return copy;
  });
  return { rows: out, mixed };
}
