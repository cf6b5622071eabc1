import type { MeasureDefinition } from './definition.js';
import { proportionInputs } from './families.js';

/**
 * Arcsine square-root proportion asin(√(x/n)), variance 1/(4n) (escalc `measure = "PAS"`; default `add` 0).
 * Back-transform sin(y)² (transf.iarcsin).
 * @example PAS.compute({ xi: 10, ni: 50 }).yi // 0.4636476090008061
 */
export const PAS: MeasureDefinition = {
  ...proportionInputs(0),
  name: 'PAS',
  label: 'arcsine square-root transformed proportion',
  family: 'proportion',
  scale: 'arcsine square-root proportion',
  backTransform: 'iarcsin',
  reference: 'Anscombe (1948), Biometrika 35:246',
  compute: (v) => ({ yi: Math.asin(Math.sqrt(v.xi! / v.ni!)), vi: 1 / (4 * v.ni!) }),
};
