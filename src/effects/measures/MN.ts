import type { MeasureDefinition } from './definition.js';
import { singleGroupInputs } from './families.js';

/**
 * Raw mean mi, variance sdi²/ni (escalc `measure = "MN"`).
 * @example MN.compute({ mi: 10, sdi: 2, ni: 20 }).vi // 0.2
 */
export const MN: MeasureDefinition = {
  ...singleGroupInputs(['mi', 'sdi', 'ni']),
  name: 'MN',
  label: 'raw mean',
  family: 'single-group continuous',
  scale: 'mean (units of the outcome)',
  backTransform: 'none',
  reference: 'escalc (metafor 3.8-1)',
  compute: (v) => ({ yi: v.mi!, vi: v.sdi! ** 2 / v.ni! }),
};
