export { glmmPool } from './glmmPool.js';
export { GLMM_MODELS, GLMM_METHODS, isGlmmModel, isGlmmMethod } from './types.js';
export type { GlmmModel, GlmmMethod, GlmmTable, GlmmOptions, GlmmResult, GlmmTest, DroppedStudy } from './types.js';
export { conditionalTable, conditionalMoments } from './noncentralHypergeometric.js';
export { integrateVector } from './gaussKronrod.js';
export { glmmFitStudies, glmmBackTransform, validateStudies } from './glmmPool.js';
export { GLMM_MEASURES, isGlmmMeasure, samplingVariance, doubleZeroReason } from './studyData.js';
export type { GlmmMeasure, GlmmStudy } from './studyData.js';
