import type { MeasureDefinition } from './definition.js';
import { twoGroupInputs } from './families.js';
import { cohensD } from './twoGroupD.js';

/**
 * Point-biserial correlation from two groups' means and SDs: d/√(d² + h) with h = m/n1 + m/n2,
 * variance h²/(h + d²)³·(1/n1 + 1/n2 + d²/(2n)) (escalc `measure = "RPB"`, `vtype = "LS"`).
 * @example RPB.compute({ m1i: 10, sd1i: 2, n1i: 20, m2i: 8, sd2i: 3, n2i: 25 }).yi // 0.36345618209240693
 */
export const RPB: MeasureDefinition = {
  ...twoGroupInputs(['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']),
  name: 'RPB',
  label: 'point-biserial correlation',
  family: 'two-group continuous',
  scale: 'correlation',
  backTransform: 'none',
  reference: 'Jacobs & Viechtbauer (2017), Res Synth Methods 8:161',
  compute: (v) => {
    const { d, m } = cohensD(v);
    const h = m / v.n1i! + m / v.n2i!;
    const n = v.n1i! + v.n2i!;
    return { yi: d / Math.sqrt(d * d + h), vi: ((h * h) / (h + d * d) ** 3) * (1 / v.n1i! + 1 / v.n2i! + (d * d) / (2 * n)) };
  },
};
