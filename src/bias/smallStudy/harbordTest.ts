// Harbord's modified test for small-study effects with binary outcomes (Harbord, Egger & Sterne
// 2006, Statistics in Medicine 25, 3443–3457): Egger's regression with the log odds ratio replaced
// by the efficient score Z and its score variance V, both computed under the null of no effect
// (the hypergeometric mean and variance of ai given the table's margins):
//   Z = aᵢ − n₁ᵢm₁ᵢ/Nᵢ,   V = n₁ᵢn₂ᵢm₁ᵢm₂ᵢ / (Nᵢ²(Nᵢ − 1)),
// then Z/√V is regressed on √V by least squares; the intercept ("bias") is tested with t on k − 2
// df. This equals the weighted regression of Z/V on 1/√V (weights V) with a multiplicative
// dispersion, i.e. regressionTest(model 'lm', predictor 'sei') on yᵢ = Z/V, vᵢ = 1/V, whose
// slope is the bias. Studies with V = 0 (no events, or all events, in both arms together) carry no
// information and are left out with a warning.
import { MetasynthError, type Warning } from '../../core/errors.js';
import type { EffectTable } from '../../effects/types.js';
import { readBinaryCounts, type BinaryCounts } from './binaryCounts.js';
import { regressionTest } from './regressionTest.js';
import { BIAS_MESSAGES } from '../messages.js';

export interface BinaryBiasTestOptions {
  /** Confidence level in percent (default 95). */
  readonly level?: number;
}

export interface HarbordTestResult {
  /** Studies used (V > 0). */
  readonly k: number;
  /** The intercept of Z/√V on √V (meta's `bias`), its SE and CI. */
  readonly bias: number | null;
  readonly biasStandardError: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
  /** t statistic, df (k − 2) and two-sided p of the bias. */
  readonly statistic: number | null;
  readonly df: number;
  readonly pValue: number | null;
  /** Per study: the score Z and its variance V (all studies, in input order). */
  readonly score: readonly number[];
  readonly scoreVariance: readonly number[];
  readonly warnings: readonly Warning[];
}

/**
 * Harbord's score-based regression test for funnel-plot asymmetry of odds ratios.
 * @example Math.round(harbordTest({ ai: [4, 6, 3, 62, 33, 180, 8, 505, 29, 17, 186, 5, 27], bi: [119, 300, 228, 13536, 5036, 1361, 2537, 87886, 7470, 1699, 50448, 2493, 16886], ci: [11, 29, 11, 248, 47, 372, 10, 499, 45, 65, 141, 3, 29], di: [128, 274, 209, 12619, 5761, 1079, 619, 87892, 7232, 1600, 27197, 2338, 17825] }).statistic * 1e4) / 1e4 // -1.2565 (BCG; base R lm(I(Z/sqrt(V)) ~ sqrt(V)) gives t = -1.2565)
 */
export function harbordTest(data: BinaryCounts | EffectTable, options: BinaryBiasTestOptions = {}): HarbordTestResult {
  const what = 'Harbord test';
  const c = readBinaryCounts(data, what);
  const k = c.ai.length;
  const score: number[] = [];
  const scoreVariance: number[] = [];
  const yi: number[] = [];
  const vi: number[] = [];
  const left: string[] = [];
  for (let i = 0; i < k; i++) {
    const n1 = c.ai[i]! + c.bi[i]!;
    const n2 = c.ci[i]! + c.di[i]!;
    const m1 = c.ai[i]! + c.ci[i]!;
    const m2 = c.bi[i]! + c.di[i]!;
    const n = n1 + n2;
    const z = c.ai[i]! - (n1 * m1) / n;
    const v = (n1 * n2 * m1 * m2) / (n * n * (n - 1));
    score.push(z);
    scoreVariance.push(v);
    if (v > 0 && Number.isFinite(v)) {
      yi.push(z / v);
      vi.push(1 / v);
    } else left.push(c.study[i]!);
  }
  if (yi.length < 3) throw new MetasynthError('not_estimable', BIAS_MESSAGES.needs_least_studies_events(what, yi.length));
  const r = regressionTest({ effect: yi, variance: vi }, { model: 'lm', predictor: 'sei', level: options.level ?? 95 });
  const warnings: Warning[] = [...r.warnings];
  if (left.length > 0) warnings.push({ code: 'studies_excluded', message: BIAS_MESSAGES.harbord_studies_left_out(what, left.length, left).text });
  return {
    k: yi.length,
    bias: r.slope.estimate,
    biasStandardError: r.slope.standardError,
    ciLower: r.slope.ciLower,
    ciUpper: r.slope.ciUpper,
    statistic: r.statistic,
    df: yi.length - 2,
    pValue: r.pValue,
    score,
    scoreVariance,
    warnings,
  };
}
