// The CLI's text-output digits for the page's summary: the library's own formatters
// (src/session/printedDigits.ts, which the CLI prints with) and two page-only forms built on them.

import { MISSING, formatFixed, formatPValue } from '../../src/session/index.js';

export { formatFixed, formatPValue };

/**
 * A percentage with 2 decimals, as the CLI prints I².
 * @example formatPercent(92.2213) // '92.22%'
 */
export function formatPercent(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? MISSING : `${formatFixed(x, 2)}%`;
}

/**
 * A p-value with its relation, as the CLI writes it in sentences: `p < .0001` or `p = 0.0421`.
 * @example pText(0.00000012) // 'p < .0001'
 */
export function pText(p: number | null | undefined): string {
  return p !== null && p !== undefined && p < 1e-4 ? 'p < .0001' : `p = ${formatPValue(p)}`;
}
