export { pool } from './pool.js';
export { fitIntercept } from './fitIntercept.js';
export { fitStatistics, interceptLikelihoodParts } from './fitStatistics.js';
export { mantelHaenszel } from './mantelHaenszel.js';
export { peto } from './peto.js';
export { twoByTwoEffect } from './twoByTwo.js';
export { POOL_METHODS, TESTS, MH_MEASURES, COMMON_EFFECT_METHODS, isPoolMethod, isPoolTest, isCommonEffectMethod } from './types.js';
export type {
  PoolMethod,
  PoolTest,
  EffectArrays,
  PoolControl,
  PoolOptions,
  PoolResult,
  IntervalFigure,
  FitStatistics,
  TestFigure,
  FitInterceptOptions,
  InterceptFit,
} from './types.js';
export type { CountsFit } from './mantelHaenszel.js';
export type { LikelihoodParts } from './fitStatistics.js';
export type { TwoByTwoMeasure } from './twoByTwo.js';
export { readStudies } from './effectData.js';
export { userWeightsColumn } from './userWeights.js';
export { TAU2_INTERVAL_TYPES } from './types.js';
export type { Tau2IntervalType, HeterogeneityIntervals } from './types.js';
export type { EffectData, StudyArrays } from './effectData.js';
