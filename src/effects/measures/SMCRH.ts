import { hedgesCorrection } from '../continuous.js';
import type { MeasureDefinition } from './definition.js';
import { prePostInputs } from './families.js';

/**
 * Standardised mean change by `sd1i` without assuming equal variances (Bonett 2008):
 * y = c(ni − 1)·(m1 − m2)/sd1, variance c²·[(sd1² + sd2² − 2·ri·sd1·sd2)/(sd1²(ni − 1)) + y²/(2(ni − 1))]
 * (escalc `measure = "SMCRH"`).
 * @example SMCRH.compute({ m1i: 12, m2i: 10, sd1i: 3, sd2i: 2.5, ri: 0.6, ni: 30 }).yi // 0.649249989731148
 */
export const SMCRH: MeasureDefinition = {
  ...prePostInputs(['m1i', 'm2i', 'sd1i', 'sd2i', 'ri', 'ni']),
  name: 'SMCRH',
  label: 'standardised mean change, raw-score standardisation, heteroscedastic',
  family: 'pre-post (matched)',
  scale: 'standardised mean change',
  backTransform: 'none',
  reference: 'Bonett (2008), Psychol Methods 13:99',
  compute: (v) => {
    const c = hedgesCorrection(v.ni! - 1);
    const vard = v.sd1i! ** 2 + v.sd2i! ** 2 - 2 * v.ri! * v.sd1i! * v.sd2i!;
    const yi = (c * (v.m1i! - v.m2i!)) / v.sd1i!;
    return { yi, vi: c * c * (vard / (v.sd1i! ** 2 * (v.ni! - 1)) + (yi * yi) / (2 * (v.ni! - 1))) };
  },
};
