import type { MeasureDefinition } from './definition.js';
import { incidenceInputs } from './families.js';

/**
 * Raw incidence rate x/t, variance x/t² (escalc `measure = "IR"`).
 * @example IR.compute({ xi: 10, ti: 1000 }).yi // 0.01
 */
export const IR: MeasureDefinition = {
  ...incidenceInputs(0.5),
  name: 'IR',
  label: 'raw incidence rate',
  family: 'single-group incidence',
  scale: 'incidence rate (per unit person-time)',
  backTransform: 'none',
  reference: 'Rothman, Greenland & Lash (2008), Modern Epidemiology',
  compute: (v) => ({ yi: v.xi! / v.ti!, vi: v.xi! / v.ti! / v.ti! }),
};
