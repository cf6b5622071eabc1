import type { MeasureDefinition } from './definition.js';
import { twoByTwoInputs } from './families.js';

/**
 * Phi coefficient (ai·di − bi·ci)/√(n1·n2·m1·m2) with the large-sample variance of Yule (1912) as
 * escalc `measure = "PHI"`, `vtype = "LS"` gives it: (1/n)·[1 − φ² + φ(1 + φ²/2)(p1. − p2.)(p.1 − p.2)/√(p1.p2.p.1p.2)
 * − (3/4)φ²((p1. − p2.)²/(p1.p2.) + (p.1 − p.2)²/(p.1p.2))]. Default `add` is 0.
 * @example PHI.compute({ ai: 10, bi: 20, ci: 15, di: 5 }).yi // -0.4082482904638631
 */
export const PHI: MeasureDefinition = {
  ...twoByTwoInputs(0),
  name: 'PHI',
  label: 'phi coefficient',
  family: '2x2 table',
  scale: 'phi coefficient (correlation)',
  backTransform: 'none',
  reference: 'Yule (1912), J R Stat Soc 75:579; Bishop, Fienberg & Holland (1975), p. 381',
  compute: (v) => {
    const { ai, bi, ci, di } = v as Record<'ai' | 'bi' | 'ci' | 'di', number>;
    const n = ai + bi + ci + di;
    const yi = (ai * di - bi * ci) / Math.sqrt((ai + bi) * (ci + di) * (ai + ci) * (bi + di));
    const r1 = (ai + bi) / n;
    const r2 = (ci + di) / n;
    const c1 = (ai + ci) / n;
    const c2 = (bi + di) / n;
    const y2 = yi * yi;
    const vi =
      (1 / n) *
      (1 -
        y2 +
        (yi * (1 + y2 / 2) * (r1 - r2) * (c1 - c2)) / Math.sqrt(r1 * r2 * c1 * c2) -
        0.75 * y2 * ((r1 - r2) ** 2 / (r1 * r2) + (c1 - c2) ** 2 / (c1 * c2)));
    return { yi, vi };
  },
};
