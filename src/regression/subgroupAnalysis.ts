// Subgroup analysis: a separate model per level, the test of subgroup differences, and the
// mixed-effects moderator test (Borenstein et al. 2009, Introduction to Meta-Analysis, ch. 19;
// metafor: one rma() per level, rma(estimates, sei = ses, method = "EE") for Q between, and
// rma(yi, vi, mods = ~ factor(g)) for the moderator test).
import { MetasynthError, type Warning } from '../core/errors.js';
import type { EffectTable, Exclusion } from '../effects/types.js';
import { buildDesign, parseModeratorTerm } from './design.js';
import { fitMetaRegression, type FitMetaRegressionInput, type MetaRegressionMethod, type RegressionTest, type Tau2Control } from './fitMetaRegression.js';
import { metaRegression } from './metaRegression.js';
import { REGRESSION_MESSAGES } from './messages.js';

export interface SubgroupOptions {
  /** The grouping moderator (a column name); its levels are sorted as R's factor() sorts them. */
  readonly by: string;
  /** τ² estimator within subgroups and for the moderator test (default `REML`). */
  readonly method?: MetaRegressionMethod;
  /** `z` (default) or `knha`, for the subgroup estimates and the moderator test. */
  readonly test?: RegressionTest;
  /** Confidence level in percent (default 95). */
  readonly level?: number;
  /** Use one τ² for all subgroups, the residual τ² of the model with the factor (default false: each subgroup its own τ²). */
  readonly commonTau2?: boolean;
  readonly control?: Tau2Control;
}

export interface SubgroupResult {
  readonly level: string;
  readonly k: number;
  readonly estimate: number | null;
  readonly standardError: number | null;
  readonly statistic: number | null;
  /** t-test df (knha), else null. */
  readonly df: number | null;
  readonly pValue: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
  readonly tau2: number | null;
  readonly i2: number | null;
  readonly h2: number | null;
  /** Cochran's Q within the subgroup, with k − 1 df. */
  readonly q: number | null;
  readonly qDf: number;
  readonly qPValue: number | null;
}

export interface SubgroupAnalysisResult {
  readonly by: string;
  readonly method: MetaRegressionMethod;
  readonly test: RegressionTest;
  readonly level: number;
  readonly commonTau2: boolean;
  /** Studies used (with a value of `by`). */
  readonly k: number;
  readonly subgroups: readonly SubgroupResult[];
  /** Test of subgroup differences: Q of a fixed-effect model on the subgroup estimates and their SEs, with (levels − 1) df. */
  readonly between: { readonly q: number | null; readonly df: number; readonly pValue: number | null };
  /** Omnibus moderator test of the mixed-effects model with the factor (χ² for z; F with (df, dfDenominator) for knha), with its residual τ² and QE. */
  readonly moderatorTest: {
    readonly qm: number | null;
    readonly df: number;
    readonly dfDenominator: number | null;
    readonly pValue: number | null;
    readonly tau2: number | null;
    readonly qe: number | null;
    readonly qePValue: number | null;
    readonly k: number;
  };
  readonly excluded: readonly Exclusion[];
  readonly kExcluded: number;
  readonly warnings: readonly Warning[];
}

/**
 * Subgroup analysis of a table by a categorical moderator: per level, the pooled effect with its
 * own τ² (or a common τ²), heterogeneity (τ², I², H², Q); the test of subgroup differences
 * (Q between, fixed-effect model on the subgroup estimates); and the moderator test QM of the
 * mixed-effects model with the factor. Studies without a value of `by` are left out (`excluded`).
 *
 * @example
 * subgroupAnalysis(bcgTable, { by: 'alloc' }).between // { q: 1.8614, df: 2, pValue: 0.3943 }
 */
export function subgroupAnalysis(table: EffectTable, options: SubgroupOptions): SubgroupAnalysisResult {
  if (!options || typeof options.by !== 'string' || options.by.trim() === '')
    throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.subgroup_analysis_grouping_moderator());
  const by = parseModeratorTerm(options.by).moderator;
  const method: MetaRegressionMethod = options.method ?? 'REML';
  const test: RegressionTest = options.test ?? 'z';
  const level = options.level ?? 95;
  const commonTau2 = options.commonTau2 ?? false;
  const shared = { method, test, level, ...(options.control ? { control: options.control } : {}) };

  // The model with the factor: also validates `by` (unknown, single level) and finds the rows used.
  const design = buildDesign(table.studies, [`factor(${by})`], 'subgroup analysis');
  const spec = design.moderators[0]!;
  const levels = spec.kind === 'factor' ? spec.levels : [];
  const modModel = metaRegression(table, { mods: [`factor(${by})`], ...shared });
  const warnings: Warning[] = [...modModel.warnings];
  const fixedTau2 = commonTau2 ? (modModel.tau2 ?? 0) : undefined;

  const groupOf = (r: number) => {
    const x = table.studies[r]!.moderators[by];
    return typeof x === 'number' ? String(Number(x.toPrecision(15))) : String(x);
  };
  const subgroups = levels.map((lv) =>
    subgroupFit(
      table,
      design.rows.filter((r) => groupOf(r) === lv),
      lv,
      { ...shared, ...(fixedTau2 !== undefined ? { tau2: fixedTau2 } : {}) },
      warnings,
    ),
  );
  const between = subgroupDifferences(subgroups, levels.length - 1, warnings);

  return {
    by,
    method,
    test: modModel.test,
    level,
    commonTau2,
    k: design.rows.length,
    subgroups,
    between,
    moderatorTest: {
      qm: modModel.qm,
      df: modModel.qmDf,
      dfDenominator: modModel.df,
      pValue: modModel.qmPValue,
      tau2: modModel.tau2,
      qe: modModel.qe,
      qePValue: modModel.qePValue,
      k: modModel.k,
    },
    excluded: design.excluded,
    kExcluded: design.excluded.length,
    warnings,
  };
}

/** One subgroup's own intercept-only fit (its own τ², or the common τ² given in `settings`). */
function subgroupFit(
  table: EffectTable,
  rows: readonly number[],
  level: string,
  settings: Omit<FitMetaRegressionInput, 'yi' | 'vi' | 'columns'>,
  warnings: Warning[],
): SubgroupResult {
  const fit = fitMetaRegression({
    yi: Float64Array.from(rows, (r) => table.studies[r]!.effect),
    vi: Float64Array.from(rows, (r) => table.studies[r]!.variance),
    columns: [new Float64Array(rows.length).fill(1)],
    names: ['intrcpt'],
    ...settings,
  });
  for (const w of fit.warnings) warnings.push({ ...w, message: REGRESSION_MESSAGES.subgroup_warning(level, w.message).text });
  const c = fit.coefficients[0]!;
  return {
    level,
    k: fit.k,
    estimate: c.estimate,
    standardError: c.standardError,
    statistic: c.statistic,
    df: fit.df,
    pValue: c.pValue,
    ciLower: c.ciLower,
    ciUpper: c.ciUpper,
    tau2: fit.tau2,
    i2: fit.i2,
    h2: fit.h2,
    q: fit.qe,
    qDf: fit.qeDf,
    qPValue: fit.qePValue,
  };
}

/** The test of subgroup differences: Q of a fixed-effect model on the subgroup estimates, df = levels − 1. */
function subgroupDifferences(subgroups: readonly SubgroupResult[], df: number, warnings: Warning[]): SubgroupAnalysisResult['between'] {
  const usable = subgroups.filter((s) => s.estimate !== null && s.standardError !== null && s.standardError > 0);
  if (usable.length !== subgroups.length) {
    warnings.push({ code: 'between_not_estimable', message: REGRESSION_MESSAGES.between_not_estimable().text });
    return { q: null, df, pValue: null };
  }
  const ee = fitMetaRegression({
    yi: usable.map((s) => s.estimate!),
    vi: usable.map((s) => s.standardError! ** 2),
    columns: [new Float64Array(usable.length).fill(1)],
    method: 'EE',
  });
  return { q: ee.qe, df, pValue: ee.qePValue };
}
