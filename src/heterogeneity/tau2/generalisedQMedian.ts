import { quadraticFormSurvival } from '../../distributions/quadraticForm.js';
import { bracketedRoot } from './bracketedRoot.js';
import { generalisedQStandardError } from './generalisedQEstimator.js';
import type { GeneralisedQParts } from './generalisedQParts.js';
import type { Tau2Model } from './model.js';
import { DEFAULT_TAU2_CONTROL, type Tau2Control, type Tau2Estimate } from './types.js';
import { HETEROGENEITY_MESSAGES } from '../messages.js';

/**
 * P(Q_A(tau²) > q): the upper tail at `q` of the generalised Q statistic's distribution under
 * tau² (Σ λ_j(tau²)·χ²₁, Ruben's series). Increases with tau². metafor's `.GENQ.func` objective,
 * with CompQuadForm's farebrother for the tail.
 * @example
 * const parts = generalisedQParts([new Float64Array([1, 1, 1])], new Float64Array([0, 1, 2]), new Float64Array([1, 1, 1]), new Float64Array([1, 1, 1]));
 * generalisedQTail(parts, 0, parts.q) // 0.3679 (= exp(−1): Q_A = 2 ~ χ²₂ at tau² = 0)
 */
export function generalisedQTail(g: GeneralisedQParts, tau2: number, q: number): number {
  return quadraticFormSurvival(q, g.eigenvalues(tau2));
}

/**
 * The tau² at which P(Q_A(tau²) > q) reaches `level` (0 < level < 1), searched upwards from `from`
 * (where the tail is below `level`) by Brent's method on a doubling bracket. Exact to the
 * tolerance, unlike R's uniroot at its default tol (metafor's GENQ intervals stop near 1e-4).
 * @example
 * const parts = generalisedQParts([new Float64Array([1, 1, 1])], new Float64Array([0, 1, 2]), new Float64Array([1, 1, 1]), new Float64Array([1, 1, 1]));
 * generalisedQRoot(parts, parts.q, 0.5, 0, 1e-12).root // 0.4427 (Q_A = 2 is the median of (1 + tau²)·χ²₂)
 */
export function generalisedQRoot(
  g: GeneralisedQParts,
  q: number,
  level: number,
  from: number,
  tolerance: number,
): { root: number; iterations: number; converged: boolean } {
  const f = (t: number): number => generalisedQTail(g, t, q) - level;
  const fLo = f(from);
  if (!Number.isFinite(fLo)) return { root: NaN, iterations: 0, converged: false };
  // Scale of tau²: the typical within-study variance tr(P_A V)/tr(P_A), or the GENQ estimate.
  const scale = Math.max(g.tracePV / g.traceP, (g.q - g.tracePV) / g.traceP, Number.MIN_VALUE);
  let hi = from + scale;
  let fHi = f(hi);
  for (let i = 0; fHi < 0 && i < 200; i++) {
    hi *= 2;
    fHi = f(hi);
  }
  if (!(fHi >= 0)) return { root: NaN, iterations: 0, converged: false };
  return bracketedRoot(f, from, hi, fLo, fHi, tolerance * scale);
}

/**
 * Median-unbiased generalised Q estimator of tau² (Jackson 2013, J Stat Plan Inference 143:1192;
 * metafor `method = "GENQM"`): the tau² at which the observed Q_A (user weights a) is the median of
 * its distribution, Σ λ_j(tau²)·χ²₁ with λ the non-zero eigenvalues of S·P_A·S, S² = V + tau²I;
 * 0 when Q_A is below the median already at tau² = 0. The root is found exactly (Brent), the tail
 * by Ruben's series (~1e-14). Standard error as GENQ (metafor). Needs user weights and k > p.
 * @example generalisedQMedian(interceptModel(bcgYi, bcgVi, undefined, bcgVi.map((v) => 1 / v))).tau2 // 0.3828 (metafor rma(yi, vi, weights = 1/vi, method = "GENQM"))
 */
export function generalisedQMedian(model: Tau2Model, control: Tau2Control = {}): Tau2Estimate {
  const g = model.generalised;
  const failed: Tau2Estimate = { method: 'GENQM', tau2: NaN, standardError: NaN, converged: false, iterations: 0, warnings: [] };
  if (!g || model.k <= model.p) return failed;
  const atZero = generalisedQTail(g, 0, g.q);
  if (Number.isNaN(atZero)) return failed;
  let tau2 = 0;
  let iterations = 0;
  let converged = true;
  if (atZero < 0.5) {
    const r = generalisedQRoot(g, g.q, 0.5, 0, control.tolerance ?? DEFAULT_TAU2_CONTROL.tolerance);
    ({ root: tau2, iterations, converged } = r);
  }
  return {
    method: 'GENQM',
    tau2,
    standardError: generalisedQStandardError(g, tau2),
    converged,
    iterations,
    warnings: converged ? [] : [{ code: 'not_converged', message: HETEROGENEITY_MESSAGES.genqm_root_search_tau(tau2).text }],
  };
}
