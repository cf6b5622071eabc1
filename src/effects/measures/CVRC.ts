import type { MeasureDefinition } from './definition.js';
import { prePostInputs } from './families.js';

/**
 * Log CV ratio of matched data log(sd1/m1) − log(sd2/m2), variance
 * (1 − ri²)/(ni − 1) + (m1²sd2² + m2²sd1² − 2·m1·m2·ri·sd1·sd2)/(m1²·m2²·ni) (escalc `measure = "CVRC"`).
 * @example CVRC.compute({ m1i: 12, m2i: 10, sd1i: 3, sd2i: 2.5, ri: 0.6, ni: 30 }).yi // 0
 */
export const CVRC: MeasureDefinition = {
  ...prePostInputs(['m1i', 'm2i', 'sd1i', 'sd2i', 'ri', 'ni']),
  name: 'CVRC',
  label: 'log CV ratio, matched data',
  family: 'pre-post (matched)',
  scale: 'log CV ratio',
  backTransform: 'exp',
  reference: 'Nakagawa et al. (2015), Methods Ecol Evol 6:143; escalc (metafor 3.8-1)',
  compute: (v) => {
    const { m1i, m2i, sd1i, sd2i, ri, ni } = v as Record<'m1i' | 'm2i' | 'sd1i' | 'sd2i' | 'ri' | 'ni', number>;
    return {
      yi: Math.log(sd1i / m1i) - Math.log(sd2i / m2i),
      vi: (1 - ri * ri) / (ni - 1) + (m1i ** 2 * sd2i ** 2 + m2i ** 2 * sd1i ** 2 - 2 * m1i * m2i * ri * sd1i * sd2i) / (m1i ** 2 * m2i ** 2 * ni),
    };
  },
};
