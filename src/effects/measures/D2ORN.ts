import type { MeasureDefinition } from './definition.js';
import { twoGroupInputs } from './families.js';
import { cohensD } from './twoGroupD.js';

/**
 * Standardised mean difference converted to a log odds ratio under normal latent distributions:
 * 1.65·d, variance 1.65²·(1/n1 + 1/n2 + d²/(2n)) with d uncorrected (escalc `measure = "D2ORN"`).
 * @example D2ORN.compute({ m1i: 10, sd1i: 2, n1i: 20, m2i: 8, sd2i: 3, n2i: 25 }).yi // 1.2663587104614726
 */
export const D2ORN: MeasureDefinition = {
  ...twoGroupInputs(['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']),
  name: 'D2ORN',
  label: 'SMD to log odds ratio (normal, ×1.65)',
  family: 'two-group continuous',
  scale: 'log odds ratio',
  backTransform: 'exp',
  reference: 'Cox & Snell (1989); Sánchez-Meca et al. (2003), Psychol Methods 8:448',
  compute: (v) => {
    const { d } = cohensD(v);
    const n = v.n1i! + v.n2i!;
    return { yi: 1.65 * d, vi: 1.65 ** 2 * (1 / v.n1i! + 1 / v.n2i! + (d * d) / (2 * n)) };
  },
};
