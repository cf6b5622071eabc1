// The observed information of the (restricted) log-likelihood of a nested model whose finest
// level is the rows themselves (a singleton level, e.g. `~ 1 | study/es` or `~ 1 | es`) with at
// most one level above, from the parents' row moments that the score's climb already holds
// (nestedTree.ts, climbFromRows), so that the scoring becomes Newton's method.
// With u = P·y, W_l = Z_lZ_l' and AI_lm = ½·u'W_lPW_mu (nestedScore.ts), the second derivatives are
//   −∂²ℓ_REML/∂s_l∂s_m = 2·AI_lm − ½·tr(PW_lPW_m),   −∂²ℓ_ML/∂s_l∂s_m = 2·AI_lm − ½·tr(M⁻¹W_lM⁻¹W_m)
// (Harville 1977; Searle, Casella & McCulloch 1992, §6.4 and §6.6; Gilmour, Thompson & Cullis 1995
// for AI as their mean), and with C = (X'M⁻¹X)⁻¹, Q_l = X'M⁻¹W_lM⁻¹X, R_lm = X'M⁻¹W_lM⁻¹W_mM⁻¹X,
//   tr(PW_lPW_m) = tr(M⁻¹W_lM⁻¹W_m) − 2·tr(C·R_lm) + tr(C·Q_l·C·Q_m).
// In a parent q (rows i with α_i = 1/(v_i + s_0), a = Σα, parent effect s_1, f = s_1/(1 + s_1·a),
// ρ = 1/(1 + s_1·a), E = f·Σα·x), M_q⁻¹ = diag(α) − f·αα', M_q⁻¹1 = ρ·α and M_q⁻¹X has rows
// α_i(x_i − E)', so every term is a sum over parents of moments Σα^r, Σα^r·x, Σα^r·xx' (r ≤ 3):
//   tr(M⁻¹M⁻¹) = Σα² − 2f·Σα³ + f²(Σα²)²,  tr(M⁻¹M⁻¹W_1) = ρ²·Σα²,  tr(M⁻¹W_1M⁻¹W_1) = (ρa)²,
//   Q_0 = Σα²(x − E)(x − E)',  Q_1 = hh' (h = ρ·Σα·x),  R_00 = Σα³(x − E)(x − E)' − f·ww' (w = Σα²(x − E)),
//   R_01 = ρ·wh',  R_11 = ρa·hh'.
// Far from the optimum the observed information need not be positive definite: the average
// information is kept there.
import { choleskyInPlace } from './blockAlgebra.js';
import type { ModelData } from './modelData.js';
import { designWorkspace, groupWidth, momentWidth, type NestedTree, type TreeWorkspace } from './nestedTree.js';

/** Sums over the parents: the traces T_lm, and Q_l, R_lm over the design columns (p×p, row-major; R_01 full, the others lower). */
interface ParentSums {
  readonly t: Float64Array;
  readonly q0: Float64Array;
  readonly q1: Float64Array;
  readonly r00: Float64Array;
  readonly r01: Float64Array;
  readonly r11: Float64Array;
}

/** Per-parent scratch: E, h and w over the design columns. */
interface Scratch {
  readonly e: Float64Array;
  readonly h: Float64Array;
  readonly w: Float64Array;
}

/** Add parent q's terms (moments at `o`, block size `block`; a, f, ρ, E and h already in the scratch). */
function addParent(m: Float64Array, o: number, z: number, at: number, f: number, rho: number, x: Scratch, out: ParentSums): void {
  const p = z - 1;
  const block = 1 + z + z * z;
  const o2 = o + block;
  const o3 = o2 + block;
  const a2 = m[o2]!;
  const a3 = m[o3]!;
  const { e, h, w } = x;
  out.t[0] = out.t[0]! + a2 - 2 * f * a3 + f * f * a2 * a2;
  out.t[1] = out.t[1]! + rho * rho * a2;
  out.t[2] = out.t[2]! + at * at;
  for (let i = 0; i < p; i++) w[i] = m[o2 + 1 + i]! - a2 * e[i]!;
  for (let i = 0; i < p; i++) {
    const row = 1 + z + i * z;
    for (let j = 0; j <= i; j++) {
      const ee = e[i]! * e[j]!;
      out.q0[i * p + j] = out.q0[i * p + j]! + m[o2 + row + j]! - m[o2 + 1 + i]! * e[j]! - e[i]! * m[o2 + 1 + j]! + a2 * ee;
      out.r00[i * p + j] = out.r00[i * p + j]! + m[o3 + row + j]! - m[o3 + 1 + i]! * e[j]! - e[i]! * m[o3 + 1 + j]! + a3 * ee - f * w[i]! * w[j]!;
      out.q1[i * p + j] = out.q1[i * p + j]! + h[i]! * h[j]!;
      out.r11[i * p + j] = out.r11[i * p + j]! + at * h[i]! * h[j]!;
    }
    for (let j = 0; j < p; j++) out.r01[i * p + j] = out.r01[i * p + j]! + rho * w[i]! * h[j]!;
  }
}

/** parentSums of a model with one design column (p = 1, e.g. intercept only): the same sums as scalars, in a fraction of the operations. */
function interceptSums(m: Float64Array, up: Float64Array | null, s1: number): ParentSums {
  // z = 2: moment blocks of 7 cells, group cells of 8.
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let q0 = 0;
  let q1 = 0;
  let r00 = 0;
  let r01 = 0;
  let r11 = 0;
  for (let q = 0, o = 0; o < m.length; q++, o += 21) {
    const at = up ? up[q * 8]! : 0;
    const h = up ? up[q * 8 + 2]! : 0;
    const rho = 1 - s1 * at;
    const f = s1 * rho;
    const e = s1 * h;
    const a2 = m[o + 7]!;
    const a3 = m[o + 14]!;
    const m2 = m[o + 8]!;
    const m3 = m[o + 15]!;
    const w = m2 - a2 * e;
    t0 += a2 - 2 * f * a3 + f * f * a2 * a2;
    t1 += rho * rho * a2;
    t2 += at * at;
    q0 += m[o + 10]! - 2 * m2 * e + a2 * e * e;
    r00 += m[o + 17]! - 2 * m3 * e + a3 * e * e - f * w * w;
    q1 += h * h;
    r11 += at * h * h;
    r01 += rho * w * h;
  }
  const one = (x: number) => Float64Array.of(x);
  return { t: Float64Array.of(t0, t1, t2), q0: one(q0), q1: one(q1), r00: one(r00), r01: one(r01), r11: one(r11) };
}

/** The parent sums of a singleton tree of depth 1 or 2 at θ (its climb done with moments). */
function parentSums(tree: NestedTree, work: TreeWorkspace, sigma2: ArrayLike<number>): ParentSums {
  const z = work.z;
  const p = z - 1;
  const up = tree.order.length === 2 ? work.levels[1]! : null;
  const s1 = up ? sigma2[tree.order[1]!]! : 0;
  if (p === 1) return interceptSums(work.moments, up, s1);
  const mw = momentWidth(z);
  const width = groupWidth(z);
  const m = work.moments;
  const out: ParentSums = {
    t: new Float64Array(3),
    q0: new Float64Array(p * p),
    q1: new Float64Array(p * p),
    r00: new Float64Array(p * p),
    r01: new Float64Array(p * p),
    r11: new Float64Array(p * p),
  };
  const x: Scratch = { e: new Float64Array(p), h: new Float64Array(p), w: new Float64Array(p) };
  for (let q = 0; q * mw < m.length; q++) {
    // The parent after its own effect: 1'A⁻¹1 = ρa and 1'A⁻¹x = h (none above a one-level tree).
    const at = up ? up[q * width]! : 0;
    const rho = 1 - s1 * at;
    for (let j = 0; j < p; j++) {
      x.h[j] = up ? up[q * width + 2 + j]! : 0;
      x.e[j] = s1 * x.h[j]!;
    }
    addParent(m, q * mw, z, at, s1 * rho, rho, x, out);
  }
  return out;
}

/** tr(C·A) for C symmetric full and A stored lower (`lower`) or full. */
function traceProduct(c: Float64Array, a: Float64Array, p: number, lower: boolean): number {
  let s = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) s += c[i * p + j]! * (lower ? a[Math.max(i, j) * p + Math.min(i, j)]! : a[j * p + i]!);
  return s;
}

/** tr(C·A·C·B) for C symmetric and A, B symmetric stored lower. */
function traceQuad(c: Float64Array, a: Float64Array, b: Float64Array, p: number): number {
  const full = (x: Float64Array, i: number, j: number) => x[Math.max(i, j) * p + Math.min(i, j)]!;
  const ca = new Float64Array(p * p);
  const cb = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++)
      for (let k = 0; k < p; k++) {
        ca[i * p + j] = ca[i * p + j]! + c[i * p + k]! * full(a, k, j);
        cb[i * p + j] = cb[i * p + j]! + c[i * p + k]! * full(b, k, j);
      }
  let s = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) s += ca[i * p + j]! * cb[j * p + i]!;
  return s;
}

/**
 * The observed information (row-major, θ order) of a singleton tree of depth 1 or 2 from its
 * average information `ai`, at the θ of the last climb with moments of the centred design
 * (nestedScore's), whose GLS fit has the covariance `vb` on the same centred columns; null when
 * the tree has another shape or the observed information is not positive definite (the caller
 * then keeps `ai`).
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each (intercept only: centred vb = vb)
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * const data = buildModelData(table.studies, { random: [parseRandomTerm('~ 1 | district/school')], mods: [] });
 * const fit = fitMultilevelModel(data, 'REML');
 * rowTreeInformation(data, fit.plan.tree, fit.theta, Float64Array.of(1e3, 0, 0, 1e3), fit.vb, true).length // 4
 */
export function rowTreeInformation(
  data: ModelData,
  tree: NestedTree,
  sigma2: ArrayLike<number>,
  ai: Float64Array,
  vb: Float64Array,
  reml: boolean,
): Float64Array | null {
  const work = designWorkspace(data, tree, true);
  const depth = tree.order.length;
  if (!tree.singleton || depth > 2) return null;
  const p = work.z - 1;
  const s = parentSums(tree, work, sigma2);
  const n = sigma2.length;
  const out = Float64Array.from(ai);
  const q = [s.q0, s.q1];
  const r = (l: number, m: number) => (l === 0 ? (m === 0 ? s.r00 : s.r01) : s.r11);
  for (let l = 0; l < depth; l++)
    for (let m = 0; m <= l; m++) {
      // T index: (0,0) → 0, (1,0) → 1, (1,1) → 2.
      let tr = s.t[l + m]!;
      if (reml) tr += -2 * traceProduct(vb, r(m, l), p, !(l === 1 && m === 0)) + traceQuad(vb, q[l]!, q[m]!, p);
      const a = tree.order[l]!;
      const c = tree.order[m]!;
      out[a * n + c] = out[c * n + a] = 2 * ai[a * n + c]! - 0.5 * tr;
    }
  const check = Float64Array.from(out);
  return out.every(Number.isFinite) && choleskyInPlace(check, n) ? out : null;
}
