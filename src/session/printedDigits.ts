// The digits metasynth prints for people (the CLI's text output and the web page's summary): one
// implementation, so that the page shows exactly what `metasynth` prints. Formatting only.

/** What a missing figure (null, NaN) prints as in tables, as R prints NA. */
export const MISSING = 'NA';

/**
 * A number with a fixed number of decimals (metafor prints 4); `NA` when missing.
 * @example formatFixed(0.32558476, 4) // '0.3256'
 */
export function formatFixed(x: number | null | undefined, decimals = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  const s = x.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/**
 * A p-value as people read it: 4 decimals, or `<.0001` below 1e-4 (metafor's style).
 * @example formatPValue(0.00000012) // '<.0001'
 */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return MISSING;
  return p < 1e-4 ? '<.0001' : formatFixed(p, 4);
}
