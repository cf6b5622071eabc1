// The general mixed-effects meta-regression engine (metafor: rma.uni with mods / a model matrix).
// Work is O(k·p²) with p×p algebra only: no k×k matrix is ever formed. tau² comes from the one
// estimator registry (src/heterogeneity/tau2), through the design model of the same weighted
// least-squares core as the intercept-only fit (which it uses when the design is the intercept).
import { MetasynthError, type Warning } from '../core/errors.js';
import { finiteOrNull } from '../core/finite.js';
import { countOf } from '../core/plural.js';
import { chiSquareSurvival, fSurvival, normalCritical, normalTwoSidedP, studentTCritical, studentTTwoSidedP } from '../distributions/index.js';
import { h2FromQ, h2FromTau2, i2FromQ, i2FromTau2 } from '../heterogeneity/heterogeneityStatistics.js';
import {
  MODEL_METHODS,
  TAU2_ESTIMATORS,
  designModel,
  interceptModel,
  isModelMethod,
  needsUserWeights,
  tau2MethodOf,
  type ModelMethod,
  type Tau2Control as EstimatorControl,
  type Tau2Model,
} from '../heterogeneity/tau2/index.js';
import { cholesky, choleskyLogDet, choleskySolve, multiply, weightedGram } from '../heterogeneity/wls/linalg.js';
import { weightedProjection, type WeightedProjection } from '../heterogeneity/wls/projection.js';
import { fitStatistics } from '../pool/fitStatistics.js';
import {
  TESTS,
  isPoolTest,
  isTTest,
  knappHartungScale,
  type FitStatistics,
  type HeterogeneityIntervals,
  type PoolTest,
  type Tau2IntervalType,
} from '../pool/types.js';
import { profileLikelihoodInterval } from '../heterogeneity/profileLikelihood.js';
import { checkCollinearity, scaleDesign, toCallerBasis, weightCentred, type ScaledDesign } from './scaledDesign.js';
import { REGRESSION_MESSAGES } from './messages.js';

export { COLLINEARITY_THRESHOLD } from './scaledDesign.js';

/** The tau² methods of meta-regression: the estimator registry's list (EE, its alias FE, DL, ...). */
export const META_REGRESSION_METHODS = MODEL_METHODS;
export type MetaRegressionMethod = ModelMethod;
export const isMetaRegressionMethod = isModelMethod;

/** The tests of the coefficients: pool's (z, or knha: Knapp–Hartung t and F tests). */
export const REGRESSION_TESTS = TESTS;
export type RegressionTest = PoolTest;
/**
 * True for a test of the coefficients (REGRESSION_TESTS).
 * @example isRegressionTest('knha') // true
 */
export const isRegressionTest = isPoolTest;

/**
 * The iterative estimators' control, as the pooling engine's (tolerance: |Δτ²| ≤
 * tolerance·max(τ², typical vi), default 1e-12; maxIterations of Fisher scoring before the
 * bracketed fallback, default 1000).
 */
export type Tau2Control = Pick<EstimatorControl, 'tolerance' | 'maxIterations'>;

export interface FitMetaRegressionInput {
  /** Observed effects yi (length k). */
  readonly yi: ArrayLike<number>;
  /** Sampling variances vi (length k, > 0). */
  readonly vi: ArrayLike<number>;
  /** Design-matrix columns, each of length k; the first is the intercept (all ones) when the model has one. */
  readonly columns: readonly ArrayLike<number>[];
  /** Coefficient names, one per column (default `intrcpt`, `X1`, `X2`, ...). */
  readonly names?: readonly string[];
  /** τ² estimator (default `REML`); `EE` (alias `FE`) fits the fixed-effects model. */
  readonly method?: MetaRegressionMethod;
  /** `z` (default) or `knha` (Knapp–Hartung: t and F tests with k − p df, metafor's scaling). */
  readonly test?: RegressionTest;
  /** Confidence level in percent (default 95). */
  readonly level?: number;
  /** Iteration control for ML, REML, EB, PM (defaults: tolerance 1e-12, maxIterations 1000). */
  readonly control?: Tau2Control;
  /** Fixed τ² instead of estimating it (metafor's `tau2` argument); not counted as a parameter. */
  readonly tau2?: number;
  /**
   * User weights a_i ≥ 0 (metafor `rma(..., weights = )`): β = (XᵀAX)⁻¹XᵀAy with covariance
   * (XᵀAX)⁻¹XᵀA·M·AX(XᵀAX)⁻¹, M = diag(v + τ²); τ² as without them except for GENQ and GENQM,
   * which need them; knha/adhoc scale by the inverse-variance fit's residual Q; QE, I² and H² are
   * those of the inverse-variance model.
   */
  readonly weights?: ArrayLike<number>;
  /** `PL`: also the profile-likelihood interval of the residual τ² (`confintPL`; ML and REML fits only). */
  readonly tau2Ci?: Tau2IntervalType;
}

export interface RegressionCoefficient {
  readonly name: string;
  readonly estimate: number | null;
  readonly standardError: number | null;
  /** z or t statistic. */
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
}

/** metafor fitstats(), shared with the intercept-only model (src/pool). */
export type { FitStatistics };

export interface MetaRegressionFit {
  readonly k: number;
  /** Number of coefficients. */
  readonly p: number;
  readonly method: MetaRegressionMethod;
  readonly test: RegressionTest;
  readonly level: number;
  /** True when the first column is the intercept (all ones). */
  readonly intercept: boolean;
  readonly coefficients: readonly RegressionCoefficient[];
  /** Covariance matrix of the coefficients (metafor `vb`), p×p, in coefficient order. */
  readonly covariance: readonly (readonly (number | null)[])[];
  /** Residual df k − p of the t and F tests (knha); null for z tests. */
  readonly df: number | null;
  /** Residual heterogeneity τ² (0 for EE). */
  readonly tau2: number | null;
  readonly tau2StandardError: number | null;
  /** I² (percent) and H² of the residual heterogeneity. */
  readonly i2: number | null;
  readonly h2: number | null;
  /** Pseudo R² (percent): proportional reduction of τ² from the intercept-only model with the same method, truncated at 0 (null without intercept or moderators). */
  readonly r2: number | null;
  /** Omnibus test of the moderators (all coefficients but the intercept): χ²(qmDf) for z, F(qmDf, df) for knha (then QM is divided by qmDf). */
  readonly qm: number | null;
  readonly qmDf: number;
  readonly qmPValue: number | null;
  /** Test for residual heterogeneity QE with k − p df. */
  readonly qe: number | null;
  readonly qeDf: number;
  readonly qePValue: number | null;
  readonly fit: { readonly ml: FitStatistics; readonly reml: FitStatistics };
  /** Profile-likelihood intervals of the residual τ², τ, I² and H² (metafor confint(type = "PL")), only when asked for (`tau2Ci: 'PL'`). */
  readonly confintPL?: HeterogeneityIntervals;
  readonly converged: boolean;
  readonly iterations: number;
  readonly warnings: readonly Warning[];
}

function defaultNames(p: number, intercept: boolean): string[] {
  return Array.from({ length: p }, (_, j) => (intercept && j === 0 ? 'intrcpt' : `X${intercept ? j : j + 1}`));
}

function toFloat64(a: ArrayLike<number>): Float64Array {
  return Float64Array.from(a as ArrayLike<number>);
}

/** The validated input of one fit. */
interface Checked {
  readonly method: MetaRegressionMethod;
  readonly test: RegressionTest;
  readonly level: number;
  readonly y: Float64Array;
  readonly v: Float64Array;
  readonly columns: readonly Float64Array[];
  readonly names: readonly string[];
  readonly intercept: boolean;
  readonly fixedTau2: number | undefined;
  readonly isEE: boolean;
  readonly weights: Float64Array | undefined;
}

/** The user weights (throws `invalid_input` naming the study): finite, ≥ 0, not all 0, one per study. */
function checkWeights(weights: ArrayLike<number> | undefined, k: number): Float64Array | undefined {
  if (weights === undefined) return undefined;
  const a = toFloat64(weights);
  if (a.length !== k) throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.meta_regression_weights_value(countOf(a.length, 'value'), k));
  let total = 0;
  for (let i = 0; i < k; i++) {
    if (!(Number.isFinite(a[i]!) && a[i]! >= 0)) throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.meta_regression_study_weights(i, a[i]));
    total += a[i]!;
  }
  if (!(total > 0)) throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.meta_regression_weights_all());
  return a;
}

function checkOptions(input: FitMetaRegressionInput): Pick<Checked, 'method' | 'test' | 'level' | 'fixedTau2'> {
  const method: MetaRegressionMethod = input.method ?? 'REML';
  const test: RegressionTest = input.test ?? 'z';
  const level = input.level ?? 95;
  if (!isMetaRegressionMethod(method))
    throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.meta_regression_unknown_method(method, META_REGRESSION_METHODS));
  if (!isRegressionTest(test)) throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.meta_regression_unknown_test(test, REGRESSION_TESTS));
  if (!(level > 0 && level < 100)) throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.meta_regression_level_between(level));
  if (input.tau2Ci !== undefined && input.tau2Ci !== 'PL')
    throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.meta_regression_tau2ci_pl(input.tau2Ci));
  if (input.tau2Ci === 'PL' && method !== 'ML' && method !== 'REML')
    throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.meta_regression_tau2ci_pl_2(method));
  if (needsUserWeights(method) && input.weights === undefined)
    throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.meta_regression_method_needs(method));
  const fixedTau2 = input.tau2;
  if (fixedTau2 !== undefined && !(fixedTau2 >= 0 && Number.isFinite(fixedTau2)))
    throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.meta_regression_fixed_tau2(fixedTau2));
  return { method, test, level, fixedTau2 };
}

function checkData(y: Float64Array, v: Float64Array, columns: readonly Float64Array[], names: readonly string[]): void {
  const k = y.length;
  const p = columns.length;
  for (let i = 0; i < k; i++) {
    if (!Number.isFinite(y[i]!)) throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.meta_regression_study_yi(i + 1, y[i]));
    if (!(v[i]! > 0) || !Number.isFinite(v[i]!)) throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.meta_regression_study_vi(i + 1, v[i]));
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(columns[j]![i]!))
        throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.meta_regression_study_moderator(i + 1, names[j], columns[j]![i]));
    }
  }
}

/** Validates the input (throws `MetasynthError`) and copies it into typed arrays. */
function checkInput(input: FitMetaRegressionInput): Checked {
  const options = checkOptions(input);
  const y = toFloat64(input.yi);
  const v = toFloat64(input.vi);
  const k = y.length;
  const p = input.columns.length;
  if (v.length !== k) throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.meta_regression_yi_has(countOf(k, 'value'), v.length));
  if (p === 0) throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.meta_regression_design_needs());
  const columns = input.columns.map(toFloat64);
  columns.forEach((c, j) => {
    if (c.length !== k) throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.meta_regression_design_column(j + 1, countOf(c.length, 'value'), k));
  });
  const intercept = columns[0]!.every((x) => x === 1);
  const names = input.names ? [...input.names] : defaultNames(p, intercept);
  if (names.length !== p) throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.meta_regression_names_design(names.length, p));
  checkData(y, v, columns, names);
  const weights = checkWeights(input.weights, k);
  const isEE = tau2MethodOf(options.method) === 'EE';
  const needed = isEE || options.fixedTau2 !== undefined ? p : p + 1;
  if (!(k === 1 && p === 1 && intercept) && k < needed) {
    throw new MetasynthError('not_estimable', REGRESSION_MESSAGES.meta_regression_too_few(k, countOf(needed, 'parameter'), p, needed));
  }
  return { ...options, y, v, columns, names, intercept, isEE, weights };
}

interface Tau2Fit {
  readonly tau2: number;
  readonly standardError: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: readonly Warning[];
}

/** Residual tau² by the registry's estimator, or the caller's fixed value (throws when not estimable). */
function residualTau2(c: Checked, model: Tau2Model, control: Tau2Control | undefined): Tau2Fit {
  if (c.fixedTau2 !== undefined) return { tau2: c.isEE ? 0 : c.fixedTau2, standardError: NaN, iterations: 0, converged: true, warnings: [] };
  if (c.y.length === 1) return { tau2: 0, standardError: NaN, iterations: 0, converged: true, warnings: [] };
  const est = TAU2_ESTIMATORS[tau2MethodOf(c.method)](model, control);
  if (!Number.isFinite(est.tau2)) throw new MetasynthError('not_estimable', REGRESSION_MESSAGES.meta_regression_tau2_could(c.method));
  return est;
}

/** The test used (z at k = 1) and the warnings that go with the choice. */
function effectiveTest(c: Checked, warnings: Warning[]): RegressionTest {
  if (c.y.length === 1 && c.test !== 'z') {
    warnings.push({ code: 'knha_k1', message: REGRESSION_MESSAGES.knha_k1().text });
    return 'z';
  }
  if (c.isEE && (c.test === 'knha' || c.test === 'adhoc'))
    warnings.push({ code: 'knha_fixed_effects', message: REGRESSION_MESSAGES.knha_fixed_effects().text });
  return c.test;
}

/** The coefficient table: estimate, SE, z or t, p and CI of each coefficient. */
function coefficientTable(names: readonly string[], beta: Float64Array, vb: Float64Array, tTest: boolean, df: number, level: number): RegressionCoefficient[] {
  const p = names.length;
  const crit = tTest ? studentTCritical(level, df) : normalCritical(level);
  return names.map((name, j) => {
    const est = beta[j]!;
    const se = Math.sqrt(vb[j * p + j]!);
    const stat = est / se;
    const pValue = tTest ? studentTTwoSidedP(stat, df) : normalTwoSidedP(stat);
    return {
      name,
      estimate: finiteOrNull(est),
      standardError: finiteOrNull(se),
      statistic: finiteOrNull(stat),
      pValue: finiteOrNull(pValue),
      ciLower: finiteOrNull(est - crit * se),
      ciUpper: finiteOrNull(est + crit * se),
    };
  });
}

/**
 * The omnibus Wald test QM of the moderators (all coefficients but the intercept; the intercept
 * itself in an intercept-only model): χ²(m), or F(m, df) = QM/m under knha. The tested subvector
 * of β̃ is a diagonal rescaling of β's, so QM is computed in the scaled basis.
 */
function omnibusTest(
  betaScaled: Float64Array,
  covarianceScaled: Float64Array,
  intercept: boolean,
  tTest: boolean,
  df: number,
): { qm: number; m: number; pValue: number } {
  const p = betaScaled.length;
  const btt = intercept && p > 1 ? Array.from({ length: p - 1 }, (_, j) => j + 1) : Array.from({ length: p }, (_, j) => j);
  const m = btt.length;
  const sub = new Float64Array(m * m);
  const bsub = new Float64Array(m);
  btt.forEach((a, i) => {
    bsub[i] = betaScaled[a]!;
    btt.forEach((b, j) => {
      sub[i * m + j] = covarianceScaled[a * p + b]!;
    });
  });
  const subCh = cholesky(sub, m);
  let qm = NaN;
  if (subCh.ok) {
    const sol = choleskySolve(subCh, bsub);
    qm = 0;
    for (let i = 0; i < m; i++) qm += bsub[i]! * sol[i]!;
    if (tTest) qm /= m;
  }
  const pValue = tTest ? (df > 0 ? fSurvival(qm, m, df) : NaN) : chiSquareSurvival(qm, m);
  return { qm, m, pValue };
}

/**
 * Residual heterogeneity: QE at the weights 1/v with k − p df, and I², H² from the typical
 * within-study variance (k − p)/tr(P) (random effects) or from QE (EE), as metafor.
 */
function residualHeterogeneity(model: Tau2Model, tau2: number, isEE: boolean): { qe: number; qePValue: number; i2: number; h2: number } {
  const df = model.k - model.p;
  if (df <= 0) return { qe: 0, qePValue: 1, i2: 0, h2: 1 };
  const atZero = model.sums(0, !isEE);
  if (!Number.isFinite(atZero.q)) return { qe: NaN, qePValue: NaN, i2: NaN, h2: NaN };
  const qe = Math.max(0, atZero.q);
  if (isEE) return { qe, qePValue: chiSquareSurvival(qe, df), i2: i2FromQ(qe, df), h2: h2FromQ(qe, df) };
  const typical = df / atZero.traceP;
  return { qe, qePValue: chiSquareSurvival(qe, df), i2: i2FromTau2(tau2, typical), h2: h2FromTau2(tau2, typical) };
}

/** metafor's fitstats() of the fit: |XᵀX| and |XᵀWX| in the same (scaled) basis, so the basis change cancels. */
function regressionFitStatistics(
  c: Checked,
  design: ScaledDesign,
  proj: WeightedProjection,
  rss: number,
  tau2: number,
): { ml: FitStatistics; reml: FitStatistics } {
  const { y, v } = c;
  const k = y.length;
  const p = design.x.length;
  let sumLogVariance = 0;
  let sumLogWithinVariance = 0;
  for (let i = 0; i < k; i++) {
    sumLogVariance += Math.log(v[i]! + tau2);
    sumLogWithinVariance += Math.log(v[i]!);
  }
  const logDetGram = choleskyLogDet(cholesky(weightedGram(design.x, null), p));
  const parameters = p + (c.isEE || c.fixedTau2 !== undefined ? 0 : 1);
  return fitStatistics({
    k,
    p,
    sumLogVariance,
    residualSumOfSquares: rss,
    logDetGram,
    logDetWeightedGram: proj.logDetWeightedGram,
    sumLogWithinVariance,
    parameters,
  });
}

/** Σ a·(y − Xβ)² at the user weights a: the residual sum of squares of R's lm(y ~ X, weights = a) (metafor's EE R²). */
function userWeightedRss(design: ScaledDesign, c: Checked, betaScaled: Float64Array): number {
  const a = c.weights!;
  let rss = 0;
  for (let i = 0; i < c.y.length; i++) {
    let fitted = 0;
    for (let j = 0; j < design.x.length; j++) fitted += design.x[j]![i]! * betaScaled[j]!;
    rss += a[i]! * (c.y[i]! - fitted) ** 2;
  }
  return rss;
}

/** Pseudo R² (percent) against the intercept-only model with the same method (metafor's default r2def); EE: adjusted weighted R². */
function pseudoR2(c: Checked, design: ScaledDesign, rss: number, tau2: number, control: Tau2Control | undefined): number | null {
  const p = design.x.length;
  if (!(c.intercept && p > 1)) return null;
  if (c.isEE) return adjustedWeightedR2(c.y, c.weights ?? c.v.map((x) => 1 / x), rss, c.y.length - p);
  if (c.fixedTau2 !== undefined) return null;
  const base = TAU2_ESTIMATORS[tau2MethodOf(c.method)](interceptModel(c.y, c.v, undefined, c.weights), control);
  if (!Number.isFinite(base.tau2)) return null;
  return base.tau2 === 0 ? 0 : Math.max(0, (100 * (base.tau2 - tau2)) / base.tau2);
}

/**
 * Mixed-effects meta-regression (metafor `rma.uni(yi, vi, mods = X)`): τ² by the chosen
 * estimator, weighted least squares for β with weights 1/(vi + τ²), z or Knapp–Hartung tests,
 * the omnibus moderator test QM, the residual heterogeneity test QE, I², H², pseudo R² and
 * ML/REML fit statistics (Viechtbauer 2010, J Stat Softw 36(3); Raudenbush 2009).
 * Validates its input and throws `MetasynthError`; never returns NaN (null instead).
 *
 * @example
 * // BCG vaccine log risk ratios on absolute latitude (metafor: rma(yi, vi, mods = ~ ablat, data = dat))
 * const ones = new Float64Array(13).fill(1);
 * const ablat = Float64Array.from(bcgTable.studies, (s) => s.moderators.ablat);
 * const fit = fitMetaRegression({ yi: bcgYi, vi: bcgVi, columns: [ones, ablat], names: ['intrcpt', 'ablat'] });
 * fit.coefficients[1].estimate // -0.0291
 * fit.tau2 // 0.0763
 */
export function fitMetaRegression(input: FitMetaRegressionInput): MetaRegressionFit {
  const f = fitCoefficients(input);
  const { c, design, proj, tau2, est, test, df } = f;
  const p = design.x.length;
  const tTest = isTTest(test);
  const omnibus = omnibusTest(f.betaScaled, f.covarianceScaled, c.intercept, tTest, df);
  const het = residualHeterogeneity(f.model, tau2, c.isEE);
  const r2 = pseudoR2(c, design, c.weights ? userWeightedRss(design, c, f.betaScaled) : proj.rss, tau2, input.control);
  const covariance = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => finiteOrNull(f.vb[i * p + j]!)));
  return {
    k: c.y.length,
    p,
    method: c.method,
    test,
    level: c.level,
    intercept: c.intercept,
    coefficients: f.coefficients,
    covariance,
    df: tTest ? df : null,
    tau2: finiteOrNull(tau2),
    tau2StandardError: c.isEE ? null : finiteOrNull(est.standardError),
    i2: finiteOrNull(het.i2),
    h2: finiteOrNull(het.h2),
    r2: r2 === null ? null : finiteOrNull(r2),
    qm: finiteOrNull(omnibus.qm),
    qmDf: omnibus.m,
    qmPValue: finiteOrNull(omnibus.pValue),
    qe: finiteOrNull(het.qe),
    qeDf: df,
    qePValue: finiteOrNull(het.qePValue),
    fit: regressionFitStatistics(c, design, proj, f.rss, tau2),
    ...(input.tau2Ci === 'PL' && c.fixedTau2 === undefined ? { confintPL: regressionProfileIntervals(f, tau2) } : {}),
    converged: est.converged,
    iterations: est.iterations,
    warnings: f.warnings,
  };
}

/** The profile-likelihood intervals of the residual τ² (ML and REML fits; checkOptions refuses the others). */
function regressionProfileIntervals(f: CoefficientFit, tau2: number): HeterogeneityIntervals {
  const { c, design } = f;
  const typicalVariance = (c.y.length - design.x.length) / f.model.sums(0, true).traceP;
  const ci = profileLikelihoodInterval(design.x, c.y, c.v, {
    kind: c.method === 'ML' ? 'ML' : 'REML',
    tau2,
    typicalVariance,
    level: c.level,
    ...(c.weights ? { userWeights: c.weights } : {}),
  });
  f.warnings.push(...ci.warnings);
  const fig = (x: { estimate: number; lower: number; upper: number }) => ({
    estimate: finiteOrNull(x.estimate),
    lower: finiteOrNull(x.lower),
    upper: finiteOrNull(x.upper),
  });
  return { tau2: fig(ci.tau2), tau: fig(ci.tau), i2: fig(ci.i2), h2: fig(ci.h2) };
}

/** The coefficients of a fit and what the rest of the fit is computed from. */
interface CoefficientFit {
  readonly c: Checked;
  readonly design: ScaledDesign;
  readonly model: Tau2Model;
  readonly est: Tau2Fit;
  readonly tau2: number;
  readonly proj: WeightedProjection;
  /** β in the scaled basis (the user-weighted one with weights). */
  readonly betaScaled: Float64Array;
  /** Σ (y − Xβ)²/(v + τ²) at the reported β (metafor's RSS.f). */
  readonly rss: number;
  readonly test: RegressionTest;
  readonly df: number;
  readonly covarianceScaled: Float64Array;
  readonly vb: Float64Array;
  readonly coefficients: RegressionCoefficient[];
  readonly warnings: Warning[];
}

/** Validation, design, tau², β and its covariance (scaled basis and the caller's) and the coefficient table. */
function fitCoefficients(input: FitMetaRegressionInput): CoefficientFit {
  const c = checkInput(input);
  const { y, v, intercept } = c;
  const checked = scaleDesign(c.columns, intercept, c.names);
  checkCollinearity(checked.x, c.names, intercept);
  const design = weightCentred(checked, intercept, v);
  const p = design.x.length;
  const warnings: Warning[] = [];
  const test = effectiveTest(c, warnings);
  const fitModel = designModel(design.x, y, v, c.weights);
  const model = intercept && p === 1 ? interceptModel(y, v, undefined, c.weights) : fitModel;
  const est = residualTau2(c, model, input.control);
  warnings.push(...est.warnings);
  const tau2 = est.tau2;
  // β and its covariance at weights 1/(vi + τ²), in the scaled basis, then in the caller's.
  const proj = fitModel.projection(tau2);
  if (!proj) throw new MetasynthError('not_estimable', REGRESSION_MESSAGES.meta_regression_weighted_cross());
  const df = y.length - p;
  const tTest = isTTest(test);
  // knha and adhoc scale by the inverse-variance fit's residual Q even with user weights (metafor).
  const s2w = knappHartungScale(test, proj.rss, df);
  const user = c.weights ? userWeightedCoefficients(design.x, y, v, c.weights, tau2) : null;
  const betaScaled = user ? user.beta : proj.beta;
  const covarianceScaled = (user ? user.covariance : proj.inverse).map((x) => x * s2w);
  const { beta, vb } = toCallerBasis(design, intercept, betaScaled, covarianceScaled);
  const coefficients = coefficientTable(c.names, beta, vb, tTest, df, c.level);
  return { c, design, model, est, tau2, proj, betaScaled, rss: user ? user.rss : proj.rss, test, df, covarianceScaled, vb, coefficients, warnings };
}

/**
 * The user-weighted coefficients (metafor rma.uni with `weights`): β = (XᵀAX)⁻¹XᵀAy, covariance
 * the sandwich (XᵀAX)⁻¹·XᵀA·M·AX·(XᵀAX)⁻¹, M = diag(v + τ²), and the residual sum of squares at the
 * inverse-variance weights Σ (y − Xβ)²/(v + τ²) that metafor's log-likelihoods use.
 */
function userWeightedCoefficients(
  x: readonly Float64Array[],
  y: Float64Array,
  v: Float64Array,
  a: Float64Array,
  tau2: number,
): { beta: Float64Array; covariance: Float64Array; rss: number } {
  const p = x.length;
  const fit = weightedProjection(x, a, y);
  if (!fit) throw new MetasynthError('not_estimable', REGRESSION_MESSAGES.meta_regression_cross_product());
  const meat = weightedGram(
    x,
    Float64Array.from(a, (ai, i) => ai * ai * (v[i]! + tau2)),
  );
  const covariance = multiply(multiply(fit.inverse, meat, p), fit.inverse, p);
  let rss = 0;
  for (let i = 0; i < y.length; i++) rss += (fit.residuals[i]! * fit.residuals[i]!) / (v[i]! + tau2);
  return { beta: fit.beta, covariance, rss };
}

/**
 * The coefficient table of {@link fitMetaRegression} alone (no QM, QE, I², R² or fit statistics):
 * for analyses that read only the coefficients, such as Egger's regression test. Validates and
 * throws as fitMetaRegression; the figures are identical.
 * @example
 * // Egger's test of the BCG log risk ratios (metafor regtest(rma(yi, vi)): z = -0.8033)
 * const ones = new Float64Array(13).fill(1);
 * metaRegressionCoefficients({ yi: bcgYi, vi: bcgVi, columns: [ones, bcgVi.map(Math.sqrt)] }).coefficients[1].statistic // -0.8033
 */
export function metaRegressionCoefficients(input: FitMetaRegressionInput): {
  coefficients: readonly RegressionCoefficient[];
  df: number | null;
  warnings: readonly Warning[];
} {
  const f = fitCoefficients(input);
  return { coefficients: f.coefficients, df: isTTest(f.test) ? f.df : null, warnings: f.warnings };
}

/** metafor's R² for EE models: the adjusted R² of the weighted least-squares fit (weights 1/vi, or the user's), in percent, truncated at 0. */
function adjustedWeightedR2(y: Float64Array, w: Float64Array, rss: number, df: number): number {
  const k = y.length;
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < k; i++) {
    sw += w[i]!;
    swy += y[i]! * w[i]!;
  }
  const mean = swy / sw;
  let tss = 0;
  let spread = 0;
  for (let i = 0; i < k; i++) {
    tss += (y[i]! - mean) ** 2 * w[i]!;
    spread = Math.max(spread, Math.abs(y[i]! - y[0]!));
  }
  if (spread === 0) return 0;
  const r2 = 1 - rss / tss;
  return Math.max(0, 100 * (1 - ((1 - r2) * (k - 1)) / df));
}
