// The log-likelihood of a selection model and its gradient (Vevea & Hedges 1995; Citkowicz &
// Vevea 2017; as metafor 3.8-1 `selmodel` defines it): for study i with mean μ_i = x_i'β and
// s_i² = v_i + τ²,
//   ℓ_i = log w(p_i; δ) + log N(y_i; μ_i, s_i²) − log A_i,   A_i = ∫ w(p(y); δ) N(y; μ_i, s_i²) dy,
// p(y) the study's p-value at y. The step function's A_i is a sum of normal probabilities
// (stepLikelihood.ts); the continuous types' A_i is integrated by adaptive Gauss–Kronrod on
// t = (y − μ_i)/s_i, with the gradient integrals on the same nodes:
//   ∂A/∂μ = (1/s)∫ w φ t dt,  ∂A/∂τ² = (1/(2s²))∫ w φ (t² − 1) dt,  ∂A/∂δ_j = ∫ w (∂log w/∂δ_j) φ dt.
import { normalQuantile } from '../distributions/index.js';
import { adaptiveGaussKronrod } from './gaussKronrod.js';
import { logWeight } from './selectionFunctions.js';
import { fastNormalCdf } from './normalTail.js';
import { clampPValue } from './studyPValue.js';
import { stepLogLikelihood } from './stepLikelihood.js';
import { effectiveTau2, linearPredictor, type Gradient, type Parameters, type SelectionProblem } from './problem.js';

const LOG_2PI = Math.log(2 * Math.PI);
const T_LIMIT = 30; // φ(30) ≈ 1e-196: beyond, the integrand is negligible against any A_i a fit can reach

/** y-values where the weight function has a kink or changes fastest, for study variance v. */
function breakPointsY(problem: SelectionProblem, v: number): number[] {
  const sd = Math.sqrt(v);
  const qs: number[] = [];
  if (problem.pMin > 0) qs.push(problem.pMin, 1 - problem.pMin);
  const s = problem.steps[0]!;
  if (problem.type !== 'beta' && s > 0 && s < 1) qs.push(s);
  const ys: number[] = [-4 * sd, 0, 4 * sd];
  for (const q of qs) {
    if (problem.alternative === 'two.sided') {
      const c = -sd * normalQuantile(q / 2);
      ys.push(c, -c);
    } else ys.push((problem.alternative === 'greater' ? -1 : 1) * sd * normalQuantile(q));
  }
  return ys;
}

/** A_i and its gradient integrals for one study of a continuous type: [A, ∫wφt, ∫wφ(t²−1), ∫w ∂δ_j log w φ]. */
function continuousIntegrals(problem: SelectionProblem, mu: number, s: number, v: number, delta: Float64Array): Float64Array {
  const m = 3 + delta.length;
  const sd = Math.sqrt(v);
  const s0 = problem.steps[0]!;
  const dgrad = new Float64Array(delta.length);
  const f = (t: number, out: Float64Array) => {
    const phi = Math.exp(-0.5 * t * t - 0.5 * LOG_2PI);
    const z = (mu + s * t) / sd;
    const raw = problem.alternative === 'two.sided' ? 2 * fastNormalCdf(-Math.abs(z)) : fastNormalCdf(problem.alternative === 'greater' ? -z : z);
    const p = clampPValue(raw, problem.pMin);
    const wphi = Math.exp(logWeight(problem.type, p, delta, s0, dgrad)) * phi;
    out[0] = wphi;
    out[1] = wphi * t;
    out[2] = wphi * (t * t - 1);
    for (let j = 0; j < delta.length; j++) out[3 + j] = wphi * dgrad[j]!;
  };
  const pts = [-T_LIMIT, T_LIMIT];
  for (const y of breakPointsY(problem, v)) {
    const t = (y - mu) / s;
    if (t > -T_LIMIT && t < T_LIMIT) pts.push(t);
  }
  pts.sort((a, b) => a - b);
  return adaptiveGaussKronrod(f, pts, m, 1e-10).value;
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
    const a = continuousIntegrals(problem, mu, s, vi[i]!, par.delta);
    const lw = logWeight(problem.type, problem.pValues[i]!, par.delta, problem.steps[0]!, dlog);
    ll += lw - 0.5 * (LOG_2PI + Math.log(s2) + (r * r) / s2) - Math.log(a[0]!);
    if (!grad) continue;
    const dmu = r / s2 - a[1]! / (s * a[0]!);
    for (let j = 0; j < x.length; j++) grad.beta[j] = grad.beta[j]! + dmu * x[j]![i]!;
    grad.tau2 += 0.5 * ((r * r) / s2 - 1) / s2 - a[2]! / (2 * s2 * a[0]!);
    for (let j = 0; j < par.delta.length; j++) grad.delta[j] = grad.delta[j]! + dlog[j]! - a[3 + j]! / a[0]!;
  }
  return ll;
}
