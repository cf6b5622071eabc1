import { normalQuantile } from '../../distributions/normal.js';
import type { MeasureDefinition } from './definition.js';
import { twoByTwoInputs } from './families.js';

/**
 * Probit difference Φ⁻¹(p1) − Φ⁻¹(p2), variance Σ 2π·p(1 − p)·exp(z²)/n over the two groups
 * (escalc `measure = "PBIT"`, Sánchez-Meca et al. 2003).
 * @example PBIT.compute({ ai: 10, bi: 20, ci: 15, di: 5 }).yi // -1.1052170494915394
 */
export const PBIT: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'PBIT',
  label: 'probit transformed risk difference',
  family: '2x2 table',
  scale: 'probit difference (≈ standardised mean difference)',
  backTransform: 'none',
  reference: 'Sánchez-Meca, Marín-Martínez & Chacón-Moscoso (2003), Psychol Methods 8:448',
  compute: (v) => {
    const n1 = v.ai! + v.bi!;
    const n2 = v.ci! + v.di!;
    const p1 = v.ai! / n1;
    const p2 = v.ci! / n2;
    const z1 = normalQuantile(p1);
    const z2 = normalQuantile(p2);
    return { yi: z1 - z2, vi: (2 * Math.PI * p1 * (1 - p1) * Math.exp(z1 * z1)) / n1 + (2 * Math.PI * p2 * (1 - p2) * Math.exp(z2 * z2)) / n2 };
  },
};
