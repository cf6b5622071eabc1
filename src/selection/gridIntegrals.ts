// A study's normalising integral A = ∫ w̃(z) N(z; m, r²) dz and its derivative integrals on the shared
// weight table (weightGrid.ts), with t = (z − m)/r:
//   out[0] = A = ∫ w̃ φ(t) dt,  out[1] = ∫ w̃ φ t dt,  out[2] = ∫ w̃ φ (t² − 1) dt,  out[3+j] = ∫ w̃ ∂_j log w̃ φ dt,
// and, for the Hessian (second order), from X = 3 + nDelta on:
//   out[X] = ∫ w̃ φ t³,  out[X+1] = ∫ w̃ φ t⁴,  out[X+2+2j] = ∫ ∂_j w̃ φ t,  out[X+3+2j] = ∫ ∂_j w̃ φ t²,
//   out[X+2+2·nDelta+m] = ∫ ∂²w̃/∂δ_j∂δ_l φ (packed upper triangle).
// (The derivatives of N in its mean and variance are N times Hermite polynomials in t, so every
// derivative of A up to second order is one of these moments on the same nodes.)
// Outside the table w̃ is constant, so the tails are normal tail moments in closed form
// (∫_b^∞ φ = Φ(−b), ∫_b^∞ tφ = φ(b), ∫_b^∞ t²φ = bφ(b) + Φ(−b), ∫_b^∞ t³φ = (b² + 2)φ(b),
// ∫_b^∞ t⁴φ = (b³ + 3b)φ(b) + 3Φ(−b)). Panels and tails whose normal mass is below 1e-18 of the
// smallest possible A (w̃'s range considered) are skipped. Panels are at most 2.5 wide
// in z and the normal density has SD r ≥ 1 there, so the 15-point Kronrod rule integrates the
// product of it and the (resolved) weight to near machine precision. Kernel: never throws.
import { fastNormalCdf } from './normalTail.js';
import { KRONROD_X, PANEL_NODES, type WeightGrid } from './weightGrid.js';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Number of SDs beyond which the normal mass is negligible against A (at most 38, where φ underflows). */
export function truncationSds(logRange: number): number {
  return Number.isFinite(logRange) ? Math.min(38, Math.sqrt(2 * (logRange + 42))) : 38;
}

/** Number of outputs of gridIntegrals for nDelta δ's (with the second-order moments or without). */
export function momentCount(nDelta: number, second: boolean): number {
  return 3 + nDelta + (second ? 2 + 2 * nDelta + (nDelta * (nDelta + 1)) / 2 : 0);
}

/** Standard normal tail moments ∫_b^∞ t^k φ(t) dt, k = 0…4, into m (zero when b is beyond the truncation). */
function upperTailMoments(b: number, sds: number, m: Float64Array): void {
  if (b > sds) {
    m.fill(0);
    return;
  }
  const p = fastNormalCdf(-b);
  const f = Math.exp(-0.5 * b * b) * INV_SQRT_2PI;
  m[0] = p;
  m[1] = f;
  m[2] = b * f + p;
  m[3] = (b * b + 2) * f;
  m[4] = (b * b * b + 3 * b) * f + 3 * p;
}

const lowMoments = new Float64Array(5);
const highMoments = new Float64Array(5);

/** k-th moment of both tails with weights a below and b above: ∫_{−∞}^lower t^k φ = (−1)^k ∫_{−lower}^∞ t^k φ. */
function tailMoment(k: number, a: number, b: number): number {
  return a * (k % 2 === 1 ? -lowMoments[k]! : lowMoments[k]!) + b * highMoments[k]!;
}

/** The constant-weight tails' contributions (see the header), first or second order. */
function addTails(g: WeightGrid, m: number, r: number, sds: number, out: Float64Array, second: boolean): void {
  const nd = g.nDelta;
  upperTailMoments(-(g.edges[0]! - m) / r, sds, lowMoments);
  upperTailMoments((g.edges[g.edges.length - 1]! - m) / r, sds, highMoments);
  const lo = g.below.w;
  const hi = g.above.w;
  out[0] = tailMoment(0, lo, hi);
  out[1] = tailMoment(1, lo, hi);
  out[2] = tailMoment(2, lo, hi) - out[0]!;
  for (let j = 0; j < nd; j++) out[3 + j] = tailMoment(0, lo * g.below.dlog[j]!, hi * g.above.dlog[j]!);
  if (!second) return;
  const x = 3 + nd;
  out[x] = tailMoment(3, lo, hi);
  out[x + 1] = tailMoment(4, lo, hi);
  for (let j = 0; j < nd; j++) {
    out[x + 2 + 2 * j] = tailMoment(1, lo * g.below.dlog[j]!, hi * g.above.dlog[j]!);
    out[x + 3 + 2 * j] = tailMoment(2, lo * g.below.dlog[j]!, hi * g.above.dlog[j]!);
  }
  for (let q = 0; q < g.below.d2.length; q++) out[x + 2 + 2 * nd + q] = tailMoment(0, lo * g.below.d2[q]!, hi * g.above.d2[q]!);
}

/** First panel whose right edge exceeds x (binary search). */
function firstPanel(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid + 1]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Smallest φ(u)/r at a panel's centre that is chained to the next panel (below, exp is called afresh). */
const CHAIN_FLOOR = 1e-280;

/** Per-study scratch of the node factors exp(±uvx) and φ(t)/r at a panel's 15 nodes. */
const up = new Float64Array(7);
const down = new Float64Array(7);
const gauss = new Float64Array(PANEL_NODES);

/**
 * The table's panel widths, grouped: panels whose half-widths agree to 1e-13 (bisections of one
 * level differ by rounding only) share an index, and the width factors exp(−v²x²/2) and the
 * panel-to-panel ratios exp(±2v²x) of each group (v = h/r) are kept with the r they were computed
 * for. They depend on the study only through r, so studies with equal r (all of them at τ² = 0,
 * and equal variances) compute them once per table instead of at every change of width.
 */
interface WidthGroups {
  table: WeightGrid | null;
  index: Int32Array;
  half: Float64Array;
  r: Float64Array;
  factor: Float64Array;
  rise: Float64Array;
  fall: Float64Array;
  /** exp(−4v²): the change, from one panel to the next of equal width, of the centre's ratio exp(−2uv − 2v²). */
  decay: Float64Array;
}

const groups: WidthGroups = {
  table: null,
  index: new Int32Array(0),
  half: new Float64Array(0),
  r: new Float64Array(0),
  factor: new Float64Array(0),
  rise: new Float64Array(0),
  fall: new Float64Array(0),
  decay: new Float64Array(0),
};

/** Group the panel widths of `g` (once per table). */
function widthGroups(g: WeightGrid): WidthGroups {
  if (groups.table === g) return groups;
  const edges = g.edges;
  const n = Math.max(0, edges.length - 1);
  const index = new Int32Array(n);
  const half: number[] = [];
  for (let p = 0; p < n; p++) {
    const h = 0.5 * (edges[p + 1]! - edges[p]!);
    let id = half.findIndex((x) => Math.abs(h - x) <= 1e-13 * h);
    if (id < 0) id = half.push(h) - 1;
    index[p] = id;
  }
  groups.table = g;
  groups.index = index;
  groups.half = Float64Array.from(half);
  groups.r = new Float64Array(half.length).fill(NaN);
  groups.factor = new Float64Array(7 * half.length);
  groups.rise = new Float64Array(7 * half.length);
  groups.fall = new Float64Array(7 * half.length);
  groups.decay = new Float64Array(half.length);
  return groups;
}

/** The width factors and ratios of group `id` for a study of SD ratio r (computed unless kept for this r). */
function groupFactors(w: WidthGroups, id: number, r: number): void {
  if (w.r[id] === r) return;
  const v = w.half[id]! / r;
  for (let q = 0; q < 7; q++) {
    const x = KRONROD_X[q]!;
    w.factor[7 * id + q] = Math.exp(-0.5 * v * v * x * x);
    const rise = Math.exp(2 * v * v * x);
    w.rise[7 * id + q] = rise;
    w.fall[7 * id + q] = 1 / rise;
  }
  w.decay[id] = Math.exp(-4 * v * v);
  w.r[id] = r;
}

/**
 * Fill `out` (length momentCount(nDelta, second)) with the integrals of the study whose z-density is N(m, r²).
 * On a panel with centre c and half-width h, node t = u + v·x (u = (c − m)/r, v = h/r), so
 * exp(−t²/2) = exp(−u²/2)·exp(−uvx)·exp(−v²x²/2). The last factor is shared by panels of equal
 * width (and kept per width and r, widthGroups), and from one panel to the next of equal width u
 * grows by 2v, so exp(±uvx) is updated by the constant ratios exp(±2v²x): one exponential per panel
 * instead of fifteen.
 * @example
 * // A table without panels: weight 1 below z = 0 and 0.5 above (a step at z = 0), so A = Φ(0) + 0.5·Φ(0).
 * const none = new Float64Array(0);
 * const tail = (w) => ({ w, dlog: Float64Array.of(0), d2: Float64Array.of(0) });
 * const g = { edges: Float64Array.of(0), z: none, wk: none, wg: none, w: none, dw: none, ddw: none, nDelta: 1, below: tail(1), above: tail(0.5), logRange: Math.log(2) };
 * const out = new Float64Array(4);
 * (gridIntegrals(g, 0, 1, truncationSds(g.logRange), out), out[0]) // 0.75
 */
export function gridIntegrals(g: WeightGrid, m: number, r: number, sds: number, out: Float64Array, second = false): void {
  addTails(g, m, r, sds, out, second);
  const edges = g.edges;
  const last = Math.min(edges.length - 2, firstPanel(edges, m + sds * r));
  const scale = INV_SQRT_2PI / r;
  const w = widthGroups(g);
  let lastId = -1;
  let centre = 0;
  let ratio = 0;
  for (let p = firstPanel(edges, m - sds * r); p <= last; p++) {
    const h = 0.5 * (edges[p + 1]! - edges[p]!);
    const u = (0.5 * (edges[p + 1]! + edges[p]!) - m) / r;
    const v = h / r;
    const id = w.index[p]!;
    groupFactors(w, id, r);
    const at = 7 * id;
    // Chain from the previous panel (always adjacent on the table) when it has the same width:
    // exp(−u²/2) by the ratio exp(−2uv − 2v²), itself by exp(−4v²), unless the centre is so small
    // that a subnormal would lose digits (each chained step adds a rounding of ~1e-16).
    if (id === lastId) {
      for (let q = 0; q < 7; q++) {
        up[q] = up[q]! * w.rise[at + q]!;
        down[q] = down[q]! * w.fall[at + q]!;
      }
      if (centre > CHAIN_FLOOR) {
        centre *= ratio;
        ratio *= w.decay[id]!;
      } else {
        centre = Math.exp(-0.5 * u * u) * scale;
        ratio = Math.exp(-2 * u * v - 2 * v * v);
      }
    } else {
      for (let q = 0; q < 7; q++) {
        up[q] = Math.exp(u * v * KRONROD_X[q]!);
        down[q] = 1 / up[q]!;
      }
      centre = Math.exp(-0.5 * u * u) * scale;
      ratio = Math.exp(-2 * u * v - 2 * v * v);
      lastId = id;
    }
    for (let q = 0; q < 7; q++) {
      const c = centre * w.factor[at + q]!;
      gauss[q] = c * up[q]!;
      gauss[14 - q] = c * down[q]!;
    }
    gauss[7] = centre;
    if (second) panelSecondOrder(g, p, u, v, gauss, out);
    else panelSums(g, p, u, v, gauss, out);
  }
}

/** The signed Kronrod abscissa of each of a panel's 15 nodes. */
const NODE_X = Float64Array.from({ length: PANEL_NODES }, (_, q) => (q < 7 ? -KRONROD_X[q]! : q > 7 ? KRONROD_X[14 - q]! : 0));

/** Add one panel's node sums (gauss: φ(t)/r at its 15 nodes) into out. */
function panelSums(g: WeightGrid, p: number, u: number, v: number, gauss: Float64Array, out: Float64Array): void {
  const nd = g.nDelta;
  const base = p * PANEL_NODES;
  const wk = g.wk;
  const w = g.w;
  const dw = g.dw;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let d0 = 0;
  let d1 = 0;
  for (let q = 0; q < PANEL_NODES; q++) {
    const i = base + q;
    const t = u + v * NODE_X[q]!;
    const e = gauss[q]! * wk[i]!;
    const f = e * w[i]!;
    s0 += f;
    s1 += f * t;
    s2 += f * t * t;
    // Every continuous type has one or two δ's.
    d0 += e * dw[i * nd]!;
    if (nd > 1) d1 += e * dw[i * nd + 1]!;
  }
  out[0] = out[0]! + s0;
  out[1] = out[1]! + s1;
  out[2] = out[2]! + (s2 - s0);
  if (nd > 0) out[3] = out[3]! + d0;
  if (nd > 1) out[4] = out[4]! + d1;
}

/** Add one panel's second-order node sums (all the moments of the header; gauss: φ(t)/r at its 15 nodes) into out. */
function panelSecondOrder(g: WeightGrid, p: number, u: number, v: number, gauss: Float64Array, out: Float64Array): void {
  const nd = g.nDelta;
  const np = (nd * (nd + 1)) / 2;
  const base = p * PANEL_NODES;
  const { wk, w, dw, ddw } = g;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  for (let q = 0; q < PANEL_NODES; q++) {
    const i = base + q;
    const t = u + v * NODE_X[q]!;
    const e = gauss[q]! * wk[i]!;
    const f = e * w[i]!;
    const t2 = t * t;
    s0 += f;
    s1 += f * t;
    s2 += f * t2;
    s3 += f * t2 * t;
    s4 += f * t2 * t2;
    // Every continuous type has one or two δ's.
    const da = e * dw[i * nd]!;
    a0 += da;
    a1 += da * t;
    a2 += da * t2;
    c0 += e * ddw[i * np]!;
    if (nd > 1) {
      const db = e * dw[i * nd + 1]!;
      b0 += db;
      b1 += db * t;
      b2 += db * t2;
      c1 += e * ddw[i * np + 1]!;
      c2 += e * ddw[i * np + 2]!;
    }
  }
  const x = 3 + nd;
  out[0] = out[0]! + s0;
  out[1] = out[1]! + s1;
  out[2] = out[2]! + (s2 - s0);
  out[3] = out[3]! + a0;
  out[x] = out[x]! + s3;
  out[x + 1] = out[x + 1]! + s4;
  out[x + 2] = out[x + 2]! + a1;
  out[x + 3] = out[x + 3]! + a2;
  out[x + 2 + 2 * nd] = out[x + 2 + 2 * nd]! + c0;
  if (nd > 1) {
    out[4] = out[4]! + b0;
    out[x + 4] = out[x + 4]! + b1;
    out[x + 5] = out[x + 5]! + b2;
    out[x + 7] = out[x + 7]! + c1;
    out[x + 8] = out[x + 8]! + c2;
  }
}
