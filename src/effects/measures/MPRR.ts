import type { MeasureDefinition } from './definition.js';
import { twoByTwoInputs } from './families.js';

/**
 * Log risk ratio of paired binary data: log p1. − log p.1, variance (π12 + π21)/(n·p1.·p.1)
 * (escalc `measure = "MPRR"`; Zou 2007).
 * @example MPRR.compute({ ai: 20, bi: 10, ci: 5, di: 15 }).yi // 0.18232155679395456
 */
export const MPRR: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'MPRR',
  label: 'log risk ratio, paired binary data',
  family: 'paired 2x2 table',
  scale: 'log risk ratio',
  backTransform: 'exp',
  reference: 'Zou (2007), Stat Med 26:3201; escalc (metafor 3.8-1)',
  compute: (v) => {
    const n = v.ai! + v.bi! + v.ci! + v.di!;
    const r = (v.ai! + v.bi!) / n;
    const c = (v.ai! + v.ci!) / n;
    return { yi: Math.log(r) - Math.log(c), vi: (v.bi! / n + v.ci! / n) / (n * r * c) };
  },
};
