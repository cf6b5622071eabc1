import type { MeasureDefinition } from './definition.js';
import { partialInputs } from './partialInputs.js';

/**
 * Partial correlation from a regression's t statistic: t/√(t² + df) with df = ni − mi − 1, variance
 * (1 − y²)²/df (escalc `measure = "PCOR"`, `vtype = "LS"`; Aloe & Becker 2012).
 * @example PCOR.compute({ ti: 3, ni: 50, mi: 4 }).yi // 0.408248290463863
 */
export const PCOR: MeasureDefinition = {
  ...partialInputs(false),
  name: 'PCOR',
  label: 'partial correlation',
  family: 'correlation',
  scale: 'partial correlation',
  backTransform: 'none',
  reference: 'Aloe & Becker (2012), J Educ Behav Stat 37:278',
  compute: (v) => {
    const df = v.ni! - v.mi! - 1;
    const yi = v.ti! / Math.sqrt(v.ti! ** 2 + df);
    return { yi, vi: (1 - yi * yi) ** 2 / df };
  },
};
