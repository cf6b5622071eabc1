/**
 * Gradient and Hessian of f: ℝᵈ → ℝ by central differences with step h, Richardson-extrapolated
 * over steps h and h/2 (truncation error O(h⁴); Dennis & Schnabel 1996, §5.6). Used where the
 * objective is an approximated integral whose exact derivatives are not available in closed form
 * (lme4 itself takes its Hessian this way). `richardson = false`: the plain central differences
 * (half the evaluations; O(h²) error), enough where only a Newton direction is wanted.
 * @example numericalDerivatives((v) => -(v[0] ** 2) - v[0] * v[1] - 2 * v[1] ** 2, [1, 0], 1e-3).gradient.map((g) => Math.round(g)) // [-2, -1]
 */
export function numericalDerivatives(
  f: (x: number[]) => number,
  x: readonly number[],
  h: number,
  richardson = true,
): { value: number; gradient: number[]; hessian: number[][] } {
  const d = x.length;
  const at = (steps: [number, number][]): number => {
    const y = x.slice();
    for (const [i, s] of steps) y[i] = (y[i] as number) + s;
    return f(y);
  };
  const f0 = f(x.slice());
  const once = (s: number) => {
    const g: number[] = [];
    const hess: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < d; i++) {
      const fp = at([[i, s]]);
      const fm = at([[i, -s]]);
      g.push((fp - fm) / (2 * s));
      (hess[i] as number[])[i] = (fp - 2 * f0 + fm) / (s * s);
      for (let j = 0; j < i; j++) {
        const v =
          (at([
            [i, s],
            [j, s],
          ]) -
            at([
              [i, s],
              [j, -s],
            ]) -
            at([
              [i, -s],
              [j, s],
            ]) +
            at([
              [i, -s],
              [j, -s],
            ])) /
          (4 * s * s);
        (hess[i] as number[])[j] = v;
        (hess[j] as number[])[i] = v;
      }
    }
    return { g, hess };
  };
  const a = once(h);
  if (!richardson) return { value: f0, gradient: a.g, hessian: a.hess };
  const b = once(h / 2);
  const rich = (p: number, q: number) => (4 * q - p) / 3;
  return {
    value: f0,
    gradient: a.g.map((v, i) => rich(v, b.g[i] as number)),
    hessian: a.hess.map((row, i) => row.map((v, j) => rich(v, (b.hess[i] as number[])[j] as number))),
  };
}
