export { MEASURES, RATIO_MEASURES, isMeasure, isRatioMeasure } from './types.js';
export type { Measure, ModeratorValue, TwoByTwo, StudyEffect, Exclusion, EffectTable } from './types.js';
