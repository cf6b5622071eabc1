// The selection weight of a continuous selection function tabulated once per likelihood evaluation
// on Gauss–Kronrod panels in z = y/√v (the study's standardised effect), so that all studies share
// its costly part (Φ, log, exp). A study's p-value, hence its weight w̃(z) = w(p(z); δ), depends on
// y only through z; in z, the study's normal density N(y; μ, v + τ²) is N(z; μ/√v, r²) with
// r = √((v + τ²)/v) ≥ 1, so one table serves every study. Outside [lower, upper] w̃ is constant
// (p clamped at pval.min or at the cut-point, or w(p) equal to its limit to double precision),
// which lets the tails be integrated in closed form (likelihoodGrid.ts).
import { normalQuantile } from '../distributions/index.js';
import { WG as GAUSS_WEIGHTS, XGK as KRONROD, WGK as KRONROD_WEIGHTS } from './gaussKronrod.js';
import { fastNormalCdf, TAIL_UNDERFLOW } from './normalTail.js';
import { logWeight, logWeightWithCurvature, packedSize } from './selectionFunctions.js';
import { clampPValue } from './studyPValue.js';
import type { SelectionAlternative, SelectionType } from './vocabulary.js';

/** Kronrod abscissae on [−1, 0] (the odd-indexed ones are the 7 Gauss nodes), their weights, and the Gauss weights by the same index. */
const XGK = KRONROD.map((x) => -x);
const WGK = KRONROD_WEIGHTS;
const WG = [0, GAUSS_WEIGHTS[0]!, 0, GAUSS_WEIGHTS[1]!, 0, GAUSS_WEIGHTS[2]!, 0, GAUSS_WEIGHTS[3]!];
/** |x| of the Kronrod nodes paired as ±x: node q < 7 sits at −KRONROD_X[q], node 14 − q at +KRONROD_X[q], node 7 at 0. */
export const KRONROD_X = XGK.slice(0, 7).map((x) => -x);
/** Nodes per panel. */
export const PANEL_NODES = 15;
/** Widest panel: a normal density of SD ≥ 1 is integrated by the 7-point Gauss rule to ~1e-12 on it. */
const MAX_WIDTH = 2.5;
/** From |z| = 37.5193 on, the standard normal tail is 0 as R's pnorm computes it (p is exactly 0 or 1): w̃ is constant beyond. */
const Z_CAP = TAIL_UNDERFLOW;
/** Relative accuracy to which each panel must resolve w̃ and its δ-derivatives. */
const RESOLUTION = 1e-13;
const MIN_WIDTH = 1e-9;
const MAX_PANELS = 2000;

export interface WeightTail {
  /** w̃ beyond the bound. */
  readonly w: number;
  /** ∂ log w̃ / ∂δ_j beyond the bound. */
  readonly dlog: Float64Array;
  /** (∂²w̃/∂δ_j∂δ_l)/w̃ beyond the bound, packed (selectionFunctions.packedSize). */
  readonly d2: Float64Array;
}

export interface WeightGrid {
  /** Panel boundaries (nPanels + 1), increasing. */
  readonly edges: Float64Array;
  /** Node positions, Kronrod weights and Gauss weights (0 at Kronrod-only nodes), 15 per panel. */
  readonly z: Float64Array;
  readonly wk: Float64Array;
  readonly wg: Float64Array;
  /** w̃ at the nodes, w̃·∂ log w̃/∂δ_j (node-major: node·nDelta + j) and ∂²w̃/∂δ_j∂δ_l (node-major, packed). */
  readonly w: Float64Array;
  readonly dw: Float64Array;
  readonly ddw: Float64Array;
  readonly nDelta: number;
  readonly below: WeightTail;
  readonly above: WeightTail;
  /** log(max w̃ / min w̃) over the whole line (∞ when w̃ underflows somewhere). */
  readonly logRange: number;
}

export interface WeightSpec {
  readonly type: SelectionType;
  readonly alternative: SelectionAlternative;
  /** Cut-point s (weight 1 for p ≤ s; 0 for none). */
  readonly cut: number;
  readonly pMin: number;
}

/** p(z) of a study with standardised effect z, clamped to [pMin, 1 − pMin] (as the likelihood reads it). */
export function pOfZ(spec: WeightSpec, z: number): number {
  const raw = spec.alternative === 'two.sided' ? 2 * fastNormalCdf(-Math.abs(z)) : fastNormalCdf(spec.alternative === 'greater' ? -z : z);
  return clampPValue(raw, spec.pMin);
}

/** z with Φ(−z) = q for a far-tail q (Newton steps on log Φ(−z), from z = √(−2 log q)). */
function upperTailQuantile(q: number): number {
  const logQ = Math.log(q);
  let z = Math.sqrt(-2 * logQ);
  for (let i = 0; i < 50; i++) {
    const tail = fastNormalCdf(-z);
    if (!(tail > 0)) return Z_CAP;
    const step = (Math.log(tail) - logQ) / (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) / tail);
    z += step;
    if (Math.abs(step) < 1e-12 * z) break;
  }
  return z;
}

/** |z| at which the one-sided (or two-sided) p-value equals p. */
function zOfP(p: number, twoSided: boolean): number {
  const q = twoSided ? p / 2 : p;
  if (!(q > 0)) return Z_CAP;
  return Math.min(Z_CAP, q < 1e-10 ? upperTailQuantile(q) : -normalQuantile(q));
}

/**
 * The p-value below which w(p) and ∂ log w/∂δ equal their limits at p → 0 to about 1e-17 (types with
 * pval.min = 0 and no cut-point: halfnorm, negexp, logistic, negexppow).
 */
function saturationP(type: SelectionType, delta: ArrayLike<number>): number {
  const tiny = 1e-17;
  const d = Math.max(1, Math.abs(delta[0]!));
  switch (type) {
    case 'halfnorm':
      return Math.sqrt(tiny / d);
    case 'negexppow': {
      // δ1·p^(1/δ2) and δ1·p^(1/δ2)·|log p|/δ2² below 1e-17: log p ≤ δ2·log(1e-17 / (δ1·(1 + |log p|))).
      const d2 = Math.max(delta[1]!, 1e-3);
      let logP = d2 * Math.log(tiny / d);
      logP = d2 * Math.log(tiny / (d * (1 + Math.abs(logP) / (d2 * d2))));
      return logP < -745 ? 0 : Math.exp(logP);
    }
    default:
      return tiny / d;
  }
}

/** The z-interval outside which w̃ is constant, and the kinks of w̃ inside it. */
function support(spec: WeightSpec, delta: ArrayLike<number>): { lower: number; upper: number; kinks: number[] } {
  const twoSided = spec.alternative === 'two.sided';
  const pLow = spec.pMin > 0 ? spec.pMin : spec.cut > 0 ? spec.cut : saturationP(spec.type, delta);
  const zLow = zOfP(pLow, twoSided); // |z| beyond which p ≤ pLow
  const kinks: number[] = [];
  const add = (z: number) => kinks.push(z);
  if (spec.pMin > 0 && spec.cut > 0) add(zOfP(spec.cut, twoSided));
  if (twoSided) {
    add(0);
    if (spec.pMin > 0) add(zOfP(1 - spec.pMin, true));
    kinks.push(...kinks.filter((z) => z > 0).map((z) => -z));
    return { lower: -zLow, upper: zLow, kinks };
  }
  // One-sided: p → 1 on the far side; with pMin = 0 it is exactly 1 beyond |z| = 8.5.
  const zHigh = spec.pMin > 0 ? zOfP(1 - spec.pMin, false) : -8.5;
  return spec.alternative === 'greater' ? { lower: zHigh, upper: zLow, kinks } : { lower: -zLow, upper: -zHigh, kinks: kinks.map((z) => -z) };
}

/**
 * log(max w̃ / min w̃) over the whole line: w(p) is monotone in p for every type but beta, so its
 * extremes are at the smallest and largest p the likelihood reads (pMin and 1 − pMin, or 0 and 1);
 * beta's log w = (δ1 − 1) log p + (δ2 − 1) log(1 − p) may also have its extremum inside, at
 * p = (δ1 − 1)/(δ1 + δ2 − 2). ∞ when w̃ underflows somewhere.
 * @example weightLogRange({ type: 'negexp', alternative: 'greater', cut: 0, pMin: 0 }, [3]) // 3
 */
export function weightLogRange(spec: WeightSpec, delta: ArrayLike<number>): number {
  const ps = [clampPValue(0, spec.pMin), clampPValue(1, spec.pMin)];
  if (spec.type === 'beta') {
    const inner = (delta[0]! - 1) / (delta[0]! + delta[1]! - 2);
    if (inner > ps[0]! && inner < ps[1]!) ps.push(inner);
  }
  const logs = ps.map((p) => logWeight(spec.type, p, delta, spec.cut));
  const range = Math.max(...logs) - Math.min(...logs);
  return Number.isNaN(range) ? Infinity : range;
}

/** Panel edges: the support cut at the kinks, each piece split evenly into panels no wider than MAX_WIDTH. */
function panelEdges(lower: number, upper: number, kinks: readonly number[]): number[] {
  const cuts = [lower, ...kinks.filter((z) => z > lower && z < upper), upper].sort((a, b) => a - b);
  const edges = [cuts[0]!];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    if (!(b > a)) continue;
    const n = Math.ceil((b - a) / MAX_WIDTH);
    for (let j = 1; j <= n; j++) edges.push(j === n ? b : a + ((b - a) * j) / n);
  }
  return edges;
}

/** (∂²w/∂δ_j∂δ_l)/w = ∂²log w/∂δ_j∂δ_l + ∂_j log w·∂_l log w, packed, from the curvature already in `d2`. */
function secondOverW(dlog: Float64Array, d2: Float64Array): void {
  const nd = dlog.length;
  let m = 0;
  for (let j = 0; j < nd; j++) {
    for (let l = j; l < nd; l++) {
      d2[m] = d2[m]! + dlog[j]! * dlog[l]!;
      m++;
    }
  }
}

function tail(spec: WeightSpec, z: number, delta: ArrayLike<number>, nDelta: number): WeightTail {
  const dlog = new Float64Array(nDelta);
  const d2 = new Float64Array(packedSize(nDelta));
  const p = pOfZ(spec, z);
  const w = Math.exp(logWeightWithCurvature(spec.type, p, delta, spec.cut, dlog, d2));
  secondOverW(dlog, d2);
  return { w, dlog, d2 };
}

/** One panel's 15 nodes: z, Kronrod and Gauss weights, w̃, w̃·∂ log w̃/∂δ and ∂²w̃/∂δ² (node-major). */
interface PanelNodes {
  a: number;
  readonly z: Float64Array;
  readonly wk: Float64Array;
  readonly wg: Float64Array;
  readonly w: Float64Array;
  readonly dw: Float64Array;
  readonly ddw: Float64Array;
}

/** Arrays for `panels` panels' nodes with nd δ's (np = packed second derivatives). */
function panelArrays(panels: number, nd: number, np: number): PanelNodes {
  const n = panels * PANEL_NODES;
  return {
    a: 0,
    z: new Float64Array(n),
    wk: new Float64Array(n),
    wg: new Float64Array(n),
    w: new Float64Array(n),
    dw: new Float64Array(n * nd),
    ddw: new Float64Array(n * np),
  };
}

/** Fill `out` (one panel's arrays, reused from panel to panel) with the nodes of [a, b]. */
function panelNodes(spec: WeightSpec, delta: ArrayLike<number>, a: number, b: number, dlog: Float64Array, d2: Float64Array, out: PanelNodes): void {
  const nd = dlog.length;
  const np = d2.length;
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  out.a = a;
  for (let q = 0; q < PANEL_NODES; q++) {
    const m = q < 8 ? q : 14 - q;
    const z = c + h * (q < 8 ? XGK[m]! : -XGK[m]!);
    out.z[q] = z;
    out.wk[q] = h * WGK[m]!;
    out.wg[q] = h * WG[m]!;
    const p = pOfZ(spec, z);
    const wi = Math.exp(logWeightWithCurvature(spec.type, p, delta, spec.cut, dlog, d2));
    secondOverW(dlog, d2);
    out.w[q] = wi;
    for (let j = 0; j < nd; j++) out.dw[q * nd + j] = wi * dlog[j]!;
    for (let m = 0; m < np; m++) out.ddw[q * np + m] = wi * d2[m]!;
  }
}

/** Accepted panels in arrays that double as they fill (so a table costs a few allocations, not six per panel), with each panel's left edge. */
interface PanelStore {
  readonly starts: number[];
  nodes: PanelNodes;
}

/** Copy panel `from` of src into panel `to` of dst. */
function copyPanel(src: PanelNodes, from: number, dst: PanelNodes, to: number, nd: number, np: number): void {
  const a = from * PANEL_NODES;
  const b = to * PANEL_NODES;
  for (let q = 0; q < PANEL_NODES; q++) {
    dst.z[b + q] = src.z[a + q]!;
    dst.wk[b + q] = src.wk[a + q]!;
    dst.wg[b + q] = src.wg[a + q]!;
    dst.w[b + q] = src.w[a + q]!;
  }
  for (let j = 0; j < PANEL_NODES * nd; j++) dst.dw[b * nd + j] = src.dw[a * nd + j]!;
  for (let j = 0; j < PANEL_NODES * np; j++) dst.ddw[b * np + j] = src.ddw[a * np + j]!;
}

/**
 * The store's arrays are kept from one table to the next (their contents are copied out into the
 * table), so that a likelihood evaluation does not allocate them afresh: large typed arrays are
 * allocated outside the heap and their turnover drives full garbage collections.
 */
let kept: { nd: number; np: number; nodes: PanelNodes } | null = null;

function emptyStore(nd: number, np: number): PanelStore {
  if (!kept || kept.nd !== nd || kept.np !== np) kept = { nd, np, nodes: panelArrays(64, nd, np) };
  return { starts: [], nodes: kept.nodes };
}

function storePanel(store: PanelStore, panel: PanelNodes, nd: number, np: number): void {
  const i = store.starts.length;
  if ((i + 1) * PANEL_NODES > store.nodes.z.length) {
    const bigger = panelArrays(2 * (i + 1), nd, np);
    for (const key of ['z', 'wk', 'wg', 'w', 'dw', 'ddw'] as const) bigger[key].set(store.nodes[key]);
    store.nodes = bigger;
    kept = { nd, np, nodes: bigger };
  }
  store.starts.push(panel.a);
  copyPanel(panel, 0, store.nodes, i, nd, np);
}

/** QUADPACK's error estimate (Piessens et al. 1983) of one component's Kronrod sum, and its ∫|f|. */
function quadratureError(n: PanelNodes, value: (q: number) => number): [number, number] {
  let k = 0;
  let g = 0;
  let abs = 0;
  let width = 0;
  for (let q = 0; q < PANEL_NODES; q++) {
    const f = value(q);
    k += n.wk[q]! * f;
    g += n.wg[q]! * f;
    abs += n.wk[q]! * Math.abs(f);
    width += n.wk[q]!;
  }
  // Weights below ~1e-200 (down to the subnormals, where relative precision is lost) cannot matter.
  if (!(abs > 1e-200 * width)) return Number.isNaN(abs) ? [NaN, NaN] : [0, 0];
  const mean = k / width;
  let resasc = 0;
  for (let q = 0; q < PANEL_NODES; q++) resasc += n.wk[q]! * Math.abs(value(q) - mean);
  let e = Math.abs(k - g);
  if (resasc !== 0 && e !== 0) e = resasc * Math.min(1, ((200 * e) / resasc) ** 1.5);
  return [e, abs];
}

/**
 * True when the panel resolves w̃ and each w̃·∂ log w̃/∂δ_j to RESOLUTION, relative to the panel's
 * ∫|w̃| + ∫|component|: a gradient integral matters relative to A (and p near 1, computed as
 * 1 − tail, carries absolute noise that a purely relative criterion would chase forever).
 */
function resolved(n: PanelNodes, nd: number): boolean {
  const [errW, absW] = quadratureError(n, (q) => n.w[q]!);
  if (!(errW <= RESOLUTION * absW)) return false;
  for (let j = 0; j < nd; j++) {
    const [err, abs] = quadratureError(n, (q) => n.dw[q * nd + j]!);
    if (!(err <= RESOLUTION * (abs + absW))) return false;
  }
  return true;
}

/** Panels on the edges, bisected until each resolves the weight (or MAX_PANELS / MIN_WIDTH is reached). */
function refinedPanels(spec: WeightSpec, delta: ArrayLike<number>, edges: readonly number[]): PanelStore {
  const dlog = new Float64Array(delta.length);
  const d2 = new Float64Array(packedSize(delta.length));
  const done = emptyStore(dlog.length, d2.length);
  const scratch = panelArrays(1, dlog.length, d2.length);
  const todo: [number, number][] = [];
  for (let i = 0; i + 1 < edges.length; i++) todo.push([edges[i]!, edges[i + 1]!]);
  while (todo.length > 0) {
    const [a, b] = todo.pop()!;
    panelNodes(spec, delta, a, b, dlog, d2, scratch);
    const mid = 0.5 * (a + b);
    const count = done.starts.length;
    if (resolved(scratch, delta.length) || b - a < MIN_WIDTH || count + todo.length >= MAX_PANELS || !(mid > a && mid < b))
      storePanel(done, scratch, dlog.length, d2.length);
    else todo.push([a, mid], [mid, b]);
  }
  return done;
}

/**
 * Tabulate w̃ and its δ-derivatives for the continuous selection function `spec` at δ.
 * Kernel: never throws (non-finite weights propagate as NaN).
 * @example buildWeightGrid({ type: 'negexp', alternative: 'greater', cut: 0, pMin: 0 }, [1]).above.w // 1
 */
export function buildWeightGrid(spec: WeightSpec, delta: ArrayLike<number>, window?: readonly [number, number]): WeightGrid {
  const nDelta = delta.length;
  const { lower, upper, kinks } = support(spec, delta);
  // Only the part of the support that some study's integration window reaches is tabulated.
  const clipped = window !== undefined && Math.max(lower, window[0]) < Math.min(upper, window[1]);
  const from = clipped ? Math.max(lower, window[0]) : lower;
  const to = clipped ? Math.min(upper, window[1]) : upper;
  const store = refinedPanels(spec, delta, panelEdges(from, to, kinks));
  const order = store.starts.map((_, i) => i).sort((i, j) => store.starts[i]! - store.starts[j]!);
  const nPacked = packedSize(nDelta);
  const g = panelArrays(order.length, nDelta, nPacked);
  order.forEach((from, i) => {
    copyPanel(store.nodes, from, g, i, nDelta, nPacked);
  });
  const edges = Float64Array.from([...order.map((i) => store.starts[i]!), to]);
  const below = tail(spec, lower - 1, delta, nDelta);
  const above = tail(spec, upper + 1, delta, nDelta);
  const { z, wk, wg, w, dw, ddw } = g;
  return { edges, z, wk, wg, w, dw, ddw, nDelta, below, above, logRange: weightLogRange(spec, delta) };
}
