// The multilevel / multivariate model of `metasynth multilevel` (metafor's rma.mv): the settings as the
// command's options, its JSON document, and the cluster forest plot its --plot draws.
import { MetasynthError } from '../../core/errors.js';
import type { EffectTable } from '../../effects/types.js';
import {
  clusterForestInput,
  isMultilevelMethod,
  isMultilevelTest,
  multilevel,
  parseRandomTerm,
  type MultilevelOptions,
  type MultilevelResult,
  type ProfileInterval,
} from '../../multilevel/index.js';
import { clusterForestPlotSpec } from '../../plots/clusterForest.js';
import { SESSION_MESSAGES } from '../messages.js';
import { randomTermsOf, type AnalysisSettings } from '../settings.js';
import { modsTerms } from './modsTerms.js';

/** The sampling covariance and robust options of the settings (one cluster column for both), as the command checks them. */
function clusterOptions(s: AnalysisSettings): Pick<MultilevelOptions, 'sampling' | 'robust'> {
  const vcov = s.vcov ?? [];
  if (vcov.length > 0 && s.rho !== undefined) throw new MetasynthError('usage', SESSION_MESSAGES.session_vcov_rho_not_both());
  const wantsCluster = vcov.length > 0 ? 'vcov' : s.rho !== undefined ? 'rho' : s.robust !== undefined ? 'robust' : null;
  if (wantsCluster !== null && s.cluster === undefined)
    throw new MetasynthError('usage', SESSION_MESSAGES.session_needs_setting(`multilevel with ${wantsCluster}`, 'cluster'));
  const cluster = s.cluster!;
  return {
    ...(vcov.length > 0 ? { sampling: { type: 'vcov' as const, cluster, columns: vcov } } : {}),
    ...(s.rho !== undefined ? { sampling: { type: 'rho' as const, cluster, rho: s.rho } } : {}),
    ...(s.robust !== undefined ? { robust: { type: s.robust, cluster } } : {}),
  };
}

/**
 * The library's options of multilevel settings, as `metasynth multilevel` reads its flags (profile CIs on).
 * @example multilevelOptionsOf({ analysis: 'multilevel', random: '~ 1 | district/school' }).random // ['~ 1 | district/school']
 */
export function multilevelOptionsOf(s: AnalysisSettings): MultilevelOptions {
  const random = randomTermsOf(s.random);
  if (random.length === 0) throw new MetasynthError('usage', SESSION_MESSAGES.session_needs_setting('multilevel', 'random'));
  const method = s.method ?? 'REML';
  if (!isMultilevelMethod(method)) throw new MetasynthError('invalid_option', SESSION_MESSAGES.session_multilevel_choice('method', method, ['REML', 'ML']));
  const test = s.test ?? 'z';
  if (!isMultilevelTest(test)) throw new MetasynthError('invalid_option', SESSION_MESSAGES.session_multilevel_choice('test', test, ['z', 't']));
  return {
    random,
    ...(s.struct !== undefined ? { struct: s.struct } : {}),
    mods: s.mods === undefined ? [] : modsTerms(s.mods),
    method,
    test,
    level: s.level ?? 95,
    confint: true,
    ...clusterOptions(s),
  };
}

const interval = (c: ProfileInterval) => ({ estimate: c.estimate, lower: c.lower, upper: c.upper });

/**
 * The JSON document of `multilevel --json` (a public contract; README, section multilevel).
 * @example multilevelJson(multilevel(bcgTable, { random: ['~ 1 | alloc'] })).sigma2[0].levels // 3
 */
export function multilevelJson(r: MultilevelResult) {
  return {
    k: r.k,
    measure: r.measure,
    method: r.method,
    test: r.test,
    level: r.level,
    random: r.random,
    struct: r.struct,
    coefficients: r.coefficients.map((c) => ({
      name: c.name,
      estimate: c.estimate,
      standardError: c.standardError,
      statistic: c.statistic,
      df: c.df,
      pValue: c.pValue,
      ciLower: c.ciLower,
      ciUpper: c.ciUpper,
    })),
    sigma2: r.sigma2.map((s) => ({ name: s.name, estimate: s.estimate, levels: s.levels })),
    tau2: r.tau2,
    rho: r.rho,
    gamma2: [] as number[],
    phi: null,
    q: r.q,
    qDf: r.qDf,
    qPValue: r.qPValue,
    qm: r.qm,
    qmDf: r.qmDf,
    qmDfDenominator: r.qmDfDenominator,
    qmPValue: r.qmPValue,
    piLower: r.piLower,
    piUpper: r.piUpper,
    predictions: r.predictions,
    fit: r.fit,
    confint: r.confint && {
      sigma2: r.confint.sigma2.map(interval),
      tau2: r.confint.tau2.map(interval),
      rho: r.confint.rho === null ? null : Array.isArray(r.confint.rho) ? r.confint.rho.map(interval) : interval(r.confint.rho as ProfileInterval),
    },
    i2: r.i2,
    robust: r.robust && {
      type: r.robust.type,
      coefficients: r.robust.coefficients,
      qm: r.robust.qm,
      qmDf: r.robust.qmDf,
      qmDfDenominator: r.robust.qmDfDenominator,
      qmPValue: r.robust.qmPValue,
    },
    converged: r.converged,
    iterations: r.iterations,
    warnings: r.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}

/**
 * The column the cluster forest plot groups by: the one given, else the settings' cluster, else the
 * outermost factor of the first random term (as `multilevel --plot`).
 * @example clusterColumnOf({ random: ['~ 1 | district/school'] }) // 'district'
 */
export function clusterColumnOf(options: Pick<MultilevelOptions, 'random'>, given?: string): string {
  if (given !== undefined) return given;
  const term = parseRandomTerm(options.random[0]!);
  return term.kind === 'nested' ? term.factors[0]! : term.outer;
}

/**
 * The cluster forest plot of an intercept-only fit (rows grouped by cluster, each cluster's summary,
 * the pooled estimate), titled as `multilevel --plot` titles it; null for a model with moderators.
 * @example multilevelForestSpec(bcgTable, { random: ['~ 1 | alloc'] }, multilevel(bcgTable, { random: ['~ 1 | alloc'] }), 'alloc') !== null // true
 */
export function multilevelForestSpec(table: EffectTable, options: MultilevelOptions, result: MultilevelResult, cluster: string) {
  if (result.coefficients.length !== 1) return null;
  const input = clusterForestInput(table, options, result, cluster);
  return clusterForestPlotSpec(input, {
    preset: 'default',
    showWeights: false,
    labelHeader: `${cluster.charAt(0).toUpperCase()}${cluster.slice(1)} and effect`,
    title: `Effects by ${cluster}: ${table.file ?? 'studies'}`,
  });
}

/**
 * Fits the model of the settings as `metasynth multilevel` does, with its JSON document (input warnings not yet added).
 * @example multilevelRun(bcgTable, { analysis: 'multilevel', random: '~ 1 | alloc' }).json.k // 13
 */
export function multilevelRun(table: EffectTable, s: AnalysisSettings) {
  const options = multilevelOptionsOf(s);
  const result = multilevel(table, options);
  return { options, result, json: multilevelJson(result) };
}
