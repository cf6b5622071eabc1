// The last step of a nested climb (nestedTree.ts, addLevelEffect) for the narrow layouts that an
// intercept-only fit uses (z = 2: the columns 1 and y; z = 3: the information climb's 1, b_0, b_1):
// add the coarsest level's effect to each of its groups (Sherman–Morrison) and sum the groups
// into the total, with every cell in a local variable. Same sums in the same order as the general
// loop, which keeps the total in memory and indexes the cells through loops over z (four to five
// times slower at 10⁴ groups).
import { levelLogSum } from './logSum.js';

/** z = 2: cells α, log, 1'A⁻¹(1, y), then the lower triangle at 4, 6, 7 (5 unused). */
function topEffect2(src: Float64Array, n: number, s: number, total: Float64Array, logs: number): void {
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let t4 = 0;
  let t6 = 0;
  let t7 = 0;
  for (let g = 0, o = 0; g < n; g++, o += 8) {
    const a = src[o]!;
    const f = s / (1 + s * a);
    const a1 = a - f * a * a;
    const x0 = src[o + 2]!;
    const x1 = src[o + 3]!;
    const c00 = src[o + 4]! - f * x0 * x0;
    const c10 = src[o + 6]! - f * x1 * x0;
    const c11 = src[o + 7]! - f * x1 * x1;
    const shrink = 1 - f * a;
    src[o] = a1;
    src[o + 2] = x0 * shrink;
    src[o + 3] = x1 * shrink;
    src[o + 4] = c00;
    src[o + 6] = c10;
    src[o + 7] = c11;
    t0 += a1;
    t1 += src[o + 1]!;
    t2 += x0 * shrink;
    t3 += x1 * shrink;
    t4 += c00;
    t6 += c10;
    t7 += c11;
  }
  total.set([t0, t1 + logs, t2, t3, t4, 0, t6, t7]);
}

/** z = 3: cells α, log, 1'A⁻¹(c0, c1, c2), then the lower triangle at 5, 8, 9, 11, 12, 13. */
function topEffect3(src: Float64Array, n: number, s: number, total: Float64Array, logs: number): void {
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let t4 = 0;
  let t5 = 0;
  let t8 = 0;
  let t9 = 0;
  let t11 = 0;
  let t12 = 0;
  let t13 = 0;
  for (let g = 0, o = 0; g < n; g++, o += 14) {
    const a = src[o]!;
    const f = s / (1 + s * a);
    const x0 = src[o + 2]!;
    const x1 = src[o + 3]!;
    const x2 = src[o + 4]!;
    const shrink = 1 - f * a;
    const fx0 = f * x0;
    const fx1 = f * x1;
    const fx2 = f * x2;
    const a1 = a - f * a * a;
    const c00 = src[o + 5]! - fx0 * x0;
    const c10 = src[o + 8]! - fx1 * x0;
    const c11 = src[o + 9]! - fx1 * x1;
    const c20 = src[o + 11]! - fx2 * x0;
    const c21 = src[o + 12]! - fx2 * x1;
    const c22 = src[o + 13]! - fx2 * x2;
    src[o] = a1;
    src[o + 2] = x0 * shrink;
    src[o + 3] = x1 * shrink;
    src[o + 4] = x2 * shrink;
    src[o + 5] = c00;
    src[o + 8] = c10;
    src[o + 9] = c11;
    src[o + 11] = c20;
    src[o + 12] = c21;
    src[o + 13] = c22;
    t0 += a1;
    t1 += src[o + 1]!;
    t2 += x0 * shrink;
    t3 += x1 * shrink;
    t4 += x2 * shrink;
    t5 += c00;
    t8 += c10;
    t9 += c11;
    t11 += c20;
    t12 += c21;
    t13 += c22;
  }
  total.set([t0, t1 + logs, t2, t3, t4, t5, 0, 0, t8, t9, 0, t11, t12, t13]);
}

/**
 * Add the coarsest level's effect s to each of its n groups (`src`, updated in place) and write
 * their sums into `total` (log|M| in cell 1 only when `logDet`); false when z is not 2 or 3 (the
 * caller takes the general loop).
 * @example addTopLevelEffect(Float64Array.of(2, 0, 2, 4, 2, 0, 4, 8), 1, 2, 1, new Float64Array(8), true) // true
 */
export function addTopLevelEffect(src: Float64Array, n: number, z: number, s: number, total: Float64Array, logDet: boolean): boolean {
  if (z !== 2 && z !== 3) return false;
  const logs = logDet ? levelLogSum(src, n, 2 + z + z * z, s) : 0;
  if (z === 2) topEffect2(src, n, s, total, logs);
  else topEffect3(src, n, s, total, logs);
  return true;
}
