// Analytic score and average information of the (restricted) log-likelihood of a nested model
// (nestedTree.ts) with respect to its variance components, without any matrix. With
// M = V + Σ_l s_l·Z_lZ_l', u = M⁻¹(y − Xβ̂) and P = M⁻¹ − M⁻¹X(X'M⁻¹X)⁻¹X'M⁻¹ (Harville 1977;
// Searle, Casella & McCulloch 1992, §6.4):
//   ∂ℓ_REML/∂s_l = −½·tr(P·Z_lZ_l') + ½·u'Z_lZ_l'u,   ∂ℓ_ML/∂s_l = −½·tr(M⁻¹Z_lZ_l') + ½·u'Z_lZ_l'u,
// and the average information AI_lm = ½·b_l'P·b_m with b_l = Z_lZ_l'u (Gilmour, Thompson &
// Cullis 1995), the mean of the observed and expected information, positive semi-definite.
// Both sums run over groups g of level l and need 1_g'M⁻¹1_g and 1_g'M⁻¹z. Going down the
// hierarchy, Sherman–Morrison gives for a group c inside its parent q (A = M restricted to a group
// with its own effect, α = 1'A⁻¹1 and 1'A⁻¹z from the climb, ρ_q = 1 − s_q·α_q = 1/(1 + s_q·1'B_q⁻¹1)):
//   1_c'M⁻¹1_c = α_c(1 − K_c·α_c),  K_c = s_q·ρ_q + ρ_q²·K_q,
//   1_c'M⁻¹z   = 1'A_c⁻¹z − α_c·E_c,  E_c = s_q·1'A_q⁻¹z + ρ_q·E_q,  K = E = 0 at the top:
// O(groups·p²) per level.
import { interceptRowLevelGradient, interceptSeedInformation, interceptTopGradient } from './interceptScore.js';
import { glsFit } from './likelihood.js';
import { rowTreeInformation } from './rowTreeInformation.js';
import type { ModelData } from './modelData.js';
import {
  climbDesign,
  climbFrom,
  climbTree,
  designColumns,
  uncentredFit,
  designWorkspace,
  groupWidth,
  momentWidth,
  seedFinestGroups,
  sumsFromTotal,
  treeWorkspace,
  type NestedTree,
  type TreeWorkspace,
} from './nestedTree.js';

/** Value, gradient and a positive semi-definite information matrix (row-major) at θ, with the GLS fit there (on the raw columns). */
export interface LikelihoodScore {
  readonly value: number;
  readonly gradient: Float64Array;
  readonly information: Float64Array;
  readonly beta: Float64Array;
  readonly vb: Float64Array;
}

/** K and E (per column) of the children of each group of one level (they depend on the parent only). */
interface ChildTerms {
  readonly k: Float64Array;
  readonly e: Float64Array;
}

/** K and E for the children of each group of level t + 1, from those of level t + 2 (`above`; none at the top). */
function childTerms(tree: NestedTree, work: TreeWorkspace, sigma2: ArrayLike<number>, t: number, above: ChildTerms | null): ChildTerms {
  const n = tree.groups[t + 1]!;
  const z = work.z;
  const width = groupWidth(z);
  const out = { k: new Float64Array(n), e: new Float64Array(n * z) };
  const s = sigma2[tree.order[t + 1]!]!;
  const up = work.levels[t + 1]!;
  const grand = above ? tree.parent[t + 1]! : null;
  for (let q = 0; q < n; q++) {
    const rho = 1 - s * up[q * width]!;
    const g = grand ? grand[q]! : -1;
    out.k[q] = s * rho + (above ? rho * rho * above.k[g]! : 0);
    for (let a = 0; a < z; a++) out.e[q * z + a] = s * up[q * width + 2 + a]! + (above ? rho * above.e[g * z + a]! : 0);
  }
  return out;
}

/** Running sums of one level's gradient: tr(M⁻¹Z_lZ_l'), Σ(1_g'M⁻¹X)(…)' (REML) and Σ(1_g'u)². */
class LevelSums {
  trace = 0;
  uu = 0;
  readonly qq: Float64Array;
  readonly q: Float64Array;
  constructor(
    readonly beta: Float64Array,
    readonly reml: boolean,
  ) {
    this.qq = new Float64Array(beta.length * beta.length);
    this.q = new Float64Array(beta.length);
  }
  /** Add a group with α = 1'A⁻¹1, 1'A⁻¹z read from `w` at `o` (z = X..., y), K and E (at `eo` of `e`); returns 1_g'u. */
  add(a: number, w: Float64Array, o: number, kk: number, e: Float64Array | null, eo: number): number {
    const p = this.beta.length;
    this.trace += a * (1 - kk * a);
    // 1_g'M⁻¹z = 1'A_g⁻¹z − α_g·E_g for each column z.
    let r = w[o + p]! - (e ? a * e[eo + p]! : 0);
    for (let j = 0; j < p; j++) {
      this.q[j] = w[o + j]! - (e ? a * e[eo + j]! : 0);
      r -= this.q[j]! * this.beta[j]!;
    }
    this.uu += r * r;
    if (this.reml) for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) this.qq[i * p + j] = this.qq[i * p + j]! + this.q[i]! * this.q[j]!;
    return r;
  }
  gradient(vb: Float64Array): number {
    const p = this.beta.length;
    let correction = 0;
    if (this.reml) for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) correction += vb[i * p + j]! * this.qq[Math.max(i, j) * p + Math.min(i, j)]!;
    return -0.5 * (this.trace - correction) + 0.5 * this.uu;
  }
}

/** ∂ℓ/∂s of level t from its stored groups; writes 1_g'u of each group into `u`. */
function levelGradient(tree: NestedTree, work: TreeWorkspace, t: number, terms: ChildTerms | null, sums: LevelSums, u: Float64Array): void {
  const z = work.z;
  const width = groupWidth(z);
  const level = work.levels[t]!;
  const par = terms ? tree.parent[t]! : null;
  for (let g = 0; g < u.length; g++) {
    const q = par ? par[g]! : 0;
    u[g] = sums.add(level[g * width]!, level, g * width + 2, terms ? terms.k[q]! : 0, terms ? terms.e : null, q * z);
  }
}

/** The average-information climb's buffers (columns X..., b_1..b_L) and the ancestors of a row. */
interface AiPass {
  readonly work: TreeWorkspace;
  readonly col: Float64Array;
}

const aiWork = new WeakMap<NestedTree, AiPass>();

function aiPass(data: ModelData, tree: NestedTree): AiPass {
  const z = data.design.columns.length + tree.order.length;
  let pass = aiWork.get(tree);
  if (!pass || pass.work.z !== z) {
    pass = { work: treeWorkspace(tree, z, false), col: new Float64Array(z) };
    aiWork.set(tree, pass);
  }
  return pass;
}

/** Row i's columns of the information climb: X..., then 1_g'u of its group at each level (b_l = Z_lZ_l'u). */
function informationColumns(data: ModelData, tree: NestedTree, u: readonly Float64Array[], i: number, col: Float64Array): void {
  // The design columns as the score's climb saw them (centred), so that X and (X'M⁻¹X)⁻¹ agree.
  const x = designColumns(data, true);
  const p = x.length - 1;
  for (let j = 0; j < p; j++) col[j] = x[j]![i]!;
  let g = tree.rowGroup[i]!;
  for (let t = 0; t < u.length; t++) {
    col[p + t] = u[t]![g]!;
    if (t + 1 < u.length) g = tree.parent[t]![g]!;
  }
}

/** Add G = S − mE' − Em' + A·EE' (lower triangle, z×z) of one block (A, m, S lower) of a parent's row moments and E (null: 0) into g. */
function addCentredMoment(m: Float64Array, o: number, z: number, e: Float64Array | null, eo: number, g: Float64Array): void {
  const a = m[o]!;
  for (let i = 0; i < z; i++) {
    const ei = e ? e[eo + i]! : 0;
    const mi = m[o + 1 + i]!;
    const row = o + 1 + z + i * z;
    for (let j = 0; j <= i; j++) {
      const ej = e ? e[eo + j]! : 0;
      g[i * z + j] = g[i * z + j]! + (m[row + j]! - mi * ej - ei * m[o + 1 + j]! + a * ei * ej);
    }
  }
}

/**
 * ∂ℓ/∂s of the finest level of a singleton tree from the parents' row moments (climbFromRows):
 * row i in parent q has (M⁻¹)_ii = α_i − K_q·α_i² and 1_i'M⁻¹z = α_i(z_i − E_q), so per parent
 * Σ(M⁻¹)_ii = Σα − K_q·Σα² and Σ(1_i'M⁻¹z)(…)' = Σα²(z − E_q)(z − E_q)': no pass over the rows.
 */
function rowLevelGradient(work: TreeWorkspace, terms: ChildTerms | null, beta: Float64Array, vb: Float64Array, reml: boolean): number {
  if (work.z === 2) return interceptRowLevelGradient(work.moments, terms, beta[0]!, vb[0]!, reml);
  const z = work.z;
  const p = z - 1;
  const mw = momentWidth(z);
  const block = 1 + z + z * z;
  const m = work.moments;
  const g = new Float64Array(z * z);
  let trace = 0;
  for (let q = 0; q * mw < m.length; q++) {
    const o = q * mw;
    trace += m[o]! - (terms ? terms.k[q]! : 0) * m[o + block]!;
    addCentredMoment(m, o + block, z, terms ? terms.e : null, q * z, g);
  }
  // u'Z_0Z_0'u = c'Gc with c = (−β, 1); the REML correction tr(C·Σ(1_i'M⁻¹X)(…)') uses G's X block.
  const c = Float64Array.from({ length: z }, (_, i) => (i < p ? -beta[i]! : 1));
  let uu = 0;
  let correction = 0;
  for (let i = 0; i < z; i++)
    for (let j = 0; j < z; j++) {
      const gij = g[Math.max(i, j) * z + Math.min(i, j)]!;
      uu += c[i]! * gij * c[j]!;
      if (reml && i < p && j < p) correction += vb[i * p + j]! * gij;
    }
  return -0.5 * (trace - correction) + 0.5 * uu;
}

/** Per-parent scratch of seedInformation: c = (−β, 1), S₂·c, the columns constant in the parent, and b_0, b_0'b_0 of the parent. */
interface SeedScratch {
  readonly c: Float64Array;
  readonly s2c: Float64Array;
  readonly col: Float64Array;
  b0: number;
  b0b0: number;
}

/** Σα²·z·(z − E_q)'c (the b_0 column against X) into s2c, and b_0 = Σα·1_i'u, b_0'b_0 = Σα³((z − E_q)'c)² into w; the moments of order r sit at o + (r − 1)·block. */
function residualMoments(m: Float64Array, o: number, z: number, e: Float64Array | null, eo: number, w: SeedScratch): void {
  const block = 1 + z + z * z;
  const o2 = o + block;
  const o3 = o2 + block;
  const { c, s2c } = w;
  let ec = 0;
  let m2c = 0;
  let m3c = 0;
  let s3cc = 0;
  s2c.fill(0);
  for (let a = 0; a < z; a++) {
    const ca = c[a]!;
    if (e) ec += e[eo + a]! * ca;
    m2c += m[o2 + 1 + a]! * ca;
    m3c += m[o3 + 1 + a]! * ca;
    // S is symmetric and stored as its lower triangle: each off-diagonal cell serves (a, b) and (b, a).
    const row = 1 + z + a * z;
    for (let b = 0; b < a; b++) {
      const x2 = m[o2 + row + b]!;
      s2c[a] = s2c[a]! + x2 * c[b]!;
      s2c[b] = s2c[b]! + x2 * ca;
      s3cc += 2 * ca * m[o3 + row + b]! * c[b]!;
    }
    s2c[a] = s2c[a]! + m[o2 + row + a]! * ca;
    s3cc += ca * m[o3 + row + a]! * ca;
  }
  // (S − m·E' − E·m' + A·EE') against c, with E'c = ec.
  for (let a = 0; a < z; a++) s2c[a] = s2c[a]! - m[o2 + 1 + a]! * ec;
  w.b0 = m2c - m[o2]! * ec;
  w.b0b0 = s3cc - 2 * m3c * ec + m[o3]! * ec * ec;
}

/** One parent's cells of the information climb (za columns X..., b_0, b_1..; lower triangle) at `d`, from its first moments at `o`, the scratch and the columns constant in the parent (`w.col`). */
function seedParent(dst: Float64Array, d: number, za: number, m: Float64Array, o: number, z: number, w: SeedScratch): void {
  const p = z - 1;
  const { b0, b0b0, col } = w;
  const a1 = m[o]!;
  dst[d] = a1;
  dst[d + 1] = 0;
  const rows = d + 2 + za;
  for (let i = 0; i < p; i++) {
    dst[d + 2 + i] = m[o + 1 + i]!;
    for (let j = 0; j <= i; j++) dst[rows + i * za + j] = m[o + 1 + z + i * z + j]!;
  }
  dst[d + 2 + p] = b0;
  for (let j = 0; j < p; j++) dst[rows + p * za + j] = w.s2c[j]!;
  dst[rows + p * za + p] = b0b0;
  for (let i = p + 1; i < za; i++) {
    const ci = col[i]!;
    dst[d + 2 + i] = ci * a1;
    const row = rows + i * za;
    for (let j = 0; j < p; j++) dst[row + j] = ci * m[o + 1 + j]!;
    dst[row + p] = ci * b0;
    for (let j = p + 1; j <= i; j++) dst[row + j] = ci * col[j]! * a1;
  }
}

/**
 * Seed the information climb of a singleton tree at the rows' parents from their moments: with
 * b_0 = u (1_i'u = α_i(z_i − E_q)'c) and b_t (t ≥ 1) constant within a parent, every sum of the
 * columns X..., b_0, b_1.. weighted by α is a moment of order 1, 2 or 3.
 */
function seedInformation(design: TreeWorkspace, tree: NestedTree, terms: ChildTerms | null, u: readonly Float64Array[], beta: Float64Array, ai: AiPass): void {
  const z = design.z;
  const p = z - 1;
  const depth = tree.order.length;
  const za = ai.work.z;
  const width = groupWidth(za);
  const mw = momentWidth(z);
  const m = design.moments;
  const dst = depth === 1 ? ai.work.total : ai.work.levels[1]!;
  if (z === 2 && depth === 2) {
    interceptSeedInformation(m, terms, u[1]!, beta[0]!, dst);
    return;
  }
  const w: SeedScratch = { c: Float64Array.from({ length: z }, (_, i) => (i < p ? -beta[i]! : 1)), s2c: new Float64Array(z), col: ai.col, b0: 0, b0b0: 0 };
  const col = w.col;
  const e = terms ? terms.e : null;
  for (let q = 0; q * mw < m.length; q++) {
    residualMoments(m, q * mw, z, e, q * z, w);
    // col holds each column's value where it is constant in the parent (b_t, t ≥ 1).
    for (let t = 1, grp = q; t < depth; t++) {
      col[p + t] = u[t]![grp]!;
      if (t + 1 < depth) grp = tree.parent[t]![grp]!;
    }
    seedParent(dst, q * width, za, m, q * mw, z, w);
  }
}

/** Gradient (in θ order) and the group residual sums 1_g'u of every level. */
function treeGradient(
  tree: NestedTree,
  work: TreeWorkspace,
  sigma2: ArrayLike<number>,
  beta: Float64Array,
  vb: Float64Array,
  reml: boolean,
  ai: AiPass,
): { gradient: Float64Array; u: Float64Array[] } {
  const depth = tree.order.length;
  const gradient = new Float64Array(sigma2.length);
  // A singleton tree's finest level needs no per-row residual sums (its score comes from the moments).
  const u: Float64Array[] = tree.groups.map((n, t) => new Float64Array(t === 0 && tree.singleton ? 0 : n));
  let terms: ChildTerms | null = null;
  if (depth === 2 && tree.singleton && work.z === 2) {
    // A one-column design's top level as one scalar pass (interceptScore.ts).
    terms = { k: new Float64Array(tree.groups[1]!), e: new Float64Array(2 * tree.groups[1]!) };
    gradient[tree.order[1]!] = interceptTopGradient(work.levels[1]!, sigma2[tree.order[1]!]!, beta[0]!, vb[0]!, reml, u[1]!, terms);
    gradient[tree.order[0]!] = rowLevelGradient(work, terms, beta, vb, reml);
    seedInformation(work, tree, terms, u, beta, ai);
    return { gradient, u };
  }
  for (let t = depth - 1; t >= 0; t--) {
    const sums = new LevelSums(beta, reml);
    if (t === 0 && tree.singleton) {
      gradient[tree.order[0]!] = rowLevelGradient(work, terms, beta, vb, reml);
      seedInformation(work, tree, terms, u, beta, ai);
      break;
    }
    levelGradient(tree, work, t, terms, sums, u[t]!);
    gradient[tree.order[t]!] = sums.gradient(vb);
    if (t > 0) terms = childTerms(tree, work, sigma2, t - 1, terms);
  }
  return { gradient, u };
}

/** AI_lm = ½·b_l'P·b_m through one more climb with the columns X..., b_1..b_L (its row pass already done for a singleton tree). */
function averageInformation(
  data: ModelData,
  tree: NestedTree,
  sigma2: ArrayLike<number>,
  u: readonly Float64Array[],
  vb: Float64Array,
  ai: AiPass,
): Float64Array {
  const p = data.design.columns.length;
  const depth = tree.order.length;
  const { work, col } = ai;
  const z = work.z;
  if (tree.singleton) {
    if (depth > 1) climbFrom(tree, sigma2, z, work.levels, work.total, 1, false);
  } else {
    const cols = Array.from({ length: z }, () => new Float64Array(data.y.length));
    for (let i = 0; i < data.y.length; i++) {
      informationColumns(data, tree, u, i, col);
      for (let c = 0; c < z; c++) cols[c]![i] = col[c]!;
    }
    seedFinestGroups(tree, data.v, cols, work.seed);
    climbTree(tree, sigma2, z, work.seed, work.levels, work.total, false);
  }
  const cell = (i: number, j: number) => work.total[2 + z + Math.max(i, j) * z + Math.min(i, j)]!;
  const n = sigma2.length;
  const info = new Float64Array(n * n);
  for (let l = 0; l < depth; l++) {
    for (let m = 0; m <= l; m++) {
      let s = cell(p + l, p + m);
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) s -= cell(p + l, i) * vb[i * p + j]! * cell(j, p + m);
      const a = tree.order[l]!;
      const c = tree.order[m]!;
      info[a * n + c] = info[c * n + a] = 0.5 * s;
    }
  }
  return info;
}

/**
 * The (restricted) log-likelihood of a nested model with its analytic gradient and average
 * information with respect to the sigma2 components (null where M or X'M⁻¹X is not positive
 * definite); when the rows are the finest level with at most one level above, the observed
 * information instead where it is positive definite (rowTreeInformation.ts: Newton's method).
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * const data = buildModelData(table.studies, { random: [parseRandomTerm('~ 1 | district/school')], mods: [] });
 * nestedScore(data, fitMultilevelModel(data, "REML").plan.tree, Float64Array.of(0.0406, 0.2864), true, 0).information.length // 4
 */
export function nestedScore(data: ModelData, tree: NestedTree, theta: ArrayLike<number>, reml: boolean, logDetXtX: number): LikelihoodScore | null {
  if (!climbDesign(data, tree, theta, true, true)) return null;
  const work = designWorkspace(data, tree, true);
  const fit = glsFit(sumsFromTotal(work.total, data.design.columns.length), data.y.length, logDetXtX);
  const value = fit ? (reml ? fit.logLikREML : fit.logLikML) : NaN;
  if (!fit || !Number.isFinite(value)) return null;
  const ai = aiPass(data, tree);
  const { gradient, u } = treeGradient(tree, work, theta, fit.beta, fit.vb, reml, ai);
  const raw = uncentredFit(data, fit.beta, fit.vb);
  const average = averageInformation(data, tree, theta, u, fit.vb, ai);
  // Rows as the finest level with at most one level above: the observed information (Newton's method) where it is positive definite.
  const information = rowTreeInformation(data, tree, theta, average, fit.vb, reml) ?? average;
  return { value, gradient, information, beta: raw.beta, vb: raw.vb };
}

/**
 * The (restricted) log-likelihood alone, on the same centred columns as nestedScore (so that the
 * optimiser's line search compares like with like); −Infinity where undefined.
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * const data = buildModelData(table.studies, { random: [parseRandomTerm('~ 1 | district/school')], mods: [] });
 * Number.isFinite(nestedLogLik(data, fitMultilevelModel(data, "REML").plan.tree, Float64Array.of(0.0406, 0.2864), true, 0)) // true
 */
export function nestedLogLik(data: ModelData, tree: NestedTree, theta: ArrayLike<number>, reml: boolean, logDetXtX: number): number {
  if (!climbDesign(data, tree, theta, false, true)) return -Infinity;
  const fit = glsFit(sumsFromTotal(designWorkspace(data, tree, true).total, data.design.columns.length), data.y.length, logDetXtX);
  const value = fit ? (reml ? fit.logLikREML : fit.logLikML) : NaN;
  return Number.isFinite(value) ? value : -Infinity;
}
