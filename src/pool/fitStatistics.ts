import type { FitStatistics } from './types.js';

const LOG_2PI = Math.log(2 * Math.PI);

export interface LikelihoodParts {
  /** Number of estimates in the likelihood. */
  readonly k: number;
  /** Σ log(v_i + tau²) */
  readonly sumLogVariance: number;
  /** Σ log v_i (for the saturated model of the ML deviance). */
  readonly sumLogWithinVariance: number;
  /** Σ w_i (y_i − μ̂)², w_i = 1/(v_i + tau²) */
  readonly residualSumOfSquares: number;
  /** Σ w_i */
  readonly sumWeights: number;
  /** Number of estimated parameters: 1 (μ) + 1 if tau² was estimated. */
  readonly parameters: number;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Log-likelihood, deviance, AIC, BIC and AICc under ML and REML for an intercept-only model, as
 * metafor's `fitstats()` (rma.uni, rma.mh, rma.peto): the ML deviance is −2 times the distance to
 * the saturated model; the REML deviance is −2·logLik; BIC and AICc use k (ML) or k − 1 (REML)
 * observations; AICc = −2·ll + 2·m·max(n, m + 2)/(max(n, m + 2) − m − 1), m parameters.
 * Non-finite figures (e.g. log(0) at k = 1) are null.
 * @example fitStatistics({ k: 3, sumLogVariance: -3, sumLogWithinVariance: -3.5, residualSumOfSquares: 2.5, sumWeights: 60, parameters: 2 }).ml // { logLik: -2.5068, deviance: 3 }
 */
export function fitStatistics(parts: LikelihoodParts): { ml: FitStatistics; reml: FitStatistics } {
  const { k, parameters: m } = parts;
  const llMl = -0.5 * (k * LOG_2PI + parts.sumLogVariance + parts.residualSumOfSquares);
  const llReml = -0.5 * (k - 1) * LOG_2PI + 0.5 * Math.log(k) - 0.5 * parts.sumLogVariance - 0.5 * Math.log(parts.sumWeights) - 0.5 * parts.residualSumOfSquares;
  const devMl = k > 1 ? -2 * llMl - k * LOG_2PI - parts.sumLogWithinVariance : 0;
  const aicc = (ll: number, n: number): number => {
    const nn = Math.max(n, m + 2);
    return -2 * ll + (2 * m * nn) / (nn - m - 1);
  };
  return {
    ml: {
      logLik: finite(llMl),
      deviance: finite(devMl),
      aic: finite(-2 * llMl + 2 * m),
      bic: finite(-2 * llMl + m * Math.log(k)),
      aicc: finite(aicc(llMl, k)),
    },
    reml: {
      logLik: finite(llReml),
      deviance: finite(-2 * llReml),
      aic: finite(-2 * llReml + 2 * m),
      bic: finite(-2 * llReml + m * Math.log(k - 1)),
      aicc: finite(aicc(llReml, k - 1)),
    },
  };
}
