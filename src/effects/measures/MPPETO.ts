import type { MeasureDefinition } from './definition.js';
import { twoByTwoInputs } from './families.js';

/**
 * Peto's conditional log odds ratio of paired binary data: (bi − E)/V with E = (bi + ci)/2 and
 * V = (bi + ci)/4, variance 1/V (escalc `measure = "MPPETO"`).
 * @example MPPETO.compute({ ai: 20, bi: 10, ci: 5, di: 15 }).yi // 0.6666666666666666
 */
export const MPPETO: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'MPPETO',
  label: "Peto's log odds ratio, paired binary data",
  family: 'paired 2x2 table',
  scale: 'log odds ratio',
  backTransform: 'exp',
  reference: 'Yusuf et al. (1985), Prog Cardiovasc Dis 27:335; escalc (metafor 3.8-1)',
  compute: (v) => {
    const e = (v.bi! + v.ci!) / 2;
    const vv = (v.bi! + v.ci!) / 4;
    return { yi: (v.bi! - e) / vv, vi: 1 / vv };
  },
};
