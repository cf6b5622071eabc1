import type { MeasureDefinition } from './definition.js';
import { incidenceTwoGroupInputs } from './families.js';

/**
 * Log incidence rate ratio log(x1/t1) − log(x2/t2), variance 1/x1 + 1/x2 (escalc `measure = "IRR"`).
 * @example IRR.compute({ x1i: 10, t1i: 1000, x2i: 20, t2i: 1500 }).yi // -0.2876820724517808
 */
export const IRR: MeasureDefinition = {
  ...incidenceTwoGroupInputs(0.5),
  name: 'IRR',
  label: 'log incidence rate ratio',
  family: 'two-group incidence',
  scale: 'log incidence rate ratio',
  backTransform: 'exp',
  reference: 'Rothman, Greenland & Lash (2008), Modern Epidemiology, ch. 14',
  compute: (v) => ({ yi: Math.log(v.x1i! / v.t1i!) - Math.log(v.x2i! / v.t2i!), vi: 1 / v.x1i! + 1 / v.x2i! }),
};
