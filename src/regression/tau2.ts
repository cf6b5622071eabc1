// Residual heterogeneity τ² of the mixed-effects meta-regression y = Xβ + u + e,
// u ~ N(0, τ²), e ~ N(0, vi), by each estimator metafor's rma.uni offers with moderators
// (Viechtbauer 2005, J Educ Behav Stat 30:261; metafor rma.uni and its notes on se.tau2).
// Every trace is a p×p product (projection.ts). Estimators are kernels: they never throw and
// return NaN when the data do not allow an estimate.
import type { Warning } from '../core/errors.js';
import { traceP, tracePAndPP, tracePDPD, weightedProjection, type WeightedProjection } from './projection.js';
import type { Tau2Control as InterceptTau2Control } from '../heterogeneity/tau2/types.js';
import { medianAbsoluteDeviation } from '../heterogeneity/tau2/medianAbsoluteDeviation.js';
import { zeroin } from '../heterogeneity/tau2/zeroin.js';

export const META_REGRESSION_METHODS = ['EE', 'FE', 'DL', 'HE', 'HS', 'SJ', 'ML', 'REML', 'EB', 'PM'] as const;
export type MetaRegressionMethod = (typeof META_REGRESSION_METHODS)[number];
export function isMetaRegressionMethod(x: unknown): x is MetaRegressionMethod {
  return typeof x === 'string' && (META_REGRESSION_METHODS as readonly string[]).includes(x);
}

/**
 * The iterative estimators' control, as the pooling engine's (tolerance: |Δτ²| ≤
 * tolerance·max(τ², typical vi), default 1e-12; maxIterations of Fisher scoring before the
 * bracketed fallback, default 1000; `threshold` and `rootTolerance`: metafor's own stopping rules,
 * see METAFOR_DEFAULT_CONTROL). Warm starts are intercept-only.
 */
export type Tau2Control = Pick<InterceptTau2Control, 'tolerance' | 'maxIterations' | 'threshold' | 'rootTolerance'>;

export interface Tau2Problem {
  /** Design columns (already centred/scaled: τ² and every trace are invariant to that). */
  readonly x: readonly Float64Array[];
  readonly y: Float64Array;
  readonly v: Float64Array;
}

export interface Tau2Estimate {
  readonly tau2: number;
  /** metafor's se.tau2 for the method (NaN for EE). */
  readonly standardError: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: readonly Warning[];
}

interface Settings {
  readonly tolerance: number;
  readonly maxIterations: number;
}

function settings(control: Tau2Control | undefined): Settings {
  return { tolerance: control?.tolerance ?? 1e-12, maxIterations: control?.maxIterations ?? 1000 };
}

function weightsAt(v: Float64Array, tau2: number): Float64Array {
  const m = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) m[i] = 1 / (v[i]! + tau2);
  return m;
}

/** The harmonic mean of vi: the scale against which τ² convergence is judged. */
function typicalVariance(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += 1 / v[i]!;
  return v.length / s;
}

function closedForm(tau2: number, se: number): Tau2Estimate {
  return { tau2, standardError: se, iterations: 0, converged: Number.isFinite(tau2), warnings: [] };
}

const NOT_ESTIMABLE: Tau2Estimate = { tau2: NaN, standardError: NaN, iterations: 0, converged: false, warnings: [] };

/** DerSimonian–Laird: τ² = (Q_E − (k − p)) / tr(P) with P at weights 1/vi, truncated at 0. */
export function dersimonianLairdRegression(prob: Tau2Problem): Tau2Estimate {
  const { x, y, v } = prob;
  const k = y.length;
  const p = x.length;
  const proj = weightedProjection(x, weightsAt(v, 0), y);
  if (!proj) return NOT_ESTIMABLE;
  const trP = traceP(x, proj, null);
  const tau2 = Math.max(0, (proj.rss - (k - p)) / trP);
  const trPP = tracePDPD(x, proj, null, null);
  const se = Math.sqrt((2 * (k - p) + 4 * tau2 * trP + 2 * tau2 * tau2 * trPP) / (trP * trP));
  return closedForm(tau2, se);
}

/** Hedges (HE), untruncated: (RSS_OLS − tr(P·V)) / (k − p), P the OLS residual projection. */
function hedgesRaw(prob: Tau2Problem): { tau2: number; proj: WeightedProjection | null; trPV: number } {
  const { x, y, v } = prob;
  const k = y.length;
  const p = x.length;
  const proj = weightedProjection(x, new Float64Array(k).fill(1), y);
  if (!proj) return { tau2: NaN, proj: null, trPV: NaN };
  const trPV = traceP(x, proj, v);
  return { tau2: (proj.rss - trPV) / (k - p), proj, trPV };
}

/** Hedges (HE, method of moments on OLS residuals), truncated at 0. */
export function hedgesRegression(prob: Tau2Problem): Tau2Estimate {
  const { x, y, v } = prob;
  const df = y.length - x.length;
  const raw = hedgesRaw(prob);
  if (!raw.proj) return NOT_ESTIMABLE;
  const tau2 = Math.max(0, raw.tau2);
  const trPVPV = tracePDPD(x, raw.proj, v, v);
  const se = Math.sqrt(2 * trPVPV + 4 * tau2 * raw.trPV + 2 * tau2 * tau2 * df) / df;
  return closedForm(tau2, se);
}

/** Hunter–Schmidt: τ² = (Q_E − k) / Σ(1/vi), truncated at 0 (metafor's HS with moderators). */
export function hunterSchmidtRegression(prob: Tau2Problem): Tau2Estimate {
  const { x, y, v } = prob;
  const k = y.length;
  const p = x.length;
  const proj = weightedProjection(x, weightsAt(v, 0), y);
  if (!proj) return NOT_ESTIMABLE;
  const tau2 = Math.max(0, (proj.rss - k) / proj.sumM);
  const trP = traceP(x, proj, null);
  const trPP = tracePDPD(x, proj, null, null);
  const se = Math.sqrt(2 * (k - p) + 4 * tau2 * trP + 2 * tau2 * tau2 * trPP) / proj.sumM;
  return closedForm(tau2, se);
}

/**
 * Sidik–Jonkman: starting value τ₀² = Σ(yi − ȳ)²/k (raw yi, as metafor), then
 * τ² = τ₀²·y'P₀y/(k − p) with P₀ at weights 1/(vi + τ₀²).
 */
export function sidikJonkmanRegression(prob: Tau2Problem): Tau2Estimate {
  const { x, y, v } = prob;
  const k = y.length;
  const p = x.length;
  let mean = 0;
  for (let i = 0; i < k; i++) mean += y[i]!;
  mean /= k;
  let tau0 = 0;
  for (let i = 0; i < k; i++) tau0 += (y[i]! - mean) ** 2;
  tau0 /= k;
  const proj = weightedProjection(x, weightsAt(v, tau0), y);
  if (!proj) return NOT_ESTIMABLE;
  const tau2 = Math.max(0, (tau0 * proj.rss) / (k - p));
  const trPVPV = tracePDPD(x, proj, v, v);
  const trPVP = tracePDPD(x, proj, null, v);
  const trPP = tracePDPD(x, proj, null, null);
  const se = (tau0 / (k - p)) * Math.sqrt(2 * trPVPV + 4 * tau2 * trPVP + 2 * tau2 * tau2 * trPP);
  return closedForm(tau2, se);
}

/**
 * An iterative estimator as an estimating equation g(τ²) = 0 whose root (or 0 when g(0) ≤ 0)
 * is the estimate, with metafor's Fisher-scoring step. `g` decreases through its root.
 */
interface EstimatingEquation {
  /** g(τ²) and the Fisher-scoring step at τ² from the projection at weights 1/(vi + τ²). */
  evaluate(x: readonly Float64Array[], proj: WeightedProjection): { g: number; step: number };
}

const ML_EQUATION: EstimatingEquation = {
  // ML score ×2: y'PPy − tr(W); Fisher information ×2: tr(W²).
  evaluate: (_x, proj) => {
    const g = proj.rssSquared - proj.sumM;
    return { g, step: g / proj.sumM2 };
  },
};

const REML_EQUATION: EstimatingEquation = {
  // REML score ×2: y'PPy − tr(P); expected information ×2: tr(PP).
  evaluate: (x, proj) => {
    const { trP, trPP } = tracePAndPP(x, proj);
    const g = proj.rssSquared - trP;
    return { g, step: g / trPP };
  },
};

function ebEquation(k: number, p: number): EstimatingEquation {
  // Empirical Bayes (Morris 1983): y'Py·k/(k − p) = k, metafor's step divides by Σw; the root is
  // the Paule–Mandel root y'Py = k − p.
  return {
    evaluate: (_x, proj) => {
      const g = (proj.rss * k) / (k - p) - k;
      return { g, step: g / proj.sumM };
    },
  };
}

function pmEquation(k: number, p: number): EstimatingEquation {
  return { evaluate: (_x, proj) => ({ g: proj.rss - (k - p), step: NaN }) };
}

/**
 * Solve g(τ²) = 0 on [0, ∞): Fisher scoring from `start` (metafor's algorithm, with the boundary
 * handled exactly: a step below 0 ends at τ² = 0 when g(0) ≤ 0, else is halved), then, if scoring
 * fails to converge, a bracketed Illinois (regula falsi) search that always converges.
 */
function solveEquation(
  prob: Tau2Problem,
  eq: EstimatingEquation,
  start: number,
  s: Settings,
  useScoring: boolean,
): { tau2: number; iterations: number; converged: boolean; warnings: Warning[] } {
  const { x, y, v } = prob;
  const scale = typicalVariance(v);
  const tolFor = (t: number) => s.tolerance * Math.max(t, scale);
  const at = (t: number) => {
    const proj = weightedProjection(x, weightsAt(v, t), y);
    return proj ? eq.evaluate(x, proj) : { g: NaN, step: NaN };
  };
  const warnings: Warning[] = [];
  let iterations = 0;
  let g0: number | undefined;
  const gAtZero = () => (g0 ??= at(0).g);

  if (useScoring) {
    let tau2 = Math.max(0, Number.isFinite(start) ? start : 0);
    for (let it = 0; it < s.maxIterations; it++) {
      iterations++;
      const { step } = at(tau2);
      if (!Number.isFinite(step)) break;
      let adj = step;
      if (tau2 + adj < 0) {
        if (gAtZero() <= 0) return { tau2: 0, iterations, converged: true, warnings };
        while (tau2 + adj < 0) adj /= 2;
      }
      const next = tau2 + adj;
      if (Math.abs(next - tau2) <= tolFor(next)) return { tau2: next, iterations, converged: true, warnings };
      tau2 = next;
    }
    warnings.push({
      code: 'fisher_scoring_fallback',
      message: `Fisher scoring did not converge in ${s.maxIterations} iterations; tau2 was found by a bracketed root search instead`,
    });
  }

  // Bracketed search: g(0) > 0 (else τ² = 0), grow the upper end until g < 0.
  const ga = gAtZero();
  if (!Number.isFinite(ga)) return { tau2: NaN, iterations, converged: false, warnings };
  if (ga <= 0) return { tau2: 0, iterations, converged: true, warnings };
  let lo = 0;
  let glo = ga;
  let hi = Math.max(scale, 1e-8);
  let ghi = at(hi).g;
  for (let grow = 0; grow < 200 && ghi > 0; grow++) {
    lo = hi;
    glo = ghi;
    hi *= 4;
    ghi = at(hi).g;
    iterations++;
  }
  if (!(ghi <= 0)) return { tau2: NaN, iterations, converged: false, warnings };
  let side = 0;
  for (let it = 0; it < 10_000; it++) {
    iterations++;
    const mid = (lo * ghi - hi * glo) / (ghi - glo);
    const c = Number.isFinite(mid) && mid > lo && mid < hi ? mid : 0.5 * (lo + hi);
    const gc = at(c).g;
    if (!Number.isFinite(gc)) return { tau2: NaN, iterations, converged: false, warnings };
    if (gc === 0) return { tau2: c, iterations, converged: true, warnings };
    if (gc > 0) {
      lo = c;
      glo = gc;
      if (side === 1) ghi /= 2; // Illinois: halve the stale end so the bracket shrinks from both sides
      side = 1;
    } else {
      hi = c;
      ghi = gc;
      if (side === -1) glo /= 2;
      side = -1;
    }
    if (hi - lo <= tolFor(hi)) return { tau2: 0.5 * (lo + hi), iterations, converged: true, warnings };
  }
  return { tau2: 0.5 * (lo + hi), iterations, converged: false, warnings };
}

/** log-likelihood (ML or REML, up to the REML |X'X| constant, which cancels in comparisons). */
function logLikelihoodAt(prob: Tau2Problem, tau2: number, reml: boolean): number {
  const { x, y, v } = prob;
  const k = y.length;
  const p = x.length;
  const proj = weightedProjection(x, weightsAt(v, tau2), y);
  if (!proj) return NaN;
  let logV = 0;
  for (let i = 0; i < k; i++) logV += Math.log(v[i]! + tau2);
  if (!reml) return -0.5 * k * Math.log(2 * Math.PI) - 0.5 * logV - 0.5 * proj.rss;
  let logDetA = 0;
  for (let j = 0; j < p; j++) logDetA += 2 * Math.log(proj.chol.l[j * p + j]!);
  return -0.5 * (k - p) * Math.log(2 * Math.PI) - 0.5 * logV - 0.5 * logDetA - 0.5 * proj.rss;
}

function iterative(prob: Tau2Problem, method: 'ML' | 'REML' | 'EB' | 'PM', control: Tau2Control | undefined): Tau2Estimate {
  const s = settings(control);
  const { x, y, v } = prob;
  const k = y.length;
  const p = x.length;
  const eq = method === 'ML' ? ML_EQUATION : method === 'REML' ? REML_EQUATION : method === 'EB' ? ebEquation(k, p) : pmEquation(k, p);
  // metafor starts ML/REML/EB at the (truncated) Hedges estimate; PM is a bracketed search (uniroot).
  const start = method === 'PM' ? 0 : Math.max(0, hedgesRaw(prob).tau2);
  const metafor = method === 'PM' ? control?.rootTolerance !== undefined : control?.threshold !== undefined;
  const solved = !metafor
    ? solveEquation(prob, eq, start, s, method !== 'PM')
    : method === 'PM'
      ? metaforPauleMandel(prob, eq, control!.rootTolerance!, s)
      : metaforScoring(prob, eq, start, control!.threshold!, s);
  let tau2 = solved.tau2;
  const warnings = [...solved.warnings];
  // As metafor: a root of the ML/REML score can be a local maximum below the boundary value
  // (metafor's own rule under its control: ll0 − ll > tol while τ² > threshold).
  const ll0Tolerance = (ll: number) => (metafor ? METAFOR_LL0_TOLERANCE : 1e-10 * Math.max(1, Math.abs(ll)));
  if ((method === 'ML' || method === 'REML') && tau2 > (metafor ? control!.threshold! : 0) && solved.converged) {
    const reml = method === 'REML';
    const ll0 = logLikelihoodAt(prob, 0, reml);
    const ll = logLikelihoodAt(prob, tau2, reml);
    if (ll0 - ll > ll0Tolerance(ll)) {
      warnings.push({ code: 'local_maximum', message: `the ${method} likelihood is higher at tau2 = 0 than at the root found (${tau2}); tau2 set to 0` });
      tau2 = 0;
    }
  }
  if (!Number.isFinite(tau2)) return { ...NOT_ESTIMABLE, iterations: solved.iterations, warnings };
  const proj = weightedProjection(x, weightsAt(v, tau2), y);
  let se = NaN;
  if (proj) {
    if (method === 'ML') se = Math.sqrt(2 / proj.sumM2);
    else if (method === 'REML') se = Math.sqrt(2 / tracePAndPP(x, proj).trPP);
    else se = Math.sqrt((2 * k * k) / (k - p)) / proj.sumM;
  }
  return { tau2, standardError: se, iterations: solved.iterations, converged: solved.converged, warnings };
}

/** rma.uni's `tol` default, .Machine$double.eps^0.25, used by its tau² = 0 likelihood check. */
const METAFOR_LL0_TOLERANCE = 2 ** -13;

type Solved = { tau2: number; iterations: number; converged: boolean; warnings: Warning[] };

/**
 * metafor's Fisher scoring under its control, step for step: from `start`, add the step (halved
 * until τ² stays ≥ 0) until |Δτ²| ≤ threshold. When the threshold is not reached within
 * maxIterations (metafor stops with an error) the converged solver decides, with its warning.
 */
function metaforScoring(prob: Tau2Problem, eq: EstimatingEquation, start: number, threshold: number, s: Settings): Solved {
  const { x, y, v } = prob;
  let tau2 = start;
  let change = Infinity;
  let iterations = 0;
  while (change > threshold && iterations < s.maxIterations) {
    iterations++;
    const proj = weightedProjection(x, weightsAt(v, tau2), y);
    const step = proj ? eq.evaluate(x, proj).step : NaN;
    if (!Number.isFinite(step)) break;
    let adj = step;
    while (tau2 + adj < 0) adj /= 2;
    change = Math.abs(adj);
    tau2 += adj;
  }
  if (change <= threshold) return { tau2, iterations, converged: true, warnings: [] };
  const exact = solveEquation(prob, eq, start, { tolerance: 1e-12, maxIterations: 1000 }, true);
  return { ...exact, iterations: iterations + exact.iterations };
}

/**
 * metafor's PM search under its control: R's uniroot on [0, max(100, 10·mad(y)²)] stopped at
 * `tolerance`; 0 when Q(0) is below k − p. Beyond the interval (metafor: an error) the converged
 * solver decides.
 */
function metaforPauleMandel(prob: Tau2Problem, eq: EstimatingEquation, tolerance: number, s: Settings): Solved {
  const { x, y, v } = prob;
  const g = (t: number) => {
    const proj = weightedProjection(x, weightsAt(v, t), y);
    return proj ? eq.evaluate(x, proj).g : NaN;
  };
  const g0 = g(0);
  if (!(g0 > 0)) return solveEquation(prob, eq, 0, s, false);
  const tau2Max = Math.max(100, 10 * medianAbsoluteDeviation(y) ** 2);
  const gMax = g(tau2Max);
  if (!(gMax <= 0)) return solveEquation(prob, eq, 0, s, false);
  const r = zeroin(g, 0, tau2Max, g0, gMax, tolerance, s.maxIterations);
  return { tau2: r.root, iterations: r.iterations, converged: r.converged, warnings: [] };
}

/** τ² by `method` ('EE'/'FE' give 0). Kernel: never throws. */
export function estimateTau2(prob: Tau2Problem, method: MetaRegressionMethod, control?: Tau2Control): Tau2Estimate {
  switch (method) {
    case 'EE':
    case 'FE':
      return { tau2: 0, standardError: NaN, iterations: 0, converged: true, warnings: [] };
    case 'DL':
      return dersimonianLairdRegression(prob);
    case 'HE':
      return hedgesRegression(prob);
    case 'HS':
      return hunterSchmidtRegression(prob);
    case 'SJ':
      return sidikJonkmanRegression(prob);
    case 'ML':
    case 'REML':
    case 'EB':
    case 'PM':
      return iterative(prob, method, control);
  }
}
