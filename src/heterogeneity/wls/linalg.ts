// Small dense p×p linear algebra on row-major Float64Array for meta-regression.
//
// Why hand-written and not mathjs: every matrix here is p×p with p the number of coefficients
// (typically 2–10), while the k-long work is a few weighted cross-products. A 30-line Cholesky
// on Float64Array allocates nothing per element, is deterministic, and (unlike mathjs' `inv` or
// `lusolve`) hands back its pivots: on a unit-diagonal Gram matrix the j-th pivot is 1 − R²_j of
// column j regressed on the columns before it, which is exactly what a "these moderators are
// collinear" message must name. Conditioning is handled upstream: the design columns are
// centred and scaled before any Gram matrix is formed (see fitMetaRegression.ts).
// Kernels never throw: a non-positive pivot is reported in the result (`ok: false`).

/** X'·diag(weights)·X for design columns x (each of length k); weights null = all ones. Row-major p×p. */
export function weightedGram(x: readonly Float64Array[], weights: Float64Array | null): Float64Array {
  const p = x.length;
  const g = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    const xa = x[a]!;
    for (let b = 0; b <= a; b++) {
      const xb = x[b]!;
      let s = 0;
      if (weights === null) for (let i = 0; i < xa.length; i++) s += xa[i]! * xb[i]!;
      else for (let i = 0; i < xa.length; i++) s += weights[i]! * xa[i]! * xb[i]!;
      g[a * p + b] = s;
      g[b * p + a] = s;
    }
  }
  return g;
}

/** X'·diag(weights)·y, a p-vector. */
export function weightedCrossVector(x: readonly Float64Array[], weights: Float64Array | null, y: Float64Array): Float64Array {
  const p = x.length;
  const out = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    const xa = x[a]!;
    let s = 0;
    if (weights === null) for (let i = 0; i < xa.length; i++) s += xa[i]! * y[i]!;
    else for (let i = 0; i < xa.length; i++) s += weights[i]! * xa[i]! * y[i]!;
    out[a] = s;
  }
  return out;
}

export interface Cholesky {
  readonly p: number;
  /** Lower-triangular factor L (A = L·L'), row-major p×p. */
  readonly l: Float64Array;
  /** Relative pivots L_jj² / A_jj: 1 − R² of column j on the columns before it (in the metric of A). */
  readonly relativePivots: Float64Array;
  /** False when a pivot was not positive (A not positive definite); `failedAt` names the column. */
  readonly ok: boolean;
  readonly failedAt: number;
}

/** Cholesky factorisation A = L·L' of a symmetric positive definite p×p matrix (never throws). */
export function cholesky(a: Float64Array, p: number): Cholesky {
  const l = new Float64Array(p * p);
  const rel = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j]!;
    for (let m = 0; m < j; m++) d -= l[j * p + m]! * l[j * p + m]!;
    const ajj = a[j * p + j]!;
    rel[j] = ajj > 0 ? d / ajj : NaN;
    if (!(d > 0) || !Number.isFinite(d)) return { p, l, relativePivots: rel, ok: false, failedAt: j };
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j]!;
      for (let m = 0; m < j; m++) s -= l[i * p + m]! * l[j * p + m]!;
      l[i * p + j] = s / ljj;
    }
  }
  return { p, l, relativePivots: rel, ok: true, failedAt: -1 };
}

/** Solve A·x = b given A's Cholesky factor (forward then back substitution). */
export function choleskySolve(ch: Cholesky, b: Float64Array): Float64Array {
  const { p, l } = ch;
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let m = 0; m < i; m++) s -= l[i * p + m]! * z[m]!;
    z[i] = s / l[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let m = i + 1; m < p; m++) s -= l[m * p + i]! * x[m]!;
    x[i] = s / l[i * p + i]!;
  }
  return x;
}

/** A⁻¹ from A's Cholesky factor (symmetrised), row-major p×p. */
export function choleskyInverse(ch: Cholesky): Float64Array {
  const { p } = ch;
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(ch, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i]!;
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const s = 0.5 * (inv[i * p + j]! + inv[j * p + i]!);
      inv[i * p + j] = s;
      inv[j * p + i] = s;
    }
  }
  return inv;
}

/** log det A = 2·Σ log L_jj. */
export function choleskyLogDet(ch: Cholesky): number {
  let s = 0;
  for (let j = 0; j < ch.p; j++) s += Math.log(ch.l[j * ch.p + j]!);
  return 2 * s;
}

/** tr(S·B) for symmetric S and B (both row-major p×p): Σ_ij S_ij·B_ij. */
export function traceOfProduct(s: Float64Array, b: Float64Array): number {
  let t = 0;
  for (let i = 0; i < s.length; i++) t += s[i]! * b[i]!;
  return t;
}

/** C = S·B for row-major p×p matrices. */
export function multiply(s: Float64Array, b: Float64Array, p: number): Float64Array {
  const c = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let m = 0; m < p; m++) {
      const sim = s[i * p + m]!;
      if (sim === 0) continue;
      for (let j = 0; j < p; j++) c[i * p + j] = c[i * p + j]! + sim * b[m * p + j]!;
    }
  }
  return c;
}

/** tr(C·D) for general row-major p×p C, D: Σ_ij C_ij·D_ji. */
export function traceOfGeneralProduct(c: Float64Array, d: Float64Array, p: number): number {
  let t = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) t += c[i * p + j]! * d[j * p + i]!;
  return t;
}
