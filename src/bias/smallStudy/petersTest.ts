// Peters' test for small-study effects with binary outcomes (Peters, Sutton, Jones, Abrams &
// Rushton 2006, JAMA 295, 676–680): weighted least squares of the studies' log odds ratios on the
// inverse of the total sample size, 1/Nᵢ, with weights m₁ᵢm₂ᵢ/(m₁ᵢ + m₂ᵢ) — the inverse of
// 1/(events) + 1/(non-events), the variance of the log odds of the pooled event probability — and a
// multiplicative dispersion; the slope is tested with t on k − 2 df. It is regressionTest(model
// 'lm', predictor 'ninv') with vᵢ = 1/m₁ᵢ + 1/m₂ᵢ in place of the effects' sampling variances.
// The intercept estimates the effect of an infinitely large study. Studies without events or
// without non-events have weight 0 and are left out with a warning.
import { MetasynthError, type Warning } from '../../core/errors.js';
import type { EffectTable } from '../../effects/types.js';
import { readBinaryCounts, type BinaryCounts } from './binaryCounts.js';
import type { BinaryBiasTestOptions } from './harbordTest.js';
import { regressionTest, type RegressionTestEstimate } from './regressionTest.js';

export interface PetersTestResult {
  readonly k: number;
  /** The slope on 1/N: t statistic, df (k − 2), p. */
  readonly statistic: number | null;
  readonly df: number;
  readonly pValue: number | null;
  readonly slope: RegressionTestEstimate;
  /** The intercept: the effect at 1/N = 0. */
  readonly intercept: RegressionTestEstimate;
  readonly warnings: readonly Warning[];
}

/**
 * Peters' regression test for funnel-plot asymmetry of (log) odds ratios; `effect` (or the
 * table's effects) must be the log odds ratios.
 * @example Math.round(petersTest({ ai: [4, 6, 3, 62, 33], bi: [119, 300, 228, 13536, 5036], ci: [11, 29, 11, 248, 47], di: [128, 274, 209, 12619, 5761], effect: [-0.9387, -1.6662, -1.3863, -1.4564, -0.2191] }).statistic * 1e4) / 1e4 // -0.0708 (the first five BCG trials)
 */
export function petersTest(data: BinaryCounts | EffectTable, options: BinaryBiasTestOptions = {}): PetersTestResult {
  const what = 'Peters test';
  if ('measure' in data && data.measure !== 'OR') throw new MetasynthError('invalid_option', `${what}: the test regresses log odds ratios; the table's measure is ${String(data.measure)} (use --measure OR)`);
  const c = readBinaryCounts(data, what);
  if (c.effect === null) throw new MetasynthError('invalid_input', `${what}: needs the studies' log odds ratios (effect)`);
  const yi: number[] = [];
  const vi: number[] = [];
  const ni: number[] = [];
  const left: string[] = [];
  for (let i = 0; i < c.ai.length; i++) {
    const m1 = c.ai[i]! + c.ci[i]!;
    const m2 = c.bi[i]! + c.di[i]!;
    if (m1 > 0 && m2 > 0 && Number.isFinite(c.effect[i]!)) {
      yi.push(c.effect[i]!);
      vi.push(1 / m1 + 1 / m2);
      ni.push(m1 + m2);
    } else left.push(c.study[i]!);
  }
  if (yi.length < 3) throw new MetasynthError('not_estimable', `${what}: needs at least 3 studies with events and non-events; ${yi.length} ${yi.length === 1 ? 'has' : 'have'} them`);
  const r = regressionTest({ effect: yi, variance: vi }, { model: 'lm', predictor: 'ninv', ni, level: options.level ?? 95 });
  const warnings: Warning[] = [...r.warnings];
  if (left.length > 0) warnings.push({ code: 'studies_excluded', message: `${what}: ${left.length} ${left.length === 1 ? 'study' : 'studies'} without events or without non-events left out (weight 0): ${left.join(', ')}` });
  return { k: yi.length, statistic: r.statistic, df: yi.length - 2, pValue: r.pValue, slope: r.slope, intercept: r.intercept, warnings };
}
