// The dialect of a delimited text file: which character separates the cells and which one marks
// decimals. Spreadsheet programs in locales with a decimal comma (most of Europe and South
// America) save "CSV" with semicolons and `0,72`; programs that save tab-separated text keep the
// decimal mark of their locale. Nothing is guessed silently: the dialect used is returned with how
// it was chosen, so that the caller can say so.

/** Cell separators read: comma (RFC 4180), semicolon, tab. */
export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Decimal marks read: a point (`0.72`) or a comma (`0,72`). */
export const DECIMAL_MARKS = ['.', ','] as const;
export type DecimalMark = (typeof DECIMAL_MARKS)[number];

/** How a setting of the dialect was chosen: given by the caller, or found in the file. */
export const DIALECT_SOURCES = ['option', 'header', 'cells', 'default'] as const;
export type DialectSource = (typeof DIALECT_SOURCES)[number];

/** The dialect a text table was read with. */
export interface TextDialect {
  readonly delimiter: Delimiter;
  readonly decimal: DecimalMark;
  /** `option`: given; `header`: the separator most frequent in the header line; `default`: comma. */
  readonly delimiterSource: DialectSource;
  /** `option`: given; `cells`: found in the cells (semicolon files); `default`: the point. */
  readonly decimalSource: DialectSource;
}

/** People's names of the delimiters (options accept these too). */
export const DELIMITER_NAMES: Readonly<Record<Delimiter, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };
const DECIMAL_NAMES: Readonly<Record<DecimalMark, string>> = { '.': 'decimal point', ',': 'decimal comma' };

export function isDelimiter(x: unknown): x is Delimiter {
  return typeof x === 'string' && (DELIMITERS as readonly string[]).includes(x);
}
export function isDecimalMark(x: unknown): x is DecimalMark {
  return typeof x === 'string' && (DECIMAL_MARKS as readonly string[]).includes(x);
}

/**
 * The separator of a header line: the one of comma, semicolon and tab that occurs most often
 * outside double quotes (comma on a tie or when none occurs, i.e. a one-column file).
 * @example detectDelimiter('study;hr;lower;upper') // ';'
 * @example detectDelimiter('"a;b",c') // ','
 */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && isDelimiter(ch)) counts[ch]++;
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if (counts[d] > counts[best]) best = d;
  return best;
}

/** A whole cell holding a number written with a decimal comma: `0,72`, `-1,5E-3`, `,5`. */
const COMMA_NUMBER = /^[+-]?(?:\d+,\d*|,\d+)(?:[eE][+-]?\d+)?$/;
/** A whole cell holding a number written with a decimal point and a fraction: `0.72`, `1.`. */
const POINT_NUMBER = /^[+-]?(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * True when a text cell is a number written with a decimal comma.
 * @example hasDecimalComma('0,72') // true
 * @example hasDecimalComma('Smith, 2001') // false
 */
export function hasDecimalComma(text: string): boolean {
  return COMMA_NUMBER.test(text.trim());
}

/**
 * True when a text cell is a number written with a decimal point.
 * @example hasDecimalPoint('0.72') // true
 * @example hasDecimalPoint('12') // false
 */
export function hasDecimalPoint(text: string): boolean {
  return POINT_NUMBER.test(text.trim());
}

/** A cell of numbers with decimal commas and interval punctuation only: `0,72 (0,55-0,94)`. */
const COMMA_NUMBERS = /^[\s\d()[\]\-–—;]*\d,\d[\s\d,()[\]\-–—;]*$|^[\s\d,]+\s*(?:\(|\bto\b)/i;

/**
 * The decimal mark of a semicolon-separated table when none was given: the comma when any cell
 * is a number (or an interval of numbers) with decimal commas, else the point (such files are
 * also written by programs that use decimal points). Other delimiters default to the point:
 * decimal commas there need an option.
 * @example decimalOfCells(';', [['0,72', '1']]) // { decimal: ',', source: 'cells' }
 */
export function decimalOfCells(delimiter: Delimiter, rows: readonly (readonly string[])[]): { decimal: DecimalMark; source: DialectSource } {
  if (delimiter !== ';') return { decimal: '.', source: 'default' };
  const comma = rows.some((r) => r.some((c) => hasDecimalComma(c) || COMMA_NUMBERS.test(c.trim())));
  return { decimal: comma ? ',' : '.', source: 'cells' };
}

/**
 * A text cell as number text with a decimal point, for a table whose decimal mark is `decimal`:
 * `0,72` becomes `0.72` under a comma; under a comma, text with a decimal point is left as it is
 * and flagged (`mixed`), since `1.234` may be a thousands separator there.
 * @example toPointDecimal('0,72', ',') // { text: '0.72', mixed: false }
 */
export function toPointDecimal(text: string, decimal: DecimalMark): { text: string; mixed: boolean } {
  if (decimal === '.') return { text, mixed: false };
  if (hasDecimalComma(text)) return { text: text.trim().replace(',', '.'), mixed: false };
  return { text, mixed: hasDecimalPoint(text) };
}

/**
 * The dialect in words, for the line that tells people how their file was read.
 * @example describeDialect({ delimiter: ';', decimal: ',', delimiterSource: 'header', decimalSource: 'cells' })
 * // 'semicolon-separated (found in the header), decimal comma (found in the cells)'
 */
export function describeDialect(d: TextDialect): string {
  const why = (s: DialectSource) => (s === 'option' ? 'as given' : s === 'header' ? 'found in the header' : s === 'cells' ? 'found in the cells' : 'default');
  return `${DELIMITER_NAMES[d.delimiter]}-separated (${why(d.delimiterSource)}), ${DECIMAL_NAMES[d.decimal]} (${why(d.decimalSource)})`;
}

/** True for the RFC 4180 dialect every tool reads (comma, decimal point), which needs no mention. */
export function isPlainCsvDialect(d: TextDialect): boolean {
  return d.delimiter === ',' && d.decimal === '.';
}
