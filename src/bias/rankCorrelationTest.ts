import type { Warning } from '../core/errors.js';
import { normalTwoSidedP } from '../distributions/index.js';
import { readStudies, finiteOrNull, type EffectData } from '../pool/effectData.js';
import { kendallCounts, kendallExactCdf } from './kendall.js';
import { BIAS_MESSAGES } from './messages.js';

/**
 * Above this many studies the exact null distribution (work ~k³/4) gives way to the normal
 * approximation, with a warning: at k = 1,000 the exact sum already takes about 0.7 s,
 * and R's own recursion cannot allocate it.
 */
export const RANK_TEST_EXACT_MAX_K = 1000;

export interface RankCorrelationOptions {
  /** Use the exact null distribution when there are no ties (metafor's default). Default true. */
  readonly exact?: boolean;
}

export interface RankCorrelationResult {
  readonly k: number;
  /** Kendall's tau (tau-b, = tau-a without ties) between standardised effects and variances. */
  readonly kendallTau: number | null;
  /** Two-sided p-value. */
  readonly pValue: number | null;
  /** 'exact' or 'normal' (the approximation with the variance corrected for ties). */
  readonly pValueMethod: 'exact' | 'normal' | null;
  /** The normal statistic S/√Var(S) when the approximation is used, else null. */
  readonly statistic: number | null;
  readonly warnings: readonly Warning[];
}

/**
 * Begg and Mazumdar's rank correlation test for funnel plot asymmetry: Kendall's tau between the
 * standardised deviates (yᵢ − μ̂)/√(vᵢ − Var μ̂) from the fixed-effect estimate μ̂ and the
 * sampling variances vᵢ. Without ties the p-value comes from the exact null distribution, with ties
 * from the normal approximation with tie-corrected variance, both as R's cor.test, which metafor's
 * `ranktest(res)` calls with `exact = TRUE`.
 * Begg, C. B., & Mazumdar, M. (1994). Operating characteristics of a rank correlation test for
 * publication bias. Biometrics, 50, 1088–1101.
 * @example
 * // metafor: ranktest(rma(yi, vi, data = escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data = dat.bcg)))
 * rankCorrelationTest(bcgRR) // { kendallTau: 0.02564102564102564, pValue: 0.9523619079608663, pValueMethod: 'exact', ... }
 */
export function rankCorrelationTest(data: EffectData, options: RankCorrelationOptions = {}): RankCorrelationResult {
  const { yi, vi } = readStudies(data, 'rankCorrelationTest');
  const k = yi.length;
  const exact = options.exact ?? true;
  if (k < 3) {
    return {
      k,
      kendallTau: null,
      pValue: null,
      pValueMethod: null,
      statistic: null,
      warnings: [{ code: 'too_few_studies', message: BIAS_MESSAGES.too_few_studies_rank(k).text }],
    };
  }
  // Fixed-effect (inverse-variance) estimate and its variance.
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < k; i++) {
    sw += 1 / vi[i]!;
    swy += yi[i]! / vi[i]!;
  }
  const mu = swy / sw;
  const varMu = 1 / sw;
  const deviates = new Float64Array(k);
  for (let i = 0; i < k; i++) deviates[i] = (yi[i]! - mu) / Math.sqrt(vi[i]! - varMu);

  const counts = kendallCounts(deviates, vi);
  const warnings: Warning[] = [];
  const ties = counts.xTies.length > 0 || counts.yTies.length > 0;
  if (!Number.isFinite(counts.tau)) {
    return {
      k,
      kendallTau: null,
      pValue: null,
      pValueMethod: null,
      statistic: null,
      warnings: [{ code: 'not_estimable', message: BIAS_MESSAGES.not_estimable_rank().text }],
    };
  }
  if (exact && !ties && k <= RANK_TEST_EXACT_MAX_K) {
    const concordant = (counts.s + counts.pairs) / 2;
    // P(C ≥ c) = P(C ≤ T0 − c) by symmetry, so both tails are lower sums (never 1 − cdf).
    const tail = concordant > counts.pairs / 2 ? kendallExactCdf(counts.pairs - concordant, k) : kendallExactCdf(concordant, k);
    return { k, kendallTau: counts.tau, pValue: Math.min(1, 2 * tail), pValueMethod: 'exact', statistic: null, warnings };
  }
  if (exact && ties) {
    warnings.push({ code: 'ties', message: BIAS_MESSAGES.ties().text });
  } else if (exact && k > RANK_TEST_EXACT_MAX_K) {
    warnings.push({ code: 'normal_approximation', message: BIAS_MESSAGES.normal_approximation(k, RANK_TEST_EXACT_MAX_K).text });
  }
  // Var(S) with ties (Kendall 1970, eq. 4.4; R's cor.test).
  const n = k;
  const sum = (ts: readonly number[], f: (t: number) => number) => ts.reduce((a, t) => a + f(t), 0);
  const v0 = n * (n - 1) * (2 * n + 5);
  const vt = sum(counts.xTies, (t) => t * (t - 1) * (2 * t + 5));
  const vu = sum(counts.yTies, (t) => t * (t - 1) * (2 * t + 5));
  const v1 = sum(counts.xTies, (t) => t * (t - 1)) * sum(counts.yTies, (t) => t * (t - 1));
  const v2 = sum(counts.xTies, (t) => t * (t - 1) * (t - 2)) * sum(counts.yTies, (t) => t * (t - 1) * (t - 2));
  const varS = (v0 - vt - vu) / 18 + v1 / (2 * n * (n - 1)) + v2 / (9 * n * (n - 1) * (n - 2));
  const z = counts.s / Math.sqrt(varS);
  return {
    k,
    kendallTau: counts.tau,
    pValue: finiteOrNull(normalTwoSidedP(z)),
    pValueMethod: 'normal',
    statistic: finiteOrNull(z),
    warnings,
  };
}
