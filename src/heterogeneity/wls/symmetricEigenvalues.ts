// Eigenvalues of a real symmetric matrix: Householder reduction to tridiagonal form, then the
// implicit QL algorithm with Wilkinson-type shifts on the tridiagonal matrix (Golub & Van Loan,
// "Matrix Computations", 4th ed., §8.3; Wilkinson & Reinsch 1971, "Handbook for Automatic
// Computation II", contributions II/2 and II/4). O(n³) for the reduction, O(n²) for the QL sweeps.
// Written from the published algorithms.

/** Householder reduction of the symmetric n×n matrix `a` (row-major, overwritten) to tridiagonal (d, e), e[i] coupling i and i + 1. */
function tridiagonalise(a: Float64Array, n: number): { d: Float64Array; e: Float64Array } {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const v = new Float64Array(n);
  const q = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm += a[i * n + k]! * a[i * n + k]!;
    norm = Math.sqrt(norm);
    d[k] = a[k * n + k]!;
    if (norm === 0) continue;
    const x0 = a[(k + 1) * n + k]!;
    const alpha = x0 > 0 ? -norm : norm;
    e[k] = alpha;
    // v = (x − α e₁)/‖x − α e₁‖, H = I − 2vvᵀ maps x to α e₁.
    let vNorm = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = a[i * n + k]! - (i === k + 1 ? alpha : 0);
      vNorm += v[i]! * v[i]!;
    }
    vNorm = Math.sqrt(vNorm);
    for (let i = k + 1; i < n; i++) v[i] = v[i]! / vNorm;
    // B ← HBH = B − 2vqᵀ − 2qvᵀ, p = Bv, q = p − (vᵀp)v, on the trailing block.
    let vp = 0;
    for (let i = k + 1; i < n; i++) {
      let s = 0;
      for (let j = k + 1; j < n; j++) s += a[i * n + j]! * v[j]!;
      q[i] = s;
      vp += v[i]! * s;
    }
    for (let i = k + 1; i < n; i++) q[i] = q[i]! - vp * v[i]!;
    for (let i = k + 1; i < n; i++) {
      for (let j = k + 1; j < n; j++) a[i * n + j] = a[i * n + j]! - 2 * (v[i]! * q[j]! + q[i]! * v[j]!);
    }
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2]!;
    e[n - 2] = a[(n - 1) * n + n - 2]!;
  }
  if (n >= 1) d[n - 1] = a[(n - 1) * n + n - 1]!;
  return { d, e };
}

/** One implicit QL sweep on the unreduced block l..m of (d, e), shifted by the eigenvalue of the leading 2×2 block closer to d[l]. */
function qlSweep(d: Float64Array, e: Float64Array, l: number, m: number): void {
  let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
  let r = Math.hypot(g, 1);
  g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
  let s = 1;
  let c = 1;
  let p = 0;
  for (let i = m - 1; i >= l; i--) {
    const f = s * e[i]!;
    const b = c * e[i]!;
    r = Math.hypot(f, g);
    e[i + 1] = r;
    if (r === 0) {
      // Underflow: the block splits here; the next sweep resumes from the split.
      d[i + 1] = d[i + 1]! - p;
      e[m] = 0;
      return;
    }
    s = f / r;
    c = g / r;
    g = d[i + 1]! - p;
    r = (d[i]! - g) * s + 2 * c * b;
    p = s * r;
    d[i + 1] = g + p;
    g = c * r - b;
  }
  d[l] = d[l]! - p;
  e[l] = g;
  e[m] = 0;
}

/** Eigenvalues of the symmetric tridiagonal (d, e) in place (d); false when a block needs more than 60 sweeps. */
function tridiagonalEigenvalues(d: Float64Array, e: Float64Array): boolean {
  const n = d.length;
  for (let l = 0; l < n; l++) {
    for (let sweeps = 0; ; sweeps++) {
      let m = l;
      for (; m < n - 1; m++) {
        const scale = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * scale) break;
      }
      if (m === l) break;
      if (sweeps === 60) return false;
      qlSweep(d, e, l, m);
    }
  }
  return true;
}

/**
 * All eigenvalues of a real symmetric n×n matrix (row-major; only its values are read, the input
 * is not modified), in decreasing order, as R's `eigen(symmetric = TRUE, only.values = TRUE)`.
 * Never throws: a non-finite entry or a failed QL iteration gives NaN values.
 * @example Array.from(symmetricEigenvalues(new Float64Array([2, 1, 1, 2]), 2)) // [3, 1.0000]
 */
export function symmetricEigenvalues(matrix: Float64Array, n: number): Float64Array {
  if (!matrix.every(Number.isFinite)) return new Float64Array(n).fill(NaN);
  const { d, e } = tridiagonalise(Float64Array.from(matrix), n);
  if (!tridiagonalEigenvalues(d, e)) return new Float64Array(n).fill(NaN);
  return d.sort().reverse();
}
