import type { MeasureDefinition } from './definition.js';
import { singleGroupInputs } from './families.js';

/**
 * Log standard deviation log(sdi) + 1/(2(ni − 1)), variance 1/(2(ni − 1)) (escalc `measure = "SDLN"`).
 * @example SDLN.compute({ sdi: 2, ni: 20 }).vi // 0.02631578947368421
 */
export const SDLN: MeasureDefinition = {
  ...singleGroupInputs(['sdi', 'ni']),
  name: 'SDLN',
  label: 'log standard deviation',
  family: 'single-group continuous',
  scale: 'log SD',
  backTransform: 'exp',
  reference: 'Nakagawa et al. (2015), Methods Ecol Evol 6:143',
  compute: (v) => ({ yi: Math.log(v.sdi!) + 1 / (2 * (v.ni! - 1)), vi: 1 / (2 * (v.ni! - 1)) }),
};
