// The normalising constant of a proper prior whose density is known only up to it (bayesmeta's
// "conventional" prior), by the same adaptive quadrature as the posterior.
import { tauPosterior } from './tauPosterior.js';
import type { TauPrior } from './tauPriors.js';

/**
 * log ∫ p̃(τ) dτ of an unnormalised prior density p̃ on the studies' variances.
 * @example priorNormalizer({ logDensity: (t) => (t >= 0 ? -t : -Infinity), lower: 0, upper: Infinity, tail: { power: Infinity, logPower: 0 } }, [1]).toFixed(12) // '0.000000000000'
 */
export function priorNormalizer(prior: TauPrior, variances: readonly number[]): number {
  const scaleHint = Math.sqrt(variances.reduce((s, v) => s + v, 0) / variances.length);
  return tauPosterior({ logf: prior.logDensity, lower: prior.lower, upper: prior.upper, tail: prior.tail, scaleHint }).logNormalizer;
}
