// The user-facing messages of pool, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of pool, keyed by their stable code. */
export const POOL_MESSAGES = defineMessages({
  expected_effect_table_effect: (what: string) => `${what}: expected an effect table or { effect, variance } arrays`,
  effect_has_but_variance: (what: string, length: string, length2: number) => `${what}: effect has ${length} but variance has ${length2}`,
  not_a_number_study: (i: number, name: unknown, y: unknown) => `study ${i} (${JSON.stringify(name)}): effect (${String(y)}) must be a finite number`,
  not_positive_study: (i: number, name: unknown, v: unknown) =>
    `study ${i} (${JSON.stringify(name)}): variance (${String(v)}) must be a finite number greater than 0`,
  invalid_studies: (what: string, length: number) => `${what}: ${length} invalid ${length === 1 ? 'study' : 'studies'}`,
  no_studies: (what: string) => `${what}: no studies`,
  test_changed: () => 'k = 1: the Knapp–Hartung t test needs k ≥ 2 (k − 1 df); the z test was used instead, as metafor does',
  not_estimable: () =>
    "k = 1: the pooled estimate is the study's own; tau², Q, I², H², the prediction interval and the heterogeneity intervals cannot be estimated from a single study",
  knha_with_equal_effects: () => 'the Knapp–Hartung adjustment is meant for random-effects models, not EE/FE (metafor warns likewise)',
  knha_zero_scale: () =>
    'Knapp–Hartung scale factor is 0 (all effects equal their weighted mean): the standard error is 0, so the t statistic is not finite (as in metafor)',
  not_estimable_mantel: () =>
    'Mantel–Haenszel odds ratio: no table has events and non-events in a way that gives a finite pooled odds ratio (Σ a·d/N or Σ b·c/N is 0)',
  not_estimable_breslow: (kPos: number) => `Breslow–Day and Tarone tests need at least 2 informative tables (found ${kPos}): no p-values`,
  not_estimable_mantel_haenszel: () => 'Mantel–Haenszel risk ratio: there are no events in one of the groups',
  empty_table: () => 'a table with no participants was left out of the Mantel–Haenszel sums',
  not_estimable_peto: () => "Peto odds ratio: one of the two outcomes never occurred in any table, so Peto's method cannot be used",
  pool_no_studies_pool: () => 'pool: no studies to pool',
  pool_measure_differs_from: (measure: string, measure2: string) =>
    `pool: measure (${measure}) differs from the measure of the data (${measure2}); compute the effect sizes for ${measure} first`,
  pool_method_mh_pools: (measure: string) => `pool: method MH pools 2x2 tables as OR, RR or RD; measure (${measure}) is not one of them`,
  unknown_method: (method: unknown, POOL_METHODS: readonly string[]) => `method (${String(method)}) must be one of ${POOL_METHODS.join(', ')}`,
  unknown_test: (test: unknown, TESTS: readonly string[]) => `test (${String(test)}) must be one of ${TESTS.join(', ')}`,
  invalid_level: (level: unknown) => `level (${String(level)}) must be a percentage strictly between 0 and 100`,
  unknown_measure: (measure: unknown) => `measure (${String(measure)}) is not a known measure`,
  test_not_available: (test: unknown, method: string) => `test (${String(test)}): ${method} supports only the z test`,
  pool_invalid_options: () => 'pool: invalid options',
  not_applicable: (method: string) =>
    `method ${method} fixes tau² = 0: there is no standard error of tau², no prediction interval and no confidence interval for the heterogeneity (metafor likewise)`,
  not_computable: (overflowed: readonly string[], scale: string) =>
    `transformed ${overflowed.join(', ')}: ${scale}() of the model-scale value overflows double precision; the model-scale figures are given`,
  not_computable_not: (unexplained: readonly string[]) => `not computable (the arithmetic gave a non-finite value): ${unexplained.join(', ')}`,
  not_finite: (prefix: string, y: number) => `${prefix}: effect (${y}) must be a finite number`,
  not_positive_variance: (prefix: string, v: number) => `${prefix}: variance (${v}) must be a positive finite number`,
  pool_invalid_effect_sizes: () => 'pool: invalid effect sizes',
  missing_counts: (prefix: string, method: string) => `${prefix}: method ${method} needs the 2x2 counts (ai, bi, ci, di) of every study`,
  invalid_count: (prefix: string, f: string, x: number) => `${prefix}: ${f} (${x}) must be a non-negative number`,
  pool_method_cannot_these: (method: string) => `pool: method ${method} cannot use these data`,
  not_estimable_only: (kYi: number) => `only ${kYi} table(s) give a per-study estimate (double-zero tables are dropped): Q, I² and H² cannot be computed`,
  not_applicable_method: (method: string) =>
    `method ${method} is a common-effect method (tau² = 0): there is no standard error of tau², no prediction interval and no confidence interval for the heterogeneity (metafor likewise)`,
  negative_weight: () => 'must not be negative (a weight)',
  pool_weights_value_studies: (length: number, k: number) => `pool: weights has ${length} value${length === 1 ? '' : 's'} but there are ${k} studies`,
  number_missing_weight_dropped: () => 'must be a number (a missing weight is not dropped: remove the study or give its weight)',
  weight_not_finite: () => 'must be a finite number >= 0',
  pool_invalid_weights: () => 'pool: invalid weights',
  pool_weights_all_least: () => 'pool: the weights are all 0; at least one study needs a positive weight',
  weights_method_pools_x2: (method: string) =>
    `weights: method ${method} pools 2x2 tables with its own weights; user weights need an inverse-variance method (EE, DL, REML, ...)`,
  method_needs_user_weights: (method: string) =>
    `method (${method}) needs user weights (weights), as metafor: "Must specify 'weights' when method='${method}'"`,
  tau2ci_one: (ci: string, TAU2_INTERVAL_TYPES: readonly string[]) => `tau2Ci (${String(ci)}) must be one of ${TAU2_INTERVAL_TYPES.join(', ')}`,
  tau2ci_pl_profile_likelihood: (method: string) =>
    `tau2Ci (PL): the profile-likelihood interval of tau² needs a likelihood fit, method ML or REML; method ${method} maximises no likelihood (use the Q-profile interval, confint)`,
  tau_could_estimated_these: (tau2Method: string, userWeights: unknown) =>
    `tau² (${tau2Method}) could not be estimated from these data${userWeights ? ' and weights' : ''}: the figures that depend on it are null`,
  weights_column_found_among: (name: string, length: number, available: readonly string[]) =>
    `weights: column "${name}" not found among the non-data columns${length > 0 ? ` (${available.join(', ')})` : ''}; a column the measure reads (such as ni) must be copied under another name to serve as weights`,
});
