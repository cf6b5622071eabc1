// A bounded Newton maximiser for the handful of variance parameters of a multilevel model.
// With an analytic score (gradient and an information matrix, e.g. the average information of
// nestedScore.ts or blockScore.ts) it takes scoring steps, and where scoring stalls short of a
// stationary point the finite-difference search below goes on from there; that search takes the
// gradient by central differences (second-order
// one-sided ones next to a bound) and Hessian by finite differences; variables at a bound whose gradient points outward are held there (a
// projected Newton method, Bertsekas 1982); the Newton step is damped (Levenberg) when the
// Hessian is not negative definite and backtracked until the objective rises.
import { choleskyInPlace, backSolve, forwardSolve } from './blockAlgebra.js';

export interface OptimiseControl {
  /** Stop when the largest relative step is below this (default 1e-10). */
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

export interface Bounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** A typical size of each parameter, for finite-difference steps. */
  readonly scale: Float64Array;
}

/** Analytic derivatives at θ: value, gradient and a positive semi-definite information matrix (row-major); null where undefined. */
export type ScoreFunction = (t: Float64Array) => { readonly value: number; readonly gradient: Float64Array; readonly information: Float64Array } | null;

export interface OptimiseResult {
  readonly theta: Float64Array;
  readonly value: number;
  readonly converged: boolean;
  readonly iterations: number;
}

export interface Derivatives {
  readonly gradient: Float64Array;
  readonly hessian: Float64Array;
}

function stepSizes(theta: Float64Array, b: Bounds): Float64Array {
  return theta.map((t, j) => 1e-4 * Math.max(Math.abs(t), b.scale[j]!));
}

/**
 * Central (or one-sided second-order) gradient and a finite-difference Hessian at θ (cross terms only between `free` components).
 * @example finiteDifferenceDerivatives((t) => -(t[0] ** 2), Float64Array.of(1), -1, { lower: Float64Array.of(-5), upper: Float64Array.of(5), scale: Float64Array.of(1) }, [true]).hessian[0] // -2.0000
 */
export function finiteDifferenceDerivatives(f: (t: Float64Array) => number, theta: Float64Array, f0: number, b: Bounds, free: boolean[]): Derivatives {
  const p = theta.length;
  const h = stepSizes(theta, b);
  const gradient = new Float64Array(p);
  const hessian = new Float64Array(p * p);
  const at = (shifts: [number, number][]) => {
    const t = Float64Array.from(theta);
    for (const [j, s] of shifts) t[j] = t[j]! + s;
    return f(t);
  };
  const dir = new Float64Array(p);
  const single = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const hj = h[j]!;
    if (theta[j]! - hj >= b.lower[j]! && theta[j]! + hj <= b.upper[j]!) {
      const fp = at([[j, hj]]);
      const fm = at([[j, -hj]]);
      gradient[j] = (fp - fm) / (2 * hj);
      hessian[j * p + j] = (fp - 2 * f0 + fm) / (hj * hj);
      dir[j] = 1;
      single[j] = fp;
    } else {
      const s = theta[j]! - hj < b.lower[j]! ? 1 : -1;
      const f1 = at([[j, s * hj]]);
      const f2 = at([[j, 2 * s * hj]]);
      gradient[j] = (s * (-3 * f0 + 4 * f1 - f2)) / (2 * hj);
      hessian[j * p + j] = (f0 - 2 * f1 + f2) / (hj * hj);
      dir[j] = s;
      single[j] = f1;
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      if (!free[i] || !free[j]) continue;
      const si = dir[i]! * h[i]!;
      const sj = dir[j]! * h[j]!;
      const fij = at([
        [i, si],
        [j, sj],
      ]);
      hessian[i * p + j] = hessian[j * p + i] = (fij - single[i]! - single[j]! + f0) / (si * sj);
    }
  }
  return { gradient, hessian };
}

/** Free variables: inside the bounds, or on one with the gradient pointing inward. */
function freeSet(theta: Float64Array, g: Float64Array | null, b: Bounds): boolean[] {
  return Array.from(theta, (t, j) => {
    if (g === null) return true;
    const atLower = t <= b.lower[j]!;
    const atUpper = t >= b.upper[j]!;
    return !((atLower && g[j]! <= 0) || (atUpper && g[j]! >= 0));
  });
}

/** Ascent direction on the free set: solve (−H + λI)·d = g, raising λ until −H + λI is positive definite. */
function newtonDirection(d: Derivatives, free: boolean[]): Float64Array {
  const idx = free.flatMap((f, j) => (f ? [j] : []));
  const n = idx.length;
  const p = d.gradient.length;
  const out = new Float64Array(p);
  if (n === 0) return out;
  let maxDiag = 0;
  for (const j of idx) maxDiag = Math.max(maxDiag, Math.abs(d.hessian[j * p + j]!));
  for (let lambda = 0, tries = 0; tries < 60; tries++, lambda = lambda === 0 ? 1e-3 * (maxDiag || 1) : lambda * 4) {
    const a = new Float64Array(n * n);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) a[r * n + c] = -d.hessian[idx[r]! * p + idx[c]!]! + (r === c ? lambda : 0);
    if (!choleskyInPlace(a, n)) continue;
    const x = Float64Array.from(idx, (j) => d.gradient[j]!);
    forwardSolve(a, n, x);
    backSolve(a, n, x);
    idx.forEach((j, r) => {
      out[j] = x[r]!;
    });
    return out;
  }
  for (const j of idx) out[j] = d.gradient[j]!;
  return out;
}

/**
 * The analytic derivatives in the finite-difference layout (Hessian = −information), or null. A
 * gradient that is infinite outward at the bound its component sits on (a variance at 0 whose
 * derivative is unbounded) holds that component there: kept as ∓Number.MAX_VALUE for the free set.
 */
function analyticDerivatives(score: ScoreFunction, theta: Float64Array, b: Bounds): (Derivatives & { value: number }) | null {
  const s = score(theta);
  if (!s || !Number.isFinite(s.value) || !s.information.every(Number.isFinite)) return null;
  const held = (g: number, j: number) => (g === -Infinity && theta[j]! <= b.lower[j]!) || (g === Infinity && theta[j]! >= b.upper[j]!);
  if (!s.gradient.every((g, j) => Number.isFinite(g) || held(g, j))) return null;
  const gradient = s.gradient.map((g) => (Number.isFinite(g) ? g : Math.sign(g) * Number.MAX_VALUE));
  return { value: s.value, gradient, hessian: s.information.map((x) => -x) };
}

/** The damped Newton direction on the free set, capped at 10 typical sizes of each parameter (a nearly singular damped Hessian can give an absurd step: a box trust region). */
function cappedDirection(d: Derivatives, free: boolean[], theta: Float64Array, b: Bounds): Float64Array {
  const dir = newtonDirection(d, free);
  const reach = Math.max(0, ...Array.from(dir, (x, j) => Math.abs(x) / (10 * Math.max(Math.abs(theta[j]!), b.scale[j]!))));
  if (reach > 1) for (let j = 0; j < dir.length; j++) dir[j] = dir[j]! / reach;
  return dir;
}

/** g'·d with d the Newton direction on the free set: twice the rise a full step predicts, zero at a stationary point. */
function newtonDecrement(d: Derivatives, theta: Float64Array, b: Bounds): number {
  const dir = newtonDirection(d, freeSet(theta, d.gradient, b));
  let s = 0;
  for (let j = 0; j < dir.length; j++) s += d.gradient[j]! * dir[j]!;
  return s;
}

/**
 * Is the full step to `at` taken? When the value rises; and when it falls by no more than the
 * objective's rounding (1e-12 relative: the values cannot order the two points) while the step
 * brings θ closer to the stationary point (a smaller Newton decrement).
 */
function acceptable(cur: Derivatives & { value: number }, theta: Float64Array, next: Derivatives & { value: number }, at: Float64Array, b: Bounds): boolean {
  if (next.value >= cur.value) return true;
  if (!(next.value >= cur.value - 1e-12 * (1 + Math.abs(cur.value)))) return false;
  return newtonDecrement(next, at, b) < newtonDecrement(cur, theta, b);
}

/**
 * Scoring iterations with an analytic score: the value comes with the derivatives, so a full step
 * that is accepted costs one score evaluation; shorter steps are tried on f alone. Null when the
 * score is undefined at the start (the finite-difference search takes over).
 */
function maximiseScored(
  f: (t: Float64Array) => number,
  score: ScoreFunction,
  start: Float64Array,
  b: Bounds,
  tol: number,
  maxIt: number,
): OptimiseResult | null {
  let theta = start;
  let cur = analyticDerivatives(score, theta, b);
  if (!cur) return null;
  for (let it = 1; it <= maxIt; it++) {
    const free = freeSet(theta, cur.gradient, b);
    const dir = cappedDirection(cur, free, theta, b);
    const full = clamp(
      theta.map((t, j) => t + dir[j]!),
      b,
    );
    // A step below the tolerance: done (the objective cannot resolve such a step, so no line search).
    if (relativeStep(full, theta, b) < tol) return { theta, value: cur.value, converged: true, iterations: it };
    let next = analyticDerivatives(score, full, b);
    let at = full;
    if (next && !acceptable(cur, theta, next, full, b)) next = null;
    for (let alpha = 0.5, halving = 0; !next && halving < 40; halving++, alpha /= 2) {
      at = clamp(
        theta.map((t, j) => t + alpha * dir[j]!),
        b,
      );
      next = f(at) >= cur.value ? analyticDerivatives(score, at, b) : null;
    }
    if (!next) return { theta, value: cur.value, converged: flatGradient(cur.gradient, free, theta, b), iterations: it };
    const step = relativeStep(at, theta, b);
    theta = at;
    cur = next;
    // A tiny step cut short by the line search is no evidence of an optimum (scoring can crawl along a bound where a derivative is unbounded): then only a flat gradient counts.
    if (step < tol)
      return { theta, value: cur.value, converged: at === full || flatGradient(cur.gradient, freeSet(theta, cur.gradient, b), theta, b), iterations: it };
  }
  return { theta, value: cur.value, converged: false, iterations: maxIt };
}

/** Is the gradient negligible on the parameters' scale in every free component? */
const flatGradient = (g: Float64Array, free: boolean[], theta: Float64Array, b: Bounds) =>
  Array.from(g).every((x, j) => !free[j] || Math.abs(x) * Math.max(Math.abs(theta[j]!), b.scale[j]!) < 1e-6);

const relativeStep = (next: Float64Array, theta: Float64Array, b: Bounds) =>
  Math.max(0, ...Array.from(next, (t, j) => Math.abs(t - theta[j]!) / Math.max(Math.abs(theta[j]!), b.scale[j]!)));

const clamp = (t: Float64Array, b: Bounds) => t.map((x, j) => Math.min(b.upper[j]!, Math.max(b.lower[j]!, x)));

/**
 * Maximise f over the box [lower, upper] from `start`.
 * @example maximiseBounded((t) => -((t[0] - 2) ** 2), Float64Array.of(0), { lower: Float64Array.of(0), upper: Float64Array.of(10), scale: Float64Array.of(1) }).theta[0] // 2
 */
export function maximiseBounded(
  f: (t: Float64Array) => number,
  start: Float64Array,
  b: Bounds,
  control: OptimiseControl = {},
  score?: ScoreFunction,
): OptimiseResult {
  const tol = control.tolerance ?? 1e-10;
  const maxIt = control.maxIterations ?? 200;
  let theta = clamp(start, b);
  let used = 0;
  if (score && theta.length > 0) {
    const scored = maximiseScored(f, score, theta, b, tol, maxIt);
    if (scored?.converged) return scored;
    // Scoring stalled away from a stationary point, or ran out of iterations: the finite-difference search goes on from there.
    if (scored) {
      theta = Float64Array.from(scored.theta);
      used = scored.iterations;
    }
  }
  let value = f(theta);
  if (theta.length === 0) return { theta, value, converged: Number.isFinite(value), iterations: 0 };
  let stalled = 0;
  for (let it = 1; it <= maxIt; it++) {
    const first = finiteDifferenceDerivatives(f, theta, value, b, freeSet(theta, null, b));
    const free = freeSet(theta, first.gradient, b);
    const dir = cappedDirection(first, free, theta, b);
    let alpha = 1;
    let next = theta;
    let nextValue = -Infinity;
    for (let halving = 0; halving < 40; halving++, alpha /= 2) {
      next = clamp(
        theta.map((t, j) => t + alpha * dir[j]!),
        b,
      );
      nextValue = f(next);
      if (nextValue >= value) break;
    }
    const step = relativeStep(next, theta, b);
    if (!(nextValue >= value)) {
      // No ascent along the direction at any step: θ is a numerical optimum when the free gradient
      // is negligible on the parameters' scale; otherwise the search failed.
      return { theta, value, converged: Number.isFinite(value) && flatGradient(first.gradient, free, theta, b), iterations: used + it };
    }
    theta = next;
    value = nextValue;
    if (step < tol) {
      if (++stalled >= 2 || alpha === 1) return { theta, value, converged: true, iterations: used + it };
    } else stalled = 0;
  }
  return { theta, value, converged: false, iterations: used + maxIt };
}
