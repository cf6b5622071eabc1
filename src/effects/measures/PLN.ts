import type { MeasureDefinition } from './definition.js';
import { proportionInputs } from './families.js';

/**
 * Log proportion log(x/n), variance 1/x − 1/n (escalc `measure = "PLN"`).
 * @example PLN.compute({ xi: 10, ni: 50 }).yi // -1.6094379124341003
 */
export const PLN: MeasureDefinition = {
  ...proportionInputs(0.5),
  name: 'PLN',
  label: 'log proportion',
  family: 'proportion',
  scale: 'log proportion',
  backTransform: 'exp',
  reference: 'escalc (metafor 3.8-1)',
  compute: (v) => ({ yi: Math.log(v.xi! / v.ni!), vi: 1 / v.xi! - 1 / v.ni! }),
};
