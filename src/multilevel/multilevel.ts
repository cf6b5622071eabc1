// Multilevel and multivariate meta-analysis (metafor 3.8-1's rma.mv) on an EffectTable.
import { MetasynthError, type Warning } from '../core/errors.js';
import { normalCritical, studentTCritical } from '../distributions/index.js';
import type { EffectTable, Exclusion, Measure } from '../effects/types.js';
import type { ModeratorSpec } from '../regression/design.js';
import { estimateVariances, type MultilevelMethod } from './estimate.js';
import { samplingHeterogeneity } from './heterogeneity.js';
import { omnibusIndices, omnibusTest, waldCoefficients, type MultilevelTest, type OmnibusTest, type WaldCoefficient } from './inference.js';
import { glsFit, glsSums, planBlocks, splitParameters } from './likelihood.js';
import { buildModelData, type ModelData } from './modelData.js';
import type { OptimiseControl } from './optimise.js';
import type { MultilevelFit } from './multilevelFit.js';
import { parseRandomTerm, type Struct } from './randomTerms.js';
import type { SamplingCovarianceOption } from './samplingCovariance.js';
import type { ProfileInterval } from './profileConfint.js';
import { profileConfint } from './profileConfint.js';
import type { RobustResult, RobustType } from './clusterRobust.js';
import { multilevelRobust } from './robustFit.js';
import { MULTILEVEL_MESSAGES } from './messages.js';

export interface MultilevelOptions {
  /** Random-effects formulas as metafor writes them: `~ 1 | study/es`, `~ outcome | study`. */
  readonly random: readonly string[];
  /** Variance structure of an `~ inner | outer` term (required with one, refused without). */
  readonly struct?: Struct;
  /** Moderators (column names or `factor(x)`), as regress takes them; none = intercept only. */
  readonly mods?: readonly string[];
  readonly method?: MultilevelMethod;
  readonly test?: MultilevelTest;
  /** Confidence level in percent (default 95). */
  readonly level?: number;
  /** Known sampling covariance within clusters (columns or a constant rho). */
  readonly sampling?: SamplingCovarianceOption;
  readonly control?: OptimiseControl;
  /** Compute profile-likelihood CIs of the variance components (default false: each needs refits). */
  readonly confint?: boolean;
  /** Cluster-robust tests (metafor robust(); clubSandwich CR2) with clusters from a column. */
  readonly robust?: { readonly type: RobustType; readonly cluster: string };
}

export interface MultilevelConfint {
  readonly sigma2: readonly ProfileInterval[];
  readonly tau2: readonly ProfileInterval[];
  readonly rho: ProfileInterval | readonly ProfileInterval[] | null;
}

export interface NamedCoefficient extends WaldCoefficient {
  readonly name: string;
  readonly label: string;
}

export interface FitStatistics {
  readonly logLik: number;
  readonly deviance: number;
  readonly aic: number;
  readonly bic: number;
  readonly aicc: number;
}

export interface MultilevelPrediction {
  readonly study: string;
  readonly row?: number;
  readonly estimate: number;
  readonly standardError: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  readonly piLower: number | null;
  readonly piUpper: number | null;
}

export interface MultilevelResult extends OmnibusTest {
  readonly k: number;
  readonly measure: Measure;
  readonly method: MultilevelMethod;
  readonly test: MultilevelTest;
  readonly level: number;
  readonly random: readonly string[];
  readonly struct: Struct | null;
  readonly mods: readonly string[];
  readonly moderators: readonly ModeratorSpec[];
  readonly coefficients: readonly NamedCoefficient[];
  /** Covariance of the coefficients (metafor vb), row-major nested arrays. */
  readonly covariance: readonly (readonly number[])[];
  readonly sigma2: readonly { readonly name: string; readonly estimate: number; readonly levels: number }[];
  readonly tau2: readonly number[];
  readonly rho: number | readonly number[] | null;
  /** Inner levels of the struct term, the order of tau2 (and of G). */
  readonly innerLevels: readonly string[] | null;
  readonly q: number;
  readonly qDf: number;
  readonly qPValue: number;
  readonly piLower: number | null;
  readonly piUpper: number | null;
  readonly predictions: readonly MultilevelPrediction[] | null;
  readonly fit: { readonly ml: FitStatistics | null; readonly reml: FitStatistics | null };
  readonly i2: { readonly total: number; readonly levels: readonly { readonly name: string; readonly value: number }[] } | null;
  readonly confint: MultilevelConfint | null;
  readonly robust: RobustResult | null;
  readonly converged: boolean;
  readonly iterations: number;
  readonly excluded: readonly Exclusion[];
  readonly warnings: readonly Warning[];
}

export type { MultilevelFit } from './multilevelFit.js';

function fitStatistics(logLik: number, deviance: number, parms: number, n: number): FitStatistics {
  const denom = Math.max(n, parms + 2);
  return {
    logLik,
    deviance,
    aic: -2 * logLik + 2 * parms,
    bic: -2 * logLik + parms * Math.log(n),
    aicc: -2 * logLik + (2 * parms * denom) / (denom - parms - 1),
  };
}

/** Total random-effects variance added to a prediction's variance for its interval (sigma2 plus a single tau2); null when the structure has several tau2. */
function predictionVariance(fit: MultilevelFit): number | null {
  const par = splitParameters(fit.data, fit.theta);
  if (par.tau2.length > 1) return null;
  return [...par.sigma2, ...par.tau2].reduce((s, x) => s + x, 0);
}

/** Fitted values with CIs and PIs for the first `rows` rows (all by default). */
function predictions(fit: MultilevelFit, level: number, df: number | null, rows = fit.data.studies.length) {
  const x = fit.data.design.columns;
  const p = x.length;
  const crit = df === null ? normalCritical(level) : studentTCritical(level, df);
  const extra = predictionVariance(fit);
  const par = splitParameters(fit.data, fit.theta);
  const st = fit.data.structure.structTerm;
  const sigmaSum = par.sigma2.reduce((a, x) => a + x, 0);
  // Several tau2 (HCS, UN, DIAG, HAR): a row's interval uses the tau2 of its own inner level, as predict.rma.mv does for fitted values.
  const extraOf = (i: number) => (extra !== null ? extra : st ? sigmaSum + par.tau2[st.innerOf[i]!]! : null);
  return fit.data.studies.slice(0, rows).map((s, i) => {
    let est = 0;
    let v = 0;
    for (let a = 0; a < p; a++) {
      est += x[a]![i]! * fit.beta[a]!;
      for (let b = 0; b < p; b++) v += x[a]![i]! * fit.vb[a * p + b]! * x[b]![i]!;
    }
    const se = Math.sqrt(v);
    const add = extraOf(i);
    const piHalf = add === null ? null : crit * Math.sqrt(v + add);
    return {
      study: s.study,
      ...(s.row !== undefined ? { row: s.row } : {}),
      estimate: est,
      standardError: se,
      ciLower: est - crit * se,
      ciUpper: est + crit * se,
      piLower: piHalf === null ? null : est - piHalf,
      piUpper: piHalf === null ? null : est + piHalf,
    };
  });
}

/**
 * Fit the variance components and the GLS coefficients (the part profile CIs and robust tests reuse).
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * const data = buildModelData(table.studies, { random: [parseRandomTerm('~ 1 | district/school')], mods: [] });
 * const fit = fitMultilevelModel(data, 'REML');
 * fit.theta // [0.0406, 0.2864]
 */
export function fitMultilevelModel(
  data: ModelData,
  method: MultilevelMethod,
  control?: OptimiseControl,
): MultilevelFit & { converged: boolean; iterations: number } {
  const plan = planBlocks(data);
  const est = estimateVariances(data, plan, { method, ...(control ? { control } : {}) });
  // A nested fit's last evaluation already holds the GLS fit at θ̂; other models take one more pass.
  const sums = est.gls ? null : glsSums(data, plan, est.theta);
  const gls = est.gls ?? (sums && glsFit(sums, data.y.length, 0));
  if (!gls) throw new MetasynthError('not_estimable', MULTILEVEL_MESSAGES.multilevel_marginal_covariance_x());
  return { data, plan, method, theta: est.theta, beta: gls.beta, vb: gls.vb, logLik: est.logLik, converged: est.converged, iterations: est.iterations };
}

function i2ByLevel(fit: MultilevelFit, typical: number): MultilevelResult['i2'] {
  const par = splitParameters(fit.data, fit.theta);
  if (par.tau2.length > 1 || !Number.isFinite(typical)) return null;
  const parts = [
    ...fit.data.structure.sigma.map((s, j) => ({ name: s.name, value: par.sigma2[j]! })),
    ...(par.tau2.length === 1 ? [{ name: 'tau2', value: par.tau2[0]! }] : []),
  ];
  const total = parts.reduce((s, x) => s + x.value, 0);
  const denom = total + typical;
  return { total: (100 * total) / denom, levels: parts.map((x) => ({ name: x.name, value: (100 * x.value) / denom })) };
}

/**
 * Multilevel / multivariate random-effects model, as metafor's
 * `rma.mv(yi, V, mods, random = list(...), struct, method, test, data)`.
 * The marginal covariance is handled block by block (rows are joined into a block only when
 * they share a random effect or a sampling-covariance cluster), so no k×k matrix is formed.
 *
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * multilevel(table, { random: ['~ 1 | district/school'] }).sigma2.map((s) => s.estimate) // [0.0406, 0.2864]
 */
export function multilevel(table: EffectTable, options: MultilevelOptions): MultilevelResult {
  const method = options.method ?? 'REML';
  const test = options.test ?? 'z';
  const level = options.level ?? 95;
  const mods = options.mods ?? [];
  const random = options.random.map(parseRandomTerm);
  const data = buildModelData(table.studies, {
    random,
    ...(options.struct ? { struct: options.struct } : {}),
    mods,
    ...(options.sampling ? { sampling: options.sampling } : {}),
    ...(table.file !== undefined ? { file: table.file } : {}),
  });
  const fit = fitMultilevelModel(data, method, options.control);
  const k = data.y.length;
  const p = data.design.columns.length;
  const df = test === 't' ? k - p : null;
  const names = data.design.info.map((c) => c.name);
  const coefficients = waldCoefficients(fit.beta, fit.vb, level, df).map((c, j) => ({ name: names[j]!, label: data.design.info[j]!.label, ...c }));
  const omnibus = omnibusTest(fit.beta, fit.vb, omnibusIndices(names), df);
  const het = samplingHeterogeneity(data, fit.plan, fit.theta.length);
  const par = splitParameters(data, fit.theta);
  const parms = p + fit.theta.length;
  const ml = method === 'ML' ? fitStatistics(fit.logLik, -2 * (fit.logLik - het.logLikSaturated), parms, k) : null;
  const reml = method === 'REML' ? fitStatistics(fit.logLik, -2 * fit.logLik, parms, k - p) : null;
  const intercept = p === 1;
  // Intercept only: every row has the same prediction, so one row gives the interval.
  const preds = predictions(fit, level, df, intercept ? 1 : undefined);
  const st = data.structure.structTerm;
  const warnings: Warning[] = data.excluded.map((e) => ({
    code: 'row_excluded',
    message: MULTILEVEL_MESSAGES.row_excluded(e.row, e.study, e.reason).text,
    study: e.study,
    ...(e.row !== undefined ? { row: e.row } : {}),
  }));
  if (!fit.converged) warnings.push({ code: 'not_converged', message: MULTILEVEL_MESSAGES.not_converged_multilevel(fit.iterations).text });
  return {
    k,
    measure: table.measure,
    method,
    test,
    level,
    random: options.random,
    struct: st ? st.struct : null,
    mods,
    moderators: data.design.moderators,
    coefficients,
    covariance: Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => fit.vb[i * p + j]!)),
    sigma2: data.structure.sigma.map((s, j) => ({ name: s.name, estimate: par.sigma2[j]!, levels: s.nLevels })),
    tau2: Array.from(par.tau2),
    rho: par.rho.length === 0 ? null : par.rho.length === 1 ? par.rho[0]! : Array.from(par.rho),
    innerLevels: st ? st.innerLevels : null,
    q: het.qe,
    qDf: het.qeDf,
    qPValue: het.qePValue,
    ...omnibus,
    // One interval for an intercept-only fit needs one total variance: null with several tau2 (metafor asks for tau2.levels there).
    piLower: intercept && par.tau2.length <= 1 ? preds[0]!.piLower : null,
    piUpper: intercept && par.tau2.length <= 1 ? preds[0]!.piUpper : null,
    predictions: intercept ? null : preds,
    fit: { ml, reml },
    i2: i2ByLevel(fit, het.typicalVariance),
    confint: options.confint === true ? profileConfint(fit, level) : null,
    robust: options.robust ? multilevelRobust(fit, options.robust, omnibusIndices(names), level) : null,
    converged: fit.converged,
    iterations: fit.iterations,
    excluded: data.excluded,
    warnings,
  };
}
