import type { MeasureDefinition } from './definition.js';
import { reliabilityInputs } from './families.js';

/**
 * Bonett transformed alpha −log(1 − ai), variance 2·mi/((mi − 1)(ni − 2)) (escalc `measure = "ABT"`).
 * Back-transform 1 − e^−y.
 * @example ABT.compute({ ai: 0.8, mi: 10, ni: 100 }).yi // 1.6094379124341005
 */
export const ABT: MeasureDefinition = {
  ...reliabilityInputs(),
  name: 'ABT',
  label: "Bonett transformed Cronbach's alpha",
  family: 'reliability',
  scale: 'log(1 − alpha), negated',
  backTransform: 'iabt',
  reference: 'Bonett (2002), J Educ Behav Stat 27:335',
  compute: (v) => ({ yi: -Math.log(1 - v.ai!), vi: (2 * v.mi!) / ((v.mi! - 1) * (v.ni! - 2)) }),
};
