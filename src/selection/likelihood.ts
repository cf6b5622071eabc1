// The log-likelihood of a selection model and its gradient (Vevea & Hedges 1995; Citkowicz &
// Vevea 2017; as metafor 3.8-1 `selmodel` defines it): for study i with mean μ_i = x_i'β and
// s_i² = v_i + τ²,
//   ℓ_i = log w(p_i; δ) + log N(y_i; μ_i, s_i²) − log A_i,   A_i = ∫ w(p(y); δ) N(y; μ_i, s_i²) dy,
// p(y) the study's p-value at y. The step function's A_i is a sum of normal probabilities
// (stepLikelihood.ts); the continuous types' A_i is integrated on the Gauss–Kronrod panels of a
// weight table shared by all studies (weightGrid.ts: each panel resolves the weight to 1e-13;
// gridIntegrals.ts), with t = (y − μ_i)/s_i and the gradient integrals on the same nodes:
//   ∂A/∂μ = (1/s)∫ w φ t dt,  ∂A/∂τ² = (1/(2s²))∫ w φ (t² − 1) dt,  ∂A/∂δ_j = ∫ w (∂log w/∂δ_j) φ dt,
// and the Hessian's from the Hermite polynomials of the normal density's derivatives:
//   ∂²A/∂μ² = (1/s²)∫ w φ (t² − 1),  ∂²A/∂μ∂τ² = (1/(2s³))∫ w φ (t³ − 3t),  ∂²A/∂τ²² = (1/(4s⁴))∫ w φ (t⁴ − 6t² + 3),
//   ∂²A/∂μ∂δ_j = (1/s)∫ ∂_j w φ t,  ∂²A/∂τ²∂δ_j = (1/(2s²))∫ ∂_j w φ (t² − 1),  ∂²A/∂δ_j∂δ_l = ∫ ∂²_jl w φ.
import { logWeight, logWeightWithCurvature } from './selectionFunctions.js';
import { gridIntegrals, momentCount, truncationSds } from './gridIntegrals.js';
import { addStudy, localDerivatives, studyWork, type StudyWork } from './studyDerivatives.js';
import { sharedRatioMoments } from './sharedRatioMoments.js';
import { buildWeightGrid, weightLogRange, type WeightGrid } from './weightGrid.js';
import { stepLogLikelihood } from './stepLikelihood.js';
import { recallEvaluation, rememberEvaluation } from './lastEvaluation.js';
import { effectiveTau2, linearPredictor, type Gradient, type Parameters, type SelectionProblem } from './problem.js';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * The weight table of a continuous type at the parameters, over the union of the studies'
 * integration windows m ± sds·r (widened a little, so that no window reaches its edges: beyond
 * them the table's tail weights do not hold when it is clipped), and the truncation in SDs.
 */
function weightGrid(problem: SelectionProblem, par: Parameters, tau2: number): { table: WeightGrid; sds: number } {
  const cut = problem.type === 'beta' ? 0 : problem.steps[0]!;
  const spec = { type: problem.type, alternative: problem.alternative, cut, pMin: problem.pMin };
  const sds = truncationSds(weightLogRange(spec, par.delta));
  const { yi, vi, x } = problem;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < yi.length; i++) {
    const sd = Math.sqrt(vi[i]!);
    const m = linearPredictor(x, par.beta, i) / sd;
    const reach = (sds * Math.sqrt(vi[i]! + tau2)) / sd;
    lo = Math.min(lo, m - reach);
    hi = Math.max(hi, m + reach);
  }
  const margin = 1e-6 * (1 + Math.max(Math.abs(lo), Math.abs(hi)));
  const window = Number.isFinite(lo) && Number.isFinite(hi) ? ([lo - margin, hi + margin] as const) : undefined;
  return { table: buildWeightGrid(spec, par.delta, window), sds };
}

/** A's derivatives in (μ, τ², δ) from study moments `a` (gridIntegrals, second order) into w.ad, w.add. */
function continuousDerivatives(a: Float64Array, s: number, w: StudyWork): void {
  const q = w.nDelta;
  const n = 2 + q;
  const x = 3 + q;
  const s2 = s * s;
  const { ad, add } = w;
  const m2 = a[2]! + a[0]!;
  ad[0] = a[1]! / s;
  ad[1] = a[2]! / (2 * s2);
  add[0] = a[2]! / s2;
  add[1] = add[n] = (a[x]! - 3 * a[1]!) / (2 * s2 * s);
  add[n + 1] = (a[x + 1]! - 6 * m2 + 3 * a[0]!) / (4 * s2 * s2);
  let m = 0;
  for (let j = 0; j < q; j++) {
    ad[2 + j] = a[3 + j]!;
    add[2 + j] = add[(2 + j) * n] = a[x + 2 + 2 * j]! / s;
    add[n + 2 + j] = add[(2 + j) * n + 1] = (a[x + 3 + 2 * j]! - a[3 + j]!) / (2 * s2);
    for (let l = j; l < q; l++) add[(2 + j) * n + 2 + l] = add[(2 + l) * n + 2 + j] = a[x + 2 + 2 * q + m++]!;
  }
}

/**
 * One evaluation's shared data: the weight table, its truncation, every study's integrals when they
 * were interpolated (sharedRatioMoments; `count` per study), and per-study scratch (s², s, y − μ of the last study).
 */
interface Pass {
  readonly problem: SelectionProblem;
  readonly par: Parameters;
  readonly tau2: number;
  readonly table: WeightGrid;
  readonly sds: number;
  readonly shared: Float64Array | null;
  readonly count: number;
  readonly local: Float64Array;
}

/** The studies' integrals by interpolation in m_i = μ_i/√v_i when all share one SD ratio r (else null: the direct path). */
function interpolatedIntegrals(
  problem: SelectionProblem,
  par: Parameters,
  tau2: number,
  table: WeightGrid,
  sds: number,
  count: number,
  second: boolean,
): Float64Array | null {
  const { vi, x } = problem;
  const k = vi.length;
  const ms = new Float64Array(k);
  let r0 = NaN;
  for (let i = 0; i < k; i++) {
    const sd = Math.sqrt(vi[i]!);
    const r = Math.sqrt(vi[i]! + tau2) / sd;
    if (i === 0) r0 = r;
    else if (r !== r0) return null;
    ms[i] = linearPredictor(x, par.beta, i) / sd;
  }
  return k > 0 ? sharedRatioMoments(table, ms, r0, sds, count, second) : null;
}

function pass(problem: SelectionProblem, par: Parameters, second: boolean): Pass {
  const tau2 = effectiveTau2(par.tau2);
  const { table, sds } = weightGrid(problem, par, tau2);
  const count = momentCount(par.delta.length, second);
  const shared = interpolatedIntegrals(problem, par, tau2, table, sds, count, second);
  return { problem, par, tau2, table, sds, shared, count, local: new Float64Array(3) };
}

/**
 * Study i's term of ℓ, log w(p_i) + log N(y_i; μ_i, s²) − log A_i, with A_i's integrals in `a` (second
 * order when `curv` is given, which then receives log w(p_i)'s curvature), ∂ log w(p_i)/∂δ in `dlog`,
 * and s², s, y − μ in the pass's `local`.
 */
function studyTerm(ps: Pass, i: number, a: Float64Array, dlog: Float64Array, curv: Float64Array | null): number {
  const { problem, par, local } = ps;
  const vi = problem.vi[i]!;
  const s2 = vi + ps.tau2;
  const s = Math.sqrt(s2);
  const mu = linearPredictor(problem.x, par.beta, i);
  const r = problem.yi[i]! - mu;
  const sd = Math.sqrt(vi);
  if (ps.shared) a.set(ps.shared.subarray(i * ps.count, (i + 1) * ps.count));
  else gridIntegrals(ps.table, mu / sd, s / sd, ps.sds, a, curv !== null);
  const pi = problem.pValues[i]!;
  const lw = curv
    ? logWeightWithCurvature(problem.type, pi, par.delta, problem.steps[0]!, dlog, curv)
    : logWeight(problem.type, pi, par.delta, problem.steps[0]!, dlog);
  local[0] = s2;
  local[1] = s;
  local[2] = r;
  return lw - 0.5 * (LOG_2PI + Math.log(s2) + (r * r) / s2) - Math.log(a[0]!);
}

/** ℓ with its gradient and Hessian (row-major over β, τ², δ) for a continuous type. */
function continuousWithHessian(problem: SelectionProblem, par: Parameters, grad: Gradient, hess: Float64Array): number {
  const ps = pass(problem, par, true);
  const q = par.delta.length;
  const a = new Float64Array(momentCount(q, true));
  const w = studyWork(q);
  const local = ps.local;
  let ll = 0;
  for (let i = 0; i < problem.yi.length; i++) {
    ll += studyTerm(ps, i, a, w.lwGrad, w.lwCurv);
    continuousDerivatives(a, local[1]!, w);
    localDerivatives(local[0]!, local[2]!, a[0]!, w);
    addStudy(problem.x, i, w, grad, hess);
  }
  return ll;
}

/** ℓ, and its gradient into `grad` when given, for a continuous type. */
function continuousWithGradient(problem: SelectionProblem, par: Parameters, grad: Gradient | undefined): number {
  const ps = pass(problem, par, false);
  const x = problem.x;
  const dlog = new Float64Array(par.delta.length);
  const a = new Float64Array(3 + par.delta.length);
  const local = ps.local;
  let ll = 0;
  for (let i = 0; i < problem.yi.length; i++) {
    ll += studyTerm(ps, i, a, dlog, null);
    if (!grad) continue;
    const s2 = local[0]!;
    const r = local[2]!;
    const dmu = r / s2 - a[1]! / (local[1]! * a[0]!);
    for (let j = 0; j < x.length; j++) grad.beta[j] = grad.beta[j]! + dmu * x[j]![i]!;
    grad.tau2 += (0.5 * ((r * r) / s2 - 1)) / s2 - a[2]! / (2 * s2 * a[0]!);
    for (let j = 0; j < par.delta.length; j++) grad.delta[j] = grad.delta[j]! + dlog[j]! - a[3 + j]! / a[0]!;
  }
  return ll;
}

/** Zero a gradient (and Hessian) before accumulating. */
export function clearDerivatives(grad: Gradient | undefined, hess: Float64Array | undefined): void {
  if (grad) {
    grad.beta.fill(0);
    grad.tau2 = 0;
    grad.delta.fill(0);
  }
  hess?.fill(0);
}

/**
 * Log-likelihood ℓ(β, τ², δ) of a selection model; fills `grad` (natural parameters) when given,
 * and `hess` (its Hessian, row-major over β, τ², then every δ, fixed ones included) when given
 * with `grad`. Kernel: never throws (a failed integral gives NaN).
 */
export function selectionLogLikelihood(problem: SelectionProblem, par: Parameters, grad?: Gradient, hess?: Float64Array): number {
  clearDerivatives(grad, grad ? hess : undefined);
  if (problem.type === 'stepfun') return stepLogLikelihood(problem, par, grad, grad ? hess : undefined);
  const remembered = recallEvaluation(problem, par, grad, grad ? hess : undefined);
  if (remembered !== null) return remembered;
  if (grad && hess) {
    const ll = continuousWithHessian(problem, par, grad, hess);
    rememberEvaluation(problem, par, ll, grad, hess);
    return ll;
  }
  return continuousWithGradient(problem, par, grad);
}
