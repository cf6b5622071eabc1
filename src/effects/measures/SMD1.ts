import { hedgesCorrection } from '../continuous.js';
import type { MeasureDefinition } from './definition.js';
import { twoGroupInputs } from './families.js';

/**
 * Standardised mean difference scaled by the control group's SD (Glass's Δ, bias-corrected):
 * c(n2 − 1)·(m1 − m2)/sd2, variance 1/n1 + 1/n2 + g²/(2n2) (escalc `measure = "SMD1"`, `vtype = "LS"`).
 * @example SMD1.compute({ m1i: 10, n1i: 20, m2i: 8, sd2i: 3, n2i: 25 }).yi // 0.645576822298478
 */
export const SMD1: MeasureDefinition = {
  ...twoGroupInputs(['m1i', 'n1i', 'm2i', 'sd2i', 'n2i']),
  name: 'SMD1',
  label: "standardised mean difference by the control group's SD (Glass)",
  family: 'two-group continuous',
  scale: 'standardised mean difference',
  backTransform: 'none',
  reference: 'Glass (1976), Educ Res 5:3; Hedges (1981), J Educ Stat 6:107',
  compute: (v) => {
    const c = hedgesCorrection(v.n2i! - 1);
    const yi = (c * (v.m1i! - v.m2i!)) / v.sd2i!;
    return { yi, vi: 1 / v.n1i! + 1 / v.n2i! + (yi * yi) / (2 * v.n2i!) };
  },
};
