// The narrow seam between bias/sensitivity and the model engines of src/pool (intercept-only,
// O(k) kernel) and src/regression (meta-regression). Everything here delegates: no tau²
// estimator lives in this area. The one convention added is metafor's for k = 1 (no
// heterogeneity: tau² = 0, Q = 0 with p = 1, I² = 0, H² = 1), which cumulative analyses print.
import type { ModelMethod, Tau2Control } from '../heterogeneity/index.js';
import { TESTS, fitIntercept } from '../pool/index.js';
import { metaRegressionCoefficients } from './fitMetaRegression.js';

/** The tau² methods that work from yi/vi alone (MH and Peto need counts): the estimator registry's list. */
export { MODEL_METHODS, isModelMethod, type ModelMethod } from '../heterogeneity/index.js';
export const MODEL_TESTS = TESTS;
export type ModelTest = (typeof MODEL_TESTS)[number];
/**
 * True for a test of the model estimates (MODEL_TESTS).
 * @example isModelTest('adhoc') // true
 */
export function isModelTest(x: unknown): x is ModelTest {
  return typeof x === 'string' && (MODEL_TESTS as readonly string[]).includes(x);
}

export interface ModelSettings {
  readonly method: ModelMethod;
  readonly test: ModelTest;
  /** Confidence level in percent. */
  readonly level: number;
  /** Iteration control of every fit (default: converged to 1e-12; METAFOR_DEFAULT_CONTROL: metafor's defaults). */
  readonly control?: Tau2Control;
}

/** What the bias and sensitivity analyses read from an intercept-only fit. */
export interface InterceptFit {
  readonly k: number;
  readonly estimate: number;
  /** Includes the Knapp–Hartung factor under test 'knha'. */
  readonly standardError: number;
  readonly statistic: number;
  readonly df: number | null;
  readonly pValue: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  readonly tau2: number;
  readonly q: number;
  readonly qPValue: number;
  readonly i2: number;
  readonly h2: number;
  readonly converged: boolean;
}

/** A coefficient of a meta-regression. */
export interface Coefficient {
  readonly estimate: number;
  readonly standardError: number;
  readonly statistic: number;
  readonly pValue: number;
  readonly ciLower: number;
  readonly ciUpper: number;
}

/**
 * Intercept-only fit through the pool kernel, under the settings' control overridden by `control`,
 * warm-started at `tau2Start` when given (not under metafor's threshold rule, whose iterates start
 * where metafor's do). Never throws: a failed fit comes back with NaN figures.
 */
export function fitInterceptModel(yi: Float64Array, vi: Float64Array, settings: ModelSettings, control: Tau2Control = {}, tau2Start?: number): InterceptFit {
  const k = yi.length;
  const method = settings.method === 'FE' ? 'EE' : settings.method;
  const base: Tau2Control = { ...settings.control, ...control };
  const warm = tau2Start !== undefined && Number.isFinite(tau2Start) && base.threshold === undefined;
  const r = fitIntercept(yi, vi, {
    method,
    test: settings.test,
    level: settings.level,
    control: warm ? { ...base, tau2Start } : base,
  });
  const single = k === 1;
  return {
    k,
    estimate: num(r.estimate),
    standardError: num(r.standardError),
    statistic: num(r.statistic),
    df: Number.isFinite(r.df) ? r.df : null,
    pValue: num(r.pValue),
    ciLower: num(r.ciLower),
    ciUpper: num(r.ciUpper),
    tau2: single ? 0 : num(r.tau2),
    q: single ? 0 : num(r.q),
    qPValue: single ? 1 : num(r.qPValue),
    i2: single ? 0 : num(r.i2),
    h2: single ? 1 : num(r.h2),
    converged: r.converged !== false,
  };
}

/**
 * Meta-regression of yi on one moderator x (with intercept), same method/test/level, through the
 * regression engine; returns the intercept and slope and the t df (null for z).
 */
export function fitOneModerator(
  yi: Float64Array,
  vi: Float64Array,
  x: Float64Array,
  settings: ModelSettings,
): { intercept: Coefficient; slope: Coefficient; df: number | null } | null {
  const method = settings.method === 'FE' ? 'EE' : settings.method;
  const ones = new Float64Array(yi.length).fill(1);
  let r: ReturnType<typeof metaRegressionCoefficients>;
  try {
    r = metaRegressionCoefficients({
      yi,
      vi,
      columns: [ones, x],
      names: ['intrcpt', 'sei'],
      method,
      test: settings.test,
      level: settings.level,
      ...(settings.control ? { control: settings.control } : {}),
    });
  } catch {
    return null; // e.g. a moderator collinear with the intercept: the caller reports it as not estimable
  }
  const c0 = r.coefficients[0];
  const c1 = r.coefficients[1];
  if (!c0 || !c1) return null;
  return { intercept: coef(c0), slope: coef(c1), df: r.df ?? null };
}

function num(x: number | null | undefined): number {
  return typeof x === 'number' ? x : NaN;
}
function coef(c: {
  estimate: number | null;
  standardError: number | null;
  statistic: number | null;
  pValue: number | null;
  ciLower: number | null;
  ciUpper: number | null;
}): Coefficient {
  return {
    estimate: num(c.estimate),
    standardError: num(c.standardError),
    statistic: num(c.statistic),
    pValue: num(c.pValue),
    ciLower: num(c.ciLower),
    ciUpper: num(c.ciUpper),
  };
}
