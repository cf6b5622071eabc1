import { normalQuantile } from '../../distributions/normal.js';
import type { MeasureDefinition } from './definition.js';
import { twoGroupInputs } from './families.js';
import { cohensD } from './twoGroupD.js';

/**
 * Biserial correlation from two groups' means and SDs: r_pb·√(p1p2)/φ(z) with z = Φ⁻¹(1 − p1),
 * p1 = n1/n; variance (Soper 1914) 1/(n − 1)·(p1p2/φ(z)² − (3/2 + (1 − p1z/φ(z))(1 + p2z/φ(z)))·r² + r⁴)
 * with r truncated to [−1, 1] (escalc `measure = "RBIS"`).
 * @example RBIS.compute({ m1i: 10, sd1i: 2, n1i: 20, m2i: 8, sd2i: 3, n2i: 25 }).yi // 0.45714394604803144
 */
export const RBIS: MeasureDefinition = {
  ...twoGroupInputs(['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']),
  name: 'RBIS',
  label: 'biserial correlation',
  family: 'two-group continuous',
  scale: 'correlation',
  backTransform: 'none',
  reference: 'Soper (1914), Biometrika 10:384; Jacobs & Viechtbauer (2017), Res Synth Methods 8:161',
  compute: (v) => {
    const { d, m } = cohensD(v);
    const n = v.n1i! + v.n2i!;
    const rpb = d / Math.sqrt(d * d + m / v.n1i! + m / v.n2i!);
    const p1 = v.n1i! / n;
    const p2 = v.n2i! / n;
    const z = normalQuantile(1 - p1);
    const f = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    const yi = (Math.sqrt(p1 * p2) / f) * rpb;
    const t = Math.abs(yi) > 1 ? Math.sign(yi) : yi;
    const vi = (1 / (n - 1)) * ((p1 * p2) / (f * f) - (1.5 + (1 - (p1 * z) / f) * (1 + (p2 * z) / f)) * t * t + t ** 4);
    return { yi, vi };
  },
};
