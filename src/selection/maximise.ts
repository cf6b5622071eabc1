// Maximum-likelihood fit of a selection model: Newton's method with the analytic Hessian on
// unconstrained coordinates (β; log τ²; δ mapped logistically into [min, max], as metafor maps
// them), stepping as Newton in the natural parameters where their Hessian is negative definite and
// the step stays well inside the bounds, with BFGS and finite-difference Newton steps as the fallback should it stall; then any τ²
// or δ that ends on a bound is pinned there and the rest refitted, so that a boundary optimum is
// reported exactly.
import { cholesky, choleskySolve } from '../heterogeneity/wls/linalg.js';
import { bfgsMinimise } from './bfgs.js';
import { newtonMinimise } from './newtonMinimise.js';
import { newtonPolish } from './newtonPolish.js';
import { selectionLogLikelihood } from './likelihood.js';
import type { Gradient, Parameters, SelectionProblem } from './problem.js';
import type { DeltaSettings } from './selectionFunctions.js';

/** Which parameters are fixed (null = estimated). */
export interface FixedParameters {
  readonly tau2: number | null;
  readonly delta: readonly (number | null)[];
}

export interface MaximumLikelihood {
  readonly par: Parameters;
  readonly logLik: number;
  readonly converged: boolean;
  readonly iterations: number;
  /** Parameters that ended on a bound and were pinned there ('tau2', 'delta[2]', …). */
  readonly pinned: readonly string[];
}

const logistic = (v: number) => 1 / (1 + Math.exp(-v));

/** A natural Newton step is taken only if it goes less than this fraction of the way to every bound. */
const NEAR_BOUND = 0.9;

/** The free coordinates ↔ natural parameters of one fit. */
function coordinates(p: number, fixed: FixedParameters, ds: DeltaSettings) {
  const freeDelta = fixed.delta.map((d, j) => (d === null ? j : -1)).filter((j) => j >= 0);
  const tauFree = fixed.tau2 === null;
  const n = p + (tauFree ? 1 : 0) + freeDelta.length;
  const toNatural = (z: Float64Array): Parameters => {
    const delta = Float64Array.from(fixed.delta, (d) => d ?? NaN);
    freeDelta.forEach((j, m) => {
      delta[j] = ds.min[j]! + (ds.max[j]! - ds.min[j]!) * logistic(z[p + (tauFree ? 1 : 0) + m]!);
    });
    return { beta: z.slice(0, p), tau2: tauFree ? Math.exp(z[p]!) : fixed.tau2!, delta };
  };
  const fromNatural = (par: Parameters): Float64Array => {
    const z = new Float64Array(n);
    z.set(par.beta);
    if (tauFree) z[p] = Math.log(par.tau2);
    freeDelta.forEach((j, m) => {
      const u = (par.delta[j]! - ds.min[j]!) / (ds.max[j]! - ds.min[j]!);
      z[p + (tauFree ? 1 : 0) + m] = Math.log(u / (1 - u));
    });
    return z;
  };
  /** Chain rule: gradient of −ℓ in z from the natural gradient of ℓ. */
  const chain = (z: Float64Array, par: Parameters, g: Gradient, out: Float64Array) => {
    for (let j = 0; j < p; j++) out[j] = -g.beta[j]!;
    if (tauFree) out[p] = -g.tau2 * par.tau2;
    freeDelta.forEach((j, m) => {
      const i = p + (tauFree ? 1 : 0) + m;
      const s = logistic(z[i]!);
      out[i] = -g.delta[j]! * (ds.max[j]! - ds.min[j]!) * s * (1 - s);
    });
  };
  /** Natural index (β, τ², δ order of the likelihood's Hessian) of each free coordinate, with dθ/dz and d²θ/dz². */
  const jacobian = (z: Float64Array, par: Parameters) => {
    const index = new Int32Array(n);
    const d1 = new Float64Array(n).fill(1);
    const d2 = new Float64Array(n);
    for (let j = 0; j < p; j++) index[j] = j;
    if (tauFree) {
      index[p] = p;
      d1[p] = d2[p] = par.tau2;
    }
    freeDelta.forEach((j, m) => {
      const i = p + (tauFree ? 1 : 0) + m;
      const s = logistic(z[i]!);
      const span = ds.max[j]! - ds.min[j]!;
      index[i] = p + 1 + j;
      d1[i] = span * s * (1 - s);
      d2[i] = d1[i]! * (1 - 2 * s);
    });
    return { index, d1, d2 };
  };
  /**
   * The z-step reaching θ + step (the natural Newton step, full-length β, τ², δ), or null when that
   * step goes NEAR_BOUND or more of the way to a bound: Newton's step where ℓ is near-quadratic in θ (so an
   * optimum near a bound is reached in a few steps, where the logistic coordinates crawl towards
   * it). A step heading past a bound is left to the logistic coordinates, as a shortened step
   * there can jump past a local maximum near the bound to one on it.
   */
  const towards = (z: Float64Array, par: Parameters, step: Float64Array): Float64Array | null => {
    const far = (room: number, move: number) => !(move < NEAR_BOUND * room);
    if (tauFree && far(par.tau2, -step[p]!)) return null;
    if (freeDelta.some((j) => far(par.delta[j]! - ds.min[j]!, -step[p + 1 + j]!) || far(ds.max[j]! - par.delta[j]!, step[p + 1 + j]!))) return null;
    const target: Parameters = {
      beta: Float64Array.from(par.beta, (b, j) => b + step[j]!),
      tau2: par.tau2 + step[p]!,
      delta: Float64Array.from(par.delta, (d, j) => d + step[p + 1 + j]!),
    };
    const zt = fromNatural(target);
    for (let i = 0; i < n; i++) zt[i] = zt[i]! - z[i]!;
    return zt;
  };
  return { n, freeDelta, tauFree, toNatural, fromNatural, chain, jacobian, towards };
}

type Coordinates = ReturnType<typeof coordinates>;

/** −ℓ's Hessian in z from ℓ's natural gradient and Hessian: H_z = −(J H J + diag(g·d²θ/dz²)), J = diag(dθ/dz). */
function hessianInZ(c: Coordinates, z: Float64Array, par: Parameters, g: Gradient, hNat: Float64Array, nNat: number, out: Float64Array): void {
  const { index, d1, d2 } = c.jacobian(z, par);
  const p = g.beta.length;
  const gNat = (k: number) => (k < p ? g.beta[k]! : k === p ? g.tau2 : g.delta[k - p - 1]!);
  for (let a = 0; a < c.n; a++) {
    for (let b = 0; b < c.n; b++) out[a * c.n + b] = -d1[a]! * d1[b]! * hNat[index[a]! * nNat + index[b]!]!;
    out[a * c.n + a] = out[a * c.n + a]! - d2[a]! * gNat(index[a]!);
  }
}

/** One fit: Newton (which `stop` may end early, reporting `stopped`), else BFGS and Newton polishing. */
/** ℓ's Newton step (−H)⁻¹g over the free natural parameters, full-length (β, τ², δ) with 0 at fixed ones; null unless −H is positive definite. */
function naturalStep(index: Int32Array, g: Gradient, hNat: Float64Array, nNat: number): Float64Array | null {
  const n = index.length;
  const p = g.beta.length;
  const gNat = (k: number) => (k < p ? g.beta[k]! : k === p ? g.tau2 : g.delta[k - p - 1]!);
  const a = Float64Array.from({ length: n * n }, (_, i) => -hNat[index[Math.floor(i / n)]! * nNat + index[i % n]!]!);
  const ch = cholesky(a, n);
  if (!ch.ok) return null;
  const d = choleskySolve(
    ch,
    Float64Array.from(index, (k) => gNat(k)),
  );
  const out = new Float64Array(nNat);
  index.forEach((k, i) => {
    out[k] = d[i]!;
  });
  return out;
}

function fitOnce(
  problem: SelectionProblem,
  start: Parameters,
  fixed: FixedParameters,
  ds: DeltaSettings,
  stop?: (par: Parameters, grad: Gradient, step: Float64Array | null) => boolean,
) {
  const p = problem.x.length;
  const c = coordinates(p, fixed, ds);
  const nNat = p + 1 + fixed.delta.length;
  const grad: Gradient = { beta: new Float64Array(p), tau2: 0, delta: new Float64Array(fixed.delta.length) };
  const hNat = new Float64Array(nNat * nNat);
  const objective = (z: Float64Array, g: Float64Array) => {
    const par = c.toNatural(z);
    const ll = selectionLogLikelihood(problem, par, grad);
    c.chain(z, par, grad, g);
    return -ll;
  };
  const withHessian = (z: Float64Array, g: Float64Array, h: Float64Array) => {
    const par = c.toNatural(z);
    const ll = selectionLogLikelihood(problem, par, grad, hNat);
    c.chain(z, par, grad, g);
    hessianInZ(c, z, par, grad, hNat, nNat, h);
    return -ll;
  };
  const GTOL = 1e-8;
  const z0 = c.fromNatural(start);
  const newton = newtonMinimise(withHessian, z0, {
    gradientTolerance: GTOL,
    maxIterations: 200,
    direction: (z: Float64Array) => {
      const par = c.toNatural(z);
      const index = c.jacobian(z, par).index;
      const step = naturalStep(index, grad, hNat, nNat);
      return step && c.towards(z, par, step);
    },
    ...(stop
      ? {
          stop: (z: Float64Array) => {
            const par = c.toNatural(z);
            return stop(par, grad, naturalStep(c.jacobian(z, par).index, grad, hNat, nNat));
          },
        }
      : {}),
  });
  if (newton.stopped) return { par: c.toNatural(newton.x), logLik: -newton.value, converged: false, stopped: true, iterations: newton.iterations };
  const r = newton.converged
    ? newton
    : newtonPolish(objective, bfgsMinimise(objective, Number.isFinite(newton.value) ? newton.x : z0, { gradientTolerance: 1e-5, maxIterations: 500 }), GTOL);
  return {
    par: c.toNatural(r.x),
    logLik: -r.value,
    converged: r.converged,
    stopped: false,
    iterations: newton.iterations + (newton.converged ? 0 : r.iterations),
  };
}

/** A start strictly inside the bounds (the logistic map cannot reach them). */
function interior(start: Parameters, fixed: FixedParameters, ds: DeltaSettings): Parameters {
  const delta = Float64Array.from(start.delta, (d, j) => {
    if (fixed.delta[j] !== null) return fixed.delta[j]!;
    const span = ds.max[j]! - ds.min[j]!;
    return Math.min(ds.max[j]! - 1e-6 * span, Math.max(ds.min[j]! + 1e-6 * span, d));
  });
  return { beta: start.beta, tau2: fixed.tau2 ?? Math.max(start.tau2, 1e-12), delta };
}

/** A bound a parameter may end on: how to pin it, how far a fit is from it, and the sign ℓ's gradient must have there. */
interface BoundCandidate {
  readonly name: string;
  readonly fix: (f: FixedParameters) => FixedParameters;
  /** Distance to the bound relative to the parameter's scale (null when the parameter is already fixed). */
  readonly distance: (par: Parameters, current: FixedParameters) => number | null;
  /** Distance below which a converged fit counts as on the bound. */
  readonly near: number;
  /** Distance within which a run heading for the bound stops there to try the pinned fit. */
  readonly reach: number;
  /** ℓ's gradient along the parameter, signed to be ≤ 0 when the bound holds it (KKT). */
  readonly outward: (g: Gradient) => number;
  /** Does the Newton step in the natural parameters (indexed β, τ², δ) reach or cross the bound? */
  readonly crosses: (par: Parameters, step: Float64Array) => boolean;
}

function boundCandidates(problem: SelectionProblem, fixed: FixedParameters, ds: DeltaSettings): BoundCandidate[] {
  const meanV = problem.vi.reduce((a, b) => a + b, 0) / problem.vi.length;
  const list: BoundCandidate[] = [
    {
      name: 'tau2',
      fix: (f) => ({ ...f, tau2: 0 }),
      distance: (par, cur) => (cur.tau2 === null ? par.tau2 / meanV : null),
      near: 1e-7,
      reach: EARLY * 1e-7,
      outward: (g) => g.tau2,
      crosses: (par, step) => par.tau2 + step[problem.x.length]! <= 0,
    },
  ];
  fixed.delta.forEach((d, j) => {
    if (d !== null) return;
    const span = ds.max[j]! - ds.min[j]!;
    for (const bound of [ds.min[j]!, ds.max[j]!]) {
      const sign = bound === ds.min[j]! ? 1 : -1;
      list.push({
        name: `delta[${j + 1}]=${bound}`,
        fix: (f) => ({ ...f, delta: f.delta.map((x, m) => (m === j ? bound : x)) }),
        distance: (par, cur) => (cur.delta[j] === null ? Math.abs(par.delta[j]! - bound) / span : null),
        near: 1e-6,
        reach: bound === ds.max[j]! ? UPPER_REACH : EARLY * 1e-6,
        outward: (g) => sign * g.delta[j]!,
        crosses: (par, step) => sign * (par.delta[j]! + step[problem.x.length + 1 + j]! - bound) <= 0,
      });
    }
  });
  return list;
}

/** A Newton run heading for a bound (within EARLY × its `near`) stops there, to try the pinned fit at once. */
const EARLY = 1e3;
/** A run heading for a δ's upper bound stops within this fraction of δ's range of it. */
const UPPER_REACH = 0.2;
/** Within CLOSE × `near` a run heading for the bound stops even if the Newton step does not reach it (it may approach it geometrically). */
const CLOSE = 10;

/**
 * Stops a run once some parameter heads for its bound at two successive steps: within EARLY × near
 * of it, nearer than at the step before, ℓ's gradient pushing it there and the Newton step in the
 * natural parameters (where ℓ is smooth up to the bound) reaching it. In the logistic or log coordinates such a run
 * would otherwise crawl, about one unit of the coordinate per step, until the gradient vanishes.
 */
function headingForBound(
  candidates: readonly BoundCandidate[],
  current: FixedParameters,
  tried: ReadonlySet<string>,
): (par: Parameters, grad: Gradient, step: Float64Array | null) => boolean {
  const last = new Map<string, { d: number; streak: number }>();
  return (par, grad, step) =>
    candidates.some((cand) => {
      const d = cand.distance(par, current);
      if (d === null || tried.has(cand.name)) return false;
      const before = last.get(cand.name) ?? { d: Infinity, streak: 0 };
      const heading = d < cand.reach && d < before.d && cand.outward(grad) < 0 && ((step !== null && cand.crosses(par, step)) || d < CLOSE * cand.near);
      const streak = heading ? before.streak + 1 : 0;
      last.set(cand.name, { d, streak });
      return streak >= 2;
    });
}

type Fit = ReturnType<typeof fitOnce>;

/**
 * Try pinning each candidate within `scale` × near of its bound (its `reach` when scale is null; and not in `tried`, to which it is
 * added); keep a pin if the refit converges, ℓ does not drop and (when `kkt`) ℓ's gradient holds
 * the parameter at the bound.
 */
function tryPins(
  problem: SelectionProblem,
  best: Fit,
  current: FixedParameters,
  ds: DeltaSettings,
  candidates: readonly BoundCandidate[],
  scale: number | null,
  kkt: Set<string> | null,
) {
  let iterations = 0;
  const pinned: string[] = [];
  for (const cand of candidates) {
    const d = cand.distance(best.par, current);
    if (d === null || !(d < (scale === null ? cand.reach : scale * cand.near)) || kkt?.has(cand.name)) continue;
    kkt?.add(cand.name);
    const f = cand.fix(current);
    const refit = fitOnce(problem, interior(best.par, f, ds), f, ds);
    iterations += refit.iterations;
    const tol = 1e-9 * Math.max(1, Math.abs(best.logLik));
    if (!refit.converged || refit.logLik < best.logLik - tol) continue;
    if (kkt) {
      const g: Gradient = { beta: new Float64Array(problem.x.length), tau2: 0, delta: new Float64Array(ds.count) };
      selectionLogLikelihood(problem, refit.par, g);
      if (cand.outward(g) > 1e-8 * Math.max(1, Math.abs(refit.logLik))) continue;
    }
    best = refit;
    current = f;
    pinned.push(cand.name);
  }
  return { best, current, iterations, pinned };
}

/**
 * Maximise ℓ from `start` with the given parameters fixed; pin τ² at 0 and δ's at their bounds
 * when the optimum lies there (refitting the rest and keeping the pin only if ℓ does not drop).
 * A run whose parameter heads for a bound (where the logistic coordinates would crawl) is stopped
 * there and the pinned fit tried at once, kept only if ℓ's gradient holds the parameter at the bound.
 */
export function maximiseSelectionLikelihood(problem: SelectionProblem, start: Parameters, fixed: FixedParameters, ds: DeltaSettings): MaximumLikelihood {
  const candidates = boundCandidates(problem, fixed, ds);
  const tried = new Set<string>();
  let best = fitOnce(problem, interior(start, fixed, ds), fixed, ds, headingForBound(candidates, fixed, tried));
  let iterations = best.iterations;
  let current = fixed;
  const pinned: string[] = [];
  // Each stop tries at least one new candidate, so this ends.
  while (best.stopped) {
    const early = tryPins(problem, best, current, ds, candidates, null, tried);
    iterations += early.iterations;
    pinned.push(...early.pinned);
    ({ best, current } = early);
    if (early.pinned.length > 0) break;
    best = fitOnce(problem, interior(best.par, current, ds), current, ds, headingForBound(candidates, current, tried));
    iterations += best.iterations;
  }
  const late = tryPins(problem, best, current, ds, candidates, 1, null);
  pinned.push(...late.pinned);
  return { par: late.best.par, logLik: late.best.logLik, converged: late.best.converged, iterations: iterations + late.iterations, pinned };
}
