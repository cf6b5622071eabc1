import type { MeasureDefinition } from './definition.js';
import { twoByTwoInputs } from './families.js';

/**
 * Log odds ratio of the marginal proportions of paired binary data: logit p1. − logit p.1, variance
 * (π12(1 − π12) + π21(1 − π21) + 2π12π21)/(n·p1.(1 − p1.)·p.1(1 − p.1)) (escalc `measure = "MPOR"`).
 * @example MPOR.compute({ ai: 20, bi: 10, ci: 5, di: 15 }).yi // 0.4054651081081642
 */
export const MPOR: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'MPOR',
  label: 'marginal log odds ratio, paired binary data',
  family: 'paired 2x2 table',
  scale: 'log odds ratio',
  backTransform: 'exp',
  reference: 'Elbourne et al. (2002), Int J Epidemiol 31:140; escalc (metafor 3.8-1)',
  compute: (v) => {
    const n = v.ai! + v.bi! + v.ci! + v.di!;
    const p12 = v.bi! / n;
    const p21 = v.ci! / n;
    const r = (v.ai! + v.bi!) / n;
    const c = (v.ai! + v.ci!) / n;
    return {
      yi: Math.log(r / (1 - r)) - Math.log(c / (1 - c)),
      vi: (p12 * (1 - p12) + p21 * (1 - p21) + 2 * p12 * p21) / (n * r * (1 - r) * c * (1 - c)),
    };
  },
};
