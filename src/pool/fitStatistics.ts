import { logLikelihood, type LikelihoodTerms } from '../heterogeneity/tau2/logLikelihood.js';
import { finiteOrNull } from '../core/finite.js';
import type { FitStatistics } from './types.js';

const LOG_2PI = Math.log(2 * Math.PI);

/** The likelihood terms of a fit plus what the deviance and the information criteria need. */
export interface LikelihoodParts extends LikelihoodTerms {
  /** Σ log v_i (for the saturated model of the ML deviance). */
  readonly sumLogWithinVariance: number;
  /** Number of estimated parameters: p coefficients + 1 if tau² was estimated. */
  readonly parameters: number;
}

/**
 * The likelihood terms of an intercept-only fit (p = 1: |XᵀX| = k, |XᵀWX| = Σw).
 * @example interceptLikelihoodParts(3, 1.2, 2.5, 40, 1.1, 2).logDetGram // Math.log(3)
 */
export function interceptLikelihoodParts(
  k: number,
  sumLogVariance: number,
  residualSumOfSquares: number,
  sumWeights: number,
  sumLogWithinVariance: number,
  parameters: number,
): LikelihoodParts {
  return { k, p: 1, sumLogVariance, residualSumOfSquares, logDetGram: Math.log(k), logDetWeightedGram: Math.log(sumWeights), sumLogWithinVariance, parameters };
}

/**
 * Log-likelihood, deviance, AIC, BIC and AICc under ML and REML, as metafor's `fitstats()`
 * (rma.uni with or without moderators, rma.mh, rma.peto): the ML deviance is −2 times the
 * distance to the saturated model (0 when k ≤ p); the REML deviance is −2·logLik; BIC and AICc
 * use k (ML) or k − p (REML) observations; AICc = −2·ll + 2·m·max(n, m + 2)/(max(n, m + 2) − m − 1),
 * m parameters. Non-finite figures (e.g. log(0) at k = 1) are null.
 * @example fitStatistics(interceptLikelihoodParts(13, -20.1, 12.0, 110.4, -30.2, 2)).reml.aic // 20.0937
 */
export function fitStatistics(parts: LikelihoodParts): { ml: FitStatistics; reml: FitStatistics } {
  const { k, p, parameters: m } = parts;
  const llMl = logLikelihood(parts, 'ML');
  const llReml = logLikelihood(parts, 'REML');
  const devMl = k > p ? -2 * llMl - k * LOG_2PI - parts.sumLogWithinVariance : 0;
  const aicc = (ll: number, n: number): number => {
    const nn = Math.max(n, m + 2);
    return -2 * ll + (2 * m * nn) / (nn - m - 1);
  };
  return {
    ml: {
      logLik: finiteOrNull(llMl),
      deviance: finiteOrNull(devMl),
      aic: finiteOrNull(-2 * llMl + 2 * m),
      bic: finiteOrNull(-2 * llMl + m * Math.log(k)),
      aicc: finiteOrNull(aicc(llMl, k)),
    },
    reml: {
      logLik: finiteOrNull(llReml),
      deviance: finiteOrNull(-2 * llReml),
      aic: finiteOrNull(-2 * llReml + 2 * m),
      bic: finiteOrNull(-2 * llReml + m * Math.log(k - p)),
      aicc: finiteOrNull(aicc(llReml, k - p)),
    },
  };
}
