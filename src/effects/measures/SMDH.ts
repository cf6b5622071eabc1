import { hedgesCorrection } from '../continuous.js';
import type { MeasureDefinition } from './definition.js';
import { twoGroupInputs } from './families.js';

/**
 * Standardised mean difference with heteroscedastic SDs (Bonett 2009): c(m)·(m1 − m2)/√((sd1² + sd2²)/2)
 * with m = n1 + n2 − 2, variance c(m)²·[d²(sd1⁴/(n1 − 1) + sd2⁴/(n2 − 1))/(2(sd1² + sd2²)²)
 * + (sd1²/(n1 − 1) + sd2²/(n2 − 1))/((sd1² + sd2²)/2)] (escalc `measure = "SMDH"`, `vtype = "LS"`).
 * @example SMDH.compute({ m1i: 10, sd1i: 2, n1i: 20, m2i: 8, sd2i: 3, n2i: 25 }).yi // 0.770688524872788
 */
export const SMDH: MeasureDefinition = {
  ...twoGroupInputs(['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']),
  name: 'SMDH',
  label: 'standardised mean difference, heteroscedastic SDs',
  family: 'two-group continuous',
  scale: 'standardised mean difference',
  backTransform: 'none',
  reference: 'Bonett (2009), Psychol Methods 14:225',
  compute: (v) => {
    const { m1i, sd1i, n1i, m2i, sd2i, n2i } = v as Record<'m1i' | 'sd1i' | 'n1i' | 'm2i' | 'sd2i' | 'n2i', number>;
    const c = hedgesCorrection(n1i + n2i - 2);
    const s2 = sd1i * sd1i + sd2i * sd2i;
    const yi = (c * (m1i - m2i)) / Math.sqrt(s2 / 2);
    const vi = (yi * yi * (sd1i ** 4 / (n1i - 1) + sd2i ** 4 / (n2i - 1))) / (2 * s2 * s2) + (sd1i ** 2 / (n1i - 1) + sd2i ** 2 / (n2i - 1)) / (s2 / 2);
    return { yi, vi: c * c * vi };
  },
};
