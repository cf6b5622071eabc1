// The random-effects part of a multilevel model over the rows used: which rows share a level of
// each variance component, and the parameter layout [sigma2..., tau2..., rho...] of metafor's
// rma.mv (sigma2 per nested level, tau2 and rho of the one `inner | outer` term).
import type { RandomTerm, Struct } from './randomTerms.js';

/** One `~ 1 | ...` level: rows with the same level id share a random effect of variance sigma2. */
export interface SigmaComponent {
  /** metafor's s.names entry: `district`, `district/school`. */
  readonly name: string;
  readonly levelOf: Int32Array;
  readonly nLevels: number;
}

/** The `~ inner | outer` term: G (inner × inner) shared by rows of the same outer level. */
export interface StructComponent {
  readonly formula: string;
  readonly struct: Struct;
  readonly inner: string;
  readonly outer: string;
  /** Inner levels in R's factor order (rows and columns of G). */
  readonly innerLevels: readonly string[];
  readonly innerOf: Int32Array;
  readonly outerOf: Int32Array;
  readonly nOuter: number;
}

export interface VarianceStructure {
  readonly sigma: readonly SigmaComponent[];
  readonly structTerm: StructComponent | null;
  readonly nTau2: number;
  readonly nRho: number;
}

export type ParameterKind = 'sigma2' | 'tau2' | 'rho';

/** Number of tau2 and rho parameters of a structure with n inner levels. */
export function structParameterCounts(struct: Struct, n: number): { nTau2: number; nRho: number } {
  switch (struct) {
    case 'CS':
    case 'AR':
      return { nTau2: 1, nRho: 1 };
    case 'ID':
      return { nTau2: 1, nRho: 0 };
    case 'DIAG':
      return { nTau2: n, nRho: 0 };
    case 'HCS':
    case 'HAR':
      return { nTau2: n, nRho: 1 };
    case 'UN':
      return { nTau2: n, nRho: (n * (n - 1)) / 2 };
  }
}

/** The kind of each parameter, in order. */
export function parameterKinds(vs: VarianceStructure): ParameterKind[] {
  return [
    ...vs.sigma.map(() => 'sigma2' as const),
    ...Array.from({ length: vs.nTau2 }, () => 'tau2' as const),
    ...Array.from({ length: vs.nRho }, () => 'rho' as const),
  ];
}

/**
 * The inner covariance matrix G (row-major n×n) of a structure, as metafor defines them: CS
 * (tau2 diagonal, rho·tau2 off it), HCS (tau2_i, rho·tau_i·tau_j), UN (tau2_i, rho_ij·tau_i·tau_j,
 * rho in the order of R's lower.tri), AR (tau2·rho^|i−j| over level positions), HAR (the same
 * with tau_i·tau_j), DIAG (tau2_i) and ID (tau2).
 * @example structMatrix('CS', 2, [1], [0.5]) // [1, 0.5, 0.5, 1]
 */
export function structMatrix(struct: Struct, n: number, tau2: ArrayLike<number>, rho: ArrayLike<number>): Float64Array {
  const g = new Float64Array(n * n);
  const t2 = (i: number) => (tau2.length === 1 ? tau2[0]! : tau2[i]!);
  const unIndex = unRhoIndex(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const sd = Math.sqrt(t2(i) * t2(j));
      let r: number;
      if (i === j) r = 1;
      else if (struct === 'CS' || struct === 'HCS') r = rho[0]!;
      else if (struct === 'AR' || struct === 'HAR') r = rho[0]! ** Math.abs(i - j);
      else if (struct === 'UN') r = rho[unIndex[Math.max(i, j) * n + Math.min(i, j)]!]!;
      else r = 0;
      g[i * n + j] = i === j ? t2(i) : r * sd;
    }
  }
  return g;
}

/** Position of rho_(i,j) (i > j) in R's column-major lower.tri order; row-major n×n lookup. */
export function unRhoIndex(n: number): Int32Array {
  const idx = new Int32Array(n * n).fill(-1);
  let c = 0;
  for (let j = 0; j < n; j++) for (let i = j + 1; i < n; i++) idx[i * n + j] = c++;
  return idx;
}

/** Rows grouped into independent blocks: rows are joined when they share any random effect or a sampling-covariance cluster (blocks in order of their first row). */
export function independentBlocks(k: number, vs: VarianceStructure, clusterOf: Int32Array | null): Int32Array[] {
  const parent = new Int32Array(k);
  for (let i = 0; i < k; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // Level ids are dense (0 .. levels − 1), so the first row of each level is an array lookup.
  const joinBy = (levelOf: Int32Array) => {
    let n = 0;
    for (let i = 0; i < k; i++) n = Math.max(n, levelOf[i]! + 1);
    const first = new Int32Array(n).fill(-1);
    for (let i = 0; i < k; i++) {
      const f = first[levelOf[i]!]!;
      if (f === -1) first[levelOf[i]!] = i;
      else parent[find(i)] = find(f);
    }
  };
  for (const s of vs.sigma) joinBy(s.levelOf);
  if (vs.structTerm) joinBy(vs.structTerm.outerOf);
  if (clusterOf) joinBy(clusterOf);
  // Counting sort of the rows by block, blocks numbered by first appearance.
  const blockOf = new Int32Array(k).fill(-1);
  const id = new Int32Array(k);
  let nBlocks = 0;
  for (let i = 0; i < k; i++) {
    const r = find(i);
    if (blockOf[r] === -1) blockOf[r] = nBlocks++;
    id[i] = blockOf[r]!;
  }
  const size = new Int32Array(nBlocks);
  for (let i = 0; i < k; i++) size[id[i]!]!++;
  const blocks = Array.from(size, (n) => new Int32Array(n));
  size.fill(0);
  for (let i = 0; i < k; i++) blocks[id[i]!]![size[id[i]!]!++] = i;
  return blocks;
}

/** Shapes a term list into the kinds a fit needs (used by buildVarianceStructure). */
export function termComponents(terms: readonly RandomTerm[]): { nested: string[][]; struct: RandomTerm | null } {
  const nested = terms.filter((t) => t.kind === 'nested').map((t) => [...(t as { factors: readonly string[] }).factors]);
  const struct = terms.find((t) => t.kind === 'struct') ?? null;
  return { nested, struct };
}
