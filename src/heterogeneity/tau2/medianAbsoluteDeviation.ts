/**
 * Median absolute deviation scaled to the normal SD, as R's `mad(x)`: 1.4826 · median|x − median(x)|
 * (the median of an even count is the mean of the middle two). metafor sizes its tau² search
 * intervals with it. NaN for no values.
 * @example medianAbsoluteDeviation(Float64Array.of(1, 2, 3, 4, 100)) // 1.4826
 */
export function medianAbsoluteDeviation(x: ArrayLike<number>): number {
  const m = median(Array.from(x));
  return 1.4826 * median(Array.from(x, (v) => Math.abs(v - m)));
}

function median(values: number[]): number {
  const n = values.length;
  if (n === 0) return NaN;
  const s = values.slice().sort((a, b) => a - b);
  const mid = n >> 1;
  return n % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
