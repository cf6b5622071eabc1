export {
  TAU2_METHODS,
  MODEL_METHODS,
  isModelMethod,
  tau2MethodOf,
  interceptModel,
  designModel,
  logLikelihood,
  ITERATIVE_TAU2_METHODS,
  DEFAULT_TAU2_CONTROL,
  METAFOR_DEFAULT_CONTROL,
  TAU2_ESTIMATORS,
  isTau2Method,
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
  interceptSums,
  sumLogVariance,
  generalisedQ,
  projectionSquareSum,
  emptyInterceptSums,
  interceptLogLikelihood,
  bracketedRoot,
  USER_WEIGHTED_METHODS,
  needsUserWeights,
  medianPauleMandel,
  generalisedQEstimator,
  generalisedQMedian,
  generalisedQStandardError,
  generalisedQTail,
  generalisedQRoot,
  generalisedQParts,
} from './tau2/index.js';
export type { GeneralisedQParts } from './tau2/index.js';
export { symmetricEigenvalues } from './wls/symmetricEigenvalues.js';
export type {
  Tau2Method,
  ModelMethod,
  Tau2Control,
  Tau2Estimate,
  Tau2Estimator,
  InterceptSums,
  Tau2Model,
  WeightedSums,
  HedgesParts,
  SquareTraces,
  LikelihoodTerms,
} from './tau2/index.js';
export { heterogeneityStatistics, i2FromTau2, h2FromTau2, i2FromQ, h2FromQ } from './heterogeneityStatistics.js';
export type { HeterogeneityStatistics } from './heterogeneityStatistics.js';
export { qProfileInterval } from './qProfile.js';
export { generalisedQProfileInterval } from './generalisedQProfile.js';
export type { GeneralisedQProfileOptions } from './generalisedQProfile.js';
export { profileLikelihoodInterval, profileLogLikelihood } from './profileLikelihood.js';
export type { ProfileLikelihoodOptions } from './profileLikelihood.js';
export type { IntervalEstimate, QProfileOptions, QProfileInterval } from './qProfile.js';
