import type { MeasureDefinition } from './definition.js';
import { singleGroupInputs } from './families.js';

/**
 * Log coefficient of variation log(sdi/mi) + 1/(2(ni − 1)), variance 1/(2(ni − 1)) + sdi²/(ni·mi²)
 * (escalc `measure = "CVLN"`; Nakagawa et al. 2015).
 * @example CVLN.compute({ mi: 10, sdi: 2, ni: 20 }).yi // -1.583122122960416
 */
export const CVLN: MeasureDefinition = {
  ...singleGroupInputs(['mi', 'sdi', 'ni'], true),
  name: 'CVLN',
  label: 'log coefficient of variation',
  family: 'single-group continuous',
  scale: 'log CV',
  backTransform: 'exp',
  reference: 'Nakagawa et al. (2015), Methods Ecol Evol 6:143',
  compute: (v) => ({ yi: Math.log(v.sdi! / v.mi!) + 1 / (2 * (v.ni! - 1)), vi: 1 / (2 * (v.ni! - 1)) + v.sdi! ** 2 / (v.ni! * v.mi! ** 2) }),
};
