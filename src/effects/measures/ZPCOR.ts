import type { MeasureDefinition } from './definition.js';
import { partialInputs } from './partialInputs.js';

/**
 * Fisher's z of the partial correlation: atanh(t/√(t² + df)), variance 1/df with df = ni − mi − 1
 * (escalc `measure = "ZPCOR"`). Back-transform tanh.
 * @example ZPCOR.compute({ ti: 3, ni: 50, mi: 4 }).vi // 0.022222222222222223
 */
export const ZPCOR: MeasureDefinition = {
  ...partialInputs(false),
  name: 'ZPCOR',
  label: "Fisher's r-to-z transformed partial correlation",
  family: 'correlation',
  scale: "Fisher's z of the partial correlation",
  backTransform: 'tanh',
  reference: 'Aloe & Becker (2012), J Educ Behav Stat 37:278; Fisher (1921)',
  compute: (v) => {
    const df = v.ni! - v.mi! - 1;
    const r = v.ti! / Math.sqrt(v.ti! ** 2 + df);
    return { yi: 0.5 * Math.log((1 + r) / (1 - r)), vi: 1 / df };
  },
};
