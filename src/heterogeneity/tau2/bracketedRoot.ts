// Brent's method (Brent 1973, "Algorithms for Minimization without Derivatives", ch. 4): inverse
// quadratic interpolation and secant steps, falling back to bisection whenever they stray, so it
// always converges on a bracket. Written from the published algorithm.

export interface RootResult {
  readonly root: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * A root of `f` in [lo, hi], given f(lo) and f(hi) of opposite signs (or one of them zero).
 * Stops when the bracket is narrower than `xTolerance` (plus a few ulp of the root).
 * Never throws: a bracket without a sign change returns NaN with converged = false.
 * @example bracketedRoot((x) => x * x - 2, 0, 2, -2, 2, 1e-15).root // 1.4142135623730951
 */
export function bracketedRoot(f: (x: number) => number, lo: number, hi: number, fLo: number, fHi: number, xTolerance: number, maxIterations = 500): RootResult {
  let a = lo;
  let b = hi;
  let fa = fLo;
  let fb = fHi;
  if (fa === 0) return { root: a, iterations: 0, converged: true };
  if (fb === 0) return { root: b, iterations: 0, converged: true };
  if (!(fa * fb < 0)) return { root: NaN, iterations: 0, converged: false };
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 1; iter <= maxIterations; iter++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xTolerance;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return { root: b, iterations: iter, converged: true };
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
    if (Number.isNaN(fb)) return { root: NaN, iterations: iter, converged: false };
  }
  return { root: b, iterations: maxIterations, converged: false };
}
