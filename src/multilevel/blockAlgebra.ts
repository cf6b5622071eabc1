// In-place kernels on one block of the marginal covariance (row-major b×b Float64Array views).
// They allocate nothing and never throw: a non-positive pivot returns false.

/** Overwrite the lower triangle of a (b×b) with its Cholesky factor L (A = L·L'); false when A is not positive definite. */
export function choleskyInPlace(a: Float64Array, b: number): boolean {
  for (let j = 0; j < b; j++) {
    let d = a[j * b + j]!;
    for (let m = 0; m < j; m++) d -= a[j * b + m]! * a[j * b + m]!;
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    a[j * b + j] = ljj;
    for (let i = j + 1; i < b; i++) {
      let s = a[i * b + j]!;
      for (let m = 0; m < j; m++) s -= a[i * b + m]! * a[j * b + m]!;
      a[i * b + j] = s / ljj;
    }
  }
  return true;
}

/** Solve L·z = x in place for a vector x of length b read with stride `stride` from `offset`. */
export function forwardSolve(l: Float64Array, b: number, x: Float64Array, offset = 0, stride = 1): void {
  for (let i = 0; i < b; i++) {
    let s = x[offset + i * stride]!;
    for (let m = 0; m < i; m++) s -= l[i * b + m]! * x[offset + m * stride]!;
    x[offset + i * stride] = s / l[i * b + i]!;
  }
}

/** Solve L'·z = x in place (back substitution with the transpose of L). */
export function backSolve(l: Float64Array, b: number, x: Float64Array, offset = 0, stride = 1): void {
  for (let i = b - 1; i >= 0; i--) {
    let s = x[offset + i * stride]!;
    for (let m = i + 1; m < b; m++) s -= l[m * b + i]! * x[offset + m * stride]!;
    x[offset + i * stride] = s / l[i * b + i]!;
  }
}

/** 2·Σ log L_jj of a Cholesky factor. */
export function logDetFromCholesky(l: Float64Array, b: number): number {
  let s = 0;
  for (let j = 0; j < b; j++) s += Math.log(l[j * b + j]!);
  return 2 * s;
}

/** Inverse of a small symmetric positive definite p×p matrix (row-major copy), or null. */
export function inverseSpd(a: Float64Array, p: number): Float64Array | null {
  const l = Float64Array.from(a);
  if (!choleskyInPlace(l, p)) return null;
  const inv = new Float64Array(p * p);
  const col = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    col.fill(0);
    col[j] = 1;
    forwardSolve(l, p, col);
    backSolve(l, p, col);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i]!;
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) inv[i * p + j] = inv[j * p + i] = 0.5 * (inv[i * p + j]! + inv[j * p + i]!);
  return inv;
}

/** log det of a symmetric positive definite p×p matrix (NaN when not positive definite). */
export function logDetSpd(a: Float64Array, p: number): number {
  const l = Float64Array.from(a);
  return choleskyInPlace(l, p) ? logDetFromCholesky(l, p) : NaN;
}
