import { hypergeometric2F1 } from '../special/hypergeometric2F1.js';
import type { MeasureDefinition } from './definition.js';
import { z } from 'zod';
import { above, correlation } from './fields.js';
import type { Inputs } from './definition.js';

/**
 * Unbiased (Olkin–Pratt) correlation r·2F1(1/2, 1/2; (n − 2)/2; 1 − r²), variance (1 − y²)²/(n − 1)
 * (escalc `measure = "UCOR"`, `vtype = "LS"`). Needs ni > 4.
 * @example UCOR.compute({ ri: 0.5, ni: 20 }).yi // 0.5114520969522779
 */
export const UCOR: MeasureDefinition = {
  columns: ['ri', 'ni'],
  schema: z.object({ ri: correlation(), ni: above(0) }) as unknown as z.ZodType<Inputs>,
  name: 'UCOR',
  label: 'unbiased estimate of the correlation coefficient',
  family: 'correlation',
  scale: 'correlation',
  backTransform: 'none',
  reference: 'Olkin & Pratt (1958), Ann Math Stat 29:201',
  compute: (v) => {
    // escalc evaluates the series only for (ni − 2)/2 > 1, i.e. ni > 4 (NA otherwise).
    if (!(v.ni! > 4)) return { yi: NaN, vi: NaN };
    const yi = v.ri! * hypergeometric2F1(0.5, 0.5, (v.ni! - 2) / 2, 1 - v.ri! ** 2);
    return { yi, vi: (1 - yi * yi) ** 2 / (v.ni! - 1) };
  },
};
