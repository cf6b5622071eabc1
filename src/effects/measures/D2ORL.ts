import type { MeasureDefinition } from './definition.js';
import { twoGroupInputs } from './families.js';
import { cohensD } from './twoGroupD.js';

/**
 * Standardised mean difference converted to a log odds ratio under logistic latent distributions:
 * (π/√3)·d, variance (π²/3)·(1/n1 + 1/n2 + d²/(2n)) with d uncorrected (escalc `measure = "D2ORL"`).
 * @example D2ORL.compute({ m1i: 10, sd1i: 2, n1i: 20, m2i: 8, sd2i: 3, n2i: 25 }).yi // 1.3920731054105957
 */
export const D2ORL: MeasureDefinition = {
  ...twoGroupInputs(['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']),
  name: 'D2ORL',
  label: 'SMD to log odds ratio (logistic, π/√3)',
  family: 'two-group continuous',
  scale: 'log odds ratio',
  backTransform: 'exp',
  reference: 'Hasselblad & Hedges (1995), Psychol Bull 117:167',
  compute: (v) => {
    const { d } = cohensD(v);
    const n = v.n1i! + v.n2i!;
    return { yi: (Math.PI / Math.sqrt(3)) * d, vi: (Math.PI ** 2 / 3) * (1 / v.n1i! + 1 / v.n2i! + (d * d) / (2 * n)) };
  },
};
