import type { Warning } from '../core/errors.js';
import { normalCritical, normalTwoSidedP, studentTCritical, studentTTwoSidedP } from '../distributions/index.js';
import { heterogeneityStatistics } from '../heterogeneity/heterogeneityStatistics.js';
import { TAU2_ESTIMATORS, interceptModel } from '../heterogeneity/tau2/index.js';
import { interceptSums, type InterceptSums } from '../heterogeneity/tau2/interceptSums.js';
import type { Tau2Estimate } from '../heterogeneity/tau2/types.js';
import { isTTest, knappHartungScale, type FitInterceptOptions, type InterceptFit, type PoolTest } from './types.js';
import { POOL_MESSAGES } from './messages.js';

/** The sums at the fitted tau² and at tau² = 0, for callers that need more than the lean result. */
export interface InterceptFitDetail {
  readonly fit: InterceptFit;
  readonly sums: InterceptSums;
  readonly fixedSums: InterceptSums;
  /** The test actually used (knha falls back to z at k = 1). */
  readonly test: PoolTest;
}

/**
 * Intercept-only fixed- or random-effects meta-analysis in O(k) time and memory: the lean kernel
 * behind `pool()` for hot loops (leave-one-out, permutations, trim-and-fill, a million studies).
 * Computes what metafor's `rma.uni(yi, vi, method, test)` prints (estimate, SE, z or t, p, CI,
 * tau² and its SE, Q, I², H², the prediction interval of `predict()`) but not the extras of
 * `pool()` (weights, Q-profile intervals, fit statistics).
 *
 * - `knha`: Hartung & Knapp (2001) / Sidik & Jonkman (2002): the variance of the estimate is
 *   multiplied by s² = Q(tau²)/(k − 1) — not truncated at 1, as metafor's default `test = "knha"` —
 *   and t with k − 1 df gives the p-value, CI and prediction interval. `adhoc` truncates s² below
 *   at 1 (Knapp & Hartung 2003); `t` uses t with k − 1 df and no scaling (metafor `test = "t"`).
 * - k = 1: the study's own estimate and SE (tau² taken as 0, as metafor); tau², Q, I², H² and the
 *   prediction interval are NaN (not estimable) and a `not_estimable` warning says so; `knha`
 *   falls back to `z` (a `test_changed` warning), as metafor's k = 1 fit does.
 * - EE/FE: no prediction interval (NaN), as metafor's predict() for equal-effects models.
 *
 * Never throws: invalid input (NaN, non-positive variances) gives NaN figures. `pool()` validates.
 * `control.tau2Start` warm-starts the iterative estimators.
 * @example fitIntercept(new Float64Array([0.1, 0.3, 0.2]), new Float64Array([0.01, 0.02, 0.015]), { method: 'DL' }).estimate // 0.1769
 */
export function fitIntercept(yi: Float64Array, vi: Float64Array, options: FitInterceptOptions = {}): InterceptFit {
  return fitInterceptDetail(yi, vi, options).fit;
}

/** {@link fitIntercept} plus the sums it used (internal to the pool area and its tests). */
export function fitInterceptDetail(yi: Float64Array, vi: Float64Array, options: FitInterceptOptions = {}): InterceptFitDetail {
  const method = options.method === undefined ? 'REML' : options.method === 'FE' ? 'EE' : options.method;
  const k = yi.length;
  const warnings: Warning[] = [];
  let test = options.test ?? 'z';
  const level = options.level ?? 95;
  if (test !== 'z' && k < 2) {
    // t with k − 1 = 0 df does not exist; metafor's k = 1 fit falls back to z likewise.
    test = 'z';
    warnings.push({ code: 'test_changed', message: POOL_MESSAGES.test_changed().text });
  }

  let estimate: Tau2Estimate = { method, tau2: 0, standardError: NaN, converged: true, iterations: 0, warnings: [] };
  if (k === 1) {
    warnings.push({
      code: 'not_estimable',
      message: POOL_MESSAGES.not_estimable().text,
    });
  }
  // The fixed-effect sums serve Q, I², H² and most estimators: read the data for them once.
  const fixedSums = interceptSums(yi, vi, 0);
  if (k > 1) {
    estimate = TAU2_ESTIMATORS[method](interceptModel(yi, vi, fixedSums, options.weights), options.control);
    warnings.push(...estimate.warnings);
  }
  const tau2 = estimate.tau2;
  const sums = tau2 === 0 ? fixedSums : interceptSums(yi, vi, tau2);
  const het = heterogeneityStatistics(yi, vi, method === 'EE' ? null : tau2, fixedSums);

  const user = options.weights ? userWeightedMean(yi, vi, options.weights, k === 1 ? 0 : tau2) : null;
  const mean = user ? user.mean : sums.mean;
  // knha and adhoc scale by the inverse-variance fit's Q(tau²) even with user weights (metafor).
  const { variance, df, crit, pOf } = testOf(test, k, level, user ? user.variance : 1 / sums.sumWeights, sums.q, method === 'EE', warnings);
  const se = Math.sqrt(variance);
  const statistic = mean / se;
  const piHalf = method === 'EE' || k === 1 ? NaN : crit * Math.sqrt(variance + tau2);
  const fit: InterceptFit = {
    k,
    method,
    test,
    estimate: mean,
    standardError: se,
    statistic,
    df,
    pValue: pOf(statistic),
    ciLower: mean - crit * se,
    ciUpper: mean + crit * se,
    tau2: k === 1 ? NaN : tau2,
    tau2StandardError: estimate.standardError,
    q: het.q,
    qDf: k - 1,
    qPValue: het.qPValue,
    i2: het.i2,
    h2: het.h2,
    piLower: mean - piHalf,
    piUpper: mean + piHalf,
    sumWeights: sums.sumWeights,
    typicalVariance: het.typicalVariance,
    converged: estimate.converged,
    iterations: estimate.iterations,
    warnings,
  };
  return { fit, sums, fixedSums, test };
}

/**
 * The user-weighted estimate Σ a·y / Σ a and its variance Σ a²(v + tau²) / (Σ a)² (metafor
 * rma.uni with `weights`: (XᵀAX)⁻¹XᵀA·M·AX(XᵀAX)⁻¹, M = diag(v + tau²)).
 */
function userWeightedMean(yi: Float64Array, vi: Float64Array, a: Float64Array, tau2: number): { mean: number; variance: number } {
  const k = yi.length;
  let sa = 0;
  let say = 0;
  let sa2m = 0;
  const y0 = k > 0 ? yi[0]! : 0; // centring, as interceptSums
  for (let i = 0; i < k; i++) {
    const ai = a[i]!;
    sa += ai;
    say += ai * (yi[i]! - y0);
    sa2m += ai * ai * (vi[i]! + tau2);
  }
  return { mean: y0 + say / sa, variance: sa2m / (sa * sa) };
}

/**
 * The variance of the estimate and the distribution of its test: z, or t with k − 1 df and the
 * variance scaled by the Knapp–Hartung factor (knha: Q/(k − 1), 0 when Q is numerically 0; adhoc:
 * truncated below at 1; t: unscaled), with metafor's warnings.
 */
function testOf(
  test: PoolTest,
  k: number,
  level: number,
  variance: number,
  q: number,
  equalEffects: boolean,
  warnings: Warning[],
): { variance: number; df: number; crit: number; pOf: (stat: number) => number } {
  if (!isTTest(test)) return { variance, df: NaN, crit: normalCritical(level), pOf: normalTwoSidedP };
  const df = k - 1;
  const s2w = k > 1 ? knappHartungScale(test, q, k - 1) : NaN;
  if (equalEffects && k > 1 && test !== 't') {
    warnings.push({ code: 'knha_with_equal_effects', message: POOL_MESSAGES.knha_with_equal_effects().text });
  }
  if (s2w === 0) {
    warnings.push({ code: 'knha_zero_scale', message: POOL_MESSAGES.knha_zero_scale().text });
  }
  return { variance: variance * s2w, df, crit: df > 0 ? studentTCritical(level, df) : NaN, pOf: (t) => (df > 0 ? studentTTwoSidedP(t, df) : NaN) };
}
