// Maximum-likelihood fit of a selection model: BFGS (then Newton steps) on unconstrained coordinates (β; log τ²;
// δ mapped logistically into [min, max], as metafor maps them), then any τ² or δ that ends on a
// bound is pinned there and the rest refitted, so that a boundary optimum is reported exactly.
import { bfgsMinimise } from './bfgs.js';
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
  return { n, freeDelta, tauFree, toNatural, fromNatural, chain };
}

function fitOnce(problem: SelectionProblem, start: Parameters, fixed: FixedParameters, ds: DeltaSettings) {
  const p = problem.x.length;
  const c = coordinates(p, fixed, ds);
  const grad: Gradient = { beta: new Float64Array(p), tau2: 0, delta: new Float64Array(fixed.delta.length) };
  const objective = (z: Float64Array, g: Float64Array) => {
    const par = c.toNatural(z);
    const ll = selectionLogLikelihood(problem, par, grad);
    c.chain(z, par, grad, g);
    return -ll;
  };
  const GTOL = 1e-8;
  const r = newtonPolish(objective, bfgsMinimise(objective, c.fromNatural(start), { gradientTolerance: 1e-5, maxIterations: 500 }), GTOL);
  return { par: c.toNatural(r.x), logLik: -r.value, converged: r.converged, iterations: r.iterations };
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

/**
 * Maximise ℓ from `start` with the given parameters fixed; pin τ² at 0 and δ's at their bounds
 * when the optimum lies there (refitting the rest and keeping the pin only if ℓ does not drop).
 */
export function maximiseSelectionLikelihood(problem: SelectionProblem, start: Parameters, fixed: FixedParameters, ds: DeltaSettings): MaximumLikelihood {
  let best = fitOnce(problem, interior(start, fixed, ds), fixed, ds);
  let iterations = best.iterations;
  let current = fixed;
  const pinned: string[] = [];
  const meanV = problem.vi.reduce((a, b) => a + b, 0) / problem.vi.length;
  const candidates: { name: string; fix: (f: FixedParameters) => FixedParameters; near: (par: Parameters) => boolean }[] = [
    { name: 'tau2', fix: (f) => ({ ...f, tau2: 0 }), near: (par) => current.tau2 === null && par.tau2 < 1e-7 * meanV },
  ];
  fixed.delta.forEach((d, j) => {
    if (d !== null) return;
    const span = ds.max[j]! - ds.min[j]!;
    for (const bound of [ds.min[j]!, ds.max[j]!]) {
      candidates.push({
        name: `delta[${j + 1}]=${bound}`,
        fix: (f) => ({ ...f, delta: f.delta.map((x, m) => (m === j ? bound : x)) }),
        near: (par) => current.delta[j] === null && Math.abs(par.delta[j]! - bound) < 1e-6 * span,
      });
    }
  });
  for (const cand of candidates) {
    if (!cand.near(best.par)) continue;
    const f = cand.fix(current);
    const refit = fitOnce(problem, interior(best.par, f, ds), f, ds);
    iterations += refit.iterations;
    if (refit.converged && refit.logLik >= best.logLik - 1e-9 * Math.max(1, Math.abs(best.logLik))) {
      best = refit;
      current = f;
      pinned.push(cand.name);
    }
  }
  return { par: best.par, logLik: best.logLik, converged: best.converged, iterations, pinned };
}
