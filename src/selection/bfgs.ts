// Quasi-Newton minimisation (BFGS with an Armijo backtracking line search; Nocedal & Wright 2006,
// algorithms 6.1 and 3.1) of a smooth function with an analytic gradient. Used instead of R's
// optim(BFGS) with finite differences so that the optimum is reached to the gradient's precision.
// Kernel: never throws; `converged` says whether the gradient criterion was met.

/** f(x, g) returns the function value and writes the gradient into g. */
export type ObjectiveWithGradient = (x: Float64Array, g: Float64Array) => number;

export interface MinimiseControl {
  /** Converged when max|g_i| ≤ gradientTolerance·max(1, |f|) (default 1e-8). */
  readonly gradientTolerance?: number;
  readonly maxIterations?: number;
}

export interface MinimiseResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  readonly converged: boolean;
  readonly iterations: number;
}

function maxAbs(g: Float64Array): number {
  let m = 0;
  for (const v of g) m = Math.max(m, Math.abs(v));
  return m;
}

/**
 * Step along direction d from x (value f0, slope g0'd < 0): backtrack until the Armijo condition
 * holds; if the unit step is accepted while the slope is still steep (the curvature condition
 * fails), double it while the function keeps decreasing enough. Null when no descent is found.
 */
function lineSearch(
  f: ObjectiveWithGradient,
  x: Float64Array,
  f0: number,
  slope: number,
  d: Float64Array,
  gNew: Float64Array,
): { x: Float64Array; f: number } | null {
  const n = x.length;
  const at = (step: number, g: Float64Array) => {
    const xn = new Float64Array(n);
    for (let i = 0; i < n; i++) xn[i] = x[i]! + step * d[i]!;
    return { x: xn, f: f(xn, g) };
  };
  const armijo = (step: number, fn: number) => Number.isFinite(fn) && fn <= f0 + 1e-4 * step * slope;
  const dot = (g: Float64Array) => g.reduce((s, v, i) => s + v * d[i]!, 0);
  let step = 1;
  let cur = at(step, gNew);
  if (armijo(step, cur.f)) {
    const gTry = new Float64Array(n);
    for (let grow = 0; grow < 30 && dot(gNew) < 0.9 * slope; grow++) {
      const next = at(2 * step, gTry);
      if (!armijo(2 * step, next.f) || next.f > cur.f) break;
      step *= 2;
      cur = next;
      gNew.set(gTry);
    }
    return cur;
  }
  for (let tries = 0; tries < 60; tries++) {
    // Quadratic interpolation of the step, kept within [0.1, 0.5] of the current one.
    const q = Number.isFinite(cur.f) ? (-slope * step * step) / (2 * (cur.f - f0 - slope * step)) : 0.1 * step;
    step = Math.min(0.5 * step, Math.max(0.1 * step, q));
    cur = at(step, gNew);
    if (armijo(step, cur.f)) return cur;
  }
  return null;
}

/**
 * Minimise f from x0 by BFGS on the inverse Hessian, first scaled by the curvature of the first step.
 * @example bfgsMinimise((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, Float64Array.of(0)).x[0] // 3
 */
export function bfgsMinimise(f: ObjectiveWithGradient, x0: Float64Array, control: MinimiseControl = {}): MinimiseResult {
  const n = x0.length;
  const gtol = control.gradientTolerance ?? 1e-8;
  const maxIt = control.maxIterations ?? 2000;
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let fx = f(x, g);
  const h = new Float64Array(n * n);
  const resetH = (scale: number) => {
    h.fill(0);
    for (let i = 0; i < n; i++) h[i * n + i] = scale;
  };
  resetH(1 / Math.max(1, maxAbs(g)));
  let it = 0;
  let stalls = 0;
  for (; it < maxIt; it++) {
    if (!Number.isFinite(fx)) break;
    if (maxAbs(g) <= gtol * Math.max(1, Math.abs(fx))) return { x, value: fx, gradient: g, converged: true, iterations: it };
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= h[i * n + j]! * g[j]!;
      d[i] = s;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i]! * d[i]!;
    if (!(slope < 0)) {
      resetH(1 / Math.max(1, maxAbs(g)));
      if (++stalls > 3) break;
      continue;
    }
    const gNew = new Float64Array(n);
    const ls = lineSearch(f, x, fx, slope, d, gNew);
    if (ls === null) {
      resetH(1 / Math.max(1, maxAbs(g)));
      if (++stalls > 3) break;
      continue;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = ls.x[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
      sy += s[i]! * y[i]!;
    }
    if (sy > 1e-300) {
      if (it === 0) {
        let yy = 0;
        for (let i = 0; i < n; i++) yy += y[i]! * y[i]!;
        resetH(sy / yy);
      }
      bfgsUpdate(h, s, y, sy, n);
    }
    const fOld = fx;
    x = ls.x;
    g = gNew;
    fx = ls.f;
    stalls = fOld - fx <= 1e-16 * Math.abs(fOld) ? stalls + 1 : 0;
    if (stalls > 5) break;
  }
  return { x, value: fx, gradient: g, converged: maxAbs(g) <= gtol * Math.max(1, Math.abs(fx)), iterations: it };
}

/** H ← (I − ρ s y')H(I − ρ y s') + ρ s s', ρ = 1/(y's). */
function bfgsUpdate(h: Float64Array, s: Float64Array, y: Float64Array, sy: number, n: number): void {
  const rho = 1 / sy;
  const hy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let j = 0; j < n; j++) t += h[i * n + j]! * y[j]!;
    hy[i] = t;
  }
  let yhy = 0;
  for (let i = 0; i < n; i++) yhy += y[i]! * hy[i]!;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] = h[i * n + j]! - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!;
    }
  }
}
