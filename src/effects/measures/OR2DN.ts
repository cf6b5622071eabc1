import { logOddsRatio } from '../twoByTwo.js';
import type { MeasureDefinition } from './definition.js';
import { twoByTwoInputs } from './families.js';

/**
 * Log odds ratio converted to a standardised mean difference under normal latent distributions:
 * log(OR)/1.65, variance vi(log OR)/1.65² (escalc `measure = "OR2DN"`, Cox & Snell 1989).
 * @example OR2DN.compute({ ai: 10, bi: 20, ci: 15, di: 5 }).yi // -1.0859148298351848
 */
export const OR2DN: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'OR2DN',
  label: 'log odds ratio to SMD (normal, /1.65)',
  family: '2x2 table',
  scale: 'standardised mean difference',
  backTransform: 'none',
  reference: 'Cox & Snell (1989), Analysis of Binary Data; Sánchez-Meca et al. (2003), Psychol Methods 8:448',
  compute: (v) => {
    const r = logOddsRatio(v.ai!, v.bi!, v.ci!, v.di!);
    return { yi: r.yi / 1.65, vi: r.vi / 1.65 ** 2 };
  },
};
