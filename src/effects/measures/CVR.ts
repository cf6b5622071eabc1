import type { MeasureDefinition } from './definition.js';
import { twoGroupInputs } from './families.js';

/**
 * Log coefficient of variation ratio with the small-sample bias terms 1/(2(n − 1)) (Nakagawa et al. 2015):
 * log(sd1/m1) + 1/(2(n1 − 1)) − log(sd2/m2) − 1/(2(n2 − 1)), variance
 * 1/(2(n1 − 1)) + sd1²/(n1·m1²) + 1/(2(n2 − 1)) + sd2²/(n2·m2²) (escalc `measure = "CVR"`).
 * @example CVR.compute({ m1i: 10, sd1i: 2, n1i: 20, m2i: 8, sd2i: 3, n2i: 25 }).yi // -0.6231262032820232
 */
export const CVR: MeasureDefinition = {
  ...twoGroupInputs(['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']),
  name: 'CVR',
  label: 'log coefficient of variation ratio',
  family: 'two-group continuous',
  scale: 'log CV ratio',
  backTransform: 'exp',
  reference: 'Nakagawa et al. (2015), Methods Ecol Evol 6:143',
  compute: (v) => ({
    yi: Math.log(v.sd1i! / v.m1i!) + 1 / (2 * (v.n1i! - 1)) - Math.log(v.sd2i! / v.m2i!) - 1 / (2 * (v.n2i! - 1)),
    vi: 1 / (2 * (v.n1i! - 1)) + v.sd1i! ** 2 / (v.n1i! * v.m1i! ** 2) + 1 / (2 * (v.n2i! - 1)) + v.sd2i! ** 2 / (v.n2i! * v.m2i! ** 2),
  }),
};
