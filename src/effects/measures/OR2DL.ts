import { logOddsRatio } from '../twoByTwo.js';
import type { MeasureDefinition } from './definition.js';
import { twoByTwoInputs } from './families.js';

/**
 * Log odds ratio converted to a standardised mean difference under logistic latent distributions:
 * (√3/π)·log(OR), variance (3/π²)·vi(log OR) (escalc `measure = "OR2DL"`, Hasselblad & Hedges 1995).
 * @example OR2DL.compute({ ai: 10, bi: 20, ci: 15, di: 5 }).yi // -0.98784876903104
 */
export const OR2DL: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'OR2DL',
  label: 'log odds ratio to SMD (logistic, √3/π)',
  family: '2x2 table',
  scale: 'standardised mean difference',
  backTransform: 'none',
  reference: 'Hasselblad & Hedges (1995), Psychol Bull 117:167; Chinn (2000), Stat Med 19:3127',
  compute: (v) => {
    const r = logOddsRatio(v.ai!, v.bi!, v.ci!, v.di!);
    return { yi: (Math.sqrt(3) / Math.PI) * r.yi, vi: (3 / Math.PI ** 2) * r.vi };
  },
};
