/**
 * A finite number, or null: results are plain JSON and never hold NaN or ±Infinity (a figure that
 * cannot be computed is null, and a warning says why).
 * @example finiteOrNull(1.5) // 1.5
 * @example finiteOrNull(0 / 0) // null
 */
export function finiteOrNull(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}
