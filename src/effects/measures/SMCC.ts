import { hedgesCorrection } from '../continuous.js';
import type { MeasureDefinition } from './definition.js';
import { prePostInputs } from './families.js';

/**
 * Standardised mean change by the SD of the change scores: c(ni − 1)·(m1 − m2)/sd_d with
 * sd_d = √(sd1² + sd2² − 2·ri·sd1·sd2), variance 1/ni + y²/(2ni) (escalc `measure = "SMCC"`, `vtype = "LS"`).
 * @example SMCC.compute({ m1i: 12, m2i: 10, sd1i: 3, sd2i: 2.5, ri: 0.6, ni: 30 }).yi // 0.7790999876773775
 */
export const SMCC: MeasureDefinition = {
  ...prePostInputs(['m1i', 'm2i', 'sd1i', 'sd2i', 'ri', 'ni']),
  name: 'SMCC',
  label: 'standardised mean change, change-score standardisation',
  family: 'pre-post (matched)',
  scale: 'standardised mean change',
  backTransform: 'none',
  reference: 'Gibbons, Hedeker & Davis (1993), J Educ Stat 18:271',
  compute: (v) => {
    const sdd = Math.sqrt(v.sd1i! ** 2 + v.sd2i! ** 2 - 2 * v.ri! * v.sd1i! * v.sd2i!);
    const yi = (hedgesCorrection(v.ni! - 1) * (v.m1i! - v.m2i!)) / sdd;
    return { yi, vi: 1 / v.ni! + (yi * yi) / (2 * v.ni!) };
  },
};
