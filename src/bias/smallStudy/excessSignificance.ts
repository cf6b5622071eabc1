// Test of excess significance (Ioannidis & Trikalinos 2007; metafor 3.8-1 `tes()`): the number of
// studies significant at `alpha` (observed, O) against the number expected (E = Σ power), the
// power of study i against the true effect θ (the model's estimate) averaged over N(θ, τ²) when
// τ² > 0 (over θ ± 5τ, as metafor integrates).
// Ioannidis, J. P. A., & Trikalinos, T. A. (2007). An exploratory test for an excess of
// significant findings. Clinical Trials, 4, 245–253.
import gammaln from '@stdlib/math-base-special-gammaln';
import { MetasynthError } from '../../core/errors.js';
import { chiSquareSurvival, normalCdf, normalQuantile } from '../../distributions/index.js';
import { adaptiveGaussKronrod } from '../../selection/gaussKronrod.js';
import { readStudies, type EffectData } from '../../pool/effectData.js';
import { BIAS_MESSAGES } from '../messages.js';

export const TES_ALTERNATIVES = ['two.sided', 'greater', 'less'] as const;
export type TesAlternative = (typeof TES_ALTERNATIVES)[number];
export const TES_TESTS = ['exact', 'chi2', 'binom'] as const;
export type TesTest = (typeof TES_TESTS)[number];

export interface ExcessSignificanceOptions {
  /** Direction of the studies' significance tests (default 'two.sided'), their level (default 0.05) and null value (default 0). */
  readonly alternative?: TesAlternative;
  readonly alpha?: number;
  readonly h0?: number;
  /** True effect (default: the inverse-variance weighted mean with weights 1/(vᵢ + τ²)). */
  readonly theta?: number;
  /** Heterogeneity (default 0). */
  readonly tau2?: number;
  /** Default: 'exact' when at most 10⁶ outcomes are summed, else 'chi2' (metafor's rule). */
  readonly test?: TesTest;
  /** Direction of the test of O against E (default 'greater'). */
  readonly tesAlternative?: TesAlternative;
}

export interface ExcessSignificanceResult {
  readonly k: number;
  readonly observed: number;
  readonly expected: number;
  /** X² of the chi-square test (null for the exact and binomial tests). */
  readonly statistic: number | null;
  readonly pValue: number;
  readonly test: TesTest;
  readonly theta: number;
  readonly power: readonly number[];
}

function powerAt(mean: number, crit: number, alternative: TesAlternative): number {
  if (alternative === 'greater') return normalCdf(mean - crit);
  if (alternative === 'less') return normalCdf(crit - mean);
  return normalCdf(mean - crit) + normalCdf(-crit - mean);
}

/** Poisson-binomial pmf of the number of successes (the exact distribution of O under H0). */
function poissonBinomial(p: readonly number[]): Float64Array {
  let pmf = Float64Array.of(1);
  for (const pi of p) {
    const next = new Float64Array(pmf.length + 1);
    for (let j = 0; j < pmf.length; j++) {
      next[j] = next[j]! + pmf[j]! * (1 - pi);
      next[j + 1] = next[j + 1]! + pmf[j]! * pi;
    }
    pmf = next;
  }
  return pmf;
}

/** log of the binomial coefficient C(k, j). */
function binomcoefln(k: number, j: number): number {
  return gammaln(k + 1) - gammaln(j + 1) - gammaln(k - j + 1);
}

function binomialPmf(j: number, k: number, p: number): number {
  return Math.exp(binomcoefln(k, j) + j * Math.log(p) + (k - j) * Math.log1p(-p));
}

/** Two-sided sum over outcomes no more likely than the observed one (R's binom.test / metafor's exact rule). */
function pValueFromPmf(pmf: ArrayLike<number>, o: number, alt: TesAlternative, slack: number): number {
  let s = 0;
  for (let j = 0; j < pmf.length; j++) {
    if (alt === 'greater' ? j >= o : alt === 'less' ? j <= o : pmf[j]! <= pmf[o]! * (1 + slack) + (slack === 0 ? Number.EPSILON ** 0.5 : 0)) s += pmf[j]!;
  }
  return Math.min(1, s);
}

/**
 * Test of excess significance (metafor tes(yi, vi, ...)).
 * @example excessSignificance(bcgTable, { theta: 0.2 }).expected // 3.1253 (metafor tes(yi, vi, theta = 0.2)$E, BCG log risk ratios)
 */
export function excessSignificance(data: EffectData, options: ExcessSignificanceOptions = {}): ExcessSignificanceResult {
  const alternative = options.alternative ?? 'two.sided';
  const tesAlternative = options.tesAlternative ?? 'greater';
  const alpha = options.alpha ?? 0.05;
  const h0 = options.h0 ?? 0;
  const tau2 = options.tau2 ?? 0;
  for (const [name, v] of [
    ['alternative', alternative],
    ['tesAlternative', tesAlternative],
  ] as const) {
    if (!(TES_ALTERNATIVES as readonly string[]).includes(v))
      throw new MetasynthError('invalid_option', BIAS_MESSAGES.excess_significance_one(name, TES_ALTERNATIVES, v));
  }
  if (!(alpha > 0 && alpha < 1)) throw new MetasynthError('invalid_option', BIAS_MESSAGES.excess_significance_alpha_strictly(alpha));
  if (!(tau2 >= 0)) throw new MetasynthError('invalid_option', BIAS_MESSAGES.excess_significance_tau2_least(tau2));
  const { yi, vi } = readStudies(data, 'excessSignificance');
  const k = yi.length;
  const crit = alternative === 'two.sided' ? normalQuantile(1 - alpha / 2) : alternative === 'greater' ? normalQuantile(1 - alpha) : normalQuantile(alpha);
  const wi = vi.map((v) => 1 / (v + tau2));
  const theta = options.theta ?? yi.reduce((s, y, i) => s + wi[i]! * y, 0) / wi.reduce((a, b) => a + b, 0);
  const tau = Math.sqrt(tau2);
  const power = Array.from(vi, (v) => {
    const sei = Math.sqrt(v);
    if (tau2 === 0) return powerAt((theta - h0) / sei, crit, alternative);
    const f = (x: number, out: Float64Array) => {
      const z = (x - theta) / tau;
      out[0] = (powerAt((x - h0) / sei, crit, alternative) * Math.exp(-0.5 * z * z)) / (tau * Math.sqrt(2 * Math.PI));
    };
    return adaptiveGaussKronrod(f, [theta - 5 * tau, theta, theta + 5 * tau], 1, 1e-13).value[0]!;
  });
  const observed = Array.from(yi, (y, i) => {
    const z = (y - h0) / Math.sqrt(vi[i]!);
    return alternative === 'two.sided' ? Math.abs(z) >= crit : alternative === 'greater' ? z >= crit : z <= crit;
  }).filter(Boolean).length;
  const expected = power.reduce((a, b) => a + b, 0);
  const js = tesAlternative === 'two.sided' ? [0, k] : tesAlternative === 'greater' ? [observed, k] : [0, observed];
  let total = 0;
  for (let j = js[0]!; j <= js[1]!; j++) total += Math.exp(binomcoefln(k, j));
  const test = options.test ?? (total <= 1e6 ? 'exact' : 'chi2');
  const p = expected / k;
  if (test === 'chi2') {
    const x2 = (observed - k * p) ** 2 / (k * p * (1 - p));
    const z = (observed / k - p) / Math.sqrt((p * (1 - p)) / k);
    const pValue = tesAlternative === 'two.sided' ? chiSquareSurvival(x2, 1) : tesAlternative === 'greater' ? normalCdf(-z) : normalCdf(z);
    return { k, observed, expected, statistic: x2, pValue, test, theta, power };
  }
  const pmf = test === 'exact' ? poissonBinomial(power) : Float64Array.from({ length: k + 1 }, (_, j) => binomialPmf(j, k, p));
  return { k, observed, expected, statistic: null, pValue: pValueFromPmf(pmf, observed, tesAlternative, test === 'binom' ? 1e-7 : 0), test, theta, power };
}
