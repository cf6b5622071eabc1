// Selection models for publication bias (metafor 3.8-1 `selmodel`): the random- or fixed-effects
// (meta-regression) model refitted by maximum likelihood jointly with a selection function of the
// studies' p-values. Standard errors come from the inverse Hessian of −ℓ in (β, τ², δ), CIs are
// Wald intervals (δ's truncated at their lower bound, τ²'s at 0), and two likelihood-ratio tests
// compare with the model without selection (H0: δ at its null value) and with τ² = 0.
import { MetasynthError, type Warning } from '../core/errors.js';
import { chiSquareSurvival, normalCritical, normalTwoSidedP } from '../distributions/index.js';
import type { EffectTable, Exclusion, Measure } from '../effects/types.js';
import { buildDesign } from '../regression/design.js';
import { fitMetaRegression, isMetaRegressionMethod } from '../regression/fitMetaRegression.js';
import { cholesky, choleskyInverse } from '../heterogeneity/wls/linalg.js';
import { readStudies, type EffectData } from '../pool/effectData.js';
import { selectionLogLikelihood } from './likelihood.js';
import { maximiseSelectionLikelihood, type FixedParameters } from './maximise.js';
import { effectiveTau2, type Gradient, type Parameters, type SelectionProblem } from './problem.js';
import { richardsonHessian } from './richardsonHessian.js';
import { deltaSettings, type DeltaSettings } from './selectionFunctions.js';
import { checkIntervalsFilled, checkSteps, intervalCounts, intervalOf, type IntervalCount } from './steps.js';
import { clampPValue, studyPValue } from './studyPValue.js';
import {
  isSelectionAlternative,
  isSelectionType,
  SELECTION_ALTERNATIVES,
  SELECTION_TYPES,
  type SelectionAlternative,
  type SelectionType,
} from './vocabulary.js';
import { SELECTION_MESSAGES } from './messages.js';
import { checkFixedDelta, checkZeroWeights, type DeltaValues } from './fixedDelta.js';

/** Fixed effects (`EE`, alias `FE`) or random effects by ML (any τ² method given is refitted by ML, as metafor does). */
export type SelectionMethod = 'ML' | 'EE' | 'FE';

export interface SelectionModelOptions {
  readonly type: SelectionType;
  /** Direction of the p-values (default `greater`). */
  readonly alternative?: SelectionAlternative;
  /** Cut-points, increasing and ending at 1: required for `stepfun`; [s, 1] optional for halfnorm, negexp, logistic, power, negexppow. */
  readonly steps?: readonly number[];
  /** `EE`/`FE` for the fixed-effects model; anything else (REML, DL, …; default) fits τ² by ML. */
  readonly method?: string;
  /** Moderators (column names or `factor(name)`), as metaRegression takes them; needs an effect table. */
  readonly mods?: readonly string[];
  /** Confidence level in percent (default 95). */
  readonly level?: number;
  /**
   * δ values fixed a priori (metafor `delta`; Vevea & Woods 2005): one per selection parameter, null
   * to estimate it, or a single value for all. Default: all estimated (stepfun's first fixed at 1).
   */
  readonly delta?: DeltaValues;
}

export interface SelectionCoefficient {
  readonly name: string;
  readonly estimate: number | null;
  readonly standardError: number | null;
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
}

export interface DeltaEstimate {
  readonly estimate: number;
  readonly standardError: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
  /** True for a δ not estimated: fixed by the model (stepfun's first, = 1) or by the `delta` option (metafor `delta.fix`). */
  readonly fixed: boolean;
}

export interface SelectionModelResult {
  readonly type: SelectionType;
  readonly alternative: SelectionAlternative;
  readonly steps: readonly number[] | null;
  readonly k: number;
  readonly measure: Measure | null;
  readonly method: SelectionMethod;
  readonly level: number;
  readonly coefficients: readonly SelectionCoefficient[];
  readonly tau2: number;
  readonly tau2StandardError: number | null;
  readonly delta: readonly DeltaEstimate[];
  /** LRT of H0: no selection (δ at its null value), against the ML (or EE) model without selection. */
  readonly lrt: { readonly statistic: number; readonly df: number; readonly pValue: number | null };
  /** LRT of H0: τ² = 0 within the selection model (null for fixed effects). */
  readonly lrtTau2: { readonly statistic: number; readonly pValue: number } | null;
  readonly intervalCounts: readonly IntervalCount[] | null;
  readonly logLik: number;
  /** ℓ of the model without selection. */
  readonly logLikNoSelection: number;
  readonly converged: boolean;
  readonly iterations: number;
  /** Studies' p-values as the selection function reads them (clamped). */
  readonly pValues: readonly number[];
  readonly excluded: readonly Exclusion[];
  readonly warnings: readonly Warning[];
}

const WHAT = 'selection model';

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

interface Inputs {
  yi: Float64Array;
  vi: Float64Array;
  columns: Float64Array[];
  names: string[];
  measure: Measure | null;
  excluded: readonly Exclusion[];
}

function readInputs(data: EffectData, mods: readonly string[]): Inputs {
  const base = readStudies(data, WHAT);
  if (mods.length === 0) {
    return { yi: base.yi, vi: base.vi, columns: [new Float64Array(base.yi.length).fill(1)], names: ['intrcpt'], measure: base.measure, excluded: [] };
  }
  const table = data as EffectTable;
  if (!Array.isArray(table.studies)) throw new MetasynthError('invalid_option', SELECTION_MESSAGES.moderators_need_effect_table(WHAT));
  const design = buildDesign(table.studies, mods, WHAT);
  return {
    yi: Float64Array.from(design.rows, (r) => base.yi[r]!),
    vi: Float64Array.from(design.rows, (r) => base.vi[r]!),
    columns: design.columns,
    names: design.info.map((c) => c.name),
    measure: base.measure,
    excluded: design.excluded,
  };
}

/** metafor's scaleX: non-dummy moderators centred and scaled; β = M·β̃ maps back. */
function scaleColumns(columns: readonly Float64Array[]): { x: Float64Array[]; m: Float64Array } {
  const p = columns.length;
  const m = new Float64Array(p * p);
  for (let j = 0; j < p; j++) m[j * p + j] = 1;
  const x = columns.map((c, j) => {
    if (j === 0 || c.every((v) => v === 0 || v === 1)) return c;
    const k = c.length;
    const mean = c.reduce((a, b) => a + b, 0) / k;
    const sd = Math.sqrt(c.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1));
    m[0 * p + j] = -mean / sd;
    m[j * p + j] = 1 / sd;
    return Float64Array.from(c, (v) => (v - mean) / sd);
  });
  return { x, m };
}

function checkOptions(options: SelectionModelOptions): {
  type: SelectionType;
  alternative: SelectionAlternative;
  level: number;
  fixedEffects: boolean;
  delta: DeltaValues | undefined;
} {
  if (!options || !isSelectionType(options.type)) {
    throw new MetasynthError('invalid_option', SELECTION_MESSAGES.unknown_selection_type(WHAT, SELECTION_TYPES, options?.type));
  }
  const alternative = options.alternative ?? 'greater';
  if (!isSelectionAlternative(alternative)) {
    throw new MetasynthError('invalid_option', SELECTION_MESSAGES.unknown_selection_alternative(WHAT, SELECTION_ALTERNATIVES, alternative));
  }
  const level = options.level ?? 95;
  if (typeof level !== 'number' || !(level > 0 && level < 100)) {
    throw new MetasynthError('invalid_option', SELECTION_MESSAGES.level_percentage_strictly_between_2(WHAT, level));
  }
  const method = typeof options.method === 'string' ? options.method.trim().toUpperCase() : 'ML';
  if (!isMetaRegressionMethod(method) && method !== 'CE') {
    throw new MetasynthError('invalid_option', SELECTION_MESSAGES.method_ee_fe_ce(WHAT, options.method));
  }
  return { type: options.type, alternative, level, fixedEffects: method === 'EE' || method === 'FE' || method === 'CE', delta: options.delta };
}

/** −∂²ℓ at par over the natural parameters listed in `keep` (indices into β, τ², δ). */
function analyticHessian(problem: SelectionProblem, par: Parameters, keep: readonly number[]): Float64Array {
  const p = problem.x.length;
  const nNat = p + 1 + par.delta.length;
  const full = new Float64Array(nNat * nNat);
  const g: Gradient = { beta: new Float64Array(p), tau2: 0, delta: new Float64Array(par.delta.length) };
  selectionLogLikelihood(problem, par, g, full);
  const n = keep.length;
  return Float64Array.from({ length: n * n }, (_, i) => -full[keep[Math.floor(i / n)]! * nNat + keep[i % n]!]!);
}

/** Standard errors from the inverse Hessian of −ℓ over the estimated parameters (null when it is not positive definite). */
function covariance(problem: SelectionProblem, par: Parameters, fixed: FixedParameters): { cov: Float64Array | null; index: number[] } {
  const p = problem.x.length;
  const freeDelta = fixed.delta.map((d, j) => (d === null ? j : -1)).filter((j) => j >= 0);
  const tauFree = fixed.tau2 === null;
  const theta = Float64Array.from([...par.beta, ...(tauFree ? [par.tau2] : []), ...freeDelta.map((j) => par.delta[j]!)]);
  const unpack = (t: Float64Array): Parameters => {
    const delta = Float64Array.from(par.delta);
    freeDelta.forEach((j, m) => {
      delta[j] = t[p + (tauFree ? 1 : 0) + m]!;
    });
    return { beta: t.slice(0, p), tau2: tauFree ? t[p]! : fixed.tau2!, delta };
  };
  const f = (t: Float64Array) => -selectionLogLikelihood(problem, unpack(t));
  // At τ² = 0 the likelihood is flat for τ² < 0 (metafor truncates there): the τ² row and column
  // come from the value-based Richardson Hessian with numDeriv's steps, which reproduces metafor's
  // figure across that kink. Every other entry (and every entry off the boundary) is analytic,
  // exact to the quadrature: numDeriv's steps there only amplify the integrals' 1e-10 error.
  const keep = [...Array.from({ length: p }, (_, j) => j), ...(tauFree ? [p] : []), ...freeDelta.map((j) => p + 1 + j)];
  const atBoundary = tauFree && par.tau2 < Math.sqrt(Number.EPSILON / 7e-7);
  const h = analyticHessian(problem, par, keep);
  const n = theta.length;
  if (atBoundary) {
    const rich = richardsonHessian(f, theta);
    for (let i = 0; i < n; i++) h[i * n + p] = h[p * n + i] = rich[i * n + p]!;
  }
  const ch = cholesky(h, n);
  const index = [...Array.from({ length: p }, (_, j) => j), ...(tauFree ? [-1] : []), ...freeDelta.map((j) => -2 - j)];
  if (!ch.ok || h.some((v) => !Number.isFinite(v))) return { cov: null, index };
  const inv = choleskyInverse(ch);
  return { cov: inv.every(Number.isFinite) ? inv : null, index };
}

/** Variance of each estimated parameter and the β block mapped back to the original moderators (V = M·Ṽ·M'). */
function standardErrors(cov: Float64Array | null, index: number[], m: Float64Array, p: number, nDelta: number) {
  const n = index.length;
  const seBeta = new Array<number>(p).fill(NaN);
  let seTau2 = NaN;
  const seDelta = new Array<number>(nDelta).fill(NaN);
  if (cov === null) return { seBeta, seTau2, seDelta };
  for (let a = 0; a < p; a++) {
    let v = 0;
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) v += m[a * p + i]! * cov[i * n + j]! * m[a * p + j]!;
    seBeta[a] = Math.sqrt(v);
  }
  index.forEach((id, i) => {
    if (id === -1) seTau2 = Math.sqrt(cov[i * n + i]!);
    else if (id <= -2) seDelta[-2 - id] = Math.sqrt(cov[i * n + i]!);
  });
  return { seBeta, seTau2, seDelta };
}

function deltaWarnings(delta: Float64Array, ds: DeltaSettings, fixed: FixedParameters): Warning[] {
  const near = [...delta].some(
    (d, j) => fixed.delta[j] === null && (d <= ds.min[j]! + Number.EPSILON ** 0.25 || d >= ds.max[j]! - 100 * Number.EPSILON ** 0.25),
  );
  return near ? [{ code: 'delta_at_bound', message: SELECTION_MESSAGES.delta_at_bound(ds.min[0], ds.max[0]).text }] : [];
}

type CheckedOptions = ReturnType<typeof checkOptions>;

/** The likelihood's data and settings: studies' p-values, their intervals, the scaled moderators and the δ held fixed. */
interface Setup {
  problem: SelectionProblem;
  ds: DeltaSettings;
  fixed: FixedParameters;
  /** Studies per p-value interval (null without steps). */
  counts: IntervalCount[] | null;
  /** Maps β of the scaled moderators back to the original ones. */
  m: Float64Array;
}

/** Check that the parameters are estimable and that every interval has studies, and build the selection problem. */
function setUpProblem(o: CheckedOptions, steps: readonly number[] | null, inputs: Inputs): Setup {
  const k = inputs.yi.length;
  const p = inputs.columns.length;
  const ds = deltaSettings(o.type, steps?.length ?? 1);
  const fixedDelta = checkFixedDelta(o.delta, o.type, ds.count);
  const fixed: FixedParameters = { tau2: o.fixedEffects ? 0 : null, delta: fixedDelta };
  const nPar = p + (o.fixedEffects ? 0 : 1) + fixedDelta.filter((d) => d === null).length;
  if (k < nPar) throw new MetasynthError('not_estimable', SELECTION_MESSAGES.too_few_estimate_parameters(WHAT, o.type, k, nPar));
  const rawP = Float64Array.from(inputs.yi, (y, i) => clampPValue(studyPValue(y, Math.sqrt(inputs.vi[i]!), o.alternative), ds.pMin));
  const groups = steps ? intervalOf(rawP, steps) : new Int32Array(k);
  const counts = steps ? intervalCounts(groups, steps) : null;
  if (counts) checkIntervalsFilled(counts, o.type, fixedDelta);
  checkZeroWeights(fixedDelta, counts, o.type);
  const { x, m } = scaleColumns(inputs.columns);
  const problem: SelectionProblem = {
    type: o.type,
    alternative: o.alternative,
    yi: inputs.yi,
    vi: inputs.vi,
    x,
    steps: steps ?? [0],
    pMin: ds.pMin,
    pValues: rawP,
    groups,
  };
  return { problem, ds, fixed, counts, m };
}

/** Coefficients on the original moderators' scale, with Wald tests and intervals. */
function coefficientEstimates(inputs: Inputs, m: Float64Array, fitBeta: Float64Array, seBeta: readonly number[], crit: number): SelectionCoefficient[] {
  const p = inputs.columns.length;
  const beta = Array.from({ length: p }, (_, a) => inputs.columns.reduce((s, _c, j) => s + m[a * p + j]! * fitBeta[j]!, 0));
  return beta.map((b, j) => {
    const s = seBeta[j]!;
    return {
      name: inputs.names[j]!,
      estimate: finite(b),
      standardError: finite(s),
      statistic: finite(b / s),
      pValue: finite(normalTwoSidedP(b / s)),
      ciLower: finite(b - crit * s),
      ciUpper: finite(b + crit * s),
    };
  });
}

/** δ estimates with Wald intervals truncated at δ's lower bound. */
function deltaEstimates(fitDelta: Float64Array, seDelta: readonly number[], crit: number, ds: DeltaSettings, fixed: FixedParameters): DeltaEstimate[] {
  return [...fitDelta].map((d, j) => {
    const s = seDelta[j]!;
    return {
      estimate: d,
      standardError: finite(s),
      ciLower: finite(Math.max(ds.lowerBound, d - crit * s)),
      ciUpper: finite(d + crit * s),
      fixed: fixed.delta[j] !== null,
    };
  });
}

/** Warnings of the fit: δ at a bound, an empty first interval, no convergence, a singular Hessian, excluded studies. */
function fitWarnings(setup: Setup, fit: { par: Parameters; converged: boolean; iterations: number }, covInvertible: boolean, inputs: Inputs): Warning[] {
  const { counts } = setup;
  const warnings: Warning[] = [...deltaWarnings(fit.par.delta, setup.ds, setup.fixed)];
  // metafor 3.8-1 proceeds silently when only stepfun's first interval (δ fixed at 1) is empty; say so.
  if (counts && counts[0]!.k === 0 && setup.fixed.delta.some((d) => d === null))
    warnings.push({ code: 'empty_interval', message: SELECTION_MESSAGES.observed_p_value_p(counts[0]!.upper).text });
  if (!fit.converged) warnings.push({ code: 'not_converged', message: SELECTION_MESSAGES.not_converged_likelihood(fit.iterations).text });
  if (!covInvertible) warnings.push({ code: 'hessian_not_invertible', message: SELECTION_MESSAGES.hessian_not_invertible().text });
  if (inputs.excluded.length > 0)
    warnings.push({ code: 'studies_excluded', message: SELECTION_MESSAGES.studies_excluded_left(inputs.excluded.length, inputs.yi.length).text });
  return warnings;
}

/** LRT of H0: τ² = 0, refitting the selection model with τ² fixed at 0 (null for fixed effects; warns when that refit does not converge). */
function tau2LikelihoodRatioTest(setup: Setup, start: Parameters, logLik: number, fixedEffects: boolean, warnings: Warning[]): SelectionModelResult['lrtTau2'] {
  if (fixedEffects) return null;
  const noTau = maximiseSelectionLikelihood(setup.problem, { ...start, tau2: 0 }, { ...setup.fixed, tau2: 0 }, setup.ds);
  if (!noTau.converged) warnings.push({ code: 'not_converged', message: SELECTION_MESSAGES.not_converged_fit().text });
  const stat = Math.max(0, -2 * (noTau.logLik - logLik));
  return { statistic: stat, pValue: chiSquareSurvival(stat, 1) };
}

/**
 * Fit a selection model (metafor 3.8-1 `selmodel(rma(yi, vi, mods, method = "ML"), type, alternative, steps)`).
 * The likelihood is maximised to a gradient tolerance of 1e-8 (relative to max(1, |ℓ|)), with A_i
 * integrated to 1e-10 relative for the continuous types.
 * @example selectionModel(bcgTable, { type: 'stepfun', steps: [0.025, 1] }).logLik // -12.25 (metafor logLik(selmodel(res, type = "stepfun", steps = c(0.025, 1))), BCG)
 */
export function selectionModel(data: EffectData, options: SelectionModelOptions): SelectionModelResult {
  const o = checkOptions(options);
  const steps = checkSteps(options.steps, o.type);
  const inputs = readInputs(data, options.mods ?? []);
  const setup = setUpProblem(o, steps, inputs);
  const { problem, ds, fixed, counts, m } = setup;
  const p = inputs.columns.length;

  const base = fitMetaRegression({ yi: inputs.yi, vi: inputs.vi, columns: problem.x, method: o.fixedEffects ? 'EE' : 'ML' });
  const betaStart = Float64Array.from(base.coefficients, (c) => c.estimate ?? 0);
  const tau2Start = o.fixedEffects ? 0 : (base.tau2 ?? 0) + 0.001;
  const deltaStart = Float64Array.from(ds.init, (d, j) => fixed.delta[j] ?? d);
  const start: Parameters = { beta: betaStart, tau2: tau2Start, delta: deltaStart };
  if (options.delta !== undefined && !Number.isFinite(selectionLogLikelihood(problem, start))) {
    throw new MetasynthError('not_estimable', SELECTION_MESSAGES.delta_no_likelihood(`${WHAT} (${o.type})`, fixed.delta));
  }
  const fit = maximiseSelectionLikelihood(problem, start, fixed, ds);

  const { cov, index } = covariance(problem, fit.par, fixed);
  const se = standardErrors(cov, index, m, p, ds.count);
  const crit = normalCritical(o.level);
  const coefficients = coefficientEstimates(inputs, m, fit.par.beta, se.seBeta, crit);
  const delta = deltaEstimates(fit.par.delta, se.seDelta, crit, ds, fixed);
  const warnings = fitWarnings(setup, fit, cov !== null, inputs);

  const ll0 = base.fit.ml.logLik ?? NaN;
  const lrtDf = fixed.delta.filter((d) => d === null).length;
  const lrtStat = Math.max(0, -2 * (ll0 - fit.logLik));
  const lrtTau2 = tau2LikelihoodRatioTest(setup, start, fit.logLik, o.fixedEffects, warnings);
  return {
    type: o.type,
    alternative: o.alternative,
    steps,
    k: inputs.yi.length,
    measure: inputs.measure,
    method: o.fixedEffects ? ((options.method ?? 'EE').toUpperCase() === 'FE' ? 'FE' : 'EE') : 'ML',
    level: o.level,
    coefficients,
    tau2: effectiveTau2(fit.par.tau2),
    tau2StandardError: o.fixedEffects ? null : finite(se.seTau2),
    delta,
    lrt: { statistic: lrtStat, df: lrtDf, pValue: lrtDf > 0 ? chiSquareSurvival(lrtStat, lrtDf) : null },
    lrtTau2,
    intervalCounts: counts,
    logLik: fit.logLik,
    logLikNoSelection: ll0,
    converged: fit.converged,
    iterations: fit.iterations,
    pValues: [...problem.pValues],
    excluded: inputs.excluded,
    warnings,
  };
}
