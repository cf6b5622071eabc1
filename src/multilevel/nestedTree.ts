// The GLS sums of a model whose random effects form one hierarchy (nested `~ 1 | a/b/c` levels,
// diagonal V, no `inner | outer` term) without any matrix: M restricted to a group of level s is
// the direct sum of its children's blocks plus sigma2_s·11', so by Sherman–Morrison
//   u'M⁻¹w = u'B⁻¹w − f·(1'B⁻¹u)(1'B⁻¹w),  f = σ/(1 + σ·1'B⁻¹1),  log|M| = log|B| + log(1 + σ·1'B⁻¹1),
// applied from the finest level to the coarsest. Each group carries 1'M⁻¹1, 1'M⁻¹z and z'M⁻¹z for
// z = the design columns and y, so one log-likelihood costs O(k·p²) (Searle, Casella & McCulloch
// 1992, §5.3 for the two-level case; the recursion is the same one level at a time).
import type { GlsSums } from './glsSums.js';
import type { ModelData } from './modelData.js';

export interface NestedTree {
  /** Component indices from the finest level to the coarsest. */
  readonly order: readonly number[];
  /** Group of each row at the finest level. */
  readonly rowGroup: Int32Array;
  /** For each level but the coarsest, the parent group (at the next coarser level) of each group. */
  readonly parent: readonly Int32Array[];
  readonly groups: readonly number[];
}

/** The hierarchy of the sigma2 components, or null when they are not nested (or V / struct forbid it). */
export function nestedTree(data: ModelData): NestedTree | null {
  const { sigma, structTerm } = data.structure;
  if (structTerm || data.sampling.clusterOf || sigma.length === 0) return null;
  const order = sigma.map((_, j) => j).sort((a, b) => sigma[b]!.nLevels - sigma[a]!.nLevels);
  const k = data.y.length;
  const parent: Int32Array[] = [];
  for (let t = 0; t + 1 < order.length; t++) {
    const fine = sigma[order[t]!]!;
    const coarse = sigma[order[t + 1]!]!;
    const map = new Int32Array(fine.nLevels).fill(-1);
    for (let i = 0; i < k; i++) {
      const g = fine.levelOf[i]!;
      const c = coarse.levelOf[i]!;
      if (map[g] === -1) map[g] = c;
      else if (map[g] !== c) return null;
    }
    parent.push(map);
  }
  return { order, rowGroup: sigma[order[0]!]!.levelOf, parent, groups: order.map((j) => sigma[j]!.nLevels) };
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
  const x = data.design.columns;
  const p = x.length;
  const z = p + 1;
  const width = 2 + z + z * z; // a, logdet, s[z], Q[z×z]
  const k = data.y.length;
  let cur = new Float64Array(tree.groups[0]! * width);
  // Rows into their finest groups: a row alone contributes 1/v, z/v, zz'/v and log v.
  for (let i = 0; i < k; i++) {
    const o = tree.rowGroup[i]! * width;
    const w = 1 / data.v[i]!;
    cur[o] = cur[o]! + w;
    cur[o + 1] = cur[o + 1]! + Math.log(data.v[i]!);
    for (let a = 0; a < z; a++) {
      const za = a < p ? x[a]![i]! : data.y[i]!;
      cur[o + 2 + a] = cur[o + 2 + a]! + za * w;
      for (let b = 0; b <= a; b++) {
        const zb = b < p ? x[b]![i]! : data.y[i]!;
        cur[o + 2 + z + a * z + b] = cur[o + 2 + z + a * z + b]! + za * w * zb;
      }
    }
  }
  for (let level = 0; level < tree.order.length; level++) {
    const s = sigma2[tree.order[level]!]!;
    if (!(s >= 0)) return null;
    const n = tree.groups[level]!;
    for (let g = 0; g < n; g++) {
      const o = g * width;
      const a = cur[o]!;
      const f = s / (1 + s * a);
      cur[o] = a - f * a * a;
      cur[o + 1] = cur[o + 1]! + Math.log1p(s * a);
      for (let i = 0; i < z; i++) for (let j = 0; j <= i; j++) cur[o + 2 + z + i * z + j] = cur[o + 2 + z + i * z + j]! - f * cur[o + 2 + i]! * cur[o + 2 + j]!;
      for (let i = 0; i < z; i++) cur[o + 2 + i] = cur[o + 2 + i]! - f * a * cur[o + 2 + i]!;
    }
    if (level + 1 < tree.order.length) {
      const next = new Float64Array(tree.groups[level + 1]! * width);
      const par = tree.parent[level]!;
      for (let g = 0; g < n; g++) {
        const o = g * width;
        const t = par[g]! * width;
        for (let c = 0; c < width; c++) next[t + c] = next[t + c]! + cur[o + c]!;
      }
      cur = next;
    }
  }
  const total = new Float64Array(width);
  for (let g = 0; g < tree.groups[tree.groups.length - 1]!; g++) for (let c = 0; c < width; c++) total[c] = total[c]! + cur[g * width + c]!;
  const xtwx = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) xtwx[i * p + j] = xtwx[j * p + i] = total[2 + z + i * z + j]!;
  const xtwy = Float64Array.from({ length: p }, (_, j) => total[2 + z + p * z + j]!);
  return { logDetM: total[1]!, xtwx, xtwy, ytwy: total[2 + z + p * z + p]! };
}
