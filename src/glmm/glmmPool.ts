import { MetasynthError, locationPrefix, type Issue, type Warning } from '../core/errors.js';
import { chiSquareSurvival } from '../distributions/chiSquare.js';
import { normalCritical, normalTwoSidedP } from '../distributions/normal.js';
import { conditionalEqualEffects, conditionalRandomEffects, type LikelihoodFit } from './conditionalFit.js';
import { conditionalTable } from './noncentralHypergeometric.js';
import { saturatedTests } from './saturatedModel.js';
import { typicalVariance } from './typicalVariance.js';
import { unconditionalFit } from './unconditionalFit.js';
import type { DroppedStudy, GlmmOptions, GlmmResult, GlmmTable } from './types.js';
import { GLMM_MESSAGES } from './messages.js';

/** Counts must be non-negative integers: all problems reported at once, each naming its study and cell. */
function validateTables(tables: readonly GlmmTable[]): void {
  const issues: Issue[] = [];
  for (const t of tables) {
    for (const field of ['ai', 'bi', 'ci', 'di'] as const) {
      const v = t[field];
      if (!Number.isInteger(v) || v < 0) {
        const where = locationPrefix({ ...(t.row !== undefined ? { row: t.row } : {}), study: t.study });
        issues.push({ code: 'not_a_count', study: t.study, field, received: v, message: GLMM_MESSAGES.not_a_count(where, field, v).text });
      }
    }
  }
  if (issues.length > 0) throw new MetasynthError('invalid_input', GLMM_MESSAGES.glmm_2x2_tables_not(), issues);
}

/** metafor's drop00: a table with no events or only events in both groups carries no information on the OR in these models. */
function splitDropped(tables: readonly GlmmTable[]): { kept: GlmmTable[]; dropped: DroppedStudy[] } {
  const kept: GlmmTable[] = [];
  const dropped: DroppedStudy[] = [];
  for (const t of tables) {
    const reason = t.ai === 0 && t.ci === 0 ? 'no events in either group (double zero)' : t.bi === 0 && t.di === 0 ? 'all participants had the event in both groups' : null;
    if (reason === null) kept.push(t);
    else dropped.push({ study: t.study, ...(t.row !== undefined ? { row: t.row } : {}), reason });
  }
  return { kept, dropped };
}

/** The EE and ML fits of the chosen model, and its heterogeneity tests. */
function fitModel(kept: readonly GlmmTable[], options: Required<Pick<GlmmOptions, 'model' | 'method' | 'nagq'>>) {
  if (options.model === 'UM.FS') return unconditionalFit(kept, options.method, options.nagq);
  const tables = kept.map((t) => conditionalTable(t.ai, t.bi, t.ci, t.di));
  const ee = conditionalEqualEffects(tables);
  const tests = saturatedTests(tables, ee.logLik);
  const warnings: Warning[] = [];
  let fit: LikelihoodFit = ee;
  if (options.method === 'ML') {
    const re = conditionalRandomEffects(tables, ee.beta);
    if (re === null) warnings.push({ code: 'tau2_boundary', message: GLMM_MESSAGES.tau2_boundary().text });
    else fit = re;
  }
  return { fit, tests, warnings };
}

/**
 * Generalized linear mixed models for odds ratios from 2x2 tables, as metafor 3.8-1's `rma.glmm`
 * (Stijnen, Hamza & Özdemir 2010): `CM.EL`, the exact conditional model (each table's
 * non-central hypergeometric likelihood, Van Houwelingen et al. 1993) and `UM.FS`, the logistic
 * model with fixed study effects; `EE` (τ² = 0) or `ML` (θᵢ ~ N(μ, τ²)). No continuity
 * correction enters the fit (only the I² of metafor's definition uses the ½-corrected variances).
 * Throws MetasynthError for invalid counts or when no table is informative.
 * @example glmmPool([{ study: 'A', ai: 2, bi: 98, ci: 5, di: 95 }, { study: 'B', ai: 1, bi: 49, ci: 3, di: 47 }], { model: 'CM.EL', method: 'EE' }).estimate // -1.009106
 */
export function glmmPool(tables: readonly GlmmTable[], options: GlmmOptions = {}): GlmmResult {
  const model = options.model ?? 'UM.FS';
  const method = options.method ?? 'ML';
  const level = options.level ?? 95;
  const nagq = options.nagq ?? 7;
  validateTables(tables);
  const { kept, dropped } = splitDropped(tables);
  if (kept.length === 0) throw new MetasynthError('not_estimable', GLMM_MESSAGES.glmm_no_study_left(dropped.length));
  const { fit, tests, warnings, nagqUsed } = { nagqUsed: null as number | null, ...fitModel(kept, { model, method, nagq }) };
  const se = Math.sqrt(fit.vcov[0]?.[0] as number);
  if (!Number.isFinite(fit.beta) || !(se > 0)) {
    throw new MetasynthError('not_estimable', GLMM_MESSAGES.glmm_pooled_log_odds(model, method));
  }
  const crit = normalCritical(level);
  const z = fit.beta / se;
  const vt = typicalVariance(kept);
  const piSe = Math.sqrt(se * se + fit.tau2);
  const test = (statistic: number) => ({ statistic, df: tests.df, pValue: tests.df > 0 ? chiSquareSurvival(statistic, tests.df) : 1 });
  const out = {
    estimate: fit.beta, ciLower: fit.beta - crit * se, ciUpper: fit.beta + crit * se,
    piLower: fit.beta - crit * piSe, piUpper: fit.beta + crit * piSe,
  };
  return {
    measure: 'OR', method: 'GLMM', model, glmmMethod: method, nagq: nagqUsed, level, k: kept.length,
    ...out, standardError: se, statistic: z, pValue: normalTwoSidedP(z),
    tau2: fit.tau2, tau2StandardError: model === 'CM.EL' && method === 'ML' && fit.tau2 > 0 ? Math.sqrt(fit.vcov[1]?.[1] as number) : null, tau: Math.sqrt(fit.tau2),
    sigma2: null, i2: (100 * fit.tau2) / (vt + fit.tau2), h2: fit.tau2 / vt + 1,
    transformed: { estimate: Math.exp(out.estimate), ciLower: Math.exp(out.ciLower), ciUpper: Math.exp(out.ciUpper), piLower: Math.exp(out.piLower), piUpper: Math.exp(out.piUpper) },
    tests: { wald: test(tests.wald), lrt: test(tests.lrt) }, logLik: fit.logLik, dropped,
    converged: fit.converged, iterations: fit.iterations,
    warnings: [...warnings, ...(fit.converged ? [] : [{ code: 'not_converged', message: GLMM_MESSAGES.not_converged_glmm(model, method, fit.iterations).text }])],
  };
}
