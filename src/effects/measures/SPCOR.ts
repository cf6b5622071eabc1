import type { MeasureDefinition } from './definition.js';
import { partialInputs } from './partialInputs.js';

/**
 * Semi-partial correlation t·√(1 − R²)/√df with df = ni − mi − 1, variance
 * (R⁴ − 2R² + (R² − y²) + 1 − (R² − y²)²)/ni (escalc `measure = "SPCOR"`, `vtype = "LS"`; Aloe & Becker 2012).
 * @example SPCOR.compute({ ti: 3, ni: 50, mi: 4, r2i: 0.3 }).yi // 0.3741657386773941
 */
export const SPCOR: MeasureDefinition = {
  ...partialInputs(true),
  name: 'SPCOR',
  label: 'semi-partial correlation',
  family: 'correlation',
  scale: 'semi-partial correlation',
  backTransform: 'none',
  reference: 'Aloe & Becker (2012), J Educ Behav Stat 37:278',
  compute: (v) => {
    const df = v.ni! - v.mi! - 1;
    const r2 = v.r2i!;
    const yi = (v.ti! * Math.sqrt(1 - r2)) / Math.sqrt(df);
    return { yi, vi: (r2 * r2 - 2 * r2 + (r2 - yi * yi) + 1 - (r2 - yi * yi) ** 2) / v.ni! };
  },
};
