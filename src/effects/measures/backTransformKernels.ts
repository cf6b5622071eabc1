// The back-transformations of the registry measures beyond exp, tanh and the inverse logit
// (metafor 3.8-1 `transf.*`), for the scale a reader is shown. Kernels never throw: NaN in, NaN out.
import type { BackTransform } from './definition.js';

/** Freeman–Tukey transform of a proportion p with n (metafor transf.pft), for the boundaries of ipft. */
function pft(p: number, n: number): number {
  const x = p * n;
  return 0.5 * (Math.asin(Math.sqrt(x / (n + 1))) + Math.asin(Math.sqrt((x + 1) / (n + 1))));
}

/** Freeman–Tukey transform of a rate r with person-time t (metafor transf.irft). */
function irft(r: number, t: number): number {
  return 0.5 * (Math.sqrt(r) + Math.sqrt(r + 1 / t));
}

/**
 * Miller's (1978) inverse of the Freeman–Tukey double arcsine for n (transf.ipft): 0 below the
 * transform of p = 0 and 1 above that of p = 1.
 * @example inverseFreemanTukey(0.4710, 50) // 0.2001
 */
export function inverseFreemanTukey(x: number, n: number): number {
  if (Number.isNaN(x) || !(n > 0)) return NaN;
  if (x > pft(1, n)) return 1;
  if (x < pft(0, n)) return 0;
  const s = Math.sin(2 * x);
  const z = 0.5 * (1 - Math.sign(Math.cos(2 * x)) * Math.sqrt(1 - (s + (s - 1 / s) / n) ** 2));
  return Number.isNaN(z) ? NaN : z;
}

/**
 * Inverse of the Freeman–Tukey rate transform for person-time t (transf.iirft), 0 below the
 * transform of a zero rate and for results within machine epsilon of 0.
 * @example inverseRateFreemanTukey(0.10244044240850758, 1000) // 0.01
 */
export function inverseRateFreemanTukey(x: number, t: number): number {
  if (Number.isNaN(x) || !(t > 0)) return NaN;
  if (x < irft(0, t)) return 0;
  const z = (1 / t - 8 * x * x + 16 * t * x ** 4) / (16 * x * x * t);
  return Number.isNaN(z) ? NaN : z <= Number.EPSILON ? 0 : z;
}

/**
 * Harmonic mean of positive sizes (metafor's `nhm` of transf.ipft.hm).
 * @example harmonicMean([2, 6]) // 3
 */
export function harmonicMean(xs: readonly number[]): number {
  return 1 / (xs.reduce((a, x) => a + 1 / x, 0) / xs.length);
}

/**
 * A model-scale value on the reader's scale: `exp`, `tanh`, `ilogit`, `iarcsin` (sin² within [0, π/2]),
 * `ipft.hm` (Miller's inverse with the harmonic mean of the studies' ni, `n`), `square` (x² for
 * x >= 0, transf.isqrt), `iirft` (with the harmonic mean of the studies' ti, `t`), `iabt` (1 − e^−x,
 * 0 below 0), `iahw` (1 − (1 − x)³ within [0, 1]), `none` (x).
 * @example backTransformValue('iarcsin', 0.4636476090008061) // 0.2 (to rounding)
 */
export function backTransformValue(name: BackTransform, x: number, context: { readonly n?: number; readonly t?: number } = {}): number {
  switch (name) {
    case 'none':
      return x;
    case 'exp':
      return Math.exp(x);
    case 'tanh':
      return Math.tanh(x);
    case 'ilogit':
      return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    case 'iarcsin':
      return Number.isNaN(x) ? NaN : x < 0 ? 0 : x > Math.asin(1) ? 1 : Math.sin(x) ** 2;
    case 'ipft.hm':
      return inverseFreemanTukey(x, context.n ?? NaN);
    case 'square':
      return Number.isNaN(x) ? NaN : x < 0 ? 0 : x * x;
    case 'iirft':
      return inverseRateFreemanTukey(x, context.t ?? NaN);
    case 'iabt':
      return Number.isNaN(x) ? NaN : x < 0 ? 0 : 1 - Math.exp(-x);
    case 'iahw':
      return Number.isNaN(x) ? NaN : x > 1 ? 1 : x < 0 ? 0 : 1 - (1 - x) ** 3;
  }
}
