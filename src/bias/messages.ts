// The user-facing messages of bias, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of bias, keyed by their stable code. */
export const BIAS_MESSAGES = defineMessages({
  egger_test_model_rma: (model: unknown) => `eggerTest: model must be 'rma' or 'lm'; received ${JSON.stringify(model)}`,
  too_few_studies: (k: number) => `Egger's test: needs at least 3 studies, got ${k}`,
  not_estimable_egger: () => "Egger's test: all standard errors are equal, so the slope cannot be estimated",
  not_estimable_egger_s: () => "Egger's test: the meta-regression on the standard errors could not be fitted",
  fail_safe_n_type: (FAIL_SAFE_TYPES: readonly string[], type: unknown) =>
    `failSafeN: type must be one of ${FAIL_SAFE_TYPES.join(', ')}; received ${JSON.stringify(type)}`,
  fail_safe_n_alpha: (alpha: unknown) => `failSafeN: alpha must lie strictly between 0 and 1; received ${String(alpha)}`,
  fail_safe_n_target: (target: unknown, type: string) =>
    `failSafeN: target applies to type 'Orwin' only and must be finite; received ${String(target)} with type '${type}'`,
  unreachable: (mean: number, target: number) => `fail-safe N (Orwin): no number of null studies moves the mean effect (${mean}) to the target (${target})`,
  not_estimable_funnel: () => 'funnel: the pooled estimate could not be computed',
  too_few_studies_rank: (k: number) => `rank correlation test: needs at least 3 studies, got ${k}`,
  not_estimable_rank: () => 'rank correlation test: all standardised effects or all variances are equal',
  ties: () => "rank correlation test: ties present, so the p-value uses the normal approximation (as R's cor.test)",
  normal_approximation: (k: number, RANK_TEST_EXACT_MAX_K: number) =>
    `rank correlation test: k = ${k} > ${RANK_TEST_EXACT_MAX_K}, so the p-value uses the normal approximation`,
  excess_significance_one: (name: string, TES_ALTERNATIVES: readonly string[], v: unknown) =>
    `excessSignificance: ${name} must be one of ${TES_ALTERNATIVES.join(', ')}; received ${JSON.stringify(v)}`,
  excess_significance_alpha_strictly: (alpha: unknown) => `excessSignificance: alpha must be strictly between 0 and 1; received ${String(alpha)}`,
  excess_significance_tau2_least: (tau2: unknown) => `excessSignificance: tau2 must be at least 0; received ${String(tau2)}`,
  henmi_copas_level_percentage: (level: unknown) => `henmiCopas: level must be a percentage strictly between 0 and 100; received ${String(level)}`,
  henmi_copas_needs_least: (k: number) => `henmiCopas: needs at least 2 studies, got ${k}`,
  henmi_copas_interval_cannot: (k: number) => `henmiCopas: the interval cannot be computed from these ${k} studies`,
  pet_peese_alpha_strictly: (alpha: unknown) => `petPeese: alpha must be strictly between 0 and 1; received ${String(alpha)}`,
  regression_test_ni_has: (length: number, k: number) => `regressionTest: ni has ${length} values for ${k} studies`,
  regression_test_ni_study: (i: number, n: unknown) => `regressionTest: ni of study ${i} (${String(n)}) must be a positive number`,
  regression_test_predictors_ni: () => 'regressionTest: predictors ni, ninv, sqrtni and sqrtninv need sample sizes (give ni, or 2×2 counts)',
  regression_test_model_rma: (model: unknown) => `regressionTest: model must be 'rma' or 'lm'; received ${JSON.stringify(model)}`,
  regression_test_predictor_one: (REGRESSION_PREDICTORS: readonly string[], predictor: unknown) =>
    `regressionTest: predictor must be one of ${REGRESSION_PREDICTORS.join(', ')}; received ${JSON.stringify(predictor)}`,
  too_few_studies_regression: (k: number) => `regression test: needs at least 3 studies, got ${k}`,
  not_estimable_regression: (predictor: string) => `regression test: all values of the predictor ${predictor} are equal, so the slope cannot be estimated`,
  trim_and_fill_estimator: (estimator: unknown) => `trimAndFill: estimator must be 'L0', 'R0' or 'Q0'; received ${JSON.stringify(estimator)}`,
  trim_and_fill_side: (side: unknown) => `trimAndFill: side must be 'left' or 'right'; received ${JSON.stringify(side)}`,
  not_converged_trim: (maxIterations: number) => `trim-and-fill: k0 still changing after ${maxIterations} iterations`,
  study_counts_test_needs: (what: string, missing: number, study: string) =>
    `${what}: study ${missing + 1} ("${study}") has no 2×2 counts; the test needs binary-outcome counts (ai, bi, ci, di)`,
  ai_values: (what: string, k: number, name: unknown, length: number) => `${what}: ai has ${k} values but ${name} has ${length}`,
  study_non_negative_count: (what: string, i: number, value: undefined | string, f: string, v: number) =>
    `${what}: study ${i + 1} ("${value}"): ${f} (${String(v)}) must be a non-negative count`,
  study_empty_group: (what: string, i: number, value: undefined | string) => `${what}: study ${i + 1} ("${value}") has an empty group`,
  needs_least_studies_events: (what: string, length: number) =>
    `${what}: needs at least 3 studies with events and non-events; ${length} ${length === 1 ? 'has' : 'have'} them`,
  harbord_studies_left_out: (what: string, length: number, left: readonly string[]) =>
    `${what}: ${length} ${length === 1 ? 'study' : 'studies'} without events or without non-events left out (score variance 0): ${left.join(', ')}`,
  test_regresses_log_odds: (what: string, measure: string) =>
    `${what}: the test regresses log odds ratios; the table's measure is ${String(measure)} (use --measure OR)`,
  needs_studies_log_odds: (what: string) => `${what}: needs the studies' log odds ratios (effect)`,
  peters_studies_left_out: (what: string, length: number, left: readonly string[]) =>
    `${what}: ${length} ${length === 1 ? 'study' : 'studies'} without events or without non-events left out (weight 0): ${left.join(', ')}`,
});
