// Cells that hold an interval (`0.55-0.94`, `0.55 to 0.94`) or an estimate with its interval
// (`0.72 (0.55-0.94)`), as tables in papers and their spreadsheet copies print them. They are
// split into number texts with a decimal point, so that the strict number checks, the print-
// rounding check of the interval and the messages work on them as on separate columns.
import type { DecimalMark } from './dialect.js';

/** An interval split from one cell, as number texts with a decimal point. */
export interface SplitInterval {
  readonly estimate?: string;
  readonly lower: string;
  readonly upper: string;
}

/** An unsigned number with the given decimal mark (ratios and their limits are positive). */
function numberPattern(decimal: DecimalMark): string {
  return decimal === ',' ? '(\\d+(?:,\\d*)?|,\\d+)' : '(\\d+(?:\\.\\d*)?|\\.\\d+)';
}

/** Separators between the limits: a hyphen or dash, `to`, or (with a decimal point) a comma; `;` always. */
function separatorPattern(decimal: DecimalMark): string {
  return decimal === ',' ? '\\s*(?:[-‐‑‒–—]|\\bto\\b|;)\\s*' : '\\s*(?:[-‐‑‒–—]|\\bto\\b|[,;])\\s*';
}

/** `95% CI`, `CI:` or `95% CI,` written inside the brackets before the limits. */
const CI_WORDS = '(?:\\d+(?:[.,]\\d+)?\\s*%\\s*)?(?:CI|confidence interval)?\\s*[:,]?\\s*';

function toPoint(text: string): string {
  return text.replace(',', '.');
}

/**
 * The lower and upper limit of an interval written in one cell: `0.55-0.94`, `0.55 – 0.94`,
 * `0.55 to 0.94`, `0.55, 0.94` (a comma only when the decimal mark is the point), optionally in
 * brackets; undefined when the text is not such an interval.
 * @example splitInterval('0.55-0.94') // { lower: '0.55', upper: '0.94' }
 * @example splitInterval('0,55 to 0,94', ',') // { lower: '0.55', upper: '0.94' }
 */
export function splitInterval(text: string, decimal: DecimalMark = '.'): SplitInterval | undefined {
  const n = numberPattern(decimal);
  const re = new RegExp(`^\\s*[([]?\\s*${CI_WORDS}${n}${separatorPattern(decimal)}${n}\\s*[)\\]]?\\s*$`, 'i');
  const m = re.exec(text);
  return m ? { lower: toPoint(m[1]!), upper: toPoint(m[2]!) } : undefined;
}

/**
 * An estimate with its interval in one cell: `0.72 (0.55-0.94)`, `0.72 [0.55, 0.94]`,
 * `0.72 (95% CI 0.55 to 0.94)`; undefined when the text is not one.
 * @example splitEstimateInterval('0.72 (0.55-0.94)') // { estimate: '0.72', lower: '0.55', upper: '0.94' }
 */
export function splitEstimateInterval(text: string, decimal: DecimalMark = '.'): SplitInterval | undefined {
  const n = numberPattern(decimal);
  const re = new RegExp(`^\\s*${n}\\s*[([]\\s*${CI_WORDS}${n}${separatorPattern(decimal)}${n}\\s*[)\\]]\\s*$`, 'i');
  const m = re.exec(text);
  return m ? { estimate: toPoint(m[1]!), lower: toPoint(m[2]!), upper: toPoint(m[3]!) } : undefined;
}

/** The field name under which a part of a combined column is read: `lower from "95% CI"`. */
export function partField(part: string, header: string): string {
  return `${part} from ${JSON.stringify(header)}`;
}

/**
 * The parts of one combined cell as number texts keyed by their part fields, or undefined when
 * the cell is not written as the column's kind of interval.
 * @example splitCombinedCell('0.72 (0.55-0.94)', 'hr_ci', 'HR (95% CI)', '.')
 * // { 'hr from "HR (95% CI)"': '0.72', 'lower from "HR (95% CI)"': '0.55', 'upper from "HR (95% CI)"': '0.94' }
 */
export function splitCombinedCell(text: string, kind: 'ci_range' | 'hr_ci', header: string, decimal: DecimalMark): Record<string, string> | undefined {
  const split = kind === 'hr_ci' ? splitEstimateInterval(text, decimal) : splitInterval(text, decimal);
  if (split === undefined) return undefined;
  const parts: Record<string, string> = { [partField('lower', header)]: split.lower, [partField('upper', header)]: split.upper };
  if (split.estimate !== undefined) parts[partField('hr', header)] = split.estimate;
  return parts;
}

/** How a combined cell must be written, for the message when it is not. */
export const COMBINED_EXAMPLES: Readonly<Record<'ci_range' | 'hr_ci', string>> = {
  ci_range: 'an interval such as 0.55-0.94 or 0.55 to 0.94',
  hr_ci: 'an estimate with its interval such as 0.72 (0.55-0.94)',
};
