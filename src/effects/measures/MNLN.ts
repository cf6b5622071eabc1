import type { MeasureDefinition } from './definition.js';
import { singleGroupInputs } from './families.js';

/**
 * Log mean log(mi), variance sdi²/(ni·mi²) (escalc `measure = "MNLN"`).
 * @example MNLN.compute({ mi: 10, sdi: 2, ni: 20 }).yi // 2.302585092994046
 */
export const MNLN: MeasureDefinition = {
  ...singleGroupInputs(['mi', 'sdi', 'ni'], true),
  name: 'MNLN',
  label: 'log transformed mean',
  family: 'single-group continuous',
  scale: 'log mean',
  backTransform: 'exp',
  reference: 'escalc (metafor 3.8-1)',
  compute: (v) => ({ yi: Math.log(v.mi!), vi: v.sdi! ** 2 / (v.ni! * v.mi! ** 2) }),
};
