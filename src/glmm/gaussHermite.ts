/** Orthonormal Hermite polynomial h_n(x) (weight e^{-x²}) and h_{n-1}(x) by the three-term recurrence. */
function hermite(n: number, x: number): [number, number] {
  let prev = 0;
  let cur = Math.PI ** -0.25;
  for (let j = 1; j <= n; j++) {
    const next = x * Math.sqrt(2 / j) * cur - Math.sqrt((j - 1) / j) * prev;
    prev = cur;
    cur = next;
  }
  return [cur, prev];
}

const cache = new Map<number, { nodes: number[]; weights: number[] }>();

/**
 * The n-point Gauss–Hermite rule for ∫ f(x) e^{-x²} dx (Abramowitz & Stegun 25.4.46): nodes are the
 * roots of H_n, found by a sign-change scan and bisection refined by Newton steps; weights
 * 2/h_n'(x)² with h_n' = √(2n)·h_{n−1} for the orthonormal polynomials. Cached per n.
 * @example gaussHermite(1) // { nodes: [0], weights: [1.7724538509055159] }
 */
export function gaussHermite(n: number): { nodes: number[]; weights: number[] } {
  const hit = cache.get(n);
  if (hit) return hit;
  const nodes: number[] = [];
  const bound = Math.sqrt(2 * n + 1) + 1;
  const step = bound / (50 * n);
  let x0 = -bound;
  let f0 = hermite(n, x0)[0];
  for (let x1 = x0 + step; x1 <= bound + step && nodes.length < n; x1 += step) {
    const f1 = hermite(n, x1)[0];
    if (f0 === 0 || f0 * f1 < 0) {
      let lo = x0;
      let hi = x1;
      for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); it++) {
        const mid = (lo + hi) / 2;
        if (hermite(n, lo)[0] * hermite(n, mid)[0] <= 0) hi = mid;
        else lo = mid;
      }
      let r = (lo + hi) / 2;
      for (let it = 0; it < 3; it++) {
        const [p, q] = hermite(n, r);
        const d = Math.sqrt(2 * n) * q;
        if (d !== 0) r -= p / d;
      }
      nodes.push(r);
    }
    x0 = x1;
    f0 = f1;
  }
  const weights = nodes.map((x) => 2 / (2 * n * hermite(n, x)[1] ** 2));
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}
