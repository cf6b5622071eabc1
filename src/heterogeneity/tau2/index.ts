import { dersimonianLaird } from './dersimonianLaird.js';
import { empiricalBayes } from './empiricalBayes.js';
import { equalEffects } from './equalEffects.js';
import { hedges } from './hedges.js';
import { hunterSchmidt } from './hunterSchmidt.js';
import { hunterSchmidtCorrected } from './hunterSchmidtCorrected.js';
import { maximumLikelihood } from './maximumLikelihood.js';
import { medianPauleMandel, pauleMandel } from './pauleMandel.js';
import { generalisedQEstimator } from './generalisedQEstimator.js';
import { generalisedQMedian } from './generalisedQMedian.js';
import { restrictedMaximumLikelihood } from './restrictedMaximumLikelihood.js';
import { sidikJonkman } from './sidikJonkman.js';
import type { Tau2Estimator, Tau2Method } from './types.js';

export {
  TAU2_METHODS,
  MODEL_METHODS,
  ITERATIVE_TAU2_METHODS,
  USER_WEIGHTED_METHODS,
  needsUserWeights,
  DEFAULT_TAU2_CONTROL,
  METAFOR_DEFAULT_CONTROL,
  isTau2Method,
  isModelMethod,
  tau2MethodOf,
} from './types.js';
export type { Tau2Method, ModelMethod, Tau2Control, Tau2Estimate, Tau2Estimator } from './types.js';
export type { Tau2Model, WeightedSums, HedgesParts, SquareTraces } from './model.js';
export { interceptModel } from './interceptModel.js';
export { designModel } from './designModel.js';
export {
  dersimonianLaird,
  empiricalBayes,
  equalEffects,
  hedges,
  hunterSchmidt,
  hunterSchmidtCorrected,
  maximumLikelihood,
  pauleMandel,
  restrictedMaximumLikelihood,
  sidikJonkman,
  medianPauleMandel,
  generalisedQEstimator,
  generalisedQMedian,
};
export { generalisedQStandardError } from './generalisedQEstimator.js';
export { generalisedQTail, generalisedQRoot } from './generalisedQMedian.js';
export { generalisedQParts } from './generalisedQParts.js';
export type { GeneralisedQParts } from './generalisedQParts.js';
export { interceptSums, sumLogVariance, generalisedQ, projectionSquareSum, emptyInterceptSums } from './interceptSums.js';
export type { InterceptSums } from './interceptSums.js';
export { interceptLogLikelihood, logLikelihood } from './logLikelihood.js';
export type { LikelihoodTerms } from './logLikelihood.js';
export { bracketedRoot } from './bracketedRoot.js';

/** The estimator of each tau² method (the registry). */
export const TAU2_ESTIMATORS: Readonly<Record<Tau2Method, Tau2Estimator>> = {
  EE: equalEffects,
  DL: dersimonianLaird,
  HE: hedges,
  HS: hunterSchmidt,
  HSk: hunterSchmidtCorrected,
  SJ: sidikJonkman,
  ML: maximumLikelihood,
  REML: restrictedMaximumLikelihood,
  EB: empiricalBayes,
  PM: pauleMandel,
  PMM: medianPauleMandel,
  GENQ: generalisedQEstimator,
  GENQM: generalisedQMedian,
};
