// The standard bivariate normal distribution function, by Genz's method (Drezner & Wesolowsky
// 1990, with Genz's 2004 refinements for |ρ| >= 0.925): Gauss–Legendre quadrature of Plackett's
// integral in asin(ρ), accurate to about 1e-15.
import { normalCdf } from '../../distributions/normal.js';

// Gauss–Legendre nodes (negative half) and weights for 6, 12 and 20 points.
const GL = [
  { x: [-0.9324695142031522, -0.6612093864662647, -0.238619186083197], w: [0.1713244923791705, 0.3607615730481384, 0.4679139345726904] },
  {
    x: [-0.9815606342467191, -0.904117256370475, -0.769902674194305, -0.5873179542866171, -0.3678314989981802, -0.1252334085114692],
    w: [0.04717533638651177, 0.1069393259953183, 0.1600783285433464, 0.2031674267230659, 0.2334925365383547, 0.2491470458134029],
  },
  {
    x: [
      -0.9931285991850949, -0.9639719272779138, -0.9122344282513259, -0.8391169718222188, -0.7463319064601508, -0.636053680726515, -0.5108670019508271,
      -0.3737060887154196, -0.2277858511416451, -0.07652652113349732,
    ],
    w: [
      0.01761400713915212, 0.04060142980038694, 0.06267204833410905, 0.08327674157670475, 0.1019301198172404, 0.1181945319615184, 0.1316886384491766,
      0.1420961093183821, 0.1491729864726037, 0.1527533871307259,
    ],
  },
] as const;

/** P(X > h, Y > k) for standard bivariate normal X, Y with correlation r. */
function upperOrthant(h: number, k0: number, r: number): number {
  const rule = Math.abs(r) < 0.3 ? GL[0] : Math.abs(r) < 0.75 ? GL[1] : GL[2];
  let k = k0;
  let hk = h * k;
  let bvn = 0;
  if (Math.abs(r) < 0.925) {
    const hs = (h * h + k * k) / 2;
    const asr = Math.asin(r);
    for (let i = 0; i < rule.x.length; i++) {
      for (const s of [-1, 1]) {
        const sn = Math.sin((asr * (1 + s * rule.x[i]!)) / 2);
        bvn += rule.w[i]! * Math.exp((sn * hk - hs) / (1 - sn * sn));
      }
    }
    return (bvn * asr) / (4 * Math.PI) + normalCdf(-h) * normalCdf(-k);
  }
  if (r < 0) {
    k = -k;
    hk = -hk;
  }
  if (Math.abs(r) < 1) {
    const as = (1 - r) * (1 + r);
    let a = Math.sqrt(as);
    const bs = (h - k) ** 2;
    const c = (4 - hk) / 8;
    const d = (12 - hk) / 16;
    bvn = a * Math.exp(-(bs / as + hk) / 2) * (1 - (c * (bs - as) * (1 - (d * bs) / 5)) / 3 + (c * d * as * as) / 5);
    if (hk > -160) {
      const b = Math.sqrt(bs);
      bvn -= Math.exp(-hk / 2) * Math.sqrt(2 * Math.PI) * normalCdf(-b / a) * b * (1 - (c * bs * (1 - (d * bs) / 5)) / 3);
    }
    a /= 2;
    for (let i = 0; i < rule.x.length; i++) {
      for (const s of [-1, 1]) {
        const xs = (a * (s * rule.x[i]! + 1)) ** 2;
        const rs = Math.sqrt(1 - xs);
        const asr = -(bs / xs + hk) / 2;
        if (asr > -100) bvn += a * rule.w[i]! * Math.exp(asr) * (Math.exp((-hk * (1 - rs)) / (2 * (1 + rs))) / rs - (1 + c * xs * (1 + d * xs)));
      }
    }
    bvn = -bvn / (2 * Math.PI);
  }
  if (r > 0) return bvn + normalCdf(-Math.max(h, k));
  bvn = -bvn;
  if (k > h) bvn += h < 0 ? normalCdf(k) - normalCdf(h) : normalCdf(-h) - normalCdf(-k);
  return bvn;
}

/**
 * Φ₂(h, k; ρ) = P(X <= h, Y <= k) for a standard bivariate normal with correlation ρ
 * (R: `mvtnorm::pmvnorm(upper = c(h, k), corr = ...)`). NaN outside −1 <= ρ <= 1.
 * @example bivariateNormalCdf(0, 0, 0.5) // 0.3333333333333333
 */
export function bivariateNormalCdf(h: number, k: number, rho: number): number {
  if (!(rho >= -1 && rho <= 1) || Number.isNaN(h) || Number.isNaN(k)) return NaN;
  return Math.min(1, Math.max(0, upperOrthant(-h, -k, rho)));
}

/**
 * Density of the standard bivariate normal at (h, k) with correlation ρ.
 * @example bivariateNormalDensity(0, 0, 0) // 0.15915494309189535
 */
export function bivariateNormalDensity(h: number, k: number, rho: number): number {
  const s = 1 - rho * rho;
  return Math.exp(-(h * h - 2 * rho * h * k + k * k) / (2 * s)) / (2 * Math.PI * Math.sqrt(s));
}
