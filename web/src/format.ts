// The CLI's text-output digits (src/cli/format.ts) for the page's summary: 4 decimals, `NA` for a
// missing figure, p-values below 1e-4 as `<.0001`. Formatting only; every number comes from the library.

/** What a missing figure prints as (R's NA). */
export const MISSING = 'NA';

/**
 * A number with a fixed number of decimals (metafor prints 4); `NA` when missing.
 * @example formatFixed(0.32558476) // '0.3256'
 */
export function formatFixed(x: number | null | undefined, decimals = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  const s = x.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/**
 * A p-value as the CLI prints it: 4 decimals, or `<.0001` below 1e-4.
 * @example formatPValue(0.00000012) // '<.0001'
 */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return MISSING;
  return p < 1e-4 ? '<.0001' : formatFixed(p, 4);
}

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
