// PET, PEESE and the conditional PET-PEESE estimator (Stanley & Doucouliagos 2014, Research
// Synthesis Methods 5, 60–78): weighted least squares (weights 1/vᵢ, multiplicative dispersion)
// of the effects on their standard errors (PET) or on their variances (PEESE); the intercept is
// the effect of a study with no sampling error. The conditional estimator reports PEESE when PET's
// intercept differs from 0 (two-sided test at `alpha`), otherwise PET.
import { MetasynthError } from '../../core/errors.js';
import type { EffectData } from '../../pool/effectData.js';
import { regressionTest, type RegressionTestEstimate } from './regressionTest.js';
import { BIAS_MESSAGES } from '../messages.js';

export interface PetPeeseOptions {
  /** Level of the test of PET's intercept that selects PEESE (default 0.05). */
  readonly alpha?: number;
  /** Confidence level in percent (default 95). */
  readonly level?: number;
}

export interface PetPeeseResult {
  readonly pet: RegressionTestEstimate;
  readonly peese: RegressionTestEstimate;
  /** PET's slope on the standard error: PET's line is effect = pet + petSlope·SE (as the funnel plot draws it). */
  readonly petSlope: RegressionTestEstimate;
  /** PEESE's slope on the variance: PEESE's curve is effect = peese + peeseSlope·SE². */
  readonly peeseSlope: RegressionTestEstimate;
  /** PEESE's intercept when PET's is significant at alpha, else PET's. */
  readonly conditional: RegressionTestEstimate & { readonly chosen: 'PET' | 'PEESE' | null };
  readonly alpha: number;
}

/**
 * PET-PEESE: metafor's regtest(res, model = "lm", predictor = "sei") and predictor = "vi" intercepts.
 * @example petPeese(bcgTable).conditional.chosen // 'PET'
 */
export function petPeese(data: EffectData, options: PetPeeseOptions = {}): PetPeeseResult {
  const alpha = options.alpha ?? 0.05;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) throw new MetasynthError('invalid_option', BIAS_MESSAGES.pet_peese_alpha_strictly(alpha));
  const level = options.level ?? 95;
  const petFit = regressionTest(data, { model: 'lm', predictor: 'sei', level });
  const peeseFit = regressionTest(data, { model: 'lm', predictor: 'vi', level });
  const pet = petFit.intercept;
  const peese = peeseFit.intercept;
  const chosen = pet.pValue === null ? null : pet.pValue < alpha ? 'PEESE' : 'PET';
  const pick = chosen === 'PEESE' ? peese : pet;
  return { pet, peese, petSlope: petFit.slope, peeseSlope: peeseFit.slope, conditional: { ...pick, chosen }, alpha };
}
