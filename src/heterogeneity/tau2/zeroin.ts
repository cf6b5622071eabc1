// The root search of R's uniroot(): Brent's zeroin (Brent 1973, ch. 4; the published
// Forsythe–Malcolm–Moler / netlib formulation R's zeroin.c follows), iterate for iterate, so that a
// search stopped at R's default tolerance (.Machine$double.eps^0.25) lands on the same point as
// metafor's. Written from the published algorithm. Use bracketedRoot for a converged root.
import type { RootResult } from './bracketedRoot.js';

/** R's uniroot() default tolerance, .Machine$double.eps^0.25 = 2^-13. */
export const R_UNIROOT_TOLERANCE = 2 ** -13;

/**
 * A root of `f` in [lo, hi] as R's `uniroot(f, c(lo, hi), tol = tolerance, maxiter = maxIterations)`
 * returns it, given f(lo) and f(hi) of opposite signs (or one zero). Each step is an inverse
 * quadratic or secant step accepted only inside three quarters of the bracket and shorter than half
 * the step before last, else bisection; no step is shorter than 2ε|b| + tolerance/2; the search
 * stops when half the bracket is within that length. Never throws: a bracket without a sign change
 * gives NaN, and running out of iterations gives the last iterate with converged = false.
 * @example zeroin((x) => x * x - 2, 0, 2, -2, 2, 2 ** -13).root // 1.4142133199955025
 */
export function zeroin(f: (x: number) => number, lo: number, hi: number, fLo: number, fHi: number, tolerance: number, maxIterations = 1000): RootResult {
  let a = lo;
  let b = hi;
  let fa = fLo;
  let fb = fHi;
  if (fa === 0) return { root: a, iterations: 0, converged: true };
  if (fb === 0) return { root: b, iterations: 0, converged: true };
  if (!(fa * fb < 0)) return { root: NaN, iterations: 0, converged: false };
  let c = a;
  let fc = fa;
  // R counts maxiter + 1 passes of the loop, each ending with one evaluation of f.
  for (let iter = 0; iter <= maxIterations; iter++) {
    const previousStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolAct = 2 * Number.EPSILON * Math.abs(b) + tolerance / 2;
    let step = (c - b) / 2;
    if (Math.abs(step) <= tolAct || fb === 0) return { root: b, iterations: iter, converged: true };
    if (Math.abs(previousStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((previousStep * q) / 2)) step = p / q;
    }
    if (Math.abs(step) < tolAct) step = step > 0 ? tolAct : -tolAct;
    a = b;
    fa = fb;
    b += step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return { root: b, iterations: maxIterations, converged: false };
}
