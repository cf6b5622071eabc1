// The log-likelihood of a selection model and its gradient (Vevea & Hedges 1995; Citkowicz &
// Vevea 2017; as metafor 3.8-1 `selmodel` defines it): for study i with mean μ_i = x_i'β and
// s_i² = v_i + τ²,
//   ℓ_i = log w(p_i; δ) + log N(y_i; μ_i, s_i²) − log A_i,   A_i = ∫ w(p(y); δ) N(y; μ_i, s_i²) dy,
// p(y) the study's p-value at y. The step function's A_i is a sum of normal probabilities
// (stepLikelihood.ts); the continuous types' A_i is integrated on the Gauss–Kronrod panels of a
// weight table shared by all studies (weightGrid.ts: each panel resolves the weight to 1e-13;
// gridIntegrals.ts), with t = (y − μ_i)/s_i and the gradient integrals on the same nodes:
//   ∂A/∂μ = (1/s)∫ w φ t dt,  ∂A/∂τ² = (1/(2s²))∫ w φ (t² − 1) dt,  ∂A/∂δ_j = ∫ w (∂log w/∂δ_j) φ dt.
import { logWeight } from './selectionFunctions.js';
import { gridIntegrals, truncationSds } from './gridIntegrals.js';
import { buildWeightGrid, type WeightGrid } from './weightGrid.js';
import { stepLogLikelihood } from './stepLikelihood.js';
import { effectiveTau2, linearPredictor, type Gradient, type Parameters, type SelectionProblem } from './problem.js';

const LOG_2PI = Math.log(2 * Math.PI);

/** The weight table of a continuous type at δ. */
function weightGrid(problem: SelectionProblem, delta: Float64Array): WeightGrid {
  const cut = problem.type === 'beta' ? 0 : problem.steps[0]!;
  return buildWeightGrid({ type: problem.type, alternative: problem.alternative, cut, pMin: problem.pMin }, delta);
}

/**
 * Log-likelihood ℓ(β, τ², δ) of a selection model; fills `grad` (natural parameters) when given.
 * Kernel: never throws (a failed integral gives NaN).
 */
export function selectionLogLikelihood(problem: SelectionProblem, par: Parameters, grad?: Gradient): number {
  if (problem.type === 'stepfun') return stepLogLikelihood(problem, par, grad);
  const { yi, vi, x } = problem;
  const tau2 = effectiveTau2(par.tau2);
  const dlog = new Float64Array(par.delta.length);
  const table = weightGrid(problem, par.delta);
  const sds = truncationSds(table.logRange);
  const a = new Float64Array(3 + par.delta.length);
  if (grad) {
    grad.beta.fill(0);
    grad.tau2 = 0;
    grad.delta.fill(0);
  }
  let ll = 0;
  for (let i = 0; i < yi.length; i++) {
    const s2 = vi[i]! + tau2;
    const s = Math.sqrt(s2);
    const mu = linearPredictor(x, par.beta, i);
    const r = yi[i]! - mu;
    const sd = Math.sqrt(vi[i]!);
    gridIntegrals(table, mu / sd, s / sd, sds, a);
    const lw = logWeight(problem.type, problem.pValues[i]!, par.delta, problem.steps[0]!, dlog);
    ll += lw - 0.5 * (LOG_2PI + Math.log(s2) + (r * r) / s2) - Math.log(a[0]!);
    if (!grad) continue;
    const dmu = r / s2 - a[1]! / (s * a[0]!);
    for (let j = 0; j < x.length; j++) grad.beta[j] = grad.beta[j]! + dmu * x[j]![i]!;
    grad.tau2 += (0.5 * ((r * r) / s2 - 1)) / s2 - a[2]! / (2 * s2 * a[0]!);
    for (let j = 0; j < par.delta.length; j++) grad.delta[j] = grad.delta[j]! + dlog[j]! - a[3 + j]! / a[0]!;
  }
  return ll;
}
