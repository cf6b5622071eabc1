// The GLS sums of a model whose random effects form one hierarchy (nested `~ 1 | a/b/c` levels,
// diagonal V, no `inner | outer` term) without any matrix: M restricted to a group of level s is
// the direct sum of its children's blocks plus sigma2_s·11', so by Sherman–Morrison
//   u'M⁻¹w = u'B⁻¹w − f·(1'B⁻¹u)(1'B⁻¹w),  f = σ/(1 + σ·1'B⁻¹1),  log|M| = log|B| + log(1 + σ·1'B⁻¹1),
// applied from the finest level to the coarsest. Each group carries 1'M⁻¹1, 1'M⁻¹z and z'M⁻¹z for
// z = the design columns and y, so one log-likelihood costs O(k·p²) (Searle, Casella & McCulloch
// 1992, §5.3 for the two-level case; the recursion is the same one level at a time).
import type { GlsSums } from './glsSums.js';
import { isAllOnes } from '../regression/interceptColumn.js';
import { interceptRowPass } from './interceptRowPass.js';
import { addTopLevelEffect } from './topLevelEffect.js';
import { LogSum, levelLogSum } from './logSum.js';
import type { ModelData } from './modelData.js';

export interface NestedTree {
  /** Component indices from the finest level to the coarsest. */
  readonly order: readonly number[];
  /** Group of each row at the finest level. */
  readonly rowGroup: Int32Array;
  /** For each level but the coarsest, the parent group (at the next coarser level) of each group. */
  readonly parent: readonly Int32Array[];
  readonly groups: readonly number[];
  /** True when every row is its own group at the finest level (e.g. `study/es`, es unique), group id = row index: that level is then folded into the pass over the rows. */
  readonly singleton: boolean;
}

/** The hierarchy of the sigma2 components, or null when they are not nested (or V / struct forbid it). */
export function nestedTree(data: ModelData): NestedTree | null {
  const { sigma, structTerm } = data.structure;
  if (structTerm || data.sampling.clusterOf || sigma.length === 0) return null;
  const order = sigma.map((_, j) => j).sort((a, b) => sigma[b]!.nLevels - sigma[a]!.nLevels);
  const k = data.y.length;
  const rowGroup = sigma[order[0]!]!.levelOf;
  let singleton = sigma[order[0]!]!.nLevels === k;
  for (let i = 0; i < k && singleton; i++) singleton = rowGroup[i] === i;
  const parent: Int32Array[] = [];
  for (let t = 0; t + 1 < order.length; t++) {
    const fine = sigma[order[t]!]!;
    const coarse = sigma[order[t + 1]!]!;
    // A singleton level's group g is row g alone: its parent is that row's group, nested by construction.
    if (t === 0 && singleton) {
      parent.push(coarse.levelOf);
      continue;
    }
    const map = new Int32Array(fine.nLevels).fill(-1);
    for (let i = 0; i < k; i++) {
      const g = fine.levelOf[i]!;
      const c = coarse.levelOf[i]!;
      if (map[g] === -1) map[g] = c;
      else if (map[g] !== c) return null;
    }
    parent.push(map);
  }
  return { order, rowGroup, parent, groups: order.map((j) => sigma[j]!.nLevels), singleton };
}

/** Cells a group carries for z columns: 1'M⁻¹1, log|M|, 1'M⁻¹z (z), z'M⁻¹z (z×z, lower triangle used). */
export const groupWidth = (z: number): number => 2 + z + z * z;

/**
 * The per-group sums of the rows alone (no random effect yet) for the columns `cols`: Σ1/v,
 * Σlog v, Σz/v, Σzz'/v over each finest group, written into `out` (groups[0] × width).
 */
export function seedFinestGroups(tree: NestedTree, v: Float64Array, cols: readonly Float64Array[], out: Float64Array): void {
  const z = cols.length;
  const width = groupWidth(z);
  out.fill(0, 0, tree.groups[0]! * width);
  for (let i = 0; i < v.length; i++) {
    const o = tree.rowGroup[i]! * width;
    const w = 1 / v[i]!;
    out[o] = out[o]! + w;
    out[o + 1] = out[o + 1]! + Math.log(v[i]!);
    for (let a = 0; a < z; a++) {
      const za = cols[a]![i]! * w;
      out[o + 2 + a] = out[o + 2 + a]! + za;
      const q = o + 2 + z + a * z;
      for (let b = 0; b <= a; b++) out[q + b] = out[q + b]! + za * cols[b]![i]!;
    }
  }
}

/**
 * Add the random effect of variance s to each of n groups (Sherman–Morrison), reading `src`,
 * writing the result to `keep` (may be `src`) and adding it into the parent's cells of `dst`
 * (`parent` null: all into cell block 0). Only the lower triangle of z'M⁻¹z is kept. Only the
 * total of log|M| (cell 1) is ever read, so the level's Σ log(1 + s·1'B⁻¹1) is added to the first
 * cell block of `dst`, taken as LogSum (logSum.ts) does, one logarithm per 16 groups; none when
 * `logDet` is false (the average-information climb never reads log|M|).
 */
function addLevelEffect(
  src: Float64Array,
  keep: Float64Array,
  n: number,
  z: number,
  s: number,
  parent: Int32Array | null,
  dst: Float64Array,
  logDet: boolean,
): void {
  const width = groupWidth(z);
  // Taken before the loop (`keep` may be `src`, whose α the loop overwrites), added after it.
  const logs = logDet ? levelLogSum(src, n, width, s) : 0;
  for (let g = 0; g < n; g++) {
    const o = g * width;
    const d = (parent ? parent[g]! * width : 0) - o;
    const a = src[o]!;
    const f = s / (1 + s * a);
    const a1 = a - f * a * a;
    keep[o] = a1;
    dst[o + d] = dst[o + d]! + a1;
    keep[o + 1] = src[o + 1]!;
    dst[o + 1 + d] = dst[o + 1 + d]! + src[o + 1]!;
    for (let i = 0; i < z; i++) {
      const fw = f * src[o + 2 + i]!;
      const q = o + 2 + z + i * z;
      for (let j = 0; j <= i; j++) {
        const x = src[q + j]! - fw * src[o + 2 + j]!;
        keep[q + j] = x;
        dst[q + j + d] = dst[q + j + d]! + x;
      }
    }
    const shrink = 1 - f * a;
    for (let i = 0; i < z; i++) {
      const x = src[o + 2 + i]! * shrink;
      keep[o + 2 + i] = x;
      dst[o + 2 + i + d] = dst[o + 2 + i + d]! + x;
    }
  }
  if (logDet) dst[1] = dst[1]! + logs;
}

/** The cells level t gathers into (the next level's groups, or the total) after zeroing them, and its parents (null: the total). */
function gatherTarget(
  tree: NestedTree,
  levels: readonly Float64Array[],
  total: Float64Array,
  t: number,
  width: number,
): { dst: Float64Array; parent: Int32Array | null } {
  const top = t + 1 === tree.order.length;
  const dst = top ? total : levels[t + 1]!;
  dst.fill(0, 0, (top ? 1 : tree.groups[t + 1]!) * width);
  return { dst, parent: top ? null : tree.parent[t]! };
}

/**
 * Levels t0.. of the climb: add each level's effect and gather into the next, the last into
 * `total` (log|M| only when `logDet`).
 * @example climbFrom({ order: [0], rowGroup: Int32Array.of(0), parent: [], groups: [1], singleton: true }, [1], 1, [Float64Array.of(2, 0, 2, 2)], new Float64Array(4), 0) // true
 */
export function climbFrom(
  tree: NestedTree,
  sigma2: ArrayLike<number>,
  z: number,
  levels: readonly Float64Array[],
  total: Float64Array,
  t0: number,
  logDet = true,
): boolean {
  const width = groupWidth(z);
  for (let t = t0; t < tree.order.length; t++) {
    const s = sigma2[tree.order[t]!]!;
    if (!(s >= 0)) return false;
    // The coarsest level of a narrow climb (an intercept-only fit) has its own unrolled loop.
    if (t + 1 === tree.order.length && addTopLevelEffect(levels[t]!, tree.groups[t]!, z, s, total, logDet)) break;
    const { dst, parent } = gatherTarget(tree, levels, total, t, width);
    addLevelEffect(levels[t]!, levels[t]!, tree.groups[t]!, z, s, parent, dst, logDet);
  }
  return true;
}

/**
 * Climb the hierarchy from the seeded finest groups: `levels[t]` receives each level's groups
 * after their own random effect is added (kept for the score), `total` the sums over all rows.
 * False when a variance is negative or not a number.
 */
export function climbTree(
  tree: NestedTree,
  sigma2: ArrayLike<number>,
  z: number,
  seed: Float64Array,
  levels: readonly Float64Array[],
  total: Float64Array,
  logDet = true,
): boolean {
  const s = sigma2[tree.order[0]!]!;
  if (!(s >= 0)) return false;
  const { dst, parent } = gatherTarget(tree, levels, total, 0, groupWidth(z));
  addLevelEffect(seed, levels[0]!, tree.groups[0]!, z, s, parent, dst, logDet);
  return climbFrom(tree, sigma2, z, levels, total, 1, logDet);
}

/**
 * The climb of a singleton tree straight from the rows: row i alone with its own effect s has
 * 1'A⁻¹1 = 1/(v_i + s), log|A| = log(v_i + s), 1'A⁻¹z = z_i/(v_i + s), z'A⁻¹z = z_iz_i'/(v_i + s),
 * added at once into its parent group (no buffer for the finest level).
 */
export function climbFromRows(
  tree: NestedTree,
  sigma2: ArrayLike<number>,
  v: Float64Array,
  cols: readonly Float64Array[],
  levels: readonly Float64Array[],
  total: Float64Array,
  moments: Float64Array | null = null,
): boolean {
  const s = sigma2[tree.order[0]!]!;
  if (!(s >= 0)) return false;
  const z = cols.length;
  const width = groupWidth(z);
  const depth = tree.order.length;
  const dst = depth === 1 ? total : levels[1]!;
  const nParents = depth === 1 ? 1 : tree.groups[1]!;
  dst.fill(0, 0, nParents * width);
  const par = depth === 1 ? null : tree.parent[0]!;
  const logs = isInterceptOnly(cols)
    ? interceptRowPass(par, s, v, cols[1]!, dst, moments)
    : moments
      ? rowPassWithMoments(tree, s, v, packedRows(cols), z, dst, moments)
      : rowPass(tree, s, v, packedRows(cols), z, dst);
  // Only the total of log|M| is ever read, so the rows' part may sit in any one group.
  dst[1] = dst[1]! + logs;
  // The intercept pass writes the first moments itself.
  if (moments && !isInterceptOnly(cols)) copyFirstMoments(dst, nParents, z, moments);
  return climbFrom(tree, sigma2, z, levels, total, 1);
}

/** Are the columns (1, y), an intercept-only model? */
const isInterceptOnly = (cols: readonly Float64Array[]): boolean => cols.length === 2 && isAllOnes(cols[0]!);

const packedCache = new WeakMap<readonly Float64Array[], Float64Array>();

/** The columns as one row-major k×z array (cached per column list), so a row's values are adjacent. */
function packedRows(cols: readonly Float64Array[]): Float64Array {
  let hit = packedCache.get(cols);
  if (!hit) {
    const z = cols.length;
    const k = cols[0]!.length;
    hit = new Float64Array(k * z);
    for (let a = 0; a < z; a++) for (let i = 0; i < k; i++) hit[i * z + a] = cols[a]![i]!;
    packedCache.set(cols, hit);
  }
  return hit;
}

/** Add each row (α = 1/(v_i + s)) into its parent's sums; returns Σ log(v_i + s). */
function rowPass(tree: NestedTree, s: number, v: Float64Array, x: Float64Array, z: number, dst: Float64Array): number {
  const width = groupWidth(z);
  const par = tree.order.length === 1 ? null : tree.parent[0]!;
  const logs = new LogSum();
  for (let i = 0; i < v.length; i++) {
    const o = par ? par[i]! * width : 0;
    const d = v[i]! + s;
    const w = 1 / d;
    logs.add(d);
    dst[o] = dst[o]! + w;
    const xi = i * z;
    for (let a = 0; a < z; a++) {
      const za = x[xi + a]! * w;
      dst[o + 2 + a] = dst[o + 2 + a]! + za;
      const q = o + 2 + z + a * z;
      for (let b = 0; b <= a; b++) dst[q + b] = dst[q + b]! + za * x[xi + b]!;
    }
  }
  return logs.value;
}

/** rowPass with the second and third row moments of each parent (the first are the sums themselves: copyFirstMoments). */
function rowPassWithMoments(tree: NestedTree, s: number, v: Float64Array, x: Float64Array, z: number, dst: Float64Array, m: Float64Array): number {
  const width = groupWidth(z);
  const mw = momentWidth(z);
  const block = 1 + z + z * z;
  const par = tree.order.length === 1 ? null : tree.parent[0]!;
  const logs = new LogSum();
  m.fill(0);
  for (let i = 0; i < v.length; i++) {
    const g = par ? par[i]! : 0;
    const o = g * width;
    const m2 = g * mw + block;
    const m3 = m2 + block;
    const d = v[i]! + s;
    const w = 1 / d;
    const w2 = w * w;
    const w3 = w2 * w;
    logs.add(d);
    dst[o] = dst[o]! + w;
    m[m2] = m[m2]! + w2;
    m[m3] = m[m3]! + w3;
    const xi = i * z;
    for (let a = 0; a < z; a++) {
      const xa = x[xi + a]!;
      dst[o + 2 + a] = dst[o + 2 + a]! + xa * w;
      m[m2 + 1 + a] = m[m2 + 1 + a]! + xa * w2;
      m[m3 + 1 + a] = m[m3 + 1 + a]! + xa * w3;
      const q = 2 + z + a * z;
      const r = 1 + z + a * z;
      for (let b = 0; b <= a; b++) {
        const xx = xa * x[xi + b]!;
        dst[o + q + b] = dst[o + q + b]! + xx * w;
        m[m2 + r + b] = m[m2 + r + b]! + xx * w2;
        m[m3 + r + b] = m[m3 + r + b]! + xx * w3;
      }
    }
  }
  return logs.value;
}

/** The first row moments (Σα, Σα·z, Σα·zz') of each parent: its sums before any effect is added. */
function copyFirstMoments(dst: Float64Array, nParents: number, z: number, m: Float64Array): void {
  const width = groupWidth(z);
  const mw = momentWidth(z);
  for (let g = 0; g < nParents; g++) {
    m[g * mw] = dst[g * width]!;
    for (let c = 0; c < z + z * z; c++) m[g * mw + 1 + c] = dst[g * width + 2 + c]!;
  }
}

/** Cells of the row moments of one parent group: for r = 1, 2, 3, Σα^r, Σα^r·z (z), Σα^r·zz' (z×z, lower triangle used). */
export const momentWidth = (z: number): number => 3 * (1 + z + z * z);

/** Reusable buffers of one tree for z columns. */
export interface TreeWorkspace {
  readonly z: number;
  readonly seed: Float64Array;
  readonly levels: readonly Float64Array[];
  readonly total: Float64Array;
  /** Row moments per parent of the rows (singleton trees; momentWidth cells each), for the score. */
  readonly moments: Float64Array;
}

/**
 * Buffers for climbing `tree` with z columns (allocated once per fit, reused by every evaluation);
 * the row moments only when `withMoments` (the design climb of a singleton tree, not the
 * information climb).
 * @example treeWorkspace({ order: [0], rowGroup: Int32Array.of(0, 0), parent: [], groups: [1], singleton: false }, 2).total.length // 8
 */
export function treeWorkspace(tree: NestedTree, z: number, withMoments = true): TreeWorkspace {
  const width = groupWidth(z);
  // A singleton tree never stores its finest level (climbFromRows).
  const size = (n: number, t: number) => (tree.singleton && t === 0 ? 0 : n * width);
  const parents = tree.singleton && withMoments ? (tree.groups.length > 1 ? tree.groups[1]! : 1) : 0;
  return {
    z,
    seed: new Float64Array(size(tree.groups[0]!, 0)),
    levels: tree.groups.map((n, t) => new Float64Array(size(n, t))),
    total: new Float64Array(width),
    moments: new Float64Array(parents * momentWidth(z)),
  };
}

/** GLS sums of the design columns and y from a climbed workspace (columns X..., y). */
export function sumsFromTotal(total: Float64Array, p: number): GlsSums {
  const z = p + 1;
  const q = 2 + z;
  const xtwx = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) xtwx[i * p + j] = xtwx[j * p + i] = total[q + i * z + j]!;
  const xtwy = Float64Array.from({ length: p }, (_, j) => total[q + p * z + j]!);
  return { logDetM: total[1]!, xtwx, xtwy, ytwy: total[q + p * z + p]! };
}

/** The centred columns and the means taken off them (null: nothing centred, no intercept). */
interface Centring {
  readonly cols: readonly Float64Array[];
  readonly means: Float64Array | null;
}

const columnCache = new WeakMap<ModelData, Centring>();
const rawCache = new WeakMap<ModelData, readonly Float64Array[]>();

function rawColumns(data: ModelData): readonly Float64Array[] {
  let raw = rawCache.get(data);
  if (!raw) {
    raw = [...data.design.columns, data.y];
    rawCache.set(data, raw);
  }
  return raw;
}

function centring(data: ModelData): Centring {
  const hit = columnCache.get(data);
  if (hit) return hit;
  const raw = rawColumns(data);
  const means = isAllOnes(raw[0]!) ? new Float64Array(raw.length) : null;
  const cols = raw.map((c, j) => {
    if (!means || j === 0) return c;
    let mean = 0;
    for (let i = 0; i < c.length; i++) mean += c[i]! / c.length;
    means[j] = mean;
    const out = new Float64Array(c.length);
    for (let i = 0; i < c.length; i++) out[i] = c[i]! - mean;
    return out;
  });
  const out = { cols, means };
  columnCache.set(data, out);
  return out;
}

/**
 * The columns X..., y of the climb. `centred`: every column but a leading intercept, and y, minus
 * its mean — a unit-triangular change of the design (with the intercept absorbing the means) that
 * leaves the likelihood, its score and log|X'X| unchanged but keeps the moment sums of the score
 * (nestedScore.ts) free of cancellation when a moderator is far from zero (years, say).
 */
export function designColumns(data: ModelData, centred: boolean): readonly Float64Array[] {
  return centred ? centring(data).cols : rawColumns(data);
}

/**
 * β̂ and its covariance on the raw columns from those on the centred ones (designColumns): the
 * slopes are the same, the intercept is β'_0 + ȳ − Σ_j m_j·β'_j (m_j the moderator means), i.e.
 * β = Tβ' + ȳe_0 with T the identity but for row 0 (−m_j), so vb = T·vb'·T'.
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * const data = buildModelData(table.studies, { random: [parseRandomTerm('~ 1 | district/school')], mods: [] });
 * uncentredFit(data, Float64Array.of(0), Float64Array.of(1)).beta[0] // -0.7407 (the mean of y)
 */
export function uncentredFit(data: ModelData, beta: Float64Array, vb: Float64Array): { beta: Float64Array; vb: Float64Array } {
  const { means } = centring(data);
  const p = beta.length;
  if (!means) return { beta: Float64Array.from(beta), vb: Float64Array.from(vb) };
  const out = Float64Array.from(beta);
  out[0] = out[0]! + means[p]!;
  for (let j = 1; j < p; j++) out[0] = out[0]! - means[j]! * beta[j]!;
  // Row 0 of T·vb' first, then column 0 of (T·vb')·T'.
  const tv = Float64Array.from(vb);
  for (let c = 0; c < p; c++) for (let j = 1; j < p; j++) tv[c] = tv[c]! - means[j]! * vb[j * p + c]!;
  const v = Float64Array.from(tv);
  for (let r = 0; r < p; r++) for (let j = 1; j < p; j++) v[r * p] = v[r * p]! - tv[r * p + j]! * means[j]!;
  return { beta: out, vb: v };
}

const seeded = new WeakMap<NestedTree, { data: ModelData; raw?: TreeWorkspace; centred?: TreeWorkspace }>();

/** The workspace for the columns X..., y (raw or centred) with the finest groups seeded once (they do not depend on θ). */
export function designWorkspace(data: ModelData, tree: NestedTree, centred = false): TreeWorkspace {
  let hit = seeded.get(tree);
  if (!hit || hit.data !== data) {
    hit = { data };
    seeded.set(tree, hit);
  }
  const key = centred ? 'centred' : 'raw';
  const known = hit[key];
  if (known) return known;
  const work = treeWorkspace(tree, data.design.columns.length + 1);
  if (!tree.singleton) seedFinestGroups(tree, data.v, designColumns(data, centred), work.seed);
  hit[key] = work;
  return work;
}

/**
 * X'M⁻¹X, X'M⁻¹y, y'M⁻¹y and log|M| through the hierarchy (null when a variance is negative).
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * const data = buildModelData(table.studies, { random: [parseRandomTerm('~ 1 | district/school')], mods: [] });
 * nestedGlsSums(data, nestedTree(data), [0.0406, 0.2864]).logDetM // -10.35
 */
export function nestedGlsSums(data: ModelData, tree: NestedTree, sigma2: ArrayLike<number>): GlsSums | null {
  return climbDesign(data, tree, sigma2) ? sumsFromTotal(designWorkspace(data, tree).total, data.design.columns.length) : null;
}

/** Climb with the columns X..., y into the design workspace (with the row moments of a singleton tree when asked); false when a variance is negative. */
export function climbDesign(data: ModelData, tree: NestedTree, sigma2: ArrayLike<number>, withMoments = false, centred = false): boolean {
  const work = designWorkspace(data, tree, centred);
  return tree.singleton
    ? climbFromRows(tree, sigma2, data.v, designColumns(data, centred), work.levels, work.total, withMoments ? work.moments : null)
    : climbTree(tree, sigma2, work.z, work.seed, work.levels, work.total);
}
