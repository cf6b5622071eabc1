// The (restricted) log-likelihood of a multilevel model, computed block by block: the marginal
// covariance M = V + Σ sigma2_j·(shared level j) + (shared outer)∘G is block-diagonal over the
// independent blocks, so each block is factored on its own and only p×p sums are kept; no k×k
// matrix is ever formed. Formulas as in metafor's rma.mv (Viechtbauer 2010; Harville 1977):
//   ML:   −½·k·log 2π − ½·log|M| − ½·r'M⁻¹r
//   REML: −½·(k−p)·log 2π + ½·log|X'X| − ½·log|M| − ½·log|X'M⁻¹X| − ½·r'M⁻¹r,  r = y − Xβ̂.
import { backSolve, choleskyInPlace, forwardSolve, inverseSpd, logDetFromCholesky } from './blockAlgebra.js';
import type { ModelData } from './modelData.js';
import { nestedGlsSums, nestedTree, type NestedTree } from './nestedTree.js';
import { structMatrix } from './varianceStructure.js';

export interface VarianceParameters {
  readonly sigma2: Float64Array;
  readonly tau2: Float64Array;
  readonly rho: Float64Array;
}

/** Split θ = [sigma2..., tau2..., rho...] into its parts. */
export function splitParameters(data: ModelData, theta: ArrayLike<number>): VarianceParameters {
  const ns = data.structure.sigma.length;
  const nt = data.structure.nTau2;
  const all = Float64Array.from(theta as ArrayLike<number>);
  return { sigma2: all.subarray(0, ns), tau2: all.subarray(ns, ns + nt), rho: all.subarray(ns + nt) };
}

/**
 * The independent blocks with everything about M that does not change with θ, laid out flat
 * (block after block, each b×b row-major): V, a 0/1 pattern per sigma2 component (rows share its
 * level), and for the struct term the index into G of each cell (−1 across outer levels). Filling
 * M for a θ is then one pass of multiply-adds per cell.
 */
export interface DenseBlocks {
  /** Start of each block's cells in the flat arrays. */
  readonly cellOffset: Int32Array;
  readonly v: Float64Array;
  readonly patterns: readonly Float64Array[];
  readonly gIndex: Int32Array | null;
}

export interface BlockPlan {
  readonly blocks: readonly Int32Array[];
  readonly maxSize: number;
  /** The hierarchy of nested levels, when the model has one (then no block matrix is needed to fit it). */
  readonly tree: NestedTree | null;
  /** Built on first use (block Cholesky paths: general models, QE, I², robust tests). */
  readonly dense: () => DenseBlocks;
}

export function planBlocks(data: ModelData): BlockPlan {
  let dense: DenseBlocks | null = null;
  let maxSize = -1;
  // The blocks and their largest size are read only by the block (Cholesky) paths: a nested fit never builds them.
  return {
    get blocks() {
      return data.blocks;
    },
    get maxSize() {
      if (maxSize < 0) maxSize = data.blocks.reduce((m, r) => Math.max(m, r.length), 0);
      return maxSize;
    },
    tree: nestedTree(data),
    dense: () => (dense ??= denseBlocks(data)),
  };
}

function denseBlocks(data: ModelData): DenseBlocks {
  const cov = data.sampling.covariance;
  const { sigma, structTerm } = data.structure;
  const nInner = structTerm ? structTerm.innerLevels.length : 0;
  const cellOffset = new Int32Array(data.blocks.length + 1);
  data.blocks.forEach((rows, bi) => {
    cellOffset[bi + 1] = cellOffset[bi]! + rows.length * rows.length;
  });
  const cells = cellOffset[data.blocks.length]!;
  const v = new Float64Array(cells);
  const patterns = sigma.map(() => new Float64Array(cells));
  const gIndex = structTerm ? new Int32Array(cells).fill(-1) : null;
  data.blocks.forEach((rows, bi) => {
    const b = rows.length;
    const o = cellOffset[bi]!;
    for (let a = 0; a < b; a++) {
      const ra = rows[a]!;
      for (let c = 0; c < b; c++) {
        const rc = rows[c]!;
        const cell = o + a * b + c;
        v[cell] = a === c ? data.v[ra]! : data.sampling.clusterOf ? cov(ra, rc) : 0;
        sigma.forEach((s, j) => {
          patterns[j]![cell] = s.levelOf[ra] === s.levelOf[rc] ? 1 : 0;
        });
        if (structTerm && gIndex && structTerm.outerOf[ra] === structTerm.outerOf[rc])
          gIndex[cell] = structTerm.innerOf[ra]! * nInner + structTerm.innerOf[rc]!;
      }
    }
  });
  return { cellOffset, v, patterns, gIndex };
}

/** Write block `bi` of M (row-major b×b) into `out`. */
export function fillMarginalBlock(plan: BlockPlan, bi: number, sigma2: ArrayLike<number>, g: Float64Array | null, out: Float64Array): void {
  const { cellOffset, v, patterns, gIndex } = plan.dense();
  const o = cellOffset[bi]!;
  const n = cellOffset[bi + 1]! - o;
  for (let i = 0; i < n; i++) out[i] = v[o + i]!;
  for (let s = 0; s < patterns.length; s++) {
    const pat = patterns[s]!;
    const x = sigma2[s]!;
    if (x !== 0) for (let i = 0; i < n; i++) out[i] = out[i]! + x * pat[o + i]!;
  }
  if (gIndex && g) {
    for (let i = 0; i < n; i++) {
      const gi = gIndex[o + i]!;
      if (gi >= 0) out[i] = out[i]! + g[gi]!;
    }
  }
}

/** G of the struct term for these parameters (null without one). */
export function innerMatrix(data: ModelData, par: VarianceParameters): Float64Array | null {
  const st = data.structure.structTerm;
  return st ? structMatrix(st.struct, st.innerLevels.length, par.tau2, par.rho) : null;
}

/**
 * Visit every block with the Cholesky factor of its M (lower triangle of `l`, b×b). Returns
 * false, without visiting further, when a block is not positive definite.
 */
export function forEachFactoredBlock(
  data: ModelData,
  plan: BlockPlan,
  theta: ArrayLike<number>,
  visit: (bi: number, rows: Int32Array, l: Float64Array, b: number) => void,
): boolean {
  const par = splitParameters(data, theta);
  const g = innerMatrix(data, par);
  const buffer = new Float64Array(plan.maxSize * plan.maxSize);
  for (let bi = 0; bi < plan.blocks.length; bi++) {
    const b = plan.blocks[bi]!.length;
    const l = buffer.subarray(0, b * b);
    fillMarginalBlock(plan, bi, par.sigma2, g, l);
    if (!choleskyInPlace(l, b)) return false;
    visit(bi, plan.blocks[bi]!, l, b);
  }
  return true;
}

export type { GlsSums } from './glsSums.js';
import type { GlsSums } from './glsSums.js';

/**
 * GLS sums over the blocks, or null when M is not positive definite. `keep` (block path only,
 * one cell per cell of the dense blocks) receives each block's Cholesky factor, for a second pass
 * over the same factors (blockScore.ts).
 */
export function glsSums(data: ModelData, plan: BlockPlan, theta: ArrayLike<number>, keep?: Float64Array): GlsSums | null {
  if (plan.tree && !keep) return nestedGlsSums(data, plan.tree, theta);
  const offsets = keep ? plan.dense().cellOffset : null;
  const x = data.design.columns;
  const p = x.length;
  const xtwx = new Float64Array(p * p);
  const xtwy = new Float64Array(p);
  let logDetM = 0;
  let ytwy = 0;
  const work = new Float64Array((p + 1) * plan.maxSize);
  const ok = forEachFactoredBlock(data, plan, theta, (bi, rows, l, b) => {
    if (keep && offsets) keep.set(l, offsets[bi]!);
    logDetM += logDetFromCholesky(l, b);
    // Whitened columns L⁻¹X (p of them) and L⁻¹y, stored column after column in `work`.
    for (let j = 0; j <= p; j++) {
      const src = j < p ? x[j]! : data.y;
      for (let a = 0; a < b; a++) work[j * b + a] = src[rows[a]!]!;
      forwardSolve(l, b, work, j * b);
    }
    for (let i = 0; i <= p; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let a = 0; a < b; a++) s += work[i * b + a]! * work[j * b + a]!;
        if (i < p) xtwx[i * p + j] = xtwx[i * p + j]! + s;
        else if (j < p) xtwy[j] = xtwy[j]! + s;
        else ytwy += s;
      }
    }
  });
  if (!ok) return null;
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) xtwx[j * p + i] = xtwx[i * p + j]!;
  return { logDetM, xtwx, xtwy, ytwy };
}

export interface GlsFit {
  readonly beta: Float64Array;
  /** (X'M⁻¹X)⁻¹, row-major p×p. */
  readonly vb: Float64Array;
  readonly rss: number;
  readonly logLikML: number;
  readonly logLikREML: number;
}

/** β̂, its covariance and both log-likelihoods from the GLS sums (null when X'M⁻¹X is singular). */
export function glsFit(sums: GlsSums, k: number, logDetXtX: number): GlsFit | null {
  const p = sums.xtwy.length;
  const vb = inverseSpd(sums.xtwx, p);
  if (!vb) return null;
  const beta = new Float64Array(p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) beta[i] = beta[i]! + vb[i * p + j]! * sums.xtwy[j]!;
  let bxy = 0;
  for (let i = 0; i < p; i++) bxy += beta[i]! * sums.xtwy[i]!;
  const rss = Math.max(0, sums.ytwy - bxy);
  const logDetXtWX = -logDetOfInverse(vb, p);
  const logLikML = -0.5 * k * Math.log(2 * Math.PI) - 0.5 * sums.logDetM - 0.5 * rss;
  const logLikREML = -0.5 * (k - p) * Math.log(2 * Math.PI) + 0.5 * logDetXtX - 0.5 * sums.logDetM - 0.5 * logDetXtWX - 0.5 * rss;
  return { beta, vb, rss, logLikML, logLikREML };
}

function logDetOfInverse(inv: Float64Array, p: number): number {
  const l = Float64Array.from(inv);
  return choleskyInPlace(l, p) ? logDetFromCholesky(l, p) : NaN;
}

/** The objective of the optimiser: the ML or REML log-likelihood at θ (−Infinity where undefined). */
export function logLikelihoodAt(data: ModelData, plan: BlockPlan, theta: ArrayLike<number>, reml: boolean, logDetXtX: number): number {
  const sums = glsSums(data, plan, theta);
  const fit = sums && glsFit(sums, data.y.length, logDetXtX);
  if (!fit) return -Infinity;
  const ll = reml ? fit.logLikREML : fit.logLikML;
  return Number.isFinite(ll) ? ll : -Infinity;
}

/** Solve M_b·z = x in place given the block's Cholesky factor. */
export function blockSolve(l: Float64Array, b: number, x: Float64Array, offset = 0): void {
  forwardSolve(l, b, x, offset);
  backSolve(l, b, x, offset);
}
