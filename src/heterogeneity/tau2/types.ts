import type { Warning } from '../../core/errors.js';
import type { Tau2Model } from './model.js';

/**
 * The tau² (between-study variance) estimators, named as metafor's `rma.uni(method = ...)`.
 * `EE` (equal effects) fixes tau² = 0; `GENQ` and `GENQM` need user weights (USER_WEIGHTED_METHODS).
 */
export const TAU2_METHODS = ['EE', 'DL', 'HE', 'HS', 'HSk', 'SJ', 'ML', 'REML', 'EB', 'PM', 'PMM', 'GENQ', 'GENQM'] as const;
export type Tau2Method = (typeof TAU2_METHODS)[number];
export function isTau2Method(x: unknown): x is Tau2Method {
  return typeof x === 'string' && (TAU2_METHODS as readonly string[]).includes(x);
}

/**
 * Every method name a fit from yi and vi accepts: the estimators plus metafor's alias `FE` (= EE).
 * The one list behind pool's, the batch's, meta-regression's and the bias and sensitivity analyses'.
 */
export const MODEL_METHODS = [...TAU2_METHODS, 'FE'] as const;
export type ModelMethod = (typeof MODEL_METHODS)[number];
/**
 * True for a method name a fit from yi and vi accepts (MODEL_METHODS).
 * @example isModelMethod('FE') // true
 * @example isModelMethod('MH') // false
 */
export function isModelMethod(x: unknown): x is ModelMethod {
  return typeof x === 'string' && (MODEL_METHODS as readonly string[]).includes(x);
}

/**
 * The estimator behind a method name (`FE` is `EE`).
 * @example tau2MethodOf('FE') // 'EE'
 */
export function tau2MethodOf(method: ModelMethod): Tau2Method {
  return method === 'FE' ? 'EE' : method;
}

/** Estimators whose tau² comes from an iterative solver (compared with metafor at the iterative tolerance). */
export const ITERATIVE_TAU2_METHODS = ['ML', 'REML', 'EB', 'PM', 'PMM', 'GENQM'] as const satisfies readonly Tau2Method[];

/** Estimators defined by the user weights (metafor refuses them without `weights`). */
export const USER_WEIGHTED_METHODS = ['GENQ', 'GENQM'] as const satisfies readonly Tau2Method[];
/**
 * True for a method that needs user weights (GENQ, GENQM).
 * @example needsUserWeights('GENQ') // true
 */
export function needsUserWeights(method: string): boolean {
  return (USER_WEIGHTED_METHODS as readonly string[]).includes(method);
}

/** Settings of the iterative estimators (ML, REML, EB, PM); ignored by the closed-form ones. */
export interface Tau2Control {
  /**
   * Convergence tolerance on the change of tau², relative to the scale max(tau², typical
   * within-study variance) so that it means the same on any unit of measurement. Default 1e-12.
   */
  readonly tolerance?: number;
  /** Maximum number of Fisher-scoring steps before the bracketed fallback takes over. Default 1000. */
  readonly maxIterations?: number;
  /** Starting value of tau² (a warm start, e.g. the full-data estimate in leave-one-out). Default: the Hedges (HE) estimate, as metafor. */
  readonly tau2Start?: number;
  /**
   * metafor's own stopping rule: stop when |Δtau²| ≤ threshold (absolute), following rma.uni's
   * Fisher-scoring path step for step (start at max(0, HE), halve steps that would leave
   * [0, ∞), its log-likelihood check at tau² = 0). Unset by default: metasynth converges to
   * `tolerance`. Set it to reproduce metafor functions that fit internal models with rma.uni's
   * default control (threshold 1e-5), such as trimfill(); see METAFOR_DEFAULT_CONTROL.
   */
  readonly threshold?: number;
  /**
   * metafor's `tol`: when set, the roots metafor finds with R's uniroot() (the PM estimate; the
   * Q-profile bounds of confint) are found as uniroot finds them, Brent's zeroin stopped at this
   * tolerance on metafor's search interval, instead of converged. Unset by default.
   */
  readonly rootTolerance?: number;
}

/**
 * rma.uni's default control in metafor 3.8 (threshold = 1e-5, maxiter = 100, tol =
 * .Machine$double.eps^0.25 = 2^-13 for uniroot; confint's own default tol is the same). metafor
 * functions that refit models without passing the caller's control (trimfill) stop at these
 * settings, so their printed numbers are those of this iterate, not of the converged root; and so
 * does every metafor analysis run with its defaults (`control: 'metafor'` in the CLI).
 */
export const METAFOR_DEFAULT_CONTROL = { threshold: 1e-5, maxIterations: 100, rootTolerance: 2 ** -13 } as const;

export const DEFAULT_TAU2_CONTROL = { tolerance: 1e-12, maxIterations: 1000 } as const;

/** What every estimator returns. Kernels never throw: NaN in, NaN out. */
export interface Tau2Estimate {
  readonly method: Tau2Method;
  /** The estimate, truncated at 0 as metafor does. */
  readonly tau2: number;
  /** Standard error of tau² by the method's own formula (metafor `se.tau2`); NaN for EE. */
  readonly standardError: number;
  readonly converged: boolean;
  /** Fisher-scoring or root-finding steps; 0 for closed-form estimators. */
  readonly iterations: number;
  readonly warnings: readonly Warning[];
}

/**
 * The signature shared by the estimators in the registry: one implementation per estimator,
 * written against the model (the O(k) intercept-only model of pool, or the p×p design model of
 * meta-regression; see model.ts).
 */
export type Tau2Estimator = (model: Tau2Model, control?: Tau2Control) => Tau2Estimate;
