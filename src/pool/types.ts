import type { Warning } from '../core/errors.js';
import type { Measure, TwoByTwo } from '../effects/types.js';
import type { BackTransformName } from '../effects/backTransform.js';
import { MODEL_METHODS, type ModelMethod, type Tau2Control, type Tau2Method } from '../heterogeneity/tau2/types.js';

/**
 * Pooling methods: the tau² estimators of `rma.uni` (EE fixes tau² = 0), `FE` as an alias of `EE`,
 * Mantel–Haenszel (`rma.mh`) and Peto (`rma.peto`).
 */
export const POOL_METHODS = [...MODEL_METHODS, 'MH', 'PETO'] as const;
export type PoolMethod = (typeof POOL_METHODS)[number];
/**
 * True for a method pool() fits (POOL_METHODS).
 * @example isPoolMethod('PETO') // true
 */
export function isPoolMethod(x: unknown): x is PoolMethod {
  return typeof x === 'string' && (POOL_METHODS as readonly string[]).includes(x);
}

/** The methods that fit a common (equal) effect, with no tau²: EE, its alias FE, Mantel–Haenszel, Peto. */
export const COMMON_EFFECT_METHODS = ['EE', 'FE', 'MH', 'PETO'] as const satisfies readonly PoolMethod[];
/**
 * True for the methods that fit a common (equal) effect, without tau².
 * @example isCommonEffectMethod('MH') // true
 * @example isCommonEffectMethod('REML') // false
 */
export function isCommonEffectMethod(method: string): boolean {
  return (COMMON_EFFECT_METHODS as readonly string[]).includes(method);
}

/**
 * Tests of the estimates, as metafor's `rma.uni(test = ...)`: `z` (normal); `t` (t with k − p df,
 * F for the omnibus test, variances unscaled); `knha` (Hartung–Knapp–Sidik–Jonkman: t and F with
 * the covariance scaled by s² = Q(tau²)/(k − p)); `adhoc` (knha with s² truncated below at 1,
 * Knapp & Hartung 2003's ad hoc improvement).
 */
export const TESTS = ['z', 'knha', 't', 'adhoc'] as const;
export type PoolTest = (typeof TESTS)[number];
/**
 * True for a test of pool() (TESTS).
 * @example isPoolTest('knha') // true
 */
export function isPoolTest(x: unknown): x is PoolTest {
  return typeof x === 'string' && (TESTS as readonly string[]).includes(x);
}

/** True for the tests whose statistics follow t (and F) distributions: every test but `z`. */
export function isTTest(test: PoolTest): boolean {
  return test !== 'z';
}

/**
 * The factor s² the covariance of the estimates is multiplied by (metafor rma.uni): RSS/(k − p)
 * for `knha` (0 when RSS is numerically 0), the same truncated below at 1 for `adhoc`, 1 otherwise.
 * @example knappHartungScale('adhoc', 3.2, 8) // 1
 */
export function knappHartungScale(test: PoolTest, rss: number, df: number): number {
  if (test !== 'knha' && test !== 'adhoc') return 1;
  const s2 = rss <= Number.EPSILON ? 0 : rss / df;
  return test === 'adhoc' ? Math.max(1, s2) : s2;
}

/** Measures Mantel–Haenszel can pool (metafor rma.mh, 2x2 tables). */
export const MH_MEASURES = ['OR', 'RR', 'RD'] as const satisfies readonly Measure[];

/** Per-study effect sizes as plain arrays (an alternative to an EffectTable). */
export interface EffectArrays {
  /** yi */
  readonly effect: ArrayLike<number>;
  /** vi */
  readonly variance: ArrayLike<number>;
  /** Study labels (for messages). Default "1", "2", ... */
  readonly study?: readonly string[];
  readonly measure?: Measure;
  /** Raw 2x2 counts per study, needed by `MH` and `PETO`. */
  readonly counts?: readonly TwoByTwo[];
}

/** Iterative-solver settings (see Tau2Control) plus the Q-profile search limit. */
export interface PoolControl extends Tau2Control {
  /** Upper limit of the Q-profile search for tau² (metafor confint `tau2.max`). Default max(100, 10·tau²). */
  readonly confintTau2Max?: number;
}

export interface PoolOptions {
  /** Default 'REML' (as metafor). */
  readonly method?: PoolMethod;
  /** Default 'z'. Must be 'z' for MH and PETO. */
  readonly test?: PoolTest;
  /** Confidence level in percent, 0 < level < 100. Default 95. */
  readonly level?: number;
  /** The measure of the data; defaults to the table's or arrays' measure, else 'GEN'. */
  readonly measure?: Measure;
  readonly control?: PoolControl;
  /**
   * User weights a_i ≥ 0, one per study, input order (metafor `rma(..., weights = )`): the estimate
   * Σ a·y / Σ a with variance Σ a²(v + tau²)/(Σ a)²; tau² as without them except for GENQ and
   * GENQM, which need them; knha/adhoc scale by the inverse-variance fit's Q(tau²); Q, I², H² and
   * the Q-profile interval are those of the inverse-variance model; `weights` in the result are
   * 100·a/Σ a. Not for MH or PETO.
   */
  readonly weights?: ArrayLike<number>;
  /** `PL`: also the profile-likelihood interval of tau² (`confintPL`; ML and REML fits only). */
  readonly tau2Ci?: Tau2IntervalType;
}

/** The extra tau² intervals pool() computes on request (the Q-profile one, `confint`, is always there). */
export const TAU2_INTERVAL_TYPES = ['PL'] as const;
export type Tau2IntervalType = (typeof TAU2_INTERVAL_TYPES)[number];

/** Intervals of tau², tau, I² (percent) and H². */
export interface HeterogeneityIntervals {
  readonly tau2: IntervalFigure;
  readonly tau: IntervalFigure;
  readonly i2: IntervalFigure;
  readonly h2: IntervalFigure;
}

/** An estimate with its confidence interval (null where not computable). */
export interface IntervalFigure {
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** metafor fitstats(): log-likelihood, deviance, AIC, BIC, AICc. */
export interface FitStatistics {
  readonly logLik: number | null;
  readonly deviance: number | null;
  readonly aic: number | null;
  readonly bic: number | null;
  readonly aicc: number | null;
}

export interface TestFigure {
  readonly statistic: number | null;
  readonly pValue: number | null;
}

/** The result of `pool()`: plain JSON, null (never NaN/Infinity) where a figure cannot be computed. */
export interface PoolResult {
  readonly k: number;
  readonly measure: Measure;
  readonly method: PoolMethod;
  readonly test: PoolTest;
  readonly level: number;
  readonly estimate: number | null;
  readonly standardError: number | null;
  /** z or t statistic. */
  readonly statistic: number | null;
  /** t degrees of freedom (knha); null for z. */
  readonly df: number | null;
  readonly pValue: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
  readonly tau2: number | null;
  readonly tau2StandardError: number | null;
  readonly tau: number | null;
  /** I² in percent. */
  readonly i2: number | null;
  readonly h2: number | null;
  readonly q: number | null;
  readonly qDf: number | null;
  readonly qPValue: number | null;
  readonly piLower: number | null;
  readonly piUpper: number | null;
  /**
   * Estimate, CI and PI back-transformed by the measure's transformation, named in `scale`
   * (`exp` for HR, OR, RR, ROM, PETO; `ilogit` for PLO; `tanh` for ZCOR: see
   * MEASURE_BACK_TRANSFORMS); null for measures read on the model scale.
   */
  readonly transformed: {
    readonly scale: BackTransformName;
    readonly estimate: number | null;
    readonly ciLower: number | null;
    readonly ciUpper: number | null;
    readonly piLower: number | null;
    readonly piUpper: number | null;
  } | null;
  /** Study weights in percent, input order (metafor weights()). */
  readonly weights: readonly (number | null)[];
  /**
   * Q-profile intervals (metafor confint()); for GENQ and GENQM the generalised Q-profile ones
   * (metafor's default `type = "GENQ"` for those fits); null for EE/FE, MH, PETO and k = 1.
   */
  readonly confint: HeterogeneityIntervals | null;
  /** Profile-likelihood intervals (metafor confint(type = "PL")), only when asked for (`tau2Ci: 'PL'`). */
  readonly confintPL?: HeterogeneityIntervals;
  readonly fit: { readonly ml: FitStatistics; readonly reml: FitStatistics };
  /** Mantel–Haenszel odds-ratio tests (metafor MH, CO, BD, TA); null unless method MH with measure OR. */
  readonly tests: {
    /** Cochran–Mantel–Haenszel test, continuity-corrected, hypergeometric variances (metafor MH, MHp). */
    readonly cmh: TestFigure;
    /** Cochran's (1954) test: the same with binomial variances, N in place of N − 1 (metafor CO, COp). */
    readonly cochran: TestFigure;
    readonly breslowDay: TestFigure;
    readonly tarone: TestFigure;
  } | null;
  readonly converged: boolean;
  readonly iterations: number;
  readonly warnings: readonly Warning[];
}

/** Options of the lean kernel. */
export interface FitInterceptOptions {
  /** A tau² method or 'FE'. Default 'REML'. */
  readonly method?: ModelMethod;
  /** Default 'z'. */
  readonly test?: PoolTest;
  /** Percent. Default 95. */
  readonly level?: number;
  readonly control?: Tau2Control;
  /**
   * User weights a_i ≥ 0 (metafor `rma(..., weights = )`): the estimate is Σ a·y / Σ a with
   * variance Σ a²(v + tau²) / (Σ a)²; tau² is estimated as without them, except by GENQ and GENQM,
   * which need them. The kernel does not validate them (pool() does).
   */
  readonly weights?: Float64Array;
}

/**
 * The lean result of `fitIntercept` (numbers, NaN where not computable: a kernel never throws).
 */
export interface InterceptFit {
  readonly k: number;
  /** The tau² method used ('FE' resolved to 'EE'). */
  readonly method: Tau2Method;
  /** The test used (knha falls back to z at k = 1). */
  readonly test: PoolTest;
  readonly estimate: number;
  readonly standardError: number;
  readonly statistic: number;
  /** k − 1 for knha, NaN for z. */
  readonly df: number;
  readonly pValue: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  readonly tau2: number;
  readonly tau2StandardError: number;
  readonly q: number;
  readonly qDf: number;
  readonly qPValue: number;
  readonly i2: number;
  readonly h2: number;
  readonly piLower: number;
  readonly piUpper: number;
  /** Σ 1/(v + tau²), the total weight (weights in percent are 100·w_i/sumWeights). */
  readonly sumWeights: number;
  /** (k − 1)/tr(P): the typical within-study variance behind I² and H². */
  readonly typicalVariance: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly warnings: readonly Warning[];
}
