import type { MeasureDefinition } from './definition.js';
import { incidenceInputs } from './families.js';

/**
 * Square-root incidence rate √(x/t), variance 1/(4t) (escalc `measure = "IRS"`; default `add` 0).
 * @example IRS.compute({ xi: 10, ti: 1000 }).yi // 0.1
 */
export const IRS: MeasureDefinition = {
  ...incidenceInputs(0),
  name: 'IRS',
  label: 'square-root transformed incidence rate',
  family: 'single-group incidence',
  scale: 'square-root incidence rate',
  backTransform: 'square',
  reference: 'escalc (metafor 3.8-1)',
  compute: (v) => ({ yi: Math.sqrt(v.xi! / v.ti!), vi: 1 / (4 * v.ti!) }),
};
