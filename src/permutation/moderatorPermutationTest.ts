// Permutation test of meta-regression moderators (metafor permutest.rma.uni for a model with
// moderators; Higgins & Thompson 2004, Stat Med 23:1663; Viechtbauer et al. 2015, Res Synth Methods 6:1).
import { MetasynthError, type Warning } from '../core/errors.js';
import { progressTicker, type ProgressCallback } from '../core/progress.js';
import { fitMetaRegression, type FitMetaRegressionInput, type MetaRegressionFit } from '../regression/fitMetaRegression.js';
import { checkPermutationOptions, MAX_EXACT_PERMUTATIONS, PERMUTATION_COMPARISON_TOLERANCE } from './permutationTest.js';
import { seededRandom } from './random.js';
import { PERMUTATION_MESSAGES } from './messages.js';

export interface ModeratorPermutationOptions {
  /** true: enumerate every distinct row permutation of the moderators. false (default): enumerate them when there are at most `iterations` (metafor's rule), otherwise draw `iterations` at random. */
  readonly exact?: boolean;
  /** Number of random permutations, the observed arrangement included as the first (default 1000, ≥ 2). */
  readonly iterations?: number;
  /** Seed of the random permutations (integer 0 … 2³² − 1, default 1). */
  readonly seed?: number;
  readonly onProgress?: ProgressCallback;
}

export interface PermutedCoefficient {
  readonly name: string;
  readonly estimate: number | null;
  /** Observed z (or t for knha). */
  readonly statistic: number | null;
  /** Permutation p-value: share of permutations with |statistic*| ≥ |statistic|. */
  readonly pValue: number | null;
}

export interface ModeratorPermutationResult {
  readonly k: number;
  readonly p: number;
  readonly method: MetaRegressionFit['method'];
  readonly test: MetaRegressionFit['test'];
  readonly level: number;
  readonly exact: boolean;
  readonly permutations: number;
  readonly seed: number | null;
  readonly coefficients: readonly PermutedCoefficient[];
  /** Observed omnibus moderator test (χ², or F for knha) and its permutation p-value. */
  readonly qm: number | null;
  readonly qmDf: number;
  readonly qmPValue: number | null;
  /** Permutations whose refit failed (left out of the p-values). */
  readonly failed: number;
  readonly warnings: readonly Warning[];
}

/**
 * Permutation test of the moderators of a meta-regression, as metafor's
 * `permutest(rma(yi, vi, mods = X))`: the rows of the design matrix are permuted against the
 * effects (yi, vi stay in place), the model is refitted to each arrangement, and each p-value is
 * the share of arrangements whose |z| (|t| for knha) — or QM for the omnibus test — is at least
 * the observed one (less metafor's tolerance √ε). Exact (every distinct arrangement: k! divided by
 * the factorials of the counts of identical rows) when `exact` is true or there are no more than
 * `iterations` of them; otherwise `iterations` random arrangements, the observed one counted first.
 * The model is given as to `fitMetaRegression` (first column the intercept of ones).
 * @example moderatorPermutationTest({ yi: bcgYi, vi: bcgVi, columns: [new Float64Array(13).fill(1), Float64Array.from(bcgTable.studies.map((s) => s.moderators.ablat))] }, { seed: 42, iterations: 200 }).coefficients.length // 2
 */
export function moderatorPermutationTest(model: FitMetaRegressionInput, options: ModeratorPermutationOptions = {}): ModeratorPermutationResult {
  const iterations = options.iterations ?? 1000;
  const seed = options.seed ?? 1;
  checkPermutationOptions('moderatorPermutationTest', { method: model.method ?? 'REML', test: model.test ?? 'z', level: model.level ?? 95, iterations, seed });
  const observed = fitMetaRegression(model);
  const columns = model.columns.map((c) => Float64Array.from(c));
  const rowClasses = identicalRows(columns, observed.k);
  const exactCount = distinctArrangements(rowClasses.classOf, rowClasses.representative.length);
  const exact = options.exact === true || exactCount <= iterations;
  if (exact && !(exactCount <= MAX_EXACT_PERMUTATIONS)) {
    throw new MetasynthError('invalid_option', PERMUTATION_MESSAGES.moderator_permutation_test_exact(exactCount, MAX_EXACT_PERMUTATIONS));
  }
  const total = exact ? exactCount : iterations;
  const tally = permutationTally(observed);
  const refit = refitter(model, columns);
  const ticker = progressTicker(total, options.onProgress);
  if (exact) {
    // Every distinct arrangement of the row classes, in lexicographic order (next-permutation on a
    // multiset visits each distinct arrangement once).
    const arrangement = Int32Array.from(rowClasses.classOf).sort();
    const rows = new Int32Array(observed.k);
    let n = 0;
    do {
      for (let i = 0; i < rows.length; i++) rows[i] = rowClasses.representative[arrangement[i] as number] as number;
      tally.record(refit(rows));
      ticker.tick(++n);
    } while (nextPermutation(arrangement));
  } else {
    tally.record(observed);
    ticker.tick(1);
    randomArrangements(observed.k, iterations, seed, (rows, it) => {
      tally.record(refit(rows));
      ticker.tick(it + 1);
    });
  }
  ticker.finish();
  const warnings: Warning[] = [...observed.warnings];
  if (tally.failed > 0) warnings.push({ code: 'refit_failed', message: PERMUTATION_MESSAGES.refit_failed(tally.failed, total).text });
  return {
    k: observed.k,
    p: observed.p,
    method: observed.method,
    test: observed.test,
    level: observed.level,
    exact,
    permutations: total,
    seed: exact ? null : seed,
    ...tally.pValues(),
    failed: tally.failed,
    warnings,
  };
}

/** Identical rows of the design are interchangeable: class c holds the rows equal to its first row, representative[c]. */
function identicalRows(columns: readonly Float64Array[], k: number): { classOf: Int32Array; representative: number[] } {
  const classOf = new Int32Array(k);
  const representative: number[] = [];
  const keys = new Map<string, number>();
  for (let i = 0; i < k; i++) {
    const key = columns.map((c) => c[i] as number).join('\u0000');
    let c = keys.get(key);
    if (c === undefined) {
      c = representative.length;
      keys.set(key, c);
      representative.push(i);
    }
    classOf[i] = c;
  }
  return { classOf, representative };
}

/** Refit with row r of the design moved to position i for rows[i] = r (null when the refit fails). */
function refitter(model: FitMetaRegressionInput, columns: readonly Float64Array[]): (rows: ArrayLike<number>) => MetaRegressionFit | null {
  const k = columns[0]?.length ?? 0;
  const permuted = columns.map(() => new Float64Array(k));
  return (rows) => {
    columns.forEach((src, j) => {
      const dst = permuted[j] as Float64Array;
      for (let i = 0; i < k; i++) dst[i] = src[rows[i] as number] as number;
    });
    try {
      return fitMetaRegression({ ...model, columns: permuted });
    } catch (e) {
      if (e instanceof MetasynthError) return null;
      throw e;
    }
  };
}

/** `iterations − 1` seeded Fisher–Yates shuffles of 0 … k − 1 (the observed arrangement is the first of `iterations`). */
function randomArrangements(k: number, iterations: number, seed: number, visit: (rows: Int32Array, iteration: number) => void): void {
  const random = seededRandom(seed);
  const rows = new Int32Array(k);
  for (let it = 1; it < iterations; it++) {
    for (let i = 0; i < k; i++) rows[i] = i;
    for (let i = k - 1; i > 0; i--) {
      const j = random.below(i + 1);
      const t = rows[i] as number;
      rows[i] = rows[j] as number;
      rows[j] = t;
    }
    visit(rows, it);
  }
}

/**
 * Counts, per coefficient and for QM, the refits whose |statistic| (QM) reaches the observed one
 * less metafor's tolerance √ε, and turns them into permutation p-values.
 */
function permutationTally(observed: MetaRegressionFit) {
  const p = observed.p;
  const stat0 = observed.coefficients.map((c) => c.statistic);
  const targets = stat0.map((z) => (z === null ? NaN : Math.abs(z) - PERMUTATION_COMPARISON_TOLERANCE));
  const qmTarget = observed.qm === null ? NaN : observed.qm - PERMUTATION_COMPARISON_TOLERANCE;
  const atLeast = new Float64Array(p);
  const valid = new Float64Array(p);
  let qmAtLeast = 0;
  let qmValid = 0;
  const tally = {
    failed: 0,
    record(fit: MetaRegressionFit | null): void {
      if (fit === null) {
        tally.failed++;
        return;
      }
      fit.coefficients.forEach((c, j) => {
        if (c.statistic === null) return;
        valid[j] = (valid[j] as number) + 1;
        if (Math.abs(c.statistic) >= (targets[j] as number)) atLeast[j] = (atLeast[j] as number) + 1;
      });
      if (fit.qm !== null) {
        qmValid++;
        if (fit.qm >= qmTarget) qmAtLeast++;
      }
    },
    pValues(): Pick<ModeratorPermutationResult, 'coefficients' | 'qm' | 'qmDf' | 'qmPValue'> {
      return {
        coefficients: observed.coefficients.map((c, j) => ({
          name: c.name,
          estimate: c.estimate ?? null,
          statistic: stat0[j] ?? null,
          pValue: stat0[j] === null || valid[j] === 0 ? null : Math.min(1, (atLeast[j] as number) / (valid[j] as number)),
        })),
        qm: observed.qm,
        qmDf: observed.qmDf,
        qmPValue: observed.qm === null || qmValid === 0 ? null : Math.min(1, qmAtLeast / qmValid),
      };
    },
  };
  return tally;
}

/** k! / ∏ m_c! for class sizes m_c: the number of distinct arrangements (Infinity when huge). */
function distinctArrangements(classOf: Int32Array, classes: number): number {
  const sizes = new Float64Array(classes);
  for (const c of classOf) sizes[c] = (sizes[c] as number) + 1;
  // Product of binomials C(placed + m, m), built factor by factor.
  let count = 1;
  let placed = 0;
  for (const m of sizes) {
    for (let i = 1; i <= m; i++) count = (count * (placed + i)) / i;
    placed += m;
    if (!Number.isFinite(count)) return Infinity;
  }
  return Math.round(count);
}

/** Rearranges `a` into the next lexicographic permutation; false when it was the last one. */
function nextPermutation(a: Int32Array): boolean {
  let i = a.length - 2;
  while (i >= 0 && (a[i] as number) >= (a[i + 1] as number)) i--;
  if (i < 0) return false;
  let j = a.length - 1;
  while ((a[j] as number) <= (a[i] as number)) j--;
  let t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
  for (let l = i + 1, r = a.length - 1; l < r; l++, r--) {
    t = a[l] as number;
    a[l] = a[r] as number;
    a[r] = t;
  }
  return true;
}
