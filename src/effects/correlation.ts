// Effect sizes of correlation coefficients (metafor `escalc`, measures ZCOR and COR, vtype "LS").
import type { YiVi } from './twoByTwo.js';

/**
 * Fisher's r-to-z transform z = ½·log((1 + r)/(1 − r)) with variance 1/(n − 3).
 * @example fisherZ(0.187, 109) // { yi: 0.1892266425309288, vi: 0.009433962264150943 }
 */
export function fisherZ(ri: number, ni: number): YiVi {
  return { yi: 0.5 * Math.log((1 + ri) / (1 - ri)), vi: 1 / (ni - 3) };
}

/**
 * Raw correlation with its large-sample variance (1 − r²)²/(n − 1).
 * @example rawCorrelation(0.187, 109) // { yi: 0.187, vi: 0.008623007694083333 }
 */
export function rawCorrelation(ri: number, ni: number): YiVi {
  const s = 1 - ri * ri;
  return { yi: ri, vi: (s * s) / (ni - 1) };
}
