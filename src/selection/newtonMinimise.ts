// Newton's method with an analytic Hessian for smooth minimisation (Nocedal & Wright 2006, §3.4:
// a Hessian that is not positive definite is shifted by a multiple of the identity until its
// Cholesky factorisation exists, and the step is found by backtracking with the Armijo
// condition). Near the optimum the convergence is quadratic, so a selection model is fitted in a
// handful of likelihood evaluations. Kernel: never throws; `converged` says whether the gradient
// criterion was met.
import { cholesky, choleskySolve } from '../heterogeneity/wls/linalg.js';
import type { MinimiseControl, MinimiseResult } from './bfgs.js';

export interface NewtonControl extends MinimiseControl {
  /** Checked after every step: true ends the run early (the result then has `stopped: true`). */
  readonly stop?: (x: Float64Array) => boolean;
  /**
   * Proposes a step from x (f's last evaluation), used when it is a descent direction; null (or a
   * step that is not one) falls back to the shifted Newton step.
   */
  readonly direction?: (x: Float64Array, g: Float64Array) => Float64Array | null;
}

/** f(x, g, h) returns the value and writes the gradient into g and the Hessian (row-major) into h. */
export type ObjectiveWithHessian = (x: Float64Array, g: Float64Array, h: Float64Array) => number;

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  return m;
}

/** Largest step (in the max norm) taken at once: keeps a poor early quadratic model from jumping far. */
const MAX_STEP = 5;

/** The Newton direction −(H + λI)⁻¹g with the smallest shift λ ∈ {0, λ₀·10^j} that makes H + λI positive definite (null if none). */
function newtonDirection(h: Float64Array, g: Float64Array, n: number): Float64Array | null {
  let diag = 0;
  for (let i = 0; i < n; i++) diag = Math.max(diag, Math.abs(h[i * n + i]!));
  let shift = 0;
  for (let tries = 0; tries < 40; tries++) {
    const hs = Float64Array.from(h);
    for (let i = 0; i < n; i++) hs[i * n + i] = hs[i * n + i]! + shift;
    const ch = cholesky(hs, n);
    if (ch.ok) {
      const d = choleskySolve(ch, g);
      for (let i = 0; i < n; i++) d[i] = -d[i]!;
      const big = maxAbs(d);
      if (!Number.isFinite(big)) return null;
      if (big > MAX_STEP) for (let i = 0; i < n; i++) d[i] = (d[i]! * MAX_STEP) / big;
      return d;
    }
    shift = shift === 0 ? 1e-8 * Math.max(1, diag) : shift * 10;
  }
  return null;
}

/** The caller's step from `at` if it is a finite descent direction (capped at MAX_STEP), else null. */
function proposedDirection(control: NewtonControl, at: Point): Float64Array | null {
  const d = control.direction?.(at.x, at.g);
  if (!d) return null;
  let slope = 0;
  for (let i = 0; i < d.length; i++) slope += at.g[i]! * d[i]!;
  const big = maxAbs(d);
  if (!(slope < 0) || !Number.isFinite(big)) return null;
  if (big > MAX_STEP) for (let i = 0; i < d.length; i++) d[i] = (d[i]! * MAX_STEP) / big;
  return d;
}

interface Point {
  x: Float64Array;
  f: number;
  g: Float64Array;
  h: Float64Array;
}

/**
 * Backtrack from the full step until the Armijo condition holds (quadratic interpolation, kept
 * within [0.1, 0.5] of the last step). When the predicted decrease is below the rounding of f
 * (the last steps of a fit summing thousands of studies), a step that does not raise f by more
 * than that rounding is taken, as f can no longer confirm progress that the gradient still shows.
 */
function backtrack(f: ObjectiveWithHessian, at: Point, d: Float64Array): Point | null {
  const n = at.x.length;
  let slope = 0;
  for (let i = 0; i < n; i++) slope += at.g[i]! * d[i]!;
  if (!(slope < 0)) return null;
  const noise = 1e-12 * Math.max(1, Math.abs(at.f));
  let step = 1;
  for (let tries = 0; tries < 50; tries++) {
    const x = Float64Array.from(at.x, (v, i) => v + step * d[i]!);
    if (x.every((v, i) => v === at.x[i])) return null;
    const g = new Float64Array(n);
    const h = new Float64Array(n * n);
    const fx = f(x, g, h);
    if (Number.isFinite(fx) && (fx <= at.f + 1e-4 * step * slope || (-slope <= noise && fx <= at.f + noise))) return { x, f: fx, g, h };
    const q = Number.isFinite(fx) ? (-slope * step * step) / (2 * (fx - at.f - slope * step)) : 0.1 * step;
    step = Math.min(0.5 * step, Math.max(0.1 * step, q));
  }
  return null;
}

/**
 * Minimise f from x0 by Newton steps; converged when max|g_i| ≤ gradientTolerance·max(1, |f|).
 * @example newtonMinimise((x, g, h) => { g[0] = 2 * (x[0] - 3); h[0] = 2; return (x[0] - 3) ** 2; }, Float64Array.of(0)).x[0] // 3
 */
export function newtonMinimise(f: ObjectiveWithHessian, x0: Float64Array, control: NewtonControl = {}): MinimiseResult & { stopped: boolean } {
  const n = x0.length;
  const gtol = control.gradientTolerance ?? 1e-8;
  const maxIt = control.maxIterations ?? 200;
  let at: Point = { x: Float64Array.from(x0), f: 0, g: new Float64Array(n), h: new Float64Array(n * n) };
  at.f = f(at.x, at.g, at.h);
  const done = (it: number, stopped = false) => ({
    stopped,
    x: at.x,
    value: at.f,
    gradient: at.g,
    converged: Number.isFinite(at.f) && maxAbs(at.g) <= gtol * Math.max(1, Math.abs(at.f)),
    iterations: it,
  });
  for (let it = 0; it < maxIt; it++) {
    if (!Number.isFinite(at.f) || maxAbs(at.g) <= gtol * Math.max(1, Math.abs(at.f))) return done(it);
    const d = proposedDirection(control, at) ?? newtonDirection(at.h, at.g, n);
    const next = d === null ? null : backtrack(f, at, d);
    if (next === null) return done(it);
    at = next;
    if (control.stop?.(at.x)) return done(it + 1, true);
  }
  return done(maxIt);
}
