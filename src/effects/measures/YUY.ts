import type { MeasureDefinition } from './definition.js';
import { twoByTwoInputs } from './families.js';

/**
 * Yule's Y = (√OR − 1)/(√OR + 1), variance (1/16)(1 − Y²)²(1/ai + 1/bi + 1/ci + 1/di) (escalc `measure = "YUY"`).
 * @example YUY.compute({ ai: 10, bi: 20, ci: 15, di: 5 }).yi // -0.4202041028867287
 */
export const YUY: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'YUY',
  label: "Yule's Y",
  family: '2x2 table',
  scale: "Yule's Y (colligation, −1 to 1)",
  backTransform: 'none',
  reference: 'Yule (1912), J R Stat Soc 75:579; Bishop, Fienberg & Holland (1975), p. 378',
  compute: (v) => {
    const s = Math.sqrt(v.ai! / v.bi! / (v.ci! / v.di!));
    const yi = (s - 1) / (s + 1);
    return { yi, vi: (1 / 16) * (1 - yi * yi) ** 2 * (1 / v.ai! + 1 / v.bi! + 1 / v.ci! + 1 / v.di!) };
  },
};
