// A study's normalising integral A = ∫ w̃(z) N(z; m, r²) dz and its gradient integrals on the shared
// weight table (weightGrid.ts), with t = (z − m)/r:
//   out[0] = A = ∫ w̃ φ(t) dt,  out[1] = ∫ w̃ φ t dt,  out[2] = ∫ w̃ φ (t² − 1) dt,  out[3+j] = ∫ w̃ ∂_j log w̃ φ dt.
// Outside the table w̃ is constant, so the tails are normal tail probabilities in closed form
// (∫_b^∞ φ = Φ(−b), ∫_b^∞ tφ = φ(b), ∫_b^∞ (t² − 1)φ = bφ(b)). Panels whose normal mass is below
// 1e-18 of the smallest possible A (w̃'s range considered) are skipped. Panels are at most 2.5 wide
// in z and the normal density has SD r ≥ 1 there, so the 15-point Kronrod rule integrates the
// product of it and the (resolved) weight to near machine precision. Kernel: never throws.
import { fastNormalCdf } from './normalTail.js';
import { KRONROD_X, PANEL_NODES, type WeightGrid } from './weightGrid.js';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Number of SDs beyond which the normal mass is negligible against A (at most 38, where φ underflows). */
export function truncationSds(logRange: number): number {
  return Number.isFinite(logRange) ? Math.min(38, Math.sqrt(2 * (logRange + 42))) : 38;
}

function addTails(g: WeightGrid, m: number, r: number, out: Float64Array): void {
  const a = (g.edges[0]! - m) / r;
  const b = (g.edges[g.edges.length - 1]! - m) / r;
  const pa = fastNormalCdf(a);
  const pb = fastNormalCdf(-b);
  const fa = Math.exp(-0.5 * a * a) * INV_SQRT_2PI;
  const fb = Math.exp(-0.5 * b * b) * INV_SQRT_2PI;
  const lo = g.below.w;
  const hi = g.above.w;
  out[0] = lo * pa + hi * pb;
  out[1] = -lo * fa + hi * fb;
  out[2] = -lo * a * fa + hi * b * fb;
  for (let j = 0; j < g.nDelta; j++) out[3 + j] = lo * g.below.dlog[j]! * pa + hi * g.above.dlog[j]! * pb;
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

/** Per-study scratch of the node factors exp(±uvx) and their panel-to-panel ratios. */
const up = new Float64Array(7);
const down = new Float64Array(7);
const rise = new Float64Array(7);
const fall = new Float64Array(7);
const widthFactor = new Float64Array(7);
const gauss = new Float64Array(PANEL_NODES);

/**
 * Fill `out` (length 3 + nDelta) with the integrals of the study whose z-density is N(m, r²).
 * On a panel with centre c and half-width h, node t = u + v·x (u = (c − m)/r, v = h/r), so
 * exp(−t²/2) = exp(−u²/2)·exp(−uvx)·exp(−v²x²/2). The last factor is shared by panels of equal
 * width, and from one panel to the next of equal width u grows by 2v, so exp(±uvx) is updated by
 * the constant ratios exp(±2v²x): one exponential per panel instead of fifteen.
 * @example
 * // A table without panels: weight 1 below z = 0 and 0.5 above (a step at z = 0), so A = Φ(0) + 0.5·Φ(0).
 * const none = new Float64Array(0);
 * const g = { edges: Float64Array.of(0), z: none, wk: none, wg: none, w: none, dw: none, nDelta: 1, below: { w: 1, dlog: Float64Array.of(0) }, above: { w: 0.5, dlog: Float64Array.of(0) }, logRange: Math.log(2) };
 * const out = new Float64Array(4);
 * (gridIntegrals(g, 0, 1, truncationSds(g.logRange), out), out[0]) // 0.75
 */
export function gridIntegrals(g: WeightGrid, m: number, r: number, sds: number, out: Float64Array): void {
  addTails(g, m, r, out);
  const edges = g.edges;
  const last = Math.min(edges.length - 2, firstPanel(edges, m + sds * r));
  const scale = INV_SQRT_2PI / r;
  let lastH = NaN;
  let chained = false;
  for (let p = firstPanel(edges, m - sds * r); p <= last; p++) {
    const h = 0.5 * (edges[p + 1]! - edges[p]!);
    const u = (0.5 * (edges[p + 1]! + edges[p]!) - m) / r;
    const v = h / r;
    if (h === lastH && chained) {
      for (let q = 0; q < 7; q++) {
        up[q] = up[q]! * rise[q]!;
        down[q] = down[q]! * fall[q]!;
      }
    } else {
      for (let q = 0; q < 7; q++) {
        const x = KRONROD_X[q]!;
        if (h !== lastH) {
          widthFactor[q] = Math.exp(-0.5 * v * v * x * x);
          rise[q] = Math.exp(2 * v * v * x);
          fall[q] = 1 / rise[q]!;
        }
        up[q] = Math.exp(u * v * x);
        down[q] = 1 / up[q]!;
      }
      lastH = h;
    }
    // Chain to the next panel only when it starts where this one ends (always, on the table).
    chained = true;
    const centre = Math.exp(-0.5 * u * u) * scale;
    for (let q = 0; q < 7; q++) {
      const c = centre * widthFactor[q]!;
      gauss[q] = c * up[q]!;
      gauss[14 - q] = c * down[q]!;
    }
    gauss[7] = centre;
    panelSums(g, p, u, v, gauss, out);
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
