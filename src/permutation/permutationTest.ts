// Permutation test of the pooled estimate of an intercept-only model (metafor permutest.rma.uni
// for a model without moderators; Follmann & Proschan 1999, Biometrics 55:1065).
import { readStudies, type EffectData } from '../pool/effectData.js';
import { MetasynthError, type Warning } from '../core/errors.js';
import { progressTicker, type ProgressCallback } from '../core/progress.js';
import type { Tau2Control } from '../heterogeneity/tau2/types.js';
import { fitIntercept } from '../pool/fitIntercept.js';
import { TESTS, isPoolTest, type FitInterceptOptions, type PoolTest } from '../pool/types.js';
import { isPoolManyMethod, POOL_MANY_METHODS, type PoolManyMethod } from '../batch/poolMany.js';
import { isSeed, seededRandom } from './random.js';
import { finiteOrNull } from '../core/finite.js';
import { PERMUTATION_MESSAGES } from './messages.js';

/**
 * metafor's comparison tolerance (`comptol = .Machine$double.eps^0.5`): a permuted statistic
 * counts as at least as extreme as the observed one when |t*| ≥ |t| − comptol, so that the
 * observed arrangement and its mirror images count despite rounding.
 */
export const PERMUTATION_COMPARISON_TOLERANCE = Math.sqrt(2 ** -52);

/** The largest exact test run: 2²⁴ ≈ 16.8 million refits. */
export const MAX_EXACT_PERMUTATIONS = 2 ** 24;

export interface PermutationTestOptions {
  /** tau² method (default 'REML'). */
  readonly method?: PoolManyMethod;
  /** 'z' (default) or 'knha'. */
  readonly test?: PoolTest;
  /** Confidence level of the fits, percent (default 95). */
  readonly level?: number;
  readonly control?: Tau2Control;
  /**
   * true: enumerate every permutation. false (default): enumerate them anyway when there are no
   * more than `iterations` of them (metafor's rule), otherwise draw `iterations` at random.
   */
  readonly exact?: boolean;
  /** Number of random permutations, the observed one included as the first (default 1000, ≥ 2). */
  readonly iterations?: number;
  /** Seed of the random permutations (integer 0 … 2³² − 1, default 1): same seed, same p-value everywhere. */
  readonly seed?: number;
  readonly onProgress?: ProgressCallback;
}

export interface PermutationTestResult {
  readonly k: number;
  readonly method: PoolManyMethod;
  readonly test: PoolTest;
  readonly level: number;
  /** True when every permutation was used. */
  readonly exact: boolean;
  /** Permutations evaluated (2^k when exact). */
  readonly permutations: number;
  /** The seed used; null for an exact test. */
  readonly seed: number | null;
  /** Observed estimate and its z (or t) statistic. */
  readonly estimate: number | null;
  readonly statistic: number | null;
  /** Permutation p-value of the estimate (two-sided: share of |statistic*| ≥ |statistic|). */
  readonly pValue: number | null;
  /** Observed omnibus statistic QM (z², or F = t² for knha) and its permutation p-value. */
  readonly qm: number | null;
  readonly qmPValue: number | null;
  /** Permutations whose refit gave no statistic (left out of the p-values, as metafor's na.rm). */
  readonly failed: number;
  readonly warnings: readonly Warning[];
}

interface PermutationTally {
  /** Permutations whose refit gave a statistic. */
  valid: number;
  /** Of those, how many had |statistic*| ≥ |statistic| − tolerance. */
  atLeast: number;
  /** Of those, how many had QM* ≥ QM − tolerance. */
  qmAtLeast: number;
  /** Permutations whose refit gave no statistic. */
  failed: number;
}

/**
 * Refit the model to every sign pattern (exact) or to `total` patterns, the observed one first
 * (random), and count the patterns at least as extreme as the observed statistic.
 */
function tallyPermutations(
  yi: Float64Array,
  vi: Float64Array,
  fitOptions: FitInterceptOptions,
  observedStatistic: number,
  run: { exact: boolean; total: number; seed: number; onProgress: ProgressCallback | undefined },
): PermutationTally {
  const k = yi.length;
  const target = Math.abs(observedStatistic) - PERMUTATION_COMPARISON_TOLERANCE;
  const qmTarget = observedStatistic * observedStatistic - PERMUTATION_COMPARISON_TOLERANCE;
  const ys = new Float64Array(k);
  const tally: PermutationTally = { valid: 0, atLeast: 0, qmAtLeast: 0, failed: 0 };
  const ticker = progressTicker(run.total, run.onProgress);
  const count = (stat: number): void => {
    if (!Number.isFinite(stat)) {
      tally.failed++;
      return;
    }
    tally.valid++;
    if (Math.abs(stat) >= target) tally.atLeast++;
    if (stat * stat >= qmTarget) tally.qmAtLeast++;
  };
  if (run.exact) {
    // Pattern i flips study j when bit j of i is set (metafor's expand.grid order: study 1 fastest).
    for (let i = 0; i < run.total; i++) {
      for (let j = 0; j < k; j++) ys[j] = (Math.floor(i / 2 ** j) & 1) === 1 ? -(yi[j] as number) : (yi[j] as number);
      count(fitIntercept(ys, vi, fitOptions).statistic);
      ticker.tick(i + 1);
    }
  } else {
    const random = seededRandom(run.seed);
    count(observedStatistic);
    ticker.tick(1);
    for (let i = 1; i < run.total; i++) {
      for (let j = 0; j < k; j++) ys[j] = (random.nextUint32() & 1) === 1 ? -(yi[j] as number) : (yi[j] as number);
      count(fitIntercept(ys, vi, fitOptions).statistic);
      ticker.tick(i + 1);
    }
  }
  ticker.finish();
  return tally;
}

/**
 * Permutation test of the pooled estimate μ = 0 in the intercept-only random- or equal-effects
 * model, as metafor's `permutest(rma(yi, vi, method, test))`: under the null hypothesis each
 * yᵢ is symmetric about 0, so the signs of the observed effects are flipped (all 2^k sign
 * patterns when exact, random patterns otherwise), the model is refitted to each pattern, and the
 * p-value is the share of patterns whose |z| (or |t|) is at least the observed one (less
 * metafor's tolerance √ε). A random test counts the observed pattern as the first of
 * `iterations`, as metafor does. Exact when `exact` is true or 2^k ≤ `iterations`.
 * @example
 * // metafor: permutest(rma(yi, vi, data = dat.bcg RR, method = "DL"), exact = TRUE)$pval
 * permutationTest(bcgRR, { method: 'DL', exact: true }).pValue // 0.001708984375 (14 of 8192)
 */
export function permutationTest(data: EffectData, options: PermutationTestOptions = {}): PermutationTestResult {
  const method = options.method ?? 'REML';
  const test = options.test ?? 'z';
  const level = options.level ?? 95;
  const iterations = options.iterations ?? 1000;
  const seed = options.seed ?? 1;
  checkPermutationOptions('permutationTest', { method, test, level, iterations, seed });
  const { yi, vi } = readStudies(data, 'permutationTest');
  const k = yi.length;
  const exactCount = 2 ** k;
  const exact = options.exact === true || exactCount <= iterations;
  if (exact && exactCount > MAX_EXACT_PERMUTATIONS) {
    throw new MetasynthError('invalid_option', PERMUTATION_MESSAGES.permutation_test_exact_test(k, MAX_EXACT_PERMUTATIONS));
  }
  const fitOptions: FitInterceptOptions = { method, test, level, ...(options.control ? { control: options.control } : {}) };
  const observed = fitIntercept(yi, vi, fitOptions);
  const base = { k, method, test: observed.test, level, exact, seed: exact ? null : seed };
  const total = exact ? exactCount : iterations;
  if (!Number.isFinite(observed.statistic)) {
    return {
      ...base,
      permutations: 0,
      estimate: finiteOrNull(observed.estimate),
      statistic: null,
      pValue: null,
      qm: null,
      qmPValue: null,
      failed: 0,
      warnings: [...observed.warnings, { code: 'not_estimable', message: PERMUTATION_MESSAGES.not_estimable_permutation().text }],
    };
  }
  const { valid, atLeast, qmAtLeast, failed } = tallyPermutations(yi, vi, fitOptions, observed.statistic, {
    exact,
    total,
    seed,
    onProgress: options.onProgress,
  });
  const qmObserved = observed.statistic * observed.statistic;
  const warnings: Warning[] = [...observed.warnings];
  if (failed > 0) warnings.push({ code: 'refit_failed', message: PERMUTATION_MESSAGES.refit_failed_permutation(failed, total).text });
  return {
    ...base,
    permutations: total,
    estimate: finiteOrNull(observed.estimate),
    statistic: finiteOrNull(observed.statistic),
    pValue: valid > 0 ? Math.min(1, atLeast / valid) : null,
    qm: finiteOrNull(qmObserved),
    qmPValue: valid > 0 ? Math.min(1, qmAtLeast / valid) : null,
    failed,
    warnings,
  };
}

/** Shared option checks of the permutation tests (throws `invalid_option`). */
export function checkPermutationOptions(what: string, o: { method: unknown; test: unknown; level: unknown; iterations: unknown; seed: unknown }): void {
  const problems: string[] = [];
  if (!isPoolManyMethod(o.method)) problems.push(PERMUTATION_MESSAGES.method_one_2(o.method, POOL_MANY_METHODS).text);
  if (!isPoolTest(o.test)) problems.push(PERMUTATION_MESSAGES.test_one(o.test, TESTS).text);
  if (!(typeof o.level === 'number' && o.level > 0 && o.level < 100)) problems.push(PERMUTATION_MESSAGES.level_percentage_strictly_between_3(o.level).text);
  if (!(typeof o.iterations === 'number' && Number.isInteger(o.iterations) && o.iterations >= 2))
    problems.push(PERMUTATION_MESSAGES.iterations_integer_least(o.iterations).text);
  if (!isSeed(o.seed)) problems.push(PERMUTATION_MESSAGES.seed_integer_from_2(o.seed).text);
  if (problems.length > 0) {
    throw new MetasynthError(
      'invalid_option',
      PERMUTATION_MESSAGES.permutation_invalid_options(what),
      problems.map((message) => ({ code: 'invalid_option', message })),
    );
  }
}
