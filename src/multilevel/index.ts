export { buildModelData, type ModelDataOptions } from './modelData.js';
export {
  multilevel,
  fitMultilevelModel,
  type MultilevelOptions,
  type MultilevelResult,
  type MultilevelFit,
  type MultilevelPrediction,
  type NamedCoefficient,
  type FitStatistics as MultilevelFitStatistics,
} from './multilevel.js';
export { STRUCTS, isStruct, parseRandomTerm, type Struct, type RandomTerm } from './randomTerms.js';
export { MULTILEVEL_METHODS, isMultilevelMethod, type MultilevelMethod } from './estimate.js';
export { MULTILEVEL_TESTS, isMultilevelTest, type MultilevelTest } from './inference.js';
export type { SamplingCovarianceOption } from './samplingCovariance.js';
export { profileInterval, profileConfint, type ProfileInterval } from './profileConfint.js';
export { clusterRobust, ROBUST_TYPES, isRobustType, type RobustType, type RobustResult, type WorkingModel } from './clusterRobust.js';
export { multilevelRobust } from './robustFit.js';
export { symmetricPower, symmetricEigen } from './symmetricPower.js';
export { univariateRobust } from './univariateRobust.js';
export { leaveOneClusterOut, type ClusterDiagnostic } from './clusterDiagnostics.js';
export { clusterForestInput } from './clusterForest.js';
