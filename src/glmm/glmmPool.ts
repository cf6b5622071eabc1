import { MetasynthError, locationPrefix, type Issue, type Warning } from '../core/errors.js';
import { chiSquareSurvival } from '../distributions/chiSquare.js';
import { normalCritical, normalTwoSidedP } from '../distributions/normal.js';
import { conditionalEqualEffects, conditionalRandomEffects, type LikelihoodFit } from './conditionalFit.js';
import { glmmCoreFit, type GlmmCoreFit } from './glmmFit.js';
import { conditionalTable } from './noncentralHypergeometric.js';
import { saturatedTests } from './saturatedModel.js';
import { doubleZeroReason, samplingVariance, type GlmmMeasure, type GlmmStudy } from './studyData.js';
import { typicalVarianceOf } from './saturatedTests.js';
import { unconditionalFit } from './unconditionalFit.js';
import type { DroppedStudy, GlmmMethod, GlmmModel, GlmmOptions, GlmmResult, GlmmTable } from './types.js';
import { GLMM_MESSAGES } from './messages.js';

/**
 * A 2x2 table without a `measure` is an odds-ratio study (the original input of glmmPool).
 * @example asGlmmStudy({ study: 'A', ai: 1, bi: 9, ci: 2, di: 8 }).measure // 'OR'
 */
export function asGlmmStudy(t: GlmmTable | GlmmStudy): GlmmStudy {
  return 'measure' in t ? t : { ...t, measure: 'OR' };
}

const COUNT_FIELDS: Record<GlmmMeasure, readonly string[]> = { OR: ['ai', 'bi', 'ci', 'di'], IRR: ['x1i', 'x2i'], PLO: ['xi'], IRLN: ['xi'] };
const SIZE_FIELDS: Record<GlmmMeasure, readonly string[]> = { OR: [], IRR: ['t1i', 't2i'], PLO: ['ni'], IRLN: ['ti'] };

/**
 * Counts must be integers ≥ 0, events at most the group size, person-times > 0; all problems at once, each naming its study and field.
 * @example validateStudies([{ study: 'A', measure: 'IRLN', xi: 3, ti: 100 }]) // undefined
 */
export function validateStudies(studies: readonly GlmmStudy[]): void {
  const issues: Issue[] = [];
  const measure = studies[0]?.measure;
  for (const s of studies) {
    const where = locationPrefix({ ...(s.row !== undefined ? { row: s.row } : {}), study: s.study });
    const rec = s as unknown as Record<string, number>;
    const add = (field: string, code: string, text: string) =>
      issues.push({ code, study: s.study, field, received: rec[field], message: GLMM_MESSAGES.glmm_invalid_field(where, field, rec[field], text).text });
    if (s.measure !== measure)
      issues.push({ code: 'mixed_measures', study: s.study, message: GLMM_MESSAGES.study_among_studies(where, s.measure, measure).text });
    for (const f of COUNT_FIELDS[s.measure])
      if (!Number.isInteger(rec[f]) || (rec[f] as number) < 0) add(f, 'not_a_count', 'must be a count (an integer ≥ 0); events cannot exceed the group size');
    for (const f of SIZE_FIELDS[s.measure]) if (!((rec[f] as number) > 0) || !Number.isFinite(rec[f])) add(f, 'not_positive', 'must be positive');
    if (s.measure === 'PLO' && Number.isInteger(s.ni) && s.xi > s.ni) add('xi', 'events_exceed_n', `must not exceed ni (${s.ni})`);
  }
  if (issues.length > 0) throw new MetasynthError('invalid_input', GLMM_MESSAGES.glmm_counts_valid(), issues);
}

/** The models each measure has (metafor 3.8-1's rma.glmm); throws a usage error naming the alternatives. */
function checkModel(measure: GlmmMeasure, model: GlmmModel, given: boolean): void {
  if ((measure === 'PLO' || measure === 'IRLN') && given && model !== 'UM.FS') {
    throw new MetasynthError('invalid_option', GLMM_MESSAGES.glmm_single_group_measure(measure, model));
  }
  if (measure === 'IRR' && model === 'CM.AL') throw new MetasynthError('invalid_option', GLMM_MESSAGES.glmm_model_cm_al());
}

/**
 * metafor's drop00: the kept studies and the dropped ones with the reason.
 * @example splitDropped([{ study: 'A', measure: 'OR', ai: 0, bi: 10, ci: 0, di: 12 }], true).dropped[0]?.reason // 'no events in either group (double zero)'
 */
export function splitDropped(studies: readonly GlmmStudy[], drop00: boolean): { kept: GlmmStudy[]; dropped: DroppedStudy[] } {
  const kept: GlmmStudy[] = [];
  const dropped: DroppedStudy[] = [];
  for (const s of studies) {
    const reason = drop00 ? doubleZeroReason(s) : null;
    if (reason === null) kept.push(s);
    else dropped.push({ study: s.study, ...(s.row !== undefined ? { row: s.row } : {}), reason });
  }
  return { kept, dropped };
}

/** OR with CM.EL (the non-central hypergeometric likelihood) or UM.FS without moderators: the dedicated fits. */
function dedicatedOrFit(kept: readonly GlmmStudy[], model: GlmmModel, method: GlmmMethod, nagq: number): GlmmCoreFit {
  const tables = kept.map((s) => (s.measure === 'OR' ? s : { study: s.study, ai: 0, bi: 0, ci: 0, di: 0 }));
  const vt = typicalVarianceOf(
    kept.map(samplingVariance),
    kept.map(() => [1]),
  );
  const core = (fit: LikelihoodFit, tests: { wald: number; lrt: number; df: number }, warnings: Warning[], nagqUsed: number | null): GlmmCoreFit => ({
    beta: [fit.beta],
    vcov: [[fit.vcov[0]?.[0] as number]],
    tau2: fit.tau2,
    sigma2: null,
    nagqUsed,
    vt,
    tests,
    logLik: fit.logLik,
    converged: fit.converged,
    iterations: fit.iterations,
    warnings,
    tau2StandardError: model === 'CM.EL' && fit.tau2 > 0 ? Math.sqrt(fit.vcov[1]?.[1] as number) : null,
  });
  if (model === 'UM.FS') {
    const r = unconditionalFit(tables, method, nagq);
    return core(r.fit, r.tests, r.warnings, r.nagqUsed);
  }
  const ct = tables.map((t) => conditionalTable(t.ai, t.bi, t.ci, t.di));
  const ee = conditionalEqualEffects(ct);
  const warnings: Warning[] = [];
  let fit: LikelihoodFit = ee;
  if (method === 'ML') {
    const re = conditionalRandomEffects(ct, ee.beta);
    if (re === null) warnings.push({ code: 'tau2_boundary', message: GLMM_MESSAGES.tau2_boundary().text });
    else fit = re;
  }
  return core(fit, saturatedTests(ct, ee.logLik), warnings, null);
}

/**
 * Validates, drops and fits: the general entry of the GLMMs (glmmPool and glmmRegression).
 * `X` holds the moderators' design rows of all studies (intercept first), or is omitted (intercept only).
 * @example glmmFitStudies([{ study: 'A', measure: 'PLO', xi: 2, ni: 20 }, { study: 'B', measure: 'PLO', xi: 6, ni: 20 }], { method: 'EE' }).fit.beta[0] // -1.386294
 */
export function glmmFitStudies(input: readonly (GlmmTable | GlmmStudy)[], options: GlmmOptions = {}, X?: readonly (readonly number[])[]) {
  const studies = input.map(asGlmmStudy);
  validateStudies(studies);
  const measure = studies[0]?.measure ?? 'OR';
  const model = options.model ?? 'UM.FS';
  const method = options.method ?? 'ML';
  checkModel(measure, model, options.model !== undefined);
  if (model === 'CM.EL' && measure === 'OR' && X !== undefined && (X[0]?.length ?? 1) > 1) {
    throw new MetasynthError('invalid_option', GLMM_MESSAGES.glmm_moderators_model_cm());
  }
  const { kept, dropped } = splitDropped(studies, options.drop00 ?? true);
  const keptX = X === undefined ? kept.map(() => [1]) : studies.flatMap((s, i) => (kept.includes(s) ? [X[i] as number[]] : []));
  const p = keptX[0]?.length ?? 1;
  if (kept.length === 0) throw new MetasynthError('not_estimable', GLMM_MESSAGES.glmm_no_study_left(dropped.length));
  if (kept.length < p) throw new MetasynthError('not_estimable', GLMM_MESSAGES.glmm_too_few_studies(kept.length, dropped.length, p));
  const nagq = options.nagq ?? 7;
  const dedicated = measure === 'OR' && (model === 'CM.EL' || (model === 'UM.FS' && p === 1));
  const fit = dedicated ? dedicatedOrFit(kept, model, method, nagq) : glmmCoreFit(kept, keptX, model, method, nagq);
  return { measure, model: measure === 'PLO' || measure === 'IRLN' ? null : model, method, kept, dropped, fit };
}

/**
 * The back-transform of each measure's pooled value: exp for ratios and rates, the inverse logit for PLO.
 * @example glmmBackTransform('PLO')(0) // 0.5
 */
export function glmmBackTransform(measure: GlmmMeasure): (x: number) => number {
  return measure === 'PLO' ? (x) => 1 / (1 + Math.exp(-x)) : Math.exp;
}

/**
 * Generalized linear mixed models for meta-analysis of counts, as metafor 3.8-1's `rma.glmm`
 * (Stijnen, Hamza & Özdemir 2010): OR from 2x2 tables (UM.FS, UM.RS, CM.EL — the exact conditional
 * model, Van Houwelingen et al. 1993 — and CM.AL), IRR from two person-time arms (UM.FS, UM.RS,
 * CM.EL), single-group PLO and IRLN; `EE` (τ² = 0) or `ML` (random effects, lme4's adaptive
 * Gauss–Hermite with `nagq` points; Laplace for UM.RS). No continuity correction enters a fit.
 * Throws MetasynthError for invalid counts or when no study is informative.
 * @example glmmPool([{ study: 'A', ai: 2, bi: 98, ci: 5, di: 95 }, { study: 'B', ai: 1, bi: 49, ci: 3, di: 47 }], { model: 'CM.EL', method: 'EE' }).estimate // -1.009106
 */
export function glmmPool(input: readonly (GlmmTable | GlmmStudy)[], options: GlmmOptions = {}): GlmmResult {
  const { measure, model, method, kept, dropped, fit } = glmmFitStudies(input, options);
  const level = options.level ?? 95;
  const se = Math.sqrt(fit.vcov[0]?.[0] as number);
  const beta = fit.beta[0] as number;
  if (!Number.isFinite(beta) || !(se > 0)) {
    throw new MetasynthError('not_estimable', GLMM_MESSAGES.glmm_pooled_estimate_finite(model, measure, method));
  }
  const crit = normalCritical(level);
  const z = beta / se;
  const piSe = Math.sqrt(se * se + fit.tau2);
  const test = (statistic: number) => ({ statistic, df: fit.tests.df, pValue: fit.tests.df > 0 ? chiSquareSurvival(statistic, fit.tests.df) : 1 });
  const out = { estimate: beta, ciLower: beta - crit * se, ciUpper: beta + crit * se, piLower: beta - crit * piSe, piUpper: beta + crit * piSe };
  const back = glmmBackTransform(measure);
  return {
    measure,
    method: 'GLMM',
    model,
    glmmMethod: method,
    nagq: fit.nagqUsed,
    level,
    k: kept.length,
    ...out,
    standardError: se,
    statistic: z,
    pValue: normalTwoSidedP(z),
    tau2: fit.tau2,
    tau2StandardError: fit.tau2StandardError ?? null,
    tau: Math.sqrt(fit.tau2),
    sigma2: fit.sigma2,
    i2: (100 * fit.tau2) / (fit.vt + fit.tau2),
    h2: fit.tau2 / fit.vt + 1,
    transformed: {
      estimate: back(out.estimate),
      ciLower: back(out.ciLower),
      ciUpper: back(out.ciUpper),
      piLower: back(out.piLower),
      piUpper: back(out.piUpper),
    },
    tests: { wald: fit.tests.wald === null ? null : test(fit.tests.wald), lrt: test(fit.tests.lrt) },
    logLik: fit.logLik,
    dropped,
    converged: fit.converged,
    iterations: fit.iterations,
    warnings: [
      ...fit.warnings,
      ...(fit.converged || fit.warnings.some((w) => w.code === 'not_converged')
        ? []
        : [{ code: 'not_converged', message: GLMM_MESSAGES.glmm_optimiser_did_reach_2(model, measure, method, fit.iterations).text }]),
    ],
  };
}
