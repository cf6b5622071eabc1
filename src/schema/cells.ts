// Cell values as read (CSV text, or JSON scalars) and their strict conversion to numbers:
// nothing is converted silently, so `1,5`, `12%` or `n/a` are errors, not NaN or 1.

/** Plain decimal or scientific notation, as R's `read.csv` and JS `Number` agree on it. */
const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Texts that mean a missing value: an empty cell, or R's `NA`.
 * @example isMissingCell('NA') // true
 * @example isMissingCell('0') // false
 */
export function isMissingCell(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' || t === 'NA';
  }
  return false;
}

/**
 * A cell as a finite number, or undefined when it is not one (missing cells included).
 * @example cellToNumber(' 0.41 ') // 0.41
 * @example cellToNumber('1,5') // undefined
 */
export function cellToNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  if (!NUMBER_TEXT.test(t)) return undefined;
  const x = Number(t);
  return Number.isFinite(x) ? x : undefined;
}

/**
 * Decimal places a value was printed with (`0.63` → 2, `1.2e-3` → 4, `12` → 0); used to tell
 * print rounding from a real inconsistency.
 * @example printedDecimals('0.630') // 3
 */
export function printedDecimals(value: unknown): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return 0;
  const frac = m[2]?.length ?? 0;
  const exp = m[3] === undefined ? 0 : Number(m[3]);
  return Math.max(0, frac - exp);
}

/**
 * A cell as moderator text (trimmed), or null when missing.
 * @example cellToText(' Aronson ') // 'Aronson'
 * @example cellToText('NA') // null
 */
export function cellToText(value: unknown): string | null {
  if (isMissingCell(value)) return null;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** True for values a cell may hold: text, numbers, booleans and missing values (not objects). */
export function isScalarCell(value: unknown): boolean {
  return value === undefined || value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
