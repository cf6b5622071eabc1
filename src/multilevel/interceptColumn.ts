// Whether a design column is an intercept (every entry 1): asked by several passes of one fit
// (the climb, the centring, the sampling sums), so the answer is kept per column.

const known = new WeakMap<Float64Array, boolean>();

/**
 * Is every entry of `col` exactly 1? Cached per column array (columns are never written to).
 * @example isAllOnes(Float64Array.of(1, 1, 1)) // true
 * @example isAllOnes(Float64Array.of(1, 0.5)) // false
 */
export function isAllOnes(col: Float64Array): boolean {
  let hit = known.get(col);
  if (hit === undefined) {
    hit = true;
    for (let i = 0; i < col.length && hit; i++) hit = col[i] === 1;
    known.set(col, hit);
  }
  return hit;
}
