// Whether a design column is an intercept (every entry 1): asked by several passes of a fit (the
// multilevel climb, its centring, its sampling sums), so the answer is kept per column; the
// design marks the intercept it builds, so that no pass over it is needed at all.

const known = new WeakMap<Float64Array, boolean>();

/**
 * Record that every entry of `col` is 1 (the caller built it so and never writes to it).
 * @example (() => { const c = new Float64Array(3).fill(1); markAllOnes(c); return isAllOnes(c); })() // true
 */
export function markAllOnes(col: Float64Array): void {
  known.set(col, true);
}

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
