import type { MeasureDefinition } from './definition.js';
import { twoByTwoInputs } from './families.js';

/**
 * Conditional (McNemar) log odds ratio of paired binary data: log(bi/ci), variance 1/bi + 1/ci
 * (escalc `measure = "MPORC"`).
 * @example MPORC.compute({ ai: 20, bi: 10, ci: 5, di: 15 }).yi // 0.6931471805599456
 */
export const MPORC: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'MPORC',
  label: 'conditional log odds ratio, paired binary data',
  family: 'paired 2x2 table',
  scale: 'log odds ratio',
  backTransform: 'exp',
  reference: 'Curtin, Elbourne & Altman (2002), Stat Med 21:2131; escalc (metafor 3.8-1)',
  compute: (v) => ({ yi: Math.log(v.bi!) - Math.log(v.ci!), vi: 1 / v.bi! + 1 / v.ci! }),
};
