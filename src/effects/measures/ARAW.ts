import type { MeasureDefinition } from './definition.js';
import { reliabilityInputs } from './families.js';

/**
 * Raw Cronbach's alpha ai, variance 2·mi·(1 − ai)²/((mi − 1)(ni − 2)) (escalc `measure = "ARAW"`).
 * @example ARAW.compute({ ai: 0.8, mi: 10, ni: 100 }).vi // 0.0009070294784580494
 */
export const ARAW: MeasureDefinition = {
  ...reliabilityInputs(),
  name: 'ARAW',
  label: "raw Cronbach's alpha",
  family: 'reliability',
  scale: "Cronbach's alpha",
  backTransform: 'none',
  reference: 'Feldt, Woodruff & Salih (1987), Appl Psychol Meas 11:93',
  compute: (v) => ({ yi: v.ai!, vi: (2 * v.mi! * (1 - v.ai!) ** 2) / ((v.mi! - 1) * (v.ni! - 2)) }),
};
