import type { MeasureDefinition } from './definition.js';
import { incidenceInputs } from './families.js';

/**
 * Freeman–Tukey transformed incidence rate (√(x/t) + √((x + 1)/t))/2, variance 1/(4t)
 * (escalc `measure = "IRFT"`; default `add` 0).
 * @example IRFT.compute({ xi: 10, ti: 1000 }).yi // 0.10244044240850758
 */
export const IRFT: MeasureDefinition = {
  ...incidenceInputs(0),
  name: 'IRFT',
  label: 'Freeman–Tukey transformed incidence rate',
  family: 'single-group incidence',
  scale: 'Freeman–Tukey incidence rate',
  backTransform: 'iirft',
  reference: 'Freeman & Tukey (1950), Ann Math Stat 21:607',
  compute: (v) => {
    const r = v.xi! / v.ti!;
    return { yi: 0.5 * (Math.sqrt(r) + Math.sqrt(r + 1 / v.ti!)), vi: 1 / (4 * v.ti!) };
  },
};
