import { bracketedRoot } from './bracketedRoot.js';
import { medianAbsoluteDeviation } from './medianAbsoluteDeviation.js';
import type { Tau2Model } from './model.js';
import { zeroin } from './zeroin.js';
import { chiSquareQuantile } from '../../distributions/chiSquare.js';
import { DEFAULT_TAU2_CONTROL, type Tau2Control, type Tau2Estimate } from './types.js';
import { HETEROGENEITY_MESSAGES } from '../messages.js';

/**
 * Paule–Mandel estimator of tau² (Paule & Mandel 1982; metafor `method = "PM"`): the tau² at which
 * the generalised Q statistic yᵀPy, w = 1/(v + tau²), equals its expectation k − p; 0 when Q(0)
 * is already below k − p. Q decreases in tau², so the root is bracketed by [0, B/(k − p)] (Q(tau²)
 * ≤ B/tau², B = Σ(y − ȳ)² with an intercept) and found by Brent's method: unlike metafor, no
 * `tau2.max` can be too low. Standard error √(2k²/(k − p))/Σw at the estimate, as metafor.
 * Needs k > p (NaN otherwise).
 * @example pauleMandel(interceptModel(bcgYi, bcgVi)).tau2 // 0.3181 for the BCG log risk ratios
 */
export function pauleMandel(model: Tau2Model, control: Tau2Control = {}): Tau2Estimate {
  return qMatchingEstimate(model, control, 'PM', model.k - model.p);
}

/**
 * Median-unbiased Paule–Mandel estimator of tau² (Viechtbauer et al. 2015, Res Synth Methods
 * 6:28; metafor `method = "PMM"`): the tau² at which the generalised Q statistic equals the median
 * of its χ²(k − p) distribution, qchisq(0.5, k − p), instead of its mean k − p; 0 when Q(0) is
 * already below it. Found as PM's root (Brent on [0, B/median]); standard error as metafor's PM
 * one. Needs k > p (NaN otherwise).
 * @example medianPauleMandel(interceptModel(bcgYi, bcgVi)).tau2 // 0.3434 (metafor rma(yi, vi, method = "PMM"))
 */
export function medianPauleMandel(model: Tau2Model, control: Tau2Control = {}): Tau2Estimate {
  return qMatchingEstimate(model, control, 'PMM', model.k > model.p ? chiSquareQuantile(0.5, model.k - model.p) : NaN);
}

/** The tau² at which yᵀPy = target (PM: k − p; PMM: its median), with metafor's PM standard error. */
function qMatchingEstimate(model: Tau2Model, control: Tau2Control, method: 'PM' | 'PMM', target: number): Tau2Estimate {
  const { k, p } = model;
  if (k <= p) return { method, tau2: NaN, standardError: NaN, converged: false, iterations: 0, warnings: [] };
  const tolerance = control.tolerance ?? DEFAULT_TAU2_CONTROL.tolerance;
  const atZero = model.sums(0, true);
  // Q overflowed (effects beyond ~1e154): nothing can be solved; never report that as tau² = 0.
  if (Number.isNaN(atZero.q)) return { method, tau2: NaN, standardError: NaN, converged: false, iterations: 0, warnings: [] };
  let tau2 = 0;
  let iterations = 0;
  let converged = true;
  if (atZero.q > target && control.rootTolerance !== undefined) {
    const r = metaforPauleMandel(model, target, atZero.q - target, control.rootTolerance, control.maxIterations ?? 100);
    tau2 = r.root;
    iterations = r.iterations;
    converged = r.converged;
  } else if (atZero.q > target) {
    const hi = model.qBound / target;
    const scale = (k - p) / atZero.traceP;
    const f = (t: number): number => model.q(t) - target;
    const r = bracketedRoot(f, 0, hi, atZero.q - target, f(hi), tolerance * Math.min(scale, hi) * 1e-3);
    tau2 = r.root;
    iterations = r.iterations;
    converged = r.converged;
  }
  const s = model.sums(tau2, false);
  return {
    method,
    tau2,
    standardError: Math.sqrt((2 * k * k) / (k - p)) / s.sumWeights,
    converged,
    iterations,
    warnings: converged ? [] : [{ code: 'not_converged', message: HETEROGENEITY_MESSAGES.not_converged_pm(method, tau2).text }],
  };
}

/**
 * metafor's PM search (rma.uni with its default control): R's uniroot on [0, tau2.max],
 * tau2.max = max(100, 10·mad(yi)²), stopped at `tolerance`. When Q(tau2.max) is still above k − 1
 * metafor stops with an error; here the exact root is searched beyond it instead. The same search
 * serves the intercept-only model and meta-regression (Q = yᵀPy against k − p).
 */
function metaforPauleMandel(
  model: Tau2Model,
  target: number,
  fZero: number,
  tolerance: number,
  maxIterations: number,
): { root: number; iterations: number; converged: boolean } {
  const f = (t: number): number => model.q(t) - target;
  const tau2Max = Math.max(100, 10 * medianAbsoluteDeviation(model.effects) ** 2);
  const fMax = f(tau2Max);
  if (fMax > 0) {
    let hi = tau2Max;
    let fHi = fMax;
    while (fHi > 0 && hi < Number.MAX_VALUE / 4) {
      hi *= 4;
      fHi = f(hi);
    }
    return bracketedRoot(f, 0, hi, fZero, fHi, DEFAULT_TAU2_CONTROL.tolerance * hi);
  }
  return zeroin(f, 0, tau2Max, fZero, fMax, tolerance, maxIterations);
}
