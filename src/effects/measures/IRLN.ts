import type { MeasureDefinition } from './definition.js';
import { incidenceInputs } from './families.js';

/**
 * Log incidence rate log(x/t), variance 1/x (escalc `measure = "IRLN"`).
 * @example IRLN.compute({ xi: 10, ti: 1000 }).yi // -4.605170185988091
 */
export const IRLN: MeasureDefinition = {
  ...incidenceInputs(0.5),
  name: 'IRLN',
  label: 'log incidence rate',
  family: 'single-group incidence',
  scale: 'log incidence rate',
  backTransform: 'exp',
  reference: 'Rothman, Greenland & Lash (2008), Modern Epidemiology',
  compute: (v) => ({ yi: Math.log(v.xi! / v.ti!), vi: 1 / v.xi! }),
};
