import type { MeasureDefinition } from './definition.js';
import { incidenceTwoGroupInputs } from './families.js';

/**
 * Incidence rate difference x1/t1 − x2/t2, variance x1/t1² + x2/t2² (escalc `measure = "IRD"`).
 * @example IRD.compute({ x1i: 10, t1i: 1000, x2i: 20, t2i: 1500 }).yi // -0.003333333333333334
 */
export const IRD: MeasureDefinition = {
  ...incidenceTwoGroupInputs(0.5),
  name: 'IRD',
  label: 'incidence rate difference',
  family: 'two-group incidence',
  scale: 'incidence rate difference (per unit person-time)',
  backTransform: 'none',
  reference: 'Rothman, Greenland & Lash (2008), Modern Epidemiology, ch. 14',
  compute: (v) => {
    const r1 = v.x1i! / v.t1i!;
    const r2 = v.x2i! / v.t2i!;
    return { yi: r1 - r2, vi: r1 / v.t1i! + r2 / v.t2i! };
  },
};
