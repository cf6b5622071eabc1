import type { MeasureDefinition } from './definition.js';
import { twoGroupInputs } from './families.js';

/**
 * Log variability ratio log(sd1/sd2) + 1/(2(n1 − 1)) − 1/(2(n2 − 1)), variance
 * 1/(2(n1 − 1)) + 1/(2(n2 − 1)) (escalc `measure = "VR"`; Nakagawa et al. 2015).
 * @example VR.compute({ sd1i: 2, n1i: 20, sd2i: 3, n2i: 25 }).yi // -0.3999826519678135
 */
export const VR: MeasureDefinition = {
  ...twoGroupInputs(['sd1i', 'n1i', 'sd2i', 'n2i']),
  name: 'VR',
  label: 'log variability ratio',
  family: 'two-group continuous',
  scale: 'log SD ratio',
  backTransform: 'exp',
  reference: 'Nakagawa et al. (2015), Methods Ecol Evol 6:143',
  compute: (v) => ({
    yi: Math.log(v.sd1i! / v.sd2i!) + 1 / (2 * (v.n1i! - 1)) - 1 / (2 * (v.n2i! - 1)),
    vi: 1 / (2 * (v.n1i! - 1)) + 1 / (2 * (v.n2i! - 1)),
  }),
};
