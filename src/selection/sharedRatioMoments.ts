// When every study has the same SD ratio r = √((v_i + τ²)/v_i) (all of them at τ² = 0, i.e. the
// τ² = 0 refit and fixed-effects fits, or equal variances), a study's integrals on the weight table
// (gridIntegrals.ts) depend on it only through m_i = μ_i/√v_i: A_i = I(m_i) with
// I(m) = ∫ w̃(z) φ((z − m)/r)/r dz, and likewise every moment of the Hessian. These are Gaussian
// convolutions of a bounded function, hence entire in m, so they are interpolated from direct
// integrals at Chebyshev–Lobatto points on [min m_i, max m_i] (barycentric formula, Berrut &
// Trefethen 2004, SIAM Review 46:501–517) instead of one integral per study. What is interpolated
// is log A and the ratios moment/A (the quantities ℓ and its derivatives read). The n-point
// interpolant is checked against direct integrals at the n points of the 2n grid between its nodes
// (the midpoints in angle); n doubles until every check agrees to CHECK_TOLERANCE — in log A
// absolutely, and in each ratio relative to 1 or to itself when larger (the direct integrals' own
// accuracy is stated the same way, to 1e-10: each moment relative to A or to itself; ratios such as
// the mean of t are 0 to rounding where w̃ is nearly constant, so a purely relative check would
// chase noise) — and the direct per-study path is used instead (null) when the direct integrals
// needed exceed a fraction of the studies. Kernel: never throws.
import { gridIntegrals } from './gridIntegrals.js';
import type { WeightGrid } from './weightGrid.js';

/**
 * Tuning of the interpolation (internal; tests lower or raise `nodeFraction` to force either path):
 * the largest share of k direct integrals it may spend, the first and last n, and a count of the
 * evaluations that used it.
 */
export const sharedRatioControl = { nodeFraction: 0.1, firstNodes: 8, lastNodes: 512, uses: 0 };

/** Agreement required between the interpolant and the direct integrals at the check points. */
const CHECK_TOLERANCE = 1e-12;

/** Chebyshev–Lobatto point j of the 2n grid cos(jπ/(2n)) mapped to [lo, hi]. */
function gridPoint(j: number, n2: number, lo: number, hi: number): number {
  if (j === 0) return hi;
  if (j === n2) return lo;
  return 0.5 * (lo + hi) + 0.5 * (hi - lo) * Math.cos((j * Math.PI) / n2);
}

/**
 * Direct integrals at the points of the 2n grid not yet known (all, or the odd ones when `known`
 * holds the n grid), as log A and the ratios moment/A, point-major. False when an A is not positive and finite.
 */
function sample(
  g: WeightGrid,
  n: number,
  lo: number,
  hi: number,
  r: number,
  sds: number,
  count: number,
  second: boolean,
  known: Float64Array | null,
  out: Float64Array,
): boolean {
  const a = new Float64Array(count);
  for (let j = 0; j <= 2 * n; j++) {
    if (known && j % 2 === 0) {
      out.set(known.subarray((j / 2) * count, (j / 2 + 1) * count), j * count);
      continue;
    }
    gridIntegrals(g, gridPoint(j, 2 * n, lo, hi), r, sds, a, second);
    const a0 = a[0]!;
    if (!(a0 > 0 && Number.isFinite(a0))) return false;
    out[j * count] = Math.log(a0);
    for (let q = 1; q < count; q++) out[j * count + q] = a[q]! / a0;
  }
  return true;
}

/**
 * Barycentric interpolation at x ∈ [−1, 1] from the Lobatto grid `nodes` = cos(jπ/n), j = 0…n (values
 * node-major, `stride` points apart in `values`), into `out` (count quantities).
 */
function interpolate(x: number, nodes: Float64Array, values: Float64Array, stride: number, count: number, out: Float64Array): void {
  const n = nodes.length - 1;
  out.fill(0);
  let den = 0;
  for (let j = 0; j <= n; j++) {
    const d = x - nodes[j]!;
    const base = j * stride * count;
    if (d === 0) {
      for (let q = 0; q < count; q++) out[q] = values[base + q]!;
      return;
    }
    let c = (j % 2 === 0 ? 1 : -1) / d;
    if (j === 0 || j === n) c *= 0.5;
    den += c;
    for (let q = 0; q < count; q++) out[q] = out[q]! + c * values[base + q]!;
  }
  for (let q = 0; q < count; q++) out[q] = out[q]! / den;
}

/** The Lobatto points cos(jπ/n), j = 0…n. */
function lobatto(n: number): Float64Array {
  return Float64Array.from({ length: n + 1 }, (_, j) => Math.cos((j * Math.PI) / n));
}

/** Whether the n grid (even points of `values`, the 2n grid) reproduces the odd points to CHECK_TOLERANCE. */
function checks(n: number, values: Float64Array, count: number): boolean {
  const at = new Float64Array(count);
  const nodes = lobatto(n);
  for (let j = 1; j < 2 * n; j += 2) {
    interpolate(Math.cos((j * Math.PI) / (2 * n)), nodes, values, 2, count, at);
    if (!(Math.abs(at[0]! - values[j * count]!) <= CHECK_TOLERANCE)) return false;
    for (let q = 1; q < count; q++) {
      const v = values[j * count + q]!;
      if (!(Math.abs(at[q]! - v) <= CHECK_TOLERANCE * Math.max(1, Math.abs(v)))) return false;
    }
  }
  return true;
}

/** The 2n grid's values for the smallest n whose interpolant passes the checks within the budget (or null). */
function verifiedGrid(
  g: WeightGrid,
  lo: number,
  hi: number,
  r: number,
  sds: number,
  count: number,
  second: boolean,
  budget: number,
): { n: number; values: Float64Array } | null {
  let known: Float64Array | null = null;
  for (let n = sharedRatioControl.firstNodes; n <= sharedRatioControl.lastNodes && 2 * n + 1 <= budget; n *= 2) {
    const values = new Float64Array((2 * n + 1) * count);
    if (!sample(g, n, lo, hi, r, sds, count, second, known, values)) return null;
    if (checks(n, values, count)) return { n, values };
    known = values;
  }
  return null;
}

/**
 * Every study's integrals (k × count, study-major, as gridIntegrals gives them) by Chebyshev
 * interpolation in m_i = ms[i] when all studies share the SD ratio r, or null when the direct path
 * is to be used (checks not met within the budget, fewer studies than the budget needs, or an A
 * that is not positive).
 * @example
 * // A table without panels: weight 1 below z = 0 and 0.5 above; 1,000 studies at m = −2…2, r = 1, so A_1 = Φ(2) + 0.5·Φ(−2).
 * const none = new Float64Array(0);
 * const tail = (w) => ({ w, dlog: Float64Array.of(0), d2: Float64Array.of(0) });
 * const g = { edges: Float64Array.of(0), z: none, wk: none, wg: none, w: none, dw: none, ddw: none, nDelta: 1, below: tail(1), above: tail(0.5), logRange: Math.log(2) };
 * const ms = Float64Array.from({ length: 1000 }, (_, i) => -2 + (4 * i) / 999);
 * Math.abs(sharedRatioMoments(g, ms, 1, 38, 4, false)[0] - (0.5 + 0.5 * 0.9772498680518208)) < 1e-12 // true
 */
export function sharedRatioMoments(g: WeightGrid, ms: Float64Array, r: number, sds: number, count: number, second: boolean): Float64Array | null {
  const k = ms.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < k; i++) {
    lo = Math.min(lo, ms[i]!);
    hi = Math.max(hi, ms[i]!);
  }
  if (!(Number.isFinite(lo) && Number.isFinite(hi)) || lo === hi) return null;
  const grid = verifiedGrid(g, lo, hi, r, sds, count, second, sharedRatioControl.nodeFraction * k);
  if (!grid) return null;
  sharedRatioControl.uses++;
  const out = new Float64Array(k * count);
  const at = new Float64Array(count);
  const nodes = lobatto(grid.n);
  for (let i = 0; i < k; i++) {
    const x = Math.min(1, Math.max(-1, (2 * ms[i]! - lo - hi) / (hi - lo)));
    interpolate(x, nodes, grid.values, 2, count, at);
    const a0 = Math.exp(at[0]!);
    const row = i * count;
    out[row] = a0;
    for (let q = 1; q < count; q++) out[row + q] = at[q]! * a0;
  }
  return out;
}
