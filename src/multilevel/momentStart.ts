// Starting values of the variance components of a nested model (nestedTree.ts) by the method of
// moments, one pass over the rows and one over the groups of each level: an unweighted
// hierarchical ANOVA (Henderson's method 1; Searle, Casella & McCulloch 1992, §5.2) on the OLS
// residuals e. A group g of level t has the mean u_g of its units (rows at the finest level, groups
// of level t − 1 above it) and a known part w_g of Var(u_g) from the levels below (Σv_i/n_g² at the
// finest level). Within each parent h (level t + 1; the whole data at the top), the units' spread
// SS_t = Σ_h Σ_{g∈h} (u_g − ū_h)² has expectation Σ_h (1 − 1/n_h)·Σ_{g∈h} (s_t + w_g), so
//   s_t = (SS_t − Σ_h (1 − 1/n_h)·Σ_{g∈h} w_g) / Σ_h (n_h − 1),   w_h = Σ_{g∈h} (s_t + w_g) / n_h².
// Close to the REML/ML optimum when there are many groups, so that scoring starts near it.
import type { NestedTree } from './nestedTree.js';

/** Means and known variances of the groups of one level. */
interface LevelMeans {
  readonly mean: Float64Array;
  readonly known: Float64Array;
}

/** The finest groups' means of e and their sampling part Σv/n² (a singleton level: e and v themselves). */
function finestMeans(tree: NestedTree, e: Float64Array, v: Float64Array): LevelMeans {
  if (tree.singleton) return { mean: e, known: v };
  const n = tree.groups[0]!;
  const mean = new Float64Array(n);
  const known = new Float64Array(n);
  const size = new Float64Array(n);
  for (let i = 0; i < e.length; i++) {
    const g = tree.rowGroup[i]!;
    mean[g] = mean[g]! + e[i]!;
    known[g] = known[g]! + v[i]!;
    size[g] = size[g]! + 1;
  }
  for (let g = 0; g < n; g++) {
    mean[g] = mean[g]! / size[g]!;
    known[g] = known[g]! / (size[g]! * size[g]!);
  }
  return { mean, known };
}

/** s_t from the units of level t within their parents (null: no parent with two units), and the parents' means. */
function levelMoment(units: LevelMeans, parent: Int32Array | null, nParents: number): { s: number | null; up: LevelMeans } {
  const mean = new Float64Array(nParents);
  const known = new Float64Array(nParents);
  const size = new Float64Array(nParents);
  const n = units.mean.length;
  for (let g = 0; g < n; g++) {
    const h = parent ? parent[g]! : 0;
    mean[h] = mean[h]! + units.mean[g]!;
    known[h] = known[h]! + units.known[g]!;
    size[h] = size[h]! + 1;
  }
  for (let h = 0; h < nParents; h++) mean[h] = mean[h]! / size[h]!;
  let ss = 0;
  for (let g = 0; g < n; g++) ss += (units.mean[g]! - mean[parent ? parent[g]! : 0]!) ** 2;
  let expectedKnown = 0;
  let df = 0;
  for (let h = 0; h < nParents; h++) {
    expectedKnown += (1 - 1 / size[h]!) * known[h]!;
    df += size[h]! - 1;
  }
  const s = df > 0 ? (ss - expectedKnown) / df : null;
  const st = Math.max(0, s ?? 0);
  for (let h = 0; h < nParents; h++) known[h] = (size[h]! * st + known[h]!) / (size[h]! * size[h]!);
  return { s, up: { mean, known } };
}

/**
 * Moment estimates of the sigma2 of a nested model (in θ order) from the residuals e, each at
 * least `floor`; a level whose groups never share a parent gets `fallback`.
 * @example momentStart({ order: [0], rowGroup: Int32Array.of(0, 0, 1, 1), parent: [], groups: [2], singleton: false }, Float64Array.of(1, 1, -1, -1), Float64Array.of(0.5, 0.5, 0.5, 0.5), 0, 0.1)[0] // 1.75
 */
export function momentStart(tree: NestedTree, e: Float64Array, v: Float64Array, floor: number, fallback: number): Float64Array {
  const depth = tree.order.length;
  const out = new Float64Array(depth);
  let units = finestMeans(tree, e, v);
  for (let t = 0; t < depth; t++) {
    const top = t + 1 === depth;
    const { s, up } = levelMoment(units, top ? null : tree.parent[t]!, top ? 1 : tree.groups[t + 1]!);
    out[tree.order[t]!] = s === null ? fallback : Math.max(floor, s);
    units = up;
  }
  return out;
}
