export { multilevel, fitMultilevelModel, type MultilevelOptions, type MultilevelResult, type MultilevelFit, type MultilevelPrediction, type NamedCoefficient, type FitStatistics } from './multilevel.js';
export { STRUCTS, isStruct, parseRandomTerm, type Struct, type RandomTerm } from './randomTerms.js';
export { MULTILEVEL_METHODS, isMultilevelMethod, type MultilevelMethod } from './estimate.js';
export { MULTILEVEL_TESTS, isMultilevelTest, type MultilevelTest } from './inference.js';
export type { SamplingCovarianceOption } from './samplingCovariance.js';
