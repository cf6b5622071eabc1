// Golden-section maximisation for the posterior modes (root finding uses the engine's Brent
// implementation, src/heterogeneity/tau2/bracketedRoot.ts). Never throws.

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
