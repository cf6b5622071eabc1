import type { Warning } from '../core/errors.js';
import { chiSquareQuantile } from '../distributions/index.js';
import { bracketedRoot } from './tau2/bracketedRoot.js';
import { zeroin } from './tau2/zeroin.js';
import { generalisedQ, interceptSums } from './tau2/interceptSums.js';
import { h2FromTau2, i2FromTau2 } from './heterogeneityStatistics.js';
import { HETEROGENEITY_MESSAGES } from './messages.js';

/** An estimate with its confidence interval. */
export interface IntervalEstimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface QProfileOptions {
  /** The model's tau² estimate (reported as `estimate`; also sets the default search limit). */
  readonly tau2: number;
  /** Confidence level in percent. Default 95. */
  readonly level?: number;
  /**
   * Upper end of the search interval, as metafor's `confint(control = list(tau2.max))`.
   * Default max(100, 10·tau²), metafor's default: a bound beyond it is reported as the limit itself
   * with a `confint_bound_censored` warning, exactly as metafor reports it (there with a "> " sign).
   */
  readonly tau2Max?: number;
  /**
   * metafor confint's `tol`: when set, each bound is found as R's uniroot() finds it on
   * [0, tau2Max] (Brent's zeroin stopped at this tolerance, at most 1000 steps) instead of
   * converged: METAFOR_DEFAULT_CONTROL.rootTolerance reproduces confint() run with its defaults.
   */
  readonly rootTolerance?: number;
}

export interface QProfileInterval {
  readonly tau2: IntervalEstimate;
  readonly tau: IntervalEstimate;
  /** I² in percent. */
  readonly i2: IntervalEstimate;
  readonly h2: IntervalEstimate;
  readonly warnings: readonly Warning[];
}

/**
 * Q-profile confidence interval for tau² (Viechtbauer 2007, Stat Med 26:37; metafor
 * `confint.rma.uni(type = "QP")`): the tau² values at which the generalised Q statistic
 * Q(tau²) = Σw(y − μ̂)², w = 1/(v + tau²), equals the upper and lower α/2 quantiles of χ²_{k−1}.
 * Q decreases in tau², so each bound is one bracketed root (Brent). A bound below 0 is set to 0
 * (both bounds 0 when Q(0) is below the lower quantile: the interval is then the null set, as
 * metafor reports it). tau is the square root; I² and H² are the same transforms of tau² as the
 * estimates, with the typical within-study variance. Needs k ≥ 2.
 * @example qProfileInterval(bcgYi, bcgVi, { tau2: 0.3132 }).tau2 // { estimate: 0.3132, lower: 0.1197, upper: 1.1115 }
 */
export function qProfileInterval(yi: Float64Array, vi: Float64Array, options: QProfileOptions): QProfileInterval {
  const k = yi.length;
  const level = options.level ?? 95;
  const alpha = 1 - level / 100;
  const df = k - 1;
  const warnings: Warning[] = [];
  const tau2Max = options.tau2Max ?? Math.max(100, 10 * options.tau2);
  const critUpper = chiSquareQuantile(1 - alpha / 2, df); // gives the lower bound of tau²
  const critLower = chiSquareQuantile(alpha / 2, df); // gives the upper bound of tau²
  const atZero = interceptSums(yi, vi, 0);
  const typical = df / atZero.traceP;
  const q0 = atZero.q;
  let sy = 0;
  for (let i = 0; i < k; i++) sy += yi[i] as number;
  const mean = sy / k;
  let ss = 0;
  for (let i = 0; i < k; i++) ss += ((yi[i] as number) - mean) ** 2;

  // The tau² at which Q(tau²) = crit, given Q(0) > crit. Q(tau²) ≤ Σ(y − ȳ)²/tau², so
  // Σ(y − ȳ)²/crit brackets the root from above.
  const solve = (crit: number): number => {
    const f = (t: number): number => generalisedQ(yi, vi, t).q - crit;
    if (options.rootTolerance !== undefined) {
      const fMax = f(tau2Max);
      // Beyond the search limit: censored below, as metafor does without searching.
      if (fMax > 0) return Infinity;
      return zeroin(f, 0, tau2Max, q0 - crit, fMax, options.rootTolerance, 1000).root;
    }
    const hi = ss / crit;
    const r = bracketedRoot(f, 0, hi, q0 - crit, f(hi), 1e-15 * Math.max(typical, Math.min(hi, typical * 1e6)));
    return r.root;
  };
  let lower: number;
  let upper: number;
  if (q0 < critLower) {
    lower = 0;
    upper = 0;
    warnings.push({ code: 'confint_null_set', message: HETEROGENEITY_MESSAGES.confint_null_set(q0, (alpha / 2) * 100, df).text });
  } else {
    upper = solve(critLower);
    lower = q0 < critUpper ? 0 : solve(critUpper);
  }
  if (upper > tau2Max) {
    upper = tau2Max;
    warnings.push({ code: 'confint_bound_censored', message: HETEROGENEITY_MESSAGES.confint_bound_censored(tau2Max).text });
  }
  if (lower > tau2Max) {
    lower = tau2Max;
    warnings.push({ code: 'confint_bound_censored', message: HETEROGENEITY_MESSAGES.confint_bound_censored_lower(tau2Max).text });
  }
  const est = options.tau2;
  return {
    tau2: { estimate: est, lower, upper },
    tau: { estimate: Math.sqrt(est), lower: Math.sqrt(lower), upper: Math.sqrt(upper) },
    i2: { estimate: i2FromTau2(est, typical), lower: i2FromTau2(lower, typical), upper: i2FromTau2(upper, typical) },
    h2: { estimate: h2FromTau2(est, typical), lower: h2FromTau2(lower, typical), upper: h2FromTau2(upper, typical) },
    warnings,
  };
}
