import { hedgesCorrection } from '../continuous.js';
import type { MeasureDefinition } from './definition.js';
import { twoGroupInputs } from './families.js';

/**
 * Glass's Δ without assuming equal variances: c(n2 − 1)·(m1 − m2)/sd2, variance
 * (sd1²/sd2²)/n1 + 1/n2 + g²/(2n2) (escalc `measure = "SMD1H"`).
 * @example SMD1H.compute({ m1i: 10, sd1i: 2, n1i: 20, m2i: 8, sd2i: 3, n2i: 25 }).yi // 0.645576822298478
 */
export const SMD1H: MeasureDefinition = {
  ...twoGroupInputs(['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']),
  name: 'SMD1H',
  label: "standardised mean difference by the control group's SD, heteroscedastic",
  family: 'two-group continuous',
  scale: 'standardised mean difference',
  backTransform: 'none',
  reference: 'Bonett (2008), Psychol Methods 13:99',
  compute: (v) => {
    const c = hedgesCorrection(v.n2i! - 1);
    const yi = (c * (v.m1i! - v.m2i!)) / v.sd2i!;
    return { yi, vi: v.sd1i! ** 2 / v.sd2i! ** 2 / v.n1i! + 1 / v.n2i! + (yi * yi) / (2 * v.n2i!) };
  },
};
