// The marginal posterior of the heterogeneity τ, p(τ | y) ∝ p(y | τ)·p(τ), by globally adaptive
// Gauss–Kronrod quadrature on panels placed around its mode (Röver 2020 computes the same integrals
// on a discretisation of τ; here every figure carries a quadrature error estimate instead). The
// panels' nodes and masses then serve every other posterior integral (μ, θ_new, shrinkage), which
// are mixtures over τ of normal distributions.
import { adaptiveIntegrate, kronrod15, kronrodWeights, type Panel } from './quadrature.js';
import { bracketedRoot } from '../heterogeneity/tau2/bracketedRoot.js';
import { goldenMaximum } from './roots.js';

/** An unnormalised log density of τ on [lower, upper], and how its tail decays. */
export interface TauDensityProblem {
  readonly logf: (tau: number) => number;
  readonly lower: number;
  readonly upper: number;
  /** The density decays like τ^(−power)·(log τ)^(−logPower) as τ → ∞. */
  readonly tail: { readonly power: number; readonly logPower: number };
  /** A typical scale of τ (e.g. the root of the median sampling variance), to start the search. */
  readonly scaleHint: number;
}

export interface TauPosterior {
  readonly problem: TauDensityProblem;
  /** log ∫ f(τ) dτ of the unnormalised density. */
  readonly logNormalizer: number;
  readonly mode: number;
  /** E[τ] and E[τ²], null where the posterior tail makes them infinite. */
  readonly mean: number | null;
  readonly secondMoment: number | null;
  /** Quadrature nodes in τ and their posterior masses (summing to 1), for mixtures over τ. */
  readonly tau: Float64Array;
  readonly mass: Float64Array;
  readonly converged: boolean;
  readonly cdf: (tau: number) => number;
  readonly quantile: (p: number) => number;
  readonly pdf: (tau: number) => number;
  /** d/dτ log p(τ | y), by a central difference. */
  readonly logPdfSlope: (tau: number) => number;
}

/**
 * Whether E[τ^r] is finite for a density decaying like τ^(−a)·(log τ)^(−l):
 * ∫^∞ τ^(r − a)(log τ)^(−l) dτ converges iff a − r > 1, or a − r = 1 and l > 1.
 * @example momentIsFinite({ power: 3, logPower: 0 }, 2) // false
 */
export function momentIsFinite(tail: { readonly power: number; readonly logPower: number }, r: number): boolean {
  const d = tail.power - r;
  return d > 1 || (d === 1 && tail.logPower > 1);
}

// The Kronrod weights on [−1, 1] in node order.
const KRONROD_SCALED = kronrodWeights(-1, 1);

interface ModeLocation {
  readonly mode: number;
  readonly logMax: number;
  /** A τ beyond the mode where log f has dropped by about 2 (≈ 2 SDs of a normal shape). */
  readonly right: number;
  readonly left: number;
}

function searchGrid(p: TauDensityProblem): number[] {
  if (Number.isFinite(p.upper)) return Array.from({ length: 257 }, (_, i) => p.lower + ((p.upper - p.lower) * i) / 256);
  const grid = [p.lower];
  for (let j = -80; j <= 60; j++) grid.push(p.lower + p.scaleHint * 2 ** (j / 2));
  return grid;
}

function dropPoint(p: TauDensityProblem, from: number, to: number, target: number): number {
  const g = (t: number) => p.logf(t) - target;
  const { root } = bracketedRoot(g, from, to, g(from), g(to), 1e-10 * (1 + Math.abs(to)));
  return Number.isNaN(root) ? to : root;
}

function locateMode(p: TauDensityProblem): ModeLocation {
  const grid = searchGrid(p);
  const values = grid.map((t) => p.logf(t));
  let best = 0;
  for (let i = 1; i < grid.length; i++) if (values[i]! > values[best]! || Number.isNaN(values[best]!)) best = i;
  let mode = grid[best]!;
  if (values[0] === Infinity) mode = grid[0]!;
  else if (best > 0 || values[1]! >= values[0]!) {
    const lo = grid[Math.max(0, best - 1)]!;
    const hi = grid[Math.min(grid.length - 1, best + 1)]!;
    mode = goldenMaximum(p.logf, lo, hi, 1e-13);
    if (p.logf(grid[0]!) >= p.logf(mode)) mode = grid[0]!;
  }
  const logMax = values[0] === Infinity ? p.logf(Math.max(mode, grid[1]! * 1e-6)) : p.logf(mode);
  const beyond = grid.findIndex((t, i) => t > mode && values[i]! < logMax - 2);
  const right = beyond < 0 ? grid[grid.length - 1]! : dropPoint(p, mode, grid[beyond]!, logMax - 2);
  let before = -1;
  for (let i = 0; i < grid.length && grid[i]! < mode; i++) if (values[i]! < logMax - 2) before = i;
  const left = before < 0 ? p.lower : dropPoint(p, grid[before]!, mode, logMax - 2);
  return { mode, logMax, right, left };
}

/**
 * The change of variable x ∈ [0, 2) → τ: linear up to T at x = 1, then logarithmic with a rational
 * stretch, τ = L + (T − L)·exp((x − 1)/(2 − x)), so that power-law and log-t tails alike become
 * integrands that vanish smoothly at x = 2.
 */
interface TauMap {
  readonly toTau: (x: number) => number;
  readonly jacobian: (x: number) => number;
  readonly toX: (tau: number) => number;
  readonly end: number;
}

function tauMap(lower: number, top: number, bounded: boolean): TauMap {
  const span = top - lower;
  return {
    toTau: (x) => (x <= 1 ? lower + span * x : lower + span * Math.exp((x - 1) / (2 - x))),
    jacobian: (x) => (x <= 1 ? span : (span * Math.exp((x - 1) / (2 - x))) / ((2 - x) * (2 - x))),
    toX: (t) => {
      if (t <= top) return (t - lower) / span;
      const u = Math.log((t - lower) / span);
      return 1 + u / (1 + u);
    },
    end: bounded ? 1 : 2,
  };
}

function breakpoints(loc: ModeLocation, lower: number, top: number, bounded: boolean): number[] {
  const spread = Math.max((loc.right - loc.mode) / 2, (loc.mode - loc.left) / 2, (top - lower) * 1e-6);
  const xs = new Set<number>([0, 1]);
  // Panels two spreads wide about the mode, doubling outwards: a near-normal posterior is resolved
  // by the first refinement, a skewed one by the adaptive bisection.
  for (const j of [-8, -4, -2, -1, 0, 1, 2, 4, 8, 12]) {
    const t = loc.mode + j * spread;
    if (t > lower && t < top) xs.add((t - lower) / (top - lower));
  }
  if (!bounded) for (const x of [1.5, 1.75, 1.875, 1.9375, 2]) xs.add(x);
  return [...xs].sort((a, b) => a - b);
}

/**
 * The posterior of τ from its unnormalised log density: normalising constant, mode, moments, CDF,
 * quantiles and the quadrature nodes with their masses.
 * @example tauPosterior({ logf: (t) => -t, lower: 0, upper: Infinity, tail: { power: Infinity, logPower: 0 }, scaleHint: 1 }).mean.toFixed(10) // '1.0000000000'
 */
export function tauPosterior(problem: TauDensityProblem, relTol = 1e-10): TauPosterior {
  const loc = locateMode(problem);
  const bounded = Number.isFinite(problem.upper);
  const top = bounded ? problem.upper : Math.max(loc.mode + 3 * (loc.right - loc.mode), problem.lower + problem.scaleHint * 1e-8);
  const map = tauMap(problem.lower, top, bounded);
  const shift = Number.isFinite(loc.logMax) ? loc.logMax : 0;
  const f = (x: number) => {
    const v = Math.exp(problem.logf(map.toTau(x)) - shift) * map.jacobian(x);
    return Number.isFinite(v) ? v : 0;
  };
  const multipliers: ((x: number) => number)[] = [() => 1];
  const hasMean = !bounded ? momentIsFinite(problem.tail, 1) : true;
  const hasSecond = !bounded ? momentIsFinite(problem.tail, 2) : true;
  if (hasMean) multipliers.push((x: number) => map.toTau(x));
  if (hasSecond) multipliers.push((x: number) => map.toTau(x) ** 2);
  const result = adaptiveIntegrate({ f, multipliers }, breakpoints(loc, problem.lower, top, bounded), { relTol });
  const z = result.values[0]!;
  return assemble(problem, result.panels, z, shift, map, loc.mode, {
    mean: hasMean ? result.values[1]! / z : null,
    second: hasSecond ? result.values[hasMean ? 2 : 1]! / z : null,
    converged: result.converged,
    f,
  });
}

function assemble(
  problem: TauDensityProblem,
  panels: readonly Panel[],
  z: number,
  shift: number,
  map: TauMap,
  mode: number,
  extra: { mean: number | null; second: number | null; converged: boolean; f: (x: number) => number },
): TauPosterior {
  const cumulative = new Float64Array(panels.length + 1);
  panels.forEach((p, i) => {
    cumulative[i + 1] = cumulative[i]! + p.kronrod[0]!;
  });
  const { tau, mass } = nodeMasses(panels, map, z);
  const panelOf = (x: number) => {
    let lo = 0;
    let hi = panels.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (panels[mid]!.a <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const cdfX = (x: number) => {
    if (x <= 0) return 0;
    if (x >= map.end) return 1;
    const j = panelOf(x);
    return Math.min(1, (cumulative[j]! + kronrod15(extra.f, panels[j]!.a, x)) / z);
  };
  const quantile = (p: number) => {
    if (p <= 0) return problem.lower;
    if (p >= 1) return problem.upper;
    let j = 0;
    while (j < panels.length - 1 && cumulative[j + 1]! < p * z) j++;
    return map.toTau(
      newtonInPanel(
        panels[j]!,
        (x) => (cumulative[j]! + kronrod15(extra.f, panels[j]!.a, x)) / z - p,
        (x) => extra.f(x) / z,
      ),
    );
  };
  const logNormalizer = Math.log(z) + shift;
  return {
    problem,
    logNormalizer,
    mode,
    mean: extra.mean,
    secondMoment: extra.second,
    tau,
    mass,
    converged: extra.converged,
    cdf: (t) => (t <= problem.lower ? 0 : cdfX(map.toX(t))),
    quantile,
    pdf: (t) => Math.exp(problem.logf(t) - logNormalizer),
    logPdfSlope: (t) => {
      const h = 1e-5 * (t + problem.scaleHint);
      return (problem.logf(t + h) - problem.logf(Math.max(problem.lower, t - h))) / (t + h - Math.max(problem.lower, t - h));
    },
  };
}

/** The root in [a, b] of an increasing g with derivative dg: Newton steps kept in a shrinking bracket. */
function newtonInPanel(panel: Panel, g: (x: number) => number, dg: (x: number) => number): number {
  let lo = panel.a;
  let hi = panel.b;
  let x = (lo + hi) / 2;
  for (let i = 0; i < 100; i++) {
    const v = g(x);
    if (v === 0) return x;
    if (v < 0) lo = x;
    else hi = x;
    let next = x - v / dg(x);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * (1 + Math.abs(x)) || hi - lo <= 1e-15 * (1 + Math.abs(x))) return next;
    x = next;
  }
  return x;
}

function nodeMasses(panels: readonly Panel[], map: TauMap, z: number): { tau: Float64Array; mass: Float64Array } {
  const tau: number[] = [];
  const mass: number[] = [];
  for (const p of panels) {
    const h = (p.b - p.a) / 2;
    for (let j = 0; j < 15; j++) {
      const m = (KRONROD_SCALED[j]! * h * p.fx[j]!) / z;
      if (m > 1e-18) {
        tau.push(map.toTau(p.x[j]!));
        mass.push(m);
      }
    }
  }
  return { tau: Float64Array.from(tau), mass: Float64Array.from(mass) };
}
