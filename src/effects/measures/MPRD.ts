import type { MeasureDefinition } from './definition.js';
import { twoByTwoInputs } from './families.js';

/**
 * Risk difference of paired binary data, from the table of pairs (ai both events, bi only the
 * first, ci only the second, di neither): p1. − p.1, variance (π12(1 − π12) + 2π12π21 + π21(1 − π21))/n
 * (escalc `measure = "MPRD"`; Zou 2007).
 * @example MPRD.compute({ ai: 20, bi: 10, ci: 5, di: 15 }).yi // 0.09999999999999998
 */
export const MPRD: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'MPRD',
  label: 'risk difference, paired binary data',
  family: 'paired 2x2 table',
  scale: 'risk difference',
  backTransform: 'none',
  reference: 'Zou (2007), Stat Med 26:3201; escalc (metafor 3.8-1)',
  compute: (v) => {
    const n = v.ai! + v.bi! + v.ci! + v.di!;
    const p12 = v.bi! / n;
    const p21 = v.ci! / n;
    return { yi: (v.ai! + v.bi!) / n - (v.ai! + v.ci!) / n, vi: (p12 * (1 - p12) + 2 * p12 * p21 + p21 * (1 - p21)) / n };
  },
};
