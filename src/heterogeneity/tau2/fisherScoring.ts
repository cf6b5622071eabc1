// Fisher scoring for the likelihood-type tau² estimators (ML, REML, EB), guarded so that it always
// ends at a root of the estimating equation or at the boundary tau² = 0:
//  1. metafor's iteration (rma.uni): start at the Hedges estimate (or control.tau2Start), step
//     tau² += (score / information), halving a step that would leave [0, ∞). Before halving we
//     check the boundary: if the estimating function is ≤ 0 at tau² = 0, the constrained maximum
//     is tau² = 0 exactly (metafor creeps towards it and stops at ~threshold).
//  2. If scoring has not converged after control.maxIterations steps (or produced a non-finite
//     step), a bracketed root finder (Brent) solves the estimating equation on [0, hi]; this
//     always converges. Only if that fails too is the result flagged not converged.
import type { Warning } from '../../core/errors.js';
import { bracketedRoot } from './bracketedRoot.js';
import { emptyWeightedSums, type Tau2Model, type WeightedSums } from './model.js';
import { DEFAULT_TAU2_CONTROL, type Tau2Control } from './types.js';
import { HETEROGENEITY_MESSAGES } from '../messages.js';

export type ScoringKind = 'ML' | 'REML' | 'EB';

/**
 * The estimating function whose root is the estimate, decreasing in tau² near the root:
 * ML yᵀPPy − tr(W) (Hardy & Thompson 1996), REML yᵀPPy − tr(P) (Viechtbauer 2005, eq. 9),
 * EB Q(tau²) − (k − p) (Morris 1983; the same root as Paule–Mandel).
 */
export function estimatingFunction(kind: ScoringKind, s: WeightedSums, k: number, p: number): number {
  if (kind === 'ML') return s.sumSquaredWeightedResiduals - s.sumWeights;
  if (kind === 'REML') return s.sumSquaredWeightedResiduals - s.traceP;
  return s.q - (k - p);
}

/** The Fisher-scoring step of metafor's rma.uni for each estimator. */
function scoringStep(kind: ScoringKind, s: WeightedSums, k: number, p: number): number {
  if (kind === 'ML') return (s.sumSquaredWeightedResiduals - s.sumWeights) / s.sumSquaredWeights;
  if (kind === 'REML') return (s.sumSquaredWeightedResiduals - s.traceP) / s.tracePP;
  return ((s.q * k) / (k - p) - k) / s.sumWeights;
}

export interface ScoringResult {
  readonly tau2: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly warnings: readonly Warning[];
}

/**
 * Solves the ML, REML or EB estimating equation for tau² ≥ 0 (see the file comment). Needs k > p.
 * @example solveByScoring('REML', interceptModel(bcgYi, bcgVi)).tau2 // 0.3132 for the BCG log risk ratios
 */
export function solveByScoring(kind: ScoringKind, model: Tau2Model, control: Tau2Control = {}): ScoringResult {
  const { k, p } = model;
  const traces = kind === 'REML';
  const tolerance = control.tolerance ?? DEFAULT_TAU2_CONTROL.tolerance;
  const maxIterations = control.maxIterations ?? DEFAULT_TAU2_CONTROL.maxIterations;
  const warnings: Warning[] = [];
  const s = emptyWeightedSums();
  const atZero = model.sums(0, true);
  // Typical within-study variance (k − p)/tr P: the scale of tau², so that the tolerance is relative.
  const scale = (k - p) / atZero.traceP;
  const fZero = estimatingFunction(kind, atZero, k, p);

  let tau2: number;
  if (control.tau2Start !== undefined && Number.isFinite(control.tau2Start) && control.tau2Start >= 0) {
    tau2 = control.tau2Start;
  } else {
    const h = model.hedgesParts();
    const he = (h.rss - h.tracePV) / (k - p);
    tau2 = Math.max(0, he);
  }

  let iterations = 0;
  let converged = false;
  if (control.threshold !== undefined) return metaforScoring(kind, model, tau2, control.threshold, maxIterations, atZero, scale);
  while (iterations < maxIterations) {
    iterations++;
    model.sums(tau2, traces, s);
    let step = scoringStep(kind, s, k, p);
    if (!Number.isFinite(step)) break;
    if (tau2 + step < 0) {
      if (fZero <= 0) {
        tau2 = 0;
        converged = true;
        break;
      }
      while (tau2 + step < 0) step /= 2;
    }
    const next = tau2 + step;
    const change = Math.abs(next - tau2);
    tau2 = next;
    if (change <= tolerance * Math.max(tau2, scale)) {
      converged = true;
      break;
    }
  }

  if (!converged) {
    const fallback = solveBracketed(kind, model, fZero, scale, tolerance);
    iterations += fallback.iterations;
    if (fallback.converged) {
      tau2 = fallback.tau2;
      converged = true;
      warnings.push({
        code: 'fisher_scoring_fallback',
        message: HETEROGENEITY_MESSAGES.fisher_scoring_fallback(kind, maxIterations).text,
      });
    } else {
      warnings.push({
        code: 'not_converged',
        message: HETEROGENEITY_MESSAGES.not_converged(kind, tau2).text,
      });
    }
  }

  // metafor's ll0check: a likelihood root that is worse than tau² = 0 is a local maximum.
  if (converged && tau2 > 0 && kind !== 'EB') {
    const ll = model.logLikelihood(tau2, kind, model.sums(tau2, false, s));
    const ll0 = model.logLikelihood(0, kind, atZero);
    if (ll0 - ll > 1e-10 * Math.max(1, Math.abs(ll))) {
      warnings.push({
        code: 'local_maximum',
        message: HETEROGENEITY_MESSAGES.local_maximum(kind, tau2).text,
      });
      tau2 = 0;
    }
  }
  return { tau2, converged, iterations, warnings };
}

/**
 * metafor's rma.uni Fisher scoring, step for step: no boundary shortcut (a step that would leave
 * [0, ∞) is halved until it does not), stop when |Δtau²| ≤ threshold, then rma.uni's check that
 * tau² = 0 is not more likely (ll0 − ll > eps^¼ while tau² > threshold sets tau² = 0; ML/REML only).
 * If the threshold is not reached within maxIterations the guarded solver's bracketed fallback
 * still returns the root, flagged with a warning (metafor would stop with an error).
 */
function metaforScoring(
  kind: ScoringKind,
  model: Tau2Model,
  start: number,
  threshold: number,
  maxIterations: number,
  atZero: WeightedSums,
  scale: number,
): ScoringResult {
  const { k, p } = model;
  const s = emptyWeightedSums();
  let tau2 = start;
  let iterations = 0;
  let change = Infinity;
  while (change > threshold && iterations < maxIterations) {
    iterations++;
    model.sums(tau2, kind === 'REML', s);
    let step = scoringStep(kind, s, k, p);
    if (!Number.isFinite(step)) break; // NaN data or overflow: not converged; the fallback decides
    while (tau2 + step < 0) step /= 2;
    const next = tau2 + step;
    change = Math.abs(next - tau2);
    tau2 = next;
  }
  const warnings: Warning[] = [];
  if (change > threshold) {
    const fallback = solveBracketed(kind, model, estimatingFunction(kind, atZero, k, p), scale, DEFAULT_TAU2_CONTROL.tolerance);
    warnings.push({
      code: 'fisher_scoring_fallback',
      message: HETEROGENEITY_MESSAGES.fisher_scoring_fallback_fisher(kind, threshold, maxIterations).text,
    });
    return { tau2: fallback.tau2, converged: fallback.converged, iterations: iterations + fallback.iterations, warnings };
  }
  if (kind !== 'EB' && tau2 > threshold) {
    const ll = model.logLikelihood(tau2, kind, model.sums(tau2, false, s));
    const ll0 = model.logLikelihood(0, kind, atZero);
    if (ll0 - ll > METAFOR_LL0_TOLERANCE) {
      warnings.push({ code: 'local_maximum', message: HETEROGENEITY_MESSAGES.local_maximum(kind, tau2).text });
      tau2 = 0;
    }
  }
  return { tau2, converged: true, iterations, warnings };
}

/** rma.uni's `tol` default, .Machine$double.eps^0.25, used by its tau² = 0 likelihood check. */
const METAFOR_LL0_TOLERANCE = (2 ** -52) ** 0.25;

/** Brent's method on the estimating function over [0, hi], hi grown until the function is negative. */
function solveBracketed(
  kind: ScoringKind,
  model: Tau2Model,
  fZero: number,
  scale: number,
  tolerance: number,
): { tau2: number; converged: boolean; iterations: number } {
  const { k, p } = model;
  if (!Number.isFinite(fZero)) return { tau2: NaN, converged: false, iterations: 0 };
  if (fZero <= 0) return { tau2: 0, converged: true, iterations: 0 };
  const s = emptyWeightedSums();
  const f = (t: number): number => estimatingFunction(kind, model.sums(t, kind === 'REML', s), k, p);
  let hi = Math.max(scale, 1e-300);
  let fHi = f(hi);
  let grow = 0;
  while (fHi > 0 && grow < 2000) {
    hi *= 4;
    fHi = f(hi);
    grow++;
  }
  if (!(fHi <= 0)) return { tau2: NaN, converged: false, iterations: grow };
  const r = bracketedRoot(f, 0, hi, fZero, fHi, tolerance * Math.max(scale, 1e-300) * 1e-3);
  return { tau2: r.root, converged: r.converged, iterations: grow + r.iterations };
}
