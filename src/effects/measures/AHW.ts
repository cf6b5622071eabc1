import type { MeasureDefinition } from './definition.js';
import { reliabilityInputs } from './families.js';

/**
 * Hakstian–Whalen transformed alpha 1 − (1 − ai)^(1/3), variance
 * 18·mi·(ni − 1)(1 − ai)^(2/3)/((mi − 1)(9ni − 11)²) (escalc `measure = "AHW"`). Back-transform 1 − (1 − y)³.
 * @example AHW.compute({ ai: 0.8, mi: 10, ni: 100 }).yi // 0.41519645235742686
 */
export const AHW: MeasureDefinition = {
  ...reliabilityInputs(),
  name: 'AHW',
  label: "Hakstian–Whalen transformed Cronbach's alpha",
  family: 'reliability',
  scale: 'cube-root transformed alpha',
  backTransform: 'iahw',
  reference: 'Hakstian & Whalen (1976), Psychometrika 41:219',
  compute: (v) => ({
    yi: 1 - (1 - v.ai!) ** (1 / 3),
    vi: (18 * v.mi! * (v.ni! - 1) * (1 - v.ai!) ** (2 / 3)) / ((v.mi! - 1) * (9 * v.ni! - 11) ** 2),
  }),
};
