import type { MeasureDefinition } from './definition.js';
import { prePostInputs } from './families.js';

/**
 * Log ratio of means of matched data log(m1/m2), variance
 * sd1²/(ni·m1²) + sd2²/(ni·m2²) − 2·ri·sd1·sd2/(m1·m2·ni) (escalc `measure = "ROMC"`; Lajeunesse 2011).
 * @example ROMC.compute({ m1i: 12, m2i: 10, sd1i: 3, sd2i: 2.5, ri: 0.6, ni: 30 }).yi // 0.1823215567939546
 */
export const ROMC: MeasureDefinition = {
  ...prePostInputs(['m1i', 'm2i', 'sd1i', 'sd2i', 'ri', 'ni']),
  name: 'ROMC',
  label: 'log ratio of means, matched data',
  family: 'pre-post (matched)',
  scale: 'log ratio of means',
  backTransform: 'exp',
  reference: 'Lajeunesse (2011), Ecology 92:2049',
  compute: (v) => ({
    yi: Math.log(v.m1i! / v.m2i!),
    vi: v.sd1i! ** 2 / (v.ni! * v.m1i! ** 2) + v.sd2i! ** 2 / (v.ni! * v.m2i! ** 2) - (2 * v.ri! * v.sd1i! * v.sd2i!) / (v.m1i! * v.m2i! * v.ni!),
  }),
};
