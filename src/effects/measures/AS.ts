import type { MeasureDefinition } from './definition.js';
import { twoByTwoInputs } from './families.js';

/**
 * Arcsine square-root risk difference: asin(√p1) − asin(√p2), variance 1/(4n1) + 1/(4n2)
 * (escalc `measure = "AS"`; Rücker et al. 2009). escalc's default `add` is 0 for it.
 * @example AS.compute({ ai: 4, bi: 119, ci: 11, di: 128 }).yi // -0.10383557709525237
 */
export const AS: MeasureDefinition = {
  ...twoByTwoInputs(0),
  name: 'AS',
  label: 'arcsine square-root transformed risk difference',
  family: '2x2 table',
  scale: 'arcsine square-root risk difference',
  backTransform: 'none',
  reference: 'Rücker, Schwarzer, Carpenter & Olkin (2009), Stat Med 28:721',
  compute: (v) => {
    const n1 = v.ai! + v.bi!;
    const n2 = v.ci! + v.di!;
    return { yi: Math.asin(Math.sqrt(v.ai! / n1)) - Math.asin(Math.sqrt(v.ci! / n2)), vi: 1 / (4 * n1) + 1 / (4 * n2) };
  },
};
