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

/** The R factor of a thin QR decomposition and Qᵀb (see {@link householderQR}). */
export interface QRFactor {
  readonly p: number;
  /** Upper-triangular R, row-major p×p (its diagonal may be negative). */
  readonly r: Float64Array;
  /** The first p entries of Qᵀb. */
  readonly qtb: Float64Array;
  /** False when a column is (numerically) a combination of the ones before it (R_jj = 0 or not finite). */
  readonly ok: boolean;
}

/**
 * Thin QR decomposition A = Q·R of the k×p matrix whose columns are `a`, by Householder
 * reflections (Golub & Van Loan 2013, Matrix Computations, alg. 5.2.1), applied to b as well.
 * Solving least squares through R instead of the normal equations AᵀA keeps the condition number
 * κ(A) instead of squaring it (what makes Egger's regression exact when variances span 1e-6 to
 * 1e6). Overwrites `a` and `b` (pass copies). Never throws: a rank-deficient A gives ok = false.
 * @example Array.from(householderQR([Float64Array.of(3, 4)], Float64Array.of(1, 2)).r) // [-5]
 */
export function householderQR(a: Float64Array[], b: Float64Array): QRFactor {
  const p = a.length;
  const k = b.length;
  const r = new Float64Array(p * p);
  const qtb = new Float64Array(p);
  let ok = true;
  for (let j = 0; j < p; j++) {
    const v = a[j]!;
    let norm2 = 0;
    for (let i = j; i < k; i++) norm2 += v[i]! * v[i]!;
    const norm = Math.sqrt(norm2);
    if (!(norm > 0) || !Number.isFinite(norm)) {
      ok = false;
      break;
    }
    const alpha = v[j]! > 0 ? -norm : norm;
    const v0 = v[j]! - alpha;
    v[j] = v0;
    const vtv = -2 * alpha * v0; // vᵀv for v = x − α·e₁
    const reflect = (c: Float64Array): void => {
      let s = 0;
      for (let i = j; i < k; i++) s += v[i]! * c[i]!;
      const f = (2 * s) / vtv;
      if (f !== 0) for (let i = j; i < k; i++) c[i] = c[i]! - f * v[i]!;
    };
    for (let c = j + 1; c < p; c++) {
      reflect(a[c]!);
      r[j * p + c] = a[c]![j]!;
    }
    reflect(b);
    r[j * p + j] = alpha;
    qtb[j] = b[j]!;
  }
  return { p, r, qtb, ok };
}

/** x with R·x = c for upper-triangular R (back substitution). */
export function upperSolve(f: QRFactor, c: Float64Array): Float64Array {
  const { p, r } = f;
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = c[i]!;
    for (let m = i + 1; m < p; m++) s -= r[i * p + m]! * x[m]!;
    x[i] = s / r[i * p + i]!;
  }
  return x;
}

/** (RᵀR)⁻¹ = R⁻¹R⁻ᵀ (symmetric, row-major p×p): the inverse of AᵀA from A's R factor. */
export function qrGramInverse(f: QRFactor): Float64Array {
  const { p, r } = f;
  // U = R⁻¹ (upper triangular), column by column.
  const u = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    u[j * p + j] = 1 / r[j * p + j]!;
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let m = i + 1; m <= j; m++) s += r[i * p + m]! * u[m * p + j]!;
      u[i * p + j] = -s / r[i * p + i]!;
    }
  }
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let m = i; m < p; m++) s += u[i * p + m]! * u[j * p + m]!;
      inv[i * p + j] = s;
      inv[j * p + i] = s;
    }
  }
  return inv;
}

/** log |AᵀA| = 2·Σ log |R_jj|. */
export function qrLogDet(f: QRFactor): number {
  let s = 0;
  for (let j = 0; j < f.p; j++) s += Math.log(Math.abs(f.r[j * f.p + j]!));
  return 2 * s;
}
