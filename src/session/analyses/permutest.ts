// The permutation tests of `metasynth permutest` (metafor's permutest.rma.uni): the sign-flip test of the
// pooled estimate, or the test of meta-regression moderators, and the JSON document `permutest --json`
// prints. Shared by the CLI and the web page (which runs it in a Web Worker).
import type { Warning } from '../../core/errors.js';
import { MetasynthError } from '../../core/errors.js';
import type { PoolManyMethod } from '../../batch/index.js';
import type { EffectTable, Exclusion, Measure } from '../../effects/types.js';
import { backTransform, type BackTransformName } from '../../effects/backTransform.js';
import type { Tau2Control } from '../../heterogeneity/index.js';
import { MAX_EXACT_PERMUTATIONS, moderatorPermutationTest, permutationTest } from '../../permutation/index.js';
import type { PoolTest } from '../../pool/index.js';
// Types only from regression: the design is built by permutestDesign.ts, so the Web Worker, which runs
// this module, does not bundle the formula parser.
import type { Design, ModeratorSpec } from '../../regression/design.js';
import { SESSION_MESSAGES } from '../messages.js';

/** What was tested: the pooled estimate of the intercept-only model, or the moderators of a meta-regression. */
export const PERMUTEST_ANALYSES = ['intercept', 'moderators'] as const;
export type PermutestAnalysis = (typeof PERMUTEST_ANALYSES)[number];

/** The JSON document of `permutest --json` (a public contract; see README, section json). */
export interface PermutestDocument {
  readonly analysis: PermutestAnalysis;
  readonly k: number;
  readonly measure: Measure;
  readonly method: PoolManyMethod;
  readonly test: PoolTest;
  readonly level: number;
  readonly mods: readonly string[];
  readonly exact: boolean;
  readonly permutations: number;
  readonly seed: number | null;
  /** The headline test: z (t for knha) of the estimate without moderators; the omnibus QM (F for knha) with them. */
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly coefficients: readonly { name: string; label: string; estimate: number | null; statistic: number | null; pValue: number | null }[];
  /**
   * The pooled estimate back-transformed by the measure's transformation (intercept analysis of a
   * measure that has one, e.g. exp for RR); null otherwise.
   */
  readonly transformed: { readonly scale: BackTransformName; readonly estimate: number | null } | null;
  readonly qm: number | null;
  readonly qmDf: number;
  readonly qmPValue: number | null;
  readonly failed: number;
  readonly moderators: readonly ModeratorSpec[];
  readonly excluded: readonly Exclusion[];
  readonly kExcluded: number;
  readonly warnings: readonly Warning[];
}

/** The settings of `metasynth permutest`, as parsed from its options. */
export type PermutestSettings = {
  mods: readonly string[] | null;
  method: PoolManyMethod;
  test: PoolTest;
  level: number;
  control?: Tau2Control;
  exact: boolean;
  iterations: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
};

/**
 * Runs the test the settings ask for (moderators when `mods` is given, on `design`, their design
 * matrix from permutestDesign; else the pooled estimate) and returns the JSON document of
 * `metasynth permutest --json` (before the input's warnings are added).
 * @example runPermutest(bcgTable, { mods: null, method: 'REML', test: 'z', level: 95, exact: false, iterations: 100, seed: 1 }, null).analysis // 'intercept'
 */
export function runPermutest(table: EffectTable, settings: PermutestSettings, design: Design | null): PermutestDocument {
  const { mods, exact, iterations, seed, onProgress } = settings;
  const options = { exact, iterations, seed, ...(onProgress ? { onProgress } : {}) };
  if (mods === null) return interceptPermutest(table, settings, options);
  if (design === null) throw new MetasynthError('internal', SESSION_MESSAGES.session_permutest_no_design());
  return moderatorPermutest(table, mods, design, settings, options);
}

type PermutationRunOptions = { exact: boolean; iterations: number; seed: number; onProgress?: (done: number, total: number) => void };

/** Sign flips of the effects: the test of the pooled estimate (metafor permutest of an intercept-only model). */
function interceptPermutest(table: EffectTable, settings: PermutestSettings, options: PermutationRunOptions): PermutestDocument {
  const { method, test, level, exact } = settings;
  if (exact && 2 ** table.studies.length > MAX_EXACT_PERMUTATIONS) {
    throw new MetasynthError('invalid_option', SESSION_MESSAGES.permutest_exact_k_studies(table.studies.length, MAX_EXACT_PERMUTATIONS));
  }
  const r = permutationTest(table, { method, test, level, ...(settings.control ? { control: settings.control } : {}), ...options });
  return {
    analysis: 'intercept',
    k: r.k,
    measure: table.measure,
    method: r.method,
    test: r.test,
    level: r.level,
    mods: [],
    exact: r.exact,
    permutations: r.permutations,
    seed: r.seed,
    statistic: r.statistic,
    pValue: r.pValue,
    coefficients: [{ name: 'intrcpt', label: 'intercept', estimate: r.estimate, statistic: r.statistic, pValue: r.pValue }],
    transformed: backTransform(table.measure, { estimate: r.estimate }),
    qm: r.qm,
    qmDf: 1,
    qmPValue: r.qmPValue,
    failed: r.failed,
    moderators: [],
    excluded: [],
    kExcluded: 0,
    warnings: r.warnings,
  };
}

/** Permutations of the design rows: the tests of the moderators (metafor permutest of a meta-regression). */
function moderatorPermutest(
  table: EffectTable,
  mods: readonly string[],
  design: Design,
  settings: PermutestSettings,
  options: PermutationRunOptions,
): PermutestDocument {
  const { method, test, level } = settings;
  const model = {
    yi: Float64Array.from(design.rows, (i) => table.studies[i]!.effect),
    vi: Float64Array.from(design.rows, (i) => table.studies[i]!.variance),
    columns: design.columns,
    names: design.info.map((c) => c.name),
    method,
    test,
    level,
    ...(settings.control ? { control: settings.control } : {}),
  };
  let r: ReturnType<typeof moderatorPermutationTest>;
  try {
    r = moderatorPermutationTest(model, options);
  } catch (err) {
    // The library words its limit for API callers ("use exact: false"); say it in CLI terms.
    if (err instanceof MetasynthError && err.code === 'invalid_option' && /exact test needs/.test(err.message)) {
      throw new MetasynthError('invalid_option', SESSION_MESSAGES.permutest_exact_needs_more(MAX_EXACT_PERMUTATIONS, design.rows.length));
    }
    throw err;
  }
  const warnings: Warning[] = [...r.warnings];
  if (design.excluded.length > 0) {
    warnings.push({ code: 'studies_excluded', message: SESSION_MESSAGES.studies_excluded_left_out(design.excluded.length, r.k).text });
  }
  return {
    analysis: 'moderators',
    k: r.k,
    measure: table.measure,
    method: r.method as PoolManyMethod,
    test: r.test,
    level: r.level,
    mods: mods.map((m) => m.trim()),
    exact: r.exact,
    permutations: r.permutations,
    seed: r.seed,
    statistic: r.qm,
    pValue: r.qmPValue,
    coefficients: r.coefficients.map((c, j) => ({
      name: c.name,
      label: design.info[j]!.label,
      estimate: c.estimate,
      statistic: c.statistic,
      pValue: c.pValue,
    })),
    transformed: null,
    qm: r.qm,
    qmDf: r.qmDf,
    qmPValue: r.qmPValue,
    failed: r.failed,
    moderators: design.moderators,
    excluded: design.excluded,
    kExcluded: design.excluded.length,
    warnings,
  };
}
