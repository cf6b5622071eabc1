import type { MeasureDefinition } from './definition.js';
import { twoByTwoInputs } from './families.js';

/**
 * Yule's Q = (OR − 1)/(OR + 1), variance (1/4)(1 − Q²)²(1/ai + 1/bi + 1/ci + 1/di) (escalc `measure = "YUQ"`).
 * @example YUQ.compute({ ai: 10, bi: 20, ci: 15, di: 5 }).yi // -0.7142857142857143
 */
export const YUQ: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'YUQ',
  label: "Yule's Q",
  family: '2x2 table',
  scale: "Yule's Q (association, −1 to 1)",
  backTransform: 'none',
  reference: 'Yule (1900), Phil Trans R Soc A 194:257; Bishop, Fienberg & Holland (1975), p. 378',
  compute: (v) => {
    const or = v.ai! / v.bi! / (v.ci! / v.di!);
    const yi = (or - 1) / (or + 1);
    return { yi, vi: 0.25 * (1 - yi * yi) ** 2 * (1 / v.ai! + 1 / v.bi! + 1 / v.ci! + 1 / v.di!) };
  },
};
