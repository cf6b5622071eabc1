// Hessian by central differences with Richardson extrapolation (Linfield & Penny 1989; the
// algorithm of R's numDeriv::hessian, which metafor's selmodel calls with r = 6): steps
// h = d·|x| (or eps where |x| is below zero.tol), halved r times, then extrapolated. Using the
// same steps matters at a boundary such as τ² = 0, where the likelihood is flat on one side.
// Kernel: never throws.

export interface RichardsonControl {
  readonly d?: number;
  readonly eps?: number;
  readonly r?: number;
}

function extrapolate(a: Float64Array): number {
  const r = a.length;
  for (let m = 1; m < r; m++) for (let k = 0; k < r - m; k++) a[k] = (a[k + 1]! * 4 ** m - a[k]!) / (4 ** m - 1);
  return a[0]!;
}

/**
 * Hessian of f at x (row-major n×n).
 * @example Array.from(richardsonHessian((x) => x[0] ** 2 * x[1], Float64Array.of(1, 2)), (h) => Math.round(h * 1e4) / 1e4) // [4, 2, 2, 0]
 */
export function richardsonHessian(f: (x: Float64Array) => number, x: Float64Array, control: RichardsonControl = {}): Float64Array {
  const d = control.d ?? 1e-4;
  const eps = control.eps ?? 1e-4;
  const r = control.r ?? 6;
  const zeroTol = Math.sqrt(Number.EPSILON / 7e-7);
  const n = x.length;
  const f0 = f(x);
  const h0 = Array.from(x, (v) => Math.abs(d * v) + (Math.abs(v) < zeroTol ? eps : 0));
  const hdiag = new Float64Array(n);
  const out = new Float64Array(n * n);
  const at = (shift: (i: number) => number) => f(Float64Array.from(x, (v, i) => v + shift(i)));
  const a = new Float64Array(r);
  for (let i = 0; i < n; i++) {
    let h = h0[i]!;
    for (let k = 0; k < r; k++) {
      const hh = h;
      a[k] = (at((m) => (m === i ? hh : 0)) - 2 * f0 + at((m) => (m === i ? -hh : 0))) / (hh * hh);
      h /= 2;
    }
    hdiag[i] = extrapolate(a);
    out[i * n + i] = hdiag[i]!;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      let hi = h0[i]!;
      let hj = h0[j]!;
      for (let k = 0; k < r; k++) {
        const ci = hi;
        const cj = hj;
        const f1 = at((m) => (m === i ? ci : m === j ? cj : 0));
        const f2 = at((m) => (m === i ? -ci : m === j ? -cj : 0));
        a[k] = (f1 - 2 * f0 + f2 - hdiag[i]! * ci * ci - hdiag[j]! * cj * cj) / (2 * ci * cj);
        hi /= 2;
        hj /= 2;
      }
      out[i * n + j] = out[j * n + i] = extrapolate(a);
    }
  }
  return out;
}
