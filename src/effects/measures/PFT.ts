import type { MeasureDefinition } from './definition.js';
import { proportionInputs } from './families.js';

/**
 * Freeman–Tukey double-arcsine proportion (asin√(x/(n + 1)) + asin√((x + 1)/(n + 1)))/2, variance
 * 1/(4n + 2) (escalc `measure = "PFT"`; default `add` 0). Back-transform transf.ipft.hm (Miller 1978).
 * @example PFT.compute({ xi: 10, ni: 50 }).yi // 0.47085370517076086
 */
export const PFT: MeasureDefinition = {
  ...proportionInputs(0),
  name: 'PFT',
  label: 'Freeman–Tukey double arcsine transformed proportion',
  family: 'proportion',
  scale: 'Freeman–Tukey double-arcsine proportion',
  backTransform: 'ipft.hm',
  reference: 'Freeman & Tukey (1950), Ann Math Stat 21:607; Miller (1978), Am Stat 32:138',
  compute: (v) => {
    const n = v.ni!;
    return { yi: 0.5 * (Math.asin(Math.sqrt(v.xi! / (n + 1))) + Math.asin(Math.sqrt((v.xi! + 1) / (n + 1)))), vi: 1 / (4 * n + 2) };
  },
};
