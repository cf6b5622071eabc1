// Log hazard ratio from a reported ratio and its confidence interval.
import { normalQuantile } from '../distributions/normal.js';
import type { YiVi } from './twoByTwo.js';

/**
 * log(hr) with the variance implied by a Wald interval at `level` percent:
 * vi = ((log(upper) − log(lower)) / (2·Φ⁻¹((1 + level/100)/2)))² (Parmar, Torri and Stewart 1998;
 * metafor's `conv.wald`).
 * @example logHazardRatio(0.8, 0.6, 1.07, 95) // { yi: -0.2231435513142097, vi: 0.021778448556188722 }
 */
export function logHazardRatio(hr: number, lower: number, upper: number, level: number): YiVi {
  const se = (Math.log(upper) - Math.log(lower)) / (2 * normalQuantile((1 + level / 100) / 2));
  return { yi: Math.log(hr), vi: se * se };
}
