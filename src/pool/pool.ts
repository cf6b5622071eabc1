import { MetasynthError, locationPrefix, type Issue, type Warning } from '../core/errors.js';
import { normalCritical, normalTwoSidedP } from '../distributions/index.js';
import { isMeasure, type EffectTable, type Measure, type TwoByTwo } from '../effects/types.js';
import { backTransform, overflowedFigures } from '../effects/backTransform.js';
import { qProfileInterval, type QProfileInterval } from '../heterogeneity/qProfile.js';
import { generalisedQProfileInterval } from '../heterogeneity/generalisedQProfile.js';
import { profileLikelihoodInterval } from '../heterogeneity/profileLikelihood.js';
import { generalisedQParts } from '../heterogeneity/tau2/generalisedQParts.js';
import { needsUserWeights } from '../heterogeneity/tau2/types.js';
import { fieldIssue } from '../messages.js';
import { h2FromQ, i2FromQ } from '../heterogeneity/heterogeneityStatistics.js';
import { sumLogVariance } from '../heterogeneity/tau2/interceptSums.js';
import { chiSquareSurvival } from '../distributions/index.js';
import { fitInterceptDetail } from './fitIntercept.js';
import { fitStatistics, interceptLikelihoodParts } from './fitStatistics.js';
import { mantelHaenszel, type CountsFit } from './mantelHaenszel.js';
import { peto } from './peto.js';
import {
  MH_MEASURES,
  POOL_METHODS,
  TAU2_INTERVAL_TYPES,
  TESTS,
  isPoolMethod,
  isPoolTest,
  type EffectArrays,
  type HeterogeneityIntervals,
  type IntervalFigure,
  type PoolOptions,
  type PoolResult,
  type TestFigure,
} from './types.js';
import { finiteOrNull } from '../core/finite.js';
import { POOL_MESSAGES } from './messages.js';

interface Input {
  readonly yi: Float64Array;
  readonly vi: Float64Array;
  /** Where study i came from (file row, label), built only for a message: hot loops never call it. */
  readonly location: (i: number) => { file: string | undefined; row: number | undefined; study: string | undefined };
  readonly counts: readonly (TwoByTwo | undefined)[] | undefined;
  readonly measure: Measure | undefined;
  readonly file: string | undefined;
}

function isEffectTable(data: EffectTable | EffectArrays): data is EffectTable {
  return Array.isArray((data as EffectTable).studies);
}

function readInput(data: EffectTable | EffectArrays): Input {
  if (isEffectTable(data)) {
    const s = data.studies;
    return {
      yi: Float64Array.from(s, (x) => x.effect),
      vi: Float64Array.from(s, (x) => x.variance),
      location: (i) => ({ file: data.file, row: s[i]?.row, study: s[i]?.study }),
      counts: s.some((x) => x.counts) ? s.map((x) => x.counts) : undefined,
      measure: data.measure,
      file: data.file,
    };
  }
  return {
    yi: Float64Array.from(data.effect),
    vi: Float64Array.from(data.variance),
    location: (i) => ({ file: undefined, row: undefined, study: data.study ? data.study[i] : String(i + 1) }),
    counts: data.counts ? [...data.counts] : undefined,
    measure: data.measure,
    file: undefined,
  };
}

/**
 * Pools per-study effect sizes into one estimate, as metafor's `rma.uni()` (methods EE/FE, DL,
 * HE, HS, SJ, ML, REML, EB, PM; tests z and knha), `rma.mh()` (MH) and `rma.peto()` (PETO), with
 * everything those fits report: estimate, SE, z or t, p, CI; tau², its SE, tau, I², H², Cochran's
 * Q; the prediction interval of `predict()`; back-transformed values (exp for ratio measures, inverse logit for PLO, tanh for ZCOR); study
 * weights (percent); Q-profile intervals of `confint()`; ML and REML fit statistics of
 * `fitstats()`; for MH odds ratios the CMH, Breslow–Day and Tarone tests.
 *
 * The result is plain JSON: figures that cannot be computed are null and a warning says why.
 * Validates its input and throws `MetasynthError` (`invalid_input`: a non-finite effect or a
 * variance that is not positive and finite, missing 2x2 counts for MH/PETO; `invalid_option`: an
 * unknown method, test or level, or a measure MH cannot pool).
 *
 * @example
 * pool({ effect: [-0.89, -1.59, -1.35], variance: [0.33, 0.19, 0.42] }, { method: 'DL' }).estimate
 * // -1.3377 (tau² = 0)
 */
export function pool(data: EffectTable | EffectArrays, options: PoolOptions = {}): PoolResult {
  const { method, test, level } = checkPoolOptions(options);
  const input = readInput(data);
  const k = input.yi.length;
  if (k === 0) throw new MetasynthError('invalid_input', POOL_MESSAGES.pool_no_studies_pool());
  let measure: Measure = options.measure ?? input.measure ?? 'GEN';
  if (options.measure !== undefined && input.measure !== undefined && options.measure !== input.measure && method !== 'MH' && method !== 'PETO') {
    throw new MetasynthError('invalid_option', POOL_MESSAGES.pool_measure_differs_from(options.measure, input.measure));
  }
  if (method === 'MH' || method === 'PETO') {
    if (method === 'MH' && !(MH_MEASURES as readonly string[]).includes(measure)) {
      throw new MetasynthError('invalid_option', POOL_MESSAGES.pool_method_mh_pools(measure));
    }
    if (method === 'PETO') measure = 'PETO';
    const counts = requireCounts(input, method);
    const core = method === 'MH' ? mantelHaenszel(measure as 'OR' | 'RR' | 'RD', counts) : peto(counts);
    return countsResult(core, { k, measure, method, level });
  }
  validateEffects(input);
  const weights = options.weights === undefined ? undefined : checkUserWeights(input, options.weights);
  return effectsResult(input, { method, test, level, measure }, options.control, { weights, tau2Ci: options.tau2Ci });
}

/**
 * The user weights as a typed array, every problem reported at once (throws `invalid_input`): one
 * per study, each a finite number ≥ 0 (metafor refuses negative and infinite weights; a missing
 * weight is refused rather than dropping the study), not all 0.
 */
function checkUserWeights(input: Input, weights: ArrayLike<number>): Float64Array {
  const k = input.yi.length;
  if (weights.length !== k) throw new MetasynthError('invalid_input', POOL_MESSAGES.pool_weights_value_studies(weights.length, k));
  const out = Float64Array.from(weights as ArrayLike<number>);
  const issues: Issue[] = [];
  let total = 0;
  for (let i = 0; i < k; i++) {
    const a = out[i]!;
    if (Number.isFinite(a) && a >= 0) {
      total += a;
      continue;
    }
    const loc = input.location(i);
    const received = (weights as ArrayLike<unknown>)[i];
    const where = locationPrefix(loc) ? loc : { ...loc, study: loc.study ?? String(i + 1) };
    issues.push(
      fieldIssue(
        { ...where, field: 'weights' },
        Number.isNaN(a) ? 'missing_weight' : 'invalid_weight',
        received,
        Number.isNaN(a) ? POOL_MESSAGES.number_missing_weight_dropped() : POOL_MESSAGES.weight_not_finite(),
      ),
    );
  }
  if (issues.length > 0) throw new MetasynthError('invalid_input', POOL_MESSAGES.pool_invalid_weights(), issues);
  if (!(total > 0)) throw new MetasynthError('invalid_input', POOL_MESSAGES.pool_weights_all_least());
  return out;
}

/** The method, test and level of `pool()`, all problems reported at once (throws `invalid_option`). */
function checkPoolOptions(options: PoolOptions): { method: PoolResult['method']; test: PoolResult['test']; level: number } {
  const method = options.method ?? 'REML';
  const test = options.test ?? 'z';
  const level = options.level ?? 95;
  const optionIssues: Issue[] = [];
  if (!isPoolMethod(method))
    optionIssues.push({ code: 'unknown_method', field: 'method', received: method, message: POOL_MESSAGES.unknown_method(method, POOL_METHODS).text });
  if (!isPoolTest(test)) optionIssues.push({ code: 'unknown_test', field: 'test', received: test, message: POOL_MESSAGES.unknown_test(test, TESTS).text });
  if (!(typeof level === 'number' && level > 0 && level < 100))
    optionIssues.push({ code: 'invalid_level', field: 'level', received: level, message: POOL_MESSAGES.invalid_level(level).text });
  if (options.measure !== undefined && !isMeasure(options.measure))
    optionIssues.push({ code: 'unknown_measure', field: 'measure', received: options.measure, message: POOL_MESSAGES.unknown_measure(options.measure).text });
  if ((method === 'MH' || method === 'PETO') && test !== 'z')
    optionIssues.push({ code: 'test_not_available', field: 'test', received: test, message: POOL_MESSAGES.test_not_available(test, method).text });
  optionIssues.push(...weightAndIntervalIssues(options, method));
  if (optionIssues.length > 0) throw new MetasynthError('invalid_option', POOL_MESSAGES.pool_invalid_options(), optionIssues);
  return { method, test, level };
}

/** The option problems of user weights and the extra tau² interval (GENQ without weights, PL for a non-likelihood fit). */
function weightAndIntervalIssues(options: PoolOptions, method: string): Issue[] {
  const issues: Issue[] = [];
  if (options.weights !== undefined && (method === 'MH' || method === 'PETO')) {
    issues.push({ code: 'weights_not_available', field: 'weights', message: POOL_MESSAGES.weights_method_pools_x2(method).text });
  }
  if (options.weights === undefined && needsUserWeights(method)) {
    issues.push({ code: 'weights_required', field: 'weights', received: method, message: POOL_MESSAGES.method_needs_user_weights(method).text });
  }
  const ci = options.tau2Ci;
  if (ci !== undefined && !(TAU2_INTERVAL_TYPES as readonly string[]).includes(ci)) {
    issues.push({ code: 'unknown_interval', field: 'tau2Ci', received: ci, message: POOL_MESSAGES.tau2ci_one(ci, TAU2_INTERVAL_TYPES).text });
  } else if (ci === 'PL' && method !== 'ML' && method !== 'REML') {
    issues.push({ code: 'interval_not_available', field: 'tau2Ci', received: ci, message: POOL_MESSAGES.tau2ci_pl_profile_likelihood(method).text });
  }
  return issues;
}

/** Q-profile intervals of tau², tau, I² and H² (null for EE and k = 1). */
function heterogeneityIntervals(
  input: Input,
  fit: { tau2: number; method: string; typicalVariance: number },
  level: number,
  control: PoolOptions['control'],
  weights: Float64Array | undefined,
  warnings: Warning[],
): PoolResult['confint'] {
  const { tau2 } = fit;
  const parts = needsUserWeights(fit.method) && weights ? generalisedQParts([new Float64Array(input.yi.length).fill(1)], input.yi, input.vi, weights) : null;
  const ci = parts
    ? generalisedQProfileInterval(parts, { tau2, level, typicalVariance: fit.typicalVariance, tau2Max: control?.confintTau2Max })
    : qProfileInterval(input.yi, input.vi, { tau2, level, tau2Max: control?.confintTau2Max, rootTolerance: control?.rootTolerance });
  warnings.push(...ci.warnings);
  return intervalFigures(ci);
}

function intervalFigures(ci: QProfileInterval): HeterogeneityIntervals {
  const fig = (x: { estimate: number; lower: number; upper: number }): IntervalFigure => ({
    estimate: finiteOrNull(x.estimate),
    lower: finiteOrNull(x.lower),
    upper: finiteOrNull(x.upper),
  });
  return { tau2: fig(ci.tau2), tau: fig(ci.tau), i2: fig(ci.i2), h2: fig(ci.h2) };
}

/** The profile-likelihood intervals (ML and REML fits; the options check refuses the others). */
function profileIntervals(
  input: Input,
  fit: { tau2: number; method: string; typicalVariance: number },
  level: number,
  control: PoolOptions['control'],
  weights: Float64Array | undefined,
  warnings: Warning[],
): HeterogeneityIntervals {
  const ones = new Float64Array(input.yi.length).fill(1);
  const ci = profileLikelihoodInterval([ones], input.yi, input.vi, {
    kind: fit.method === 'ML' ? 'ML' : 'REML',
    tau2: fit.tau2,
    typicalVariance: fit.typicalVariance,
    level,
    tau2Max: control?.confintTau2Max,
    userWeights: weights,
  });
  warnings.push(...ci.warnings);
  return intervalFigures(ci);
}

/** The rma.uni branch of `pool()`: the intercept-only fit from yi/vi and everything pool adds to it. */
function effectsResult(
  input: Input,
  head: { method: PoolResult['method']; test: PoolResult['test']; level: number; measure: Measure },
  control: PoolOptions['control'],
  extra: { weights: Float64Array | undefined; tau2Ci: PoolOptions['tau2Ci'] },
): PoolResult {
  const { method, test, level, measure } = head;
  const k = input.yi.length;
  const userWeights = extra.weights;
  const tau2Method = method === 'FE' ? 'EE' : (method as Exclude<typeof method, 'FE' | 'MH' | 'PETO'>);
  const { fit, sums, test: testUsed } = fitInterceptDetail(input.yi, input.vi, { method: tau2Method, test, level, control, weights: userWeights });
  const warnings: Warning[] = [...fit.warnings];
  const isEE = tau2Method === 'EE';
  const tau2Failed = needsUserWeights(tau2Method) && k > 1 && !Number.isFinite(fit.tau2);
  if (tau2Failed) warnings.push({ code: 'not_estimable', message: POOL_MESSAGES.tau_could_estimated_these(tau2Method, userWeights).text });
  if (isEE && k > 1) {
    warnings.push({ code: 'not_applicable', message: POOL_MESSAGES.not_applicable(method).text });
  }
  const weights = studyWeights(input, fit, userWeights);
  const confint = !isEE && k > 1 && !tau2Failed ? heterogeneityIntervals(input, fit, level, control, userWeights, warnings) : null;
  const confintPL = extra.tau2Ci === 'PL' && k > 1 ? profileIntervals(input, fit, level, control, userWeights, warnings) : undefined;
  // metafor's log-likelihoods take the residuals of the reported estimate: with user weights,
  // Σ w(y − β_A)² = Q(tau²) + Σw·(β_A − μ̂)².
  const rss = sums.q + (userWeights ? sums.sumWeights * (fit.estimate - sums.mean) ** 2 : 0);
  const fitStats = fitStatistics(
    interceptLikelihoodParts(k, sumLogVariance(input.vi, k === 1 ? 0 : fit.tau2), rss, sums.sumWeights, sumLogVariance(input.vi, 0), isEE ? 1 : 2),
  );
  const result = {
    k,
    measure,
    method,
    test: testUsed,
    level,
    estimate: fit.estimate,
    standardError: fit.standardError,
    statistic: fit.statistic,
    df: testUsed !== 'z' ? fit.df : null,
    pValue: fit.pValue,
    ciLower: fit.ciLower,
    ciUpper: fit.ciUpper,
    tau2: fit.tau2,
    tau2StandardError: fit.tau2StandardError,
    tau: Math.sqrt(fit.tau2),
    i2: fit.i2,
    h2: fit.h2,
    q: fit.q,
    qDf: fit.qDf,
    qPValue: fit.qPValue,
    piLower: fit.piLower,
    piUpper: fit.piUpper,
  };
  const explained = new Set<string>();
  if (k === 1) for (const x of ['tau2', 'tau2StandardError', 'tau', 'i2', 'h2', 'q', 'qPValue', 'piLower', 'piUpper']) explained.add(x);
  if (isEE) for (const x of ['tau2StandardError', 'piLower', 'piUpper']) explained.add(x);
  if (warnings.some((w) => w.code === 'knha_zero_scale')) explained.add('statistic');
  const transformed = transformedFigures(measure, fit, warnings);
  return finish(result, explained, warnings, {
    transformed,
    weights,
    confint,
    ...(confintPL ? { confintPL } : {}),
    fit: fitStats,
    tests: null,
    converged: fit.converged,
    iterations: fit.iterations,
  });
}

/** Study weights in percent (metafor weights()): 100·a/Σa with user weights, else 100·w/Σw, w = 1/(v + tau²). */
function studyWeights(input: Input, fit: { tau2: number; sumWeights: number; k: number }, userWeights: Float64Array | undefined): (number | null)[] {
  const k = input.yi.length;
  const out: (number | null)[] = [];
  if (userWeights) {
    let total = 0;
    for (let i = 0; i < k; i++) total += userWeights[i]!;
    for (let i = 0; i < k; i++) out.push(finiteOrNull((100 * userWeights[i]!) / total));
    return out;
  }
  for (let i = 0; i < k; i++) out.push(finiteOrNull(100 / ((input.vi[i] as number) + (k === 1 ? 0 : fit.tau2)) / fit.sumWeights));
  return out;
}

/**
 * The measure's back-transformation (effects/backTransform) of the estimate, CI and PI, as
 * metafor's predict(transf = ...); null for measures read on the model scale. A figure whose
 * model-scale value is finite but whose back-transform is not (exp of |log ratio| > ~709) is null
 * with a warning.
 */
function transformedFigures(
  measure: Measure,
  fit: { estimate: number; ciLower: number; ciUpper: number; piLower: number; piUpper: number },
  warnings: Warning[],
): PoolResult['transformed'] {
  const figures = { estimate: fit.estimate, ciLower: fit.ciLower, ciUpper: fit.ciUpper, piLower: fit.piLower, piUpper: fit.piUpper };
  const out = backTransform(measure, figures);
  if (out === null) return null;
  const overflowed = overflowedFigures(figures, out);
  if (overflowed.length > 0) {
    warnings.push({ code: 'not_computable', message: POOL_MESSAGES.not_computable(overflowed, out.scale).text });
  }
  return out;
}

type Scalars = Record<string, number | string | null>;

/** Replaces non-finite numbers by null and adds one warning naming any that no other warning explains. */
function finish(
  scalars: Scalars & { k: number; measure: Measure; method: PoolResult['method']; test: PoolResult['test']; level: number },
  explained: Set<string>,
  warnings: Warning[],
  rest: Pick<PoolResult, 'transformed' | 'weights' | 'confint' | 'confintPL' | 'fit' | 'tests' | 'converged' | 'iterations'>,
): PoolResult {
  const out: Record<string, unknown> = {};
  const unexplained: string[] = [];
  for (const [key, value] of Object.entries(scalars)) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      out[key] = null;
      if (!explained.has(key)) unexplained.push(key);
    } else out[key] = value;
  }
  if (unexplained.length > 0) {
    warnings.push({ code: 'not_computable', message: POOL_MESSAGES.not_computable_not(unexplained).text });
  }
  return { ...out, ...rest, warnings } as unknown as PoolResult;
}

function validateEffects(input: Input): void {
  const issues: Issue[] = [];
  for (let i = 0; i < input.yi.length; i++) {
    const y = input.yi[i] as number;
    const v = input.vi[i] as number;
    if (Number.isFinite(y) && Number.isFinite(v) && v > 0) continue;
    const loc = input.location(i);
    const prefix = locationPrefix(loc) || `study ${i + 1}`;
    if (!Number.isFinite(y)) issues.push({ ...loc, code: 'not_finite', field: 'effect', received: y, message: POOL_MESSAGES.not_finite(prefix, y).text });
    if (!(Number.isFinite(v) && v > 0))
      issues.push({ ...loc, code: 'not_positive', field: 'variance', received: v, message: POOL_MESSAGES.not_positive_variance(prefix, v).text });
  }
  if (issues.length > 0) throw new MetasynthError('invalid_input', POOL_MESSAGES.pool_invalid_effect_sizes(), issues);
}

function requireCounts(input: Input, method: 'MH' | 'PETO'): TwoByTwo[] {
  const issues: Issue[] = [];
  const out: TwoByTwo[] = [];
  for (let i = 0; i < input.yi.length; i++) {
    const loc = input.location(i);
    const prefix = locationPrefix(loc) || `study ${i + 1}`;
    const t = input.counts?.[i];
    if (!t) {
      issues.push({ ...loc, code: 'missing_counts', field: 'counts', message: POOL_MESSAGES.missing_counts(prefix, method).text });
      continue;
    }
    for (const f of ['ai', 'bi', 'ci', 'di'] as const) {
      const x = t[f];
      if (!(Number.isFinite(x) && x >= 0))
        issues.push({ ...loc, code: 'invalid_count', field: f, received: x, message: POOL_MESSAGES.invalid_count(prefix, f, x).text });
    }
    out.push(t);
  }
  if (issues.length > 0) throw new MetasynthError('invalid_input', POOL_MESSAGES.pool_method_cannot_these(method), issues);
  return out;
}

/** I², H² and Q's p-value of a counts fit; when Q has no degrees of freedom they are explained gaps and a warning says why. */
function countsHeterogeneity(core: CountsFit, explained: Set<string>, warnings: Warning[]): { i2: number; h2: number; qP: number } {
  const kYi = core.yi.length;
  if (kYi > 1 && Number.isFinite(core.q)) {
    const df = kYi - 1;
    return { i2: i2FromQ(core.q, df), h2: h2FromQ(core.q, df), qP: chiSquareSurvival(core.q, df) };
  }
  for (const x of ['q', 'qPValue', 'i2', 'h2']) explained.add(x);
  warnings.push({ code: 'not_estimable', message: POOL_MESSAGES.not_estimable_only(kYi).text });
  return { i2: NaN, h2: NaN, qP: NaN };
}

/** Each study's weight in percent of the total (null where not finite). */
function percentWeights(weights: Float64Array): PoolResult['weights'] {
  let sumW = 0;
  for (const w of weights) sumW += w;
  return Array.from(weights, (w) => finiteOrNull((100 * w) / sumW));
}

/** Log-likelihood, deviance and information criteria of a counts fit (the equal-effects likelihood). */
function countsFitStatistics(core: CountsFit): PoolResult['fit'] {
  const kYi = core.yi.length;
  let sumLogV = 0;
  let sumW1 = 0;
  for (let i = 0; i < kYi; i++) {
    sumLogV += Math.log(core.vi[i] as number);
    sumW1 += 1 / (core.vi[i] as number);
  }
  return kYi >= 1 && Number.isFinite(core.estimate)
    ? fitStatistics(interceptLikelihoodParts(kYi, sumLogV, core.residualSumOfSquares, sumW1, sumLogV, 1))
    : fitStatistics(interceptLikelihoodParts(NaN, NaN, NaN, NaN, NaN, 1));
}

/** The CMH, Cochran, Breslow–Day and Tarone tests of a counts fit (null when the method gives none). */
function countsTests(t: CountsFit['tests']): PoolResult['tests'] {
  if (!t) return null;
  const testFig = (s: number, p: number): TestFigure => ({ statistic: finiteOrNull(s), pValue: finiteOrNull(p) });
  return {
    cmh: testFig(t.cmh, t.cmhP),
    cochran: testFig(t.cochran, t.cochranP),
    breslowDay: testFig(t.breslowDay, t.breslowDayP),
    tarone: testFig(t.tarone, t.taroneP),
  };
}

function countsResult(core: CountsFit, head: { k: number; measure: Measure; method: 'MH' | 'PETO'; level: number }): PoolResult {
  const warnings: Warning[] = [...core.warnings];
  const crit = normalCritical(head.level);
  const est = core.estimate;
  const se = core.standardError;
  const z = est / se;
  const kYi = core.yi.length;
  const explained = new Set<string>(['tau2StandardError', 'piLower', 'piUpper']);
  const { i2, h2, qP } = countsHeterogeneity(core, explained, warnings);
  if (!Number.isFinite(est)) for (const x of ['estimate', 'standardError', 'statistic', 'pValue', 'ciLower', 'ciUpper']) explained.add(x);
  warnings.push({ code: 'not_applicable', message: POOL_MESSAGES.not_applicable_method(head.method).text });
  const weights = percentWeights(core.weights);
  const fitStats = countsFitStatistics(core);

  const lo = est - crit * se;
  const hi = est + crit * se;
  return finish(
    {
      ...head,
      test: 'z',
      estimate: est,
      standardError: se,
      statistic: z,
      df: null,
      pValue: normalTwoSidedP(z),
      ciLower: lo,
      ciUpper: hi,
      tau2: 0,
      tau2StandardError: NaN,
      tau: 0,
      i2,
      h2,
      q: core.q,
      qDf: kYi - 1,
      qPValue: qP,
      piLower: NaN,
      piUpper: NaN,
    },
    explained,
    warnings,
    {
      transformed: transformedFigures(head.measure, { estimate: est, ciLower: lo, ciUpper: hi, piLower: NaN, piUpper: NaN }, warnings),
      weights,
      confint: null,
      fit: fitStats,
      tests: countsTests(core.tests),
      converged: true,
      iterations: 0,
    },
  );
}
