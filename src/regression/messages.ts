// The user-facing messages of regression, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of regression, keyed by their stable code. */
export const REGRESSION_MESSAGES = defineMessages({
  formula_support_not_loaded: () => 'formula support is not loaded: call loadFormulaSupport() before building a design from a formula',
  unknown_moderator_available: (context: string, length: number, unknown: readonly string[], length2: number, available: readonly string[]) =>
    `${context}: unknown moderator${length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (available: ${length2 ? available.join(', ') : 'none'})`,
  moderator_given_twice: (context: string, t: string) => `${context}: moderator "${t}" is given twice`,
  moderator_has_single_level: (context: string, moderator: string, levels: undefined | string, k: number) =>
    `${context}: moderator "${moderator}" has a single level (${JSON.stringify(levels ?? '')}) among the ${k} studies used; a categorical moderator needs at least two levels`,
  value_moderator_needed: (context: string, moderator: string) => `${context}: a value of moderator "${moderator}" is needed`,
  moderator_numeric: (context: string, moderator: string, x: unknown) => `${context}: moderator "${moderator}" is numeric, got ${JSON.stringify(x)}`,
  moderator_has_no_level: (context: string, moderator: string, level: unknown, levels: readonly string[]) =>
    `${context}: moderator "${moderator}" has no level ${JSON.stringify(level)} (levels: ${levels.join(', ')})`,
  meta_regression_unknown_method: (method: unknown, META_REGRESSION_METHODS: readonly string[]) =>
    `meta-regression: unknown method "${String(method)}" (use one of ${META_REGRESSION_METHODS.join(', ')})`,
  meta_regression_unknown_test: (test: unknown, REGRESSION_TESTS: readonly string[]) =>
    `meta-regression: unknown test "${String(test)}" (use ${REGRESSION_TESTS.join(' or ')})`,
  meta_regression_level_between: (level: number) => `meta-regression: level must be between 0 and 100 (percent), got ${level}`,
  meta_regression_fixed_tau2: (fixedTau2: number) => `meta-regression: a fixed tau2 must be a finite number >= 0, got ${fixedTau2}`,
  meta_regression_study_yi: (i: number, y: undefined | number) => `meta-regression: study ${i}: yi must be a finite number, got ${y}`,
  meta_regression_study_vi: (i: number, v: undefined | number) => `meta-regression: study ${i}: vi must be a positive finite number, got ${v}`,
  meta_regression_study_moderator: (i: number, names: undefined | string, columns: undefined | number) =>
    `meta-regression: study ${i}: moderator "${names}" must be a finite number, got ${columns}`,
  meta_regression_yi_has: (k: string, length: number) => `meta-regression: yi has ${k} but vi has ${length}`,
  meta_regression_design_needs: () => 'meta-regression: the design needs at least one column',
  meta_regression_design_column: (j: number, length: string, k: number) => `meta-regression: design column ${j} has ${length}, expected k = ${k}`,
  meta_regression_names_design: (length: number, p: number) => `meta-regression: ${length} names for ${p} design columns`,
  meta_regression_too_few: (k: number, needed: string, p: number, needed2: number) =>
    `meta-regression: ${k} ${k === 1 ? 'study is' : 'studies are'} too few to estimate ${needed} (${p} coefficient${p === 1 ? '' : 's'}${needed2 > p ? ' and tau2' : ''})`,
  meta_regression_tau2_could: (method: string) => `meta-regression: tau2 (${method}) could not be estimated from these data`,
  knha_k1: () => 'test set to z since k = 1',
  knha_fixed_effects: () => 'the Knapp-Hartung method is meant for random- and mixed-effects models, not EE',
  meta_regression_weighted_cross: () => 'meta-regression: the weighted cross-product matrix is not positive definite (extreme ratio of sampling variances?)',
  has_single_level_among: (context: string, name: string, lv: undefined | string, length: number) =>
    `${context}: "${name}" has a single level (${JSON.stringify(lv ?? '')}) among the ${length} studies used; a factor needs at least two levels`,
  value_needed: (context: string, name: string) => `${context}: a value of "${name}" is needed`,
  mods_unbalanced: (text: unknown) => `--mods: unbalanced ")" in ${JSON.stringify(text)}`,
  mods_unbalanced_2: (text: unknown) => `--mods: unbalanced "(" in ${JSON.stringify(text)}`,
  mods_formula_has_no: (formula: unknown) => `--mods: the formula ${JSON.stringify(formula)} has no terms`,
  mods_only_right_hand: (formula: unknown) => `--mods: give only the right-hand side of the formula (one "~"), not ${JSON.stringify(formula)}`,
  mods_empty_term: (formula: unknown) => `--mods: an empty term in ${JSON.stringify(formula)}`,
  mods_formula_leaves_no: (formula: unknown) => `--mods: the formula ${JSON.stringify(formula)} leaves no term and no intercept`,
  mods_empty_variable: (formula: unknown) => `--mods: an empty variable in ${JSON.stringify(formula)}`,
  mods_grouping_terms_parentheses: (t: string) => `--mods: grouping terms in parentheses (${t}) is not supported; write the terms out (a:c + b:c)`,
  mods_invalid: (message: string) => `--mods: ${message}`,
  meta_regression_least_one: () => 'meta-regression: give at least one moderator (mods)',
  meta_regression_no_study: () => 'meta-regression: no study has values of every moderator',
  studies_excluded: (length: number, k: number) => `${length} ${length === 1 ? 'study' : 'studies'} left out for a missing moderator value (k = ${k} used)`,
  unknown_model_method: (what: string, MODEL_METHODS: readonly string[], method: unknown) =>
    `${what}: method must be one of ${MODEL_METHODS.join(', ')}; received ${JSON.stringify(method)}`,
  unknown_model_test: (what: string, MODEL_TESTS: readonly string[], test: unknown) =>
    `${what}: test must be one of ${MODEL_TESTS.join(', ')}; received ${JSON.stringify(test)}`,
  level_percentage_strictly_between: (what: string, level: unknown) =>
    `${what}: level must be a percentage strictly between 0 and 100; received ${String(level)}`,
  prediction_model_has_coefficients: () => 'prediction: the model has coefficients that could not be estimated',
  prediction_row_expected: (r: number, length: string, intercept: boolean, p: number) =>
    `prediction row ${r}: ${length}, expected ${intercept ? `${p - 1} (or ${p} with the intercept)` : p}`,
  prediction_row_design_values: (r: number, p: number) => `prediction row ${r}: give the ${p} design values as numbers (this fit has no moderator names)`,
  meta_regression_moderator_so: (names: undefined | string, what: string) =>
    `meta-regression: moderator "${names}" ${what}, so it cannot be estimated beside the intercept; drop it`,
  meta_regression_moderator_varies: (names: undefined | string, spread: string) =>
    `meta-regression: moderator "${names}" varies on a scale of ${spread}, where its coefficient's variance cannot be represented; rescale it (e.g. to thousands or millions of its unit)`,
  meta_regression_moderators_collinear: (names: undefined | string, involved: readonly string[], intercept: boolean, length: number, shown: string) =>
    `meta-regression: moderators are collinear: "${names}" is (almost) a linear combination of ${involved.map((n) => `"${n}"`).join(', ') || 'the columns before it'}${intercept && length > 0 ? ' plus a constant' : ''} (1 - R² = ${shown}); drop one of them`,
  subgroup_analysis_grouping_moderator: () => 'subgroup analysis: give the grouping moderator (by)',
  subgroup_warning: (level: string, message: string) => `subgroup ${level}: ${message}`,
  between_not_estimable: () => 'the test of subgroup differences needs an estimate and a positive standard error in every subgroup',
  missing_value_moderator: (length: number, missing: readonly string[]) =>
    `missing value of moderator${length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`,
  missing_non_computable_value: (missing: readonly string[]) => `missing or non-computable value of ${missing.map((m) => `"${m}"`).join(', ')}`,
  meta_regression_weights_value: (values: string, k: number) => `meta-regression: weights has ${values} but yi has ${k}`,
  meta_regression_study_weights: (i: number, value: undefined | number) => `meta-regression: study ${i + 1}: weights (${value}) must be a finite number >= 0`,
  meta_regression_weights_all: () => 'meta-regression: the weights are all 0; at least one study needs a positive weight',
  meta_regression_tau2ci_pl: (tau2Ci: unknown) => `meta-regression: tau2Ci (${String(tau2Ci)}) must be PL`,
  meta_regression_tau2ci_pl_2: (method: string) =>
    `meta-regression: tau2Ci (PL): the profile-likelihood interval of tau² needs a likelihood fit, method ML or REML; method ${method} maximises no likelihood`,
  meta_regression_method_needs: (method: string) =>
    `meta-regression: method (${method}) needs user weights (weights), as metafor: "Must specify 'weights' when method='${method}'"`,
  meta_regression_cross_product: () =>
    'meta-regression: the cross-product matrix at the user weights (XᵀAX) is not positive definite (too few studies with a positive weight?)',
  method_needs_user_weights_2: (what: string, method: string) =>
    `${what}: method ${method} needs user weights, which only pool and meta-regression take (weights); choose another method`,
});
