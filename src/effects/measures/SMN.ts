import { hedgesCorrection } from '../continuous.js';
import type { MeasureDefinition } from './definition.js';
import { singleGroupInputs } from './families.js';

/**
 * Single-group standardised mean c(ni − 1)·mi/sdi, variance 1/ni + y²/(2ni) (escalc `measure = "SMN"`).
 * @example SMN.compute({ mi: 10, sdi: 2, ni: 20 }).yi // 4.799551764621266
 */
export const SMN: MeasureDefinition = {
  ...singleGroupInputs(['mi', 'sdi', 'ni']),
  name: 'SMN',
  label: 'single-group standardised mean',
  family: 'single-group continuous',
  scale: 'standardised mean',
  backTransform: 'none',
  reference: 'Hedges (1981), J Educ Stat 6:107',
  compute: (v) => {
    const yi = (hedgesCorrection(v.ni! - 1) * v.mi!) / v.sdi!;
    return { yi, vi: 1 / v.ni! + (yi * yi) / (2 * v.ni!) };
  },
};
