import type { MeasureDefinition } from './definition.js';
import { prePostInputs } from './families.js';

/**
 * Raw mean change m1 − m2, variance (sd1² + sd2² − 2·ri·sd1·sd2)/ni (escalc `measure = "MC"`).
 * @example MC.compute({ m1i: 12, m2i: 10, sd1i: 3, sd2i: 2.5, ri: 0.6, ni: 30 }).vi // 0.20833333333333334
 */
export const MC: MeasureDefinition = {
  ...prePostInputs(['m1i', 'm2i', 'sd1i', 'sd2i', 'ri', 'ni']),
  name: 'MC',
  label: 'raw mean change',
  family: 'pre-post (matched)',
  scale: 'mean change (units of the outcome)',
  backTransform: 'none',
  reference: 'Morris & DeShon (2002), Psychol Methods 7:105',
  compute: (v) => ({ yi: v.m1i! - v.m2i!, vi: (v.sd1i! ** 2 + v.sd2i! ** 2 - 2 * v.ri! * v.sd1i! * v.sd2i!) / v.ni! }),
};
