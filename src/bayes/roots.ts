// Scalar root finding and maximisation used by the posterior summaries: Brent's bracketed root
// finder and golden-section maximisation. Both never throw; they return NaN when
// the bracket does not hold a sign change.

/**
 * A root of g in [a, b] where g(a) and g(b) differ in sign, by Brent's method (inverse quadratic
 * interpolation and secant steps, falling back to bisection; Brent 1973, Ch. 4), to a bracket of
 * width ≤ tol·(1 + |x|).
 * @example bracketedRoot((x) => x * x - 2, 0, 2).toFixed(12) // '1.414213562373'
 */
export function bracketedRoot(g: (x: number) => number, a: number, b: number, tol = 1e-15, maxIter = 200): number {
  let fa = g(a);
  let fb = g(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!(fa * fb < 0)) return NaN;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 0; i < maxIter; i++) {
    if (fb * fc > 0) [c, fc, d, e] = [a, fa, b - a, b - a];
    if (Math.abs(fc) < Math.abs(fb)) [a, b, c, fa, fb, fc] = [b, c, b, fb, fc, fb];
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol * (1 + Math.abs(b));
    const m = (c - b) / 2;
    if (Math.abs(m) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const step = interpolationStep(a, b, c, fa, fb, fc);
      if (2 * Math.abs(step) < Math.min(3 * Math.abs(m) - Math.abs(tol1), Math.abs(e))) [e, d] = [d, step];
      else [e, d] = [m, m];
    } else [e, d] = [m, m];
    [a, fa] = [b, fb];
    b += Math.abs(d) > tol1 ? d : m > 0 ? tol1 : -tol1;
    fb = g(b);
  }
  return b;
}

/** The secant (two points) or inverse quadratic interpolation (three) step from b. */
function interpolationStep(a: number, b: number, c: number, fa: number, fb: number, fc: number): number {
  if (a === c) return (-fb * (b - a)) / (fb - fa);
  const r = fb / fc;
  const q0 = fa / fc;
  const s0 = fb / fa;
  const p = s0 * ((c - b) * q0 * (q0 - r) - (b - a) * (r - 1));
  const q = (q0 - 1) * (r - 1) * (s0 - 1);
  return p / q;
}

/**
 * The maximiser of a unimodal h on [a, b] by golden-section search, to |b − a| ≤ tol·(1 + |x|).
 * @example goldenMaximum((x) => -(x - 1) * (x - 1), 0, 3).toFixed(8) // '1.00000000'
 */
export function goldenMaximum(h: (x: number) => number, a: number, b: number, tol = 1e-12): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  let hc = h(c);
  let hd = h(d);
  for (let i = 0; i < 300 && Math.abs(b - a) > tol * (1 + Math.abs(c)); i++) {
    if (hc >= hd) {
      [b, d, hd] = [d, c, hc];
      c = b - r * (b - a);
      hc = h(c);
    } else {
      [a, c, hc] = [c, d, hd];
      d = a + r * (b - a);
      hd = h(d);
    }
  }
  return (a + b) / 2;
}
