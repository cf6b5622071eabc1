// Cluster-robust (sandwich) inference for a weighted least-squares fit with block-diagonal
// working covariance M (rma.uni: one row per block; rma.mv: the blocks of the marginal
// covariance), W = M⁻¹ and bread B = (X'WX)⁻¹.
//   CR1 (metafor's robust() default): V = n/(n−p)·B·Σ_c X'W_{·c}e_c e_c'W_{c·}X·B, t tests and
//       F = QM/m on n − p df (n clusters).
//   CR2 (clubSandwich, Pustejovsky & Tipton 2018, working model = the fitted M): residuals of
//       cluster c pre-multiplied by A_c = D_c'·(D_c(M_c − X_cBX_c')D_c')^{-1/2}·D_c, M_c = D_c'D_c;
//       Satterthwaite df per coefficient and the HTZ Wald test, with the moments of the
//       estimator under the working model (Tipton & Pustejovsky 2015).
import { MetasynthError } from '../core/errors.js';
import { fSurvival, normalCritical, studentTCritical, studentTTwoSidedP } from '../distributions/index.js';
import { backSolve, choleskyInPlace, forwardSolve, inverseSpd } from './blockAlgebra.js';
import { symmetricPower } from './symmetricPower.js';
import { MULTILEVEL_MESSAGES } from './messages.js';

export const ROBUST_TYPES = ['CR1', 'CR2'] as const;
export type RobustType = (typeof ROBUST_TYPES)[number];
/**
 * Is `x` one of ROBUST_TYPES?
 * @example isRobustType('CR2') // true
 */
export function isRobustType(x: unknown): x is RobustType {
  return typeof x === 'string' && (ROBUST_TYPES as readonly string[]).includes(x);
}

export interface WorkingModel {
  /** Design columns (p arrays of length k). */
  readonly x: readonly Float64Array[];
  readonly y: Float64Array;
  readonly beta: ArrayLike<number>;
  /** (X'WX)⁻¹, row-major p×p. */
  readonly bread: ArrayLike<number>;
  /** Row indices of the independent blocks of M. */
  readonly blocks: readonly Int32Array[];
  /** Block bi of M, row-major b×b. */
  readonly marginalBlock: (bi: number) => Float64Array;
}

export interface RobustCoefficient {
  readonly standardError: number;
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly ciLower: number;
  readonly ciUpper: number;
}

export interface RobustResult {
  readonly type: RobustType;
  readonly clusters: number;
  readonly covariance: readonly (readonly number[])[];
  readonly coefficients: readonly RobustCoefficient[];
  readonly qm: number;
  readonly qmDf: number;
  readonly qmDfDenominator: number;
  readonly qmPValue: number;
}

interface ClusterPieces {
  /** X_c'W_cA_c e_c (CR2) or X'W_{·c}e_c (CR1), a p-vector. */
  readonly component: Float64Array;
  /** B·E_c·D_c' (p×n_c) and B·E_c·X_c·L_B (p×p), for the Satterthwaite moments (CR2 only). */
  readonly g: Float64Array | null;
  readonly h: Float64Array | null;
  readonly n: number;
}

function residuals(m: WorkingModel): Float64Array {
  const p = m.x.length;
  return m.y.map((yi, i) => {
    let f = 0;
    for (let j = 0; j < p; j++) f += m.x[j]![i]! * m.beta[j]!;
    return yi - f;
  });
}

/** CR1 meat parts: for every row, (W X)_i·e_i summed by cluster; blocks may span clusters. */
function cr1Components(m: WorkingModel, e: Float64Array, clusterOf: Int32Array, nClusters: number): Float64Array[] {
  const p = m.x.length;
  const comps = Array.from({ length: nClusters }, () => new Float64Array(p));
  m.blocks.forEach((rows, bi) => {
    const b = rows.length;
    const l = m.marginalBlock(bi);
    if (!choleskyInPlace(l, b)) throw new MetasynthError('not_estimable', MULTILEVEL_MESSAGES.robust_marginal_covariance_not());
    // W·e within the block, then row i contributes x_i·(We)_i to its cluster.
    const we = Float64Array.from(rows, (r) => e[r]!);
    forwardSolve(l, b, we);
    backSolve(l, b, we);
    for (let a = 0; a < b; a++) {
      const c = comps[clusterOf[rows[a]!]!]!;
      for (let j = 0; j < p; j++) c[j] = c[j]! + m.x[j]![rows[a]!]! * we[a]!;
    }
  });
  return comps;
}

const idx = (n: number) => (i: number, j: number) => i * n + j;

/** The CR2 pieces of one cluster (its rows, its dense M block). */
function cr2Cluster(m: WorkingModel, e: Float64Array, rows: Int32Array, theta: Float64Array, lB: Float64Array): ClusterPieces {
  const p = m.x.length;
  const n = rows.length;
  const at = idx(n);
  const l = Float64Array.from(theta);
  if (!choleskyInPlace(l, n)) throw new MetasynthError('not_estimable', MULTILEVEL_MESSAGES.robust_cluster_s_block());
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) l[at(i, j)] = 0;
  const xc = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) xc[i * p + j] = m.x[j]![rows[i]!]!;
  // S = M_c − X_c·B·X_c'; G = L'·S·L; A = L·G^{-1/2}·L'.
  const s = Float64Array.from(theta);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let q = 0;
      for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) q += xc[i * p + a]! * m.bread[a * p + b]! * xc[j * p + b]!;
      s[at(i, j)] = s[at(i, j)]! - q;
    }
  const g = mul(transpose(l, n, n), n, n, mul(s, n, n, l, n), n);
  const gm = symmetricPower(g, n, -0.5);
  const adj = mul(mul(l, n, n, gm, n), n, n, transpose(l, n, n), n);
  // W·X_c via the Cholesky factor (theta = L·L').
  const wx = new Float64Array(n * p);
  const col = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) col[i] = xc[i * p + j]!;
    forwardSolve(l, n, col);
    backSolve(l, n, col);
    for (let i = 0; i < n; i++) wx[i * p + j] = col[i]!;
  }
  const est = mul(transpose(wx, n, p), p, n, adj, n); // E_c = X_c'W_c·A_c, p×n
  const ec = Float64Array.from(rows, (r) => e[r]!);
  const component = new Float64Array(p);
  for (let a = 0; a < p; a++) for (let i = 0; i < n; i++) component[a] = component[a]! + est[a * n + i]! * ec[i]!;
  const me = mul(Float64Array.from(m.bread), p, p, est, n); // B·E_c
  return { component, g: mul(me, p, n, l, n), h: mul(mul(me, p, n, xc, p), p, p, lB, p), n };
}

/** C = A·B for row-major A (r×m) and B (m×c). */
function mul(a: Float64Array, r: number, m: number, b: Float64Array, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++)
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < c; j++) out[i * c + j] = out[i * c + j]! + aik * b[k * c + j]!;
    }
  return out;
}

function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j]!;
  return out;
}

/** Lower Cholesky factor of B (B = L·L'), zeros above the diagonal. */
function lowerFactor(bread: ArrayLike<number>, p: number): Float64Array {
  const l = Float64Array.from(bread);
  choleskyInPlace(l, p);
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) l[i * p + j] = 0;
  return l;
}

/** Rows of each cluster in block order; throws when a block spans clusters (CR2 needs nesting). */
function clustersOfBlocks(m: WorkingModel, clusterOf: Int32Array, nClusters: number): { rows: Int32Array; blocks: number[] }[] {
  const out = Array.from({ length: nClusters }, () => ({ rows: [] as number[], blocks: [] as number[] }));
  m.blocks.forEach((rows, bi) => {
    const c = clusterOf[rows[0]!]!;
    if (rows.some((r) => clusterOf[r] !== c)) {
      throw new MetasynthError('invalid_option', MULTILEVEL_MESSAGES.robust_cr2_needs_random());
    }
    out[c]!.rows.push(...rows);
    out[c]!.blocks.push(bi);
  });
  return out.map((o) => ({ rows: Int32Array.from(o.rows), blocks: o.blocks }));
}

function clusterTheta(m: WorkingModel, blocks: readonly number[], n: number): Float64Array {
  const theta = new Float64Array(n * n);
  let off = 0;
  for (const bi of blocks) {
    const mb = m.marginalBlock(bi);
    const b = m.blocks[bi]!.length;
    for (let i = 0; i < b; i++) for (let j = 0; j < b; j++) theta[(off + i) * n + off + j] = mb[i * b + j]!;
    off += b;
  }
  return theta;
}

/** Satterthwaite df of contrast rows c (q×p) from the CR2 pieces: the HTZ machinery with q = 1 gives the per-coefficient df. */
function contrastPieces(pieces: readonly ClusterPieces[], c: Float64Array, q: number, p: number) {
  return pieces.map((pc) => ({ g: mul(c, q, p, pc.g!, pc.n), h: mul(c, q, p, pc.h!, p), n: pc.n }));
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[ao + i]! * b[bo + i]!;
  return s;
}

/** ν of the HTZ test (q(q+1)/Σ var_mat) from contrast pieces; for q = 1 the Satterthwaite df. */
function htzDegrees(cp: { g: Float64Array; h: Float64Array; n: number }[], q: number, p: number): number {
  // Omega = Σ_c G_c G_c' − Σ_c H_c H_c', then everything is whitened by Omega^{-1/2}.
  const omega = new Float64Array(q * q);
  for (const c of cp)
    for (let s = 0; s < q; s++)
      for (let t = 0; t < q; t++) omega[s * q + t] = omega[s * q + t]! + dot(c.g, s * c.n, c.g, t * c.n, c.n) - dot(c.h, s * p, c.h, t * p, p);
  const root = symmetricPower(omega, q, -0.5);
  const w = cp.map((c) => ({ g: mul(root, q, q, c.g, c.n), h: mul(root, q, q, c.h, p), n: c.n }));
  // A(a,b) = Σ_c h_c(a)·h_c(b)' (p×p) for every pair.
  const aMat = (a: number, b: number) => {
    const out = new Float64Array(p * p);
    for (const c of w) for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = out[i * p + j]! + c.h[a * p + i]! * c.h[b * p + j]!;
    return out;
  };
  const trProd = (x: Float64Array, y: Float64Array) => {
    let s = 0;
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) s += x[i * p + j]! * y[j * p + i]!;
    return s;
  };
  let total = 0;
  for (let s = 0; s < q; s++)
    for (let t = 0; t < q; t++) {
      let t1 = 0;
      let t2 = 0;
      for (const c of w) {
        const gst = dot(c.g, s * c.n, c.g, t * c.n, c.n);
        const gss = dot(c.g, s * c.n, c.g, s * c.n, c.n);
        const gtt = dot(c.g, t * c.n, c.g, t * c.n, c.n);
        const hst = dot(c.h, s * p, c.h, t * p, p);
        t1 += gst * gst - 2 * gst * hst;
        t2 += gss * gtt - gss * dot(c.h, t * p, c.h, t * p, p) - gtt * dot(c.h, s * p, c.h, s * p, p);
      }
      const ats = aMat(t, s);
      t1 += trProd(ats, ats);
      t2 += trProd(ats, aMat(s, t));
      total += t1 + t2;
    }
  return (q * (q + 1)) / total;
}

/** Wald statistic b_S'·(V_SS)⁻¹·b_S. */
function waldQ(beta: ArrayLike<number>, v: Float64Array, indices: readonly number[], p: number): number {
  const m = indices.length;
  const sub = new Float64Array(m * m);
  indices.forEach((a, r) => {
    indices.forEach((b, c) => {
      sub[r * m + c] = v[a * p + b]!;
    });
  });
  const inv = inverseSpd(sub, m);
  if (!inv) return NaN;
  let qv = 0;
  for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) qv += beta[indices[r]!]! * inv[r * m + c]! * beta[indices[c]!]!;
  return qv;
}

function sandwich(bread: ArrayLike<number>, comps: readonly Float64Array[], p: number, factor: number): Float64Array {
  const meat = new Float64Array(p * p);
  for (const c of comps) for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) meat[i * p + j] = meat[i * p + j]! + c[i]! * c[j]!;
  const b = Float64Array.from(bread);
  return mul(mul(b, p, p, meat, p), p, p, b, p).map((x) => x * factor);
}

/**
 * Cluster-robust tests of the coefficients of a working model (metafor robust(); clubSandwich
 * coef_test with Satterthwaite df and Wald_test with HTZ for CR2). `tested` are the coefficient
 * indices of the omnibus test (metafor's btt).
 * @example
 * // a mean of four independent unit-variance rows in two clusters: df = clusters − 1
 * const model = { x: [Float64Array.of(1, 1, 1, 1)], y: Float64Array.of(1, 2, 3, 5), beta: [2.75], bread: [0.25], blocks: [0, 1, 2, 3].map((i) => Int32Array.of(i)), marginalBlock: () => Float64Array.of(1) };
 * clusterRobust(model, Int32Array.of(0, 0, 1, 1), { type: 'CR1', tested: [0] }).coefficients[0] // { standardError: 1.25, df: 1 }
 */
export function clusterRobust(m: WorkingModel, clusterOf: Int32Array, options: { type: RobustType; tested: readonly number[]; level?: number }): RobustResult {
  const p = m.x.length;
  const level = options.level ?? 95;
  const nClusters = Math.max(...clusterOf) + 1;
  if (nClusters < 2) throw new MetasynthError('not_estimable', MULTILEVEL_MESSAGES.robust_cluster_robust_inference());
  const e = residuals(m);
  let v: Float64Array;
  let dfs: number[];
  let qm: number;
  let qmDen: number;
  const q = options.tested.length;
  if (options.type === 'CR1') {
    if (nClusters <= p) throw new MetasynthError('not_estimable', MULTILEVEL_MESSAGES.robust_cr1_needs_more(nClusters, p));
    v = sandwich(m.bread, cr1Components(m, e, clusterOf, nClusters), p, nClusters / (nClusters - p));
    dfs = Array.from({ length: p }, () => nClusters - p);
    qm = waldQ(m.beta, v, options.tested, p) / q;
    qmDen = nClusters - p;
  } else {
    const lB = lowerFactor(m.bread, p);
    const pieces = clustersOfBlocks(m, clusterOf, nClusters).map((c) => cr2Cluster(m, e, c.rows, clusterTheta(m, c.blocks, c.rows.length), lB));
    v = sandwich(
      m.bread,
      pieces.map((pc) => pc.component),
      p,
      1,
    );
    dfs = Array.from({ length: p }, (_, j) => {
      const c = new Float64Array(p);
      c[j] = 1;
      return htzDegrees(contrastPieces(pieces, c, 1, p), 1, p);
    });
    const cMat = new Float64Array(q * p);
    options.tested.forEach((j, r) => {
      cMat[r * p + j] = 1;
    });
    const nu = htzDegrees(contrastPieces(pieces, cMat, q, p), q, p);
    const delta = Math.max((nu - q + 1) / nu, 0);
    qm = (delta * waldQ(m.beta, v, options.tested, p)) / q;
    qmDen = nu - q + 1;
  }
  const coefficients = Array.from({ length: p }, (_, j) => {
    const se = Math.sqrt(v[j * p + j]!);
    const stat = m.beta[j]! / se;
    const crit = Number.isFinite(dfs[j]!) ? studentTCritical(level, dfs[j]!) : normalCritical(level);
    return {
      standardError: se,
      statistic: stat,
      df: dfs[j]!,
      pValue: studentTTwoSidedP(stat, dfs[j]!),
      ciLower: m.beta[j]! - crit * se,
      ciUpper: m.beta[j]! + crit * se,
    };
  });
  return {
    type: options.type,
    clusters: nClusters,
    covariance: Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => v[i * p + j]!)),
    coefficients,
    qm,
    qmDf: q,
    qmDfDenominator: qmDen,
    qmPValue: qmDen > 0 ? fSurvival(qm, q, qmDen) : NaN,
  };
}
