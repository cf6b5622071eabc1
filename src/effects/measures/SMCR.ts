import { hedgesCorrection } from '../continuous.js';
import type { MeasureDefinition } from './definition.js';
import { prePostInputs } from './families.js';

/**
 * Standardised mean change by the raw-score SD `sd1i` (the first, pre-test, SD as escalc's
 * arguments define it): c(ni − 1)·(m1 − m2)/sd1, variance 2(1 − ri)/ni + y²/(2ni)
 * (escalc `measure = "SMCR"`, `vtype = "LS"`; Becker 1988).
 * @example SMCR.compute({ m1i: 12, m2i: 10, sd1i: 3, ri: 0.6, ni: 30 }).yi // 0.649249989731148
 */
export const SMCR: MeasureDefinition = {
  ...prePostInputs(['m1i', 'm2i', 'sd1i', 'ri', 'ni']),
  name: 'SMCR',
  label: 'standardised mean change, raw-score standardisation',
  family: 'pre-post (matched)',
  scale: 'standardised mean change',
  backTransform: 'none',
  reference: 'Becker (1988), Br J Math Stat Psychol 41:257',
  compute: (v) => {
    const yi = (hedgesCorrection(v.ni! - 1) * (v.m1i! - v.m2i!)) / v.sd1i!;
    return { yi, vi: (2 * (1 - v.ri!)) / v.ni! + (yi * yi) / (2 * v.ni!) };
  },
};
