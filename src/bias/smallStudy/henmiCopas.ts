// Henmi & Copas (2010) confidence interval: the fixed-effects estimate, robust to publication
// bias, with an interval that allows for heterogeneity (τ² by DerSimonian–Laird) through the
// conditional distribution of Q given the standardised estimate (metafor 3.8-1 `hc()`).
// Henmi, M., & Copas, J. B. (2010). Confidence intervals for random effects meta-analysis and
// robustness to publication bias. Statistics in Medicine, 29, 2969–2983.
import gammainc from '@stdlib/math-base-special-gammainc';
import { MetasynthError } from '../../core/errors.js';
import { adaptiveGaussKronrod } from '../../selection/gaussKronrod.js';
import { readStudies, type EffectData } from '../../pool/effectData.js';
import { BIAS_MESSAGES } from '../messages.js';

export interface HenmiCopasOptions {
  /** Confidence level in percent (default 95). */
  readonly level?: number;
}

export interface HenmiCopasResult {
  readonly k: number;
  readonly level: number;
  /** The inverse-variance (fixed-effects) estimate and its SE under the random-effects model. */
  readonly estimate: number;
  readonly standardError: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  /** τ² by DerSimonian–Laird. */
  readonly tau2: number;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** The sums of powers of the weights that the moments of Q need. */
function moments(wi: Float64Array) {
  let w1 = 0,
    w2 = 0,
    w3 = 0,
    w4 = 0;
  for (const w of wi) {
    w1 += w;
    w2 += w * w;
    w3 += w ** 3;
    w4 += w ** 4;
  }
  return { w1, w2: w2 / w1, w3: w3 / w1, w4: w4 / w1 };
}

/**
 * Henmi–Copas interval (metafor hc(res)): the root t0 in [0, 2] of
 * ∫_t^∞ P_Gamma(f⁻¹(r/t); shape(SDR·r), scale(SDR·r)) φ(r) dr = α/2, then estimate ± SDR·t0·SE.
 * @example henmiCopas(bcgTable).ciUpper // 0.295 (metafor hc(rma(yi, vi))$ci.ub: 0.2949, BCG log risk ratios)
 */
export function henmiCopas(data: EffectData, options: HenmiCopasOptions = {}): HenmiCopasResult {
  const level = options.level ?? 95;
  if (typeof level !== 'number' || !(level > 0 && level < 100)) throw new MetasynthError('invalid_option', BIAS_MESSAGES.henmi_copas_level_percentage(level));
  const { yi, vi } = readStudies(data, 'henmiCopas');
  const k = yi.length;
  if (k < 2) throw new MetasynthError('not_estimable', BIAS_MESSAGES.henmi_copas_needs_least(k));
  const wi = vi.map((v) => 1 / v);
  const { w1, w2, w3, w4 } = moments(wi);
  const beta = yi.reduce((s, y, i) => s + wi[i]! * y, 0) / w1;
  const q = yi.reduce((s, y, i) => s + wi[i]! * (y - beta) ** 2, 0);
  const tau2 = Math.max(0, (q - (k - 1)) / (w1 - w2));
  const se = Math.sqrt((tau2 * w2 + 1) / w1);
  const vr = 1 + tau2 * w2;
  const sdr = Math.sqrt(vr);
  const d3 = w3 - w2 * w2;
  const eq = (r: number) => k - 1 + tau2 * (w1 - w2) + tau2 ** 2 * ((r * r) / vr ** 2 - 1 / vr) * d3;
  const vq = (r: number) => {
    const a = (r * r) / vr ** 2 - 1 / vr;
    return (
      2 * (k - 1) +
      4 * tau2 * (w1 - w2) +
      2 * tau2 ** 2 * (w1 * w2 - 2 * w3 + w2 * w2) +
      4 * tau2 ** 2 * a * d3 +
      4 * tau2 ** 3 * a * (w4 - 2 * w2 * w3 + w2 ** 3) +
      2 * tau2 ** 4 * (1 / vr ** 2 - (2 * r * r) / vr ** 3) * d3 * d3
    );
  };
  const finv = (f: number) => (w1 / w2 - 1) * (f * f - 1) + (k - 1);
  const alpha = 1 - level / 100;
  const equation = (t: number) => {
    const integrand = (r: number, out: Float64Array) => {
      const x = t === 0 ? Infinity : finv(r / t);
      const e = eq(sdr * r);
      const v = vq(sdr * r);
      const p = x <= 0 ? 0 : x === Infinity ? 1 : gammainc(x / (v / e), (e * e) / v, true, false);
      out[0] = p * Math.exp(-0.5 * r * r - LOG_SQRT_2PI);
    };
    return adaptiveGaussKronrod(integrand, [t, t + 1, t + 4, t + 40], 1, 1e-13).value[0]! - alpha / 2;
  };
  const t0 = bisect(equation, 0, 2);
  const u0 = sdr * t0;
  if (!Number.isFinite(u0 * se) || !Number.isFinite(beta)) throw new MetasynthError('not_estimable', BIAS_MESSAGES.henmi_copas_interval_cannot(k));
  return { k, level, estimate: beta, standardError: se, ciLower: beta - u0 * se, ciUpper: beta + u0 * se, tau2 };
}

/** Root of a decreasing function on [a, b] by bisection to double precision. */
function bisect(f: (x: number) => number, a: number, b: number): number {
  let fa = f(a);
  for (let i = 0; i < 200; i++) {
    const m = 0.5 * (a + b);
    if (m <= a || m >= b) break;
    const fm = f(m);
    if (fm === 0) return m;
    if (fm > 0 === fa > 0) {
      a = m;
      fa = fm;
    } else b = m;
  }
  return 0.5 * (a + b);
}
