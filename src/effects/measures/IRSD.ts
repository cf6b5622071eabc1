import type { MeasureDefinition } from './definition.js';
import { incidenceTwoGroupInputs } from './families.js';

/**
 * Square-root transformed incidence rate difference √(x1/t1) − √(x2/t2), variance 1/(4t1) + 1/(4t2)
 * (escalc `measure = "IRSD"`; default `add` 0).
 * @example IRSD.compute({ x1i: 10, t1i: 1000, x2i: 20, t2i: 1500 }).yi // -0.015470053837925157
 */
export const IRSD: MeasureDefinition = {
  ...incidenceTwoGroupInputs(0),
  name: 'IRSD',
  label: 'square-root transformed incidence rate difference',
  family: 'two-group incidence',
  scale: 'difference of square-root rates',
  backTransform: 'none',
  reference: 'escalc (metafor 3.8-1); Rothman, Greenland & Lash (2008)',
  compute: (v) => ({ yi: Math.sqrt(v.x1i! / v.t1i!) - Math.sqrt(v.x2i! / v.t2i!), vi: 1 / (4 * v.t1i!) + 1 / (4 * v.t2i!) }),
};
