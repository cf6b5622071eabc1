import type { MeasureDefinition } from './definition.js';
import { prePostInputs } from './families.js';

/**
 * Log variability ratio of matched data log(sd1/sd2), variance (1 − ri²)/(ni − 1) (escalc `measure = "VRC"`).
 * @example VRC.compute({ sd1i: 3, sd2i: 2.5, ri: 0.6, ni: 30 }).yi // 0.1823215567939546
 */
export const VRC: MeasureDefinition = {
  ...prePostInputs(['sd1i', 'sd2i', 'ri', 'ni']),
  name: 'VRC',
  label: 'log variability ratio, matched data',
  family: 'pre-post (matched)',
  scale: 'log SD ratio',
  backTransform: 'exp',
  reference: 'Nakagawa et al. (2015), Methods Ecol Evol 6:143; escalc (metafor 3.8-1)',
  compute: (v) => ({ yi: Math.log(v.sd1i! / v.sd2i!), vi: (1 - v.ri! ** 2) / (v.ni! - 1) }),
};
