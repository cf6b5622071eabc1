// The user-facing messages of session (the browser-safe analysis facade the web page and the CLI share),
// each a function of its parameters keyed by a stable code (docs/messages.md lists them all).
import { defineMessages } from '../core/message.js';

/** The messages of session, keyed by their stable code. */
export const SESSION_MESSAGES = defineMessages({
  refusing_pool_pass_allow: (command: string, repeatedUnits: string) =>
    `${command}: refusing to pool ${repeatedUnits} (or pass --allow-repeated-units to pool them anyway)`,
  has_choose_effect_size: (command: string, name: string, label: string, MEASURES_BY_KIND: readonly string[]) =>
    `${command}: ${name} has ${label}; choose the effect size with --measure ${MEASURES_BY_KIND.join('|')}`,
  row_excluded_left: (locationPrefix: string, reason: string) => `${locationPrefix}: left out: ${reason}`,
  dataset_not_dataset_name: (command: string, value: unknown) =>
    `${command}: --dataset ${JSON.stringify(value)} is not a dataset name (e.g. classic/bcg, cik/verified-trials:os)`,
  dataset_ambiguous_name_group: (command: string, name: string, hits: readonly string[]) =>
    `${command}: --dataset ${name} is ambiguous; name its group: ${hits.join(' or ')}`,
  no_bundled_dataset_available: (command: string, name: unknown, DATASET_NAMES: readonly string[]) =>
    `${command}: no bundled dataset ${JSON.stringify(name)}; available: ${DATASET_NAMES.join(', ')}`,
  pool_robust_with_weights: () => 'pool: --robust with --weights is not available (the cluster-robust covariance assumes inverse-variance weights)',
  pool_robust_works_inverse: (method: string) => `pool: --robust works with inverse-variance methods, not ${method}`,
  pool_group_pools_each: () => 'pool: --group pools each group with the default options; --weights and --tau2-ci are not available with it',
  labbe_l_abb_plot: () => "labbe: the L'Abbé plot needs 2x2 data (columns ai, bi, ci, di)",
  plot_bubble_give_numeric: () => 'plot bubble: give the numeric moderator with --mods NAME (e.g. --mods ablat)',
  plot_orchard_give_categorical: () => 'plot orchard: give the categorical moderator with --by NAME (e.g. --by alloc)',
  regress_robust_weights_available: () => 'regress: --robust with --weights is not available (the cluster-robust covariance assumes inverse-variance weights)',
  method_glmm_measure_needs: (command: string, measure: string, twoArm: boolean, value: string, name: string, label: string) =>
    `${command}: --method GLMM with --measure ${measure} needs ${twoArm ? 'two groups per study' : 'one group per study'} (${value}); ${name} has ${label}`,
  plot_funnel_pet_peese_not_estimable: (k: number, distinct: number) =>
    `plot funnel --pet-peese: PET-PEESE needs at least 3 studies with at least 2 distinct standard errors; received ${k} ${k === 1 ? 'study' : 'studies'} with ${distinct} distinct standard ${distinct === 1 ? 'error' : 'errors'}`,
  session_input_empty: () => 'the table is empty: paste or upload a table with a header row and one study per row',
  session_setting_invalid: (key: string, value: unknown, reason: string) => `setting ${key} = ${JSON.stringify(value)}: ${reason}`,
  session_setting_unknown: (key: string, known: readonly string[]) => `unknown setting ${JSON.stringify(key)} in the address; known: ${known.join(', ')}`,
  session_analysis_not_ready: (analysis: string) => `${analysis} is not available in the browser yet; use the CLI command shown`,
  session_non_finite_result: (key: string) => `the result holds a value that is not a finite number at ${JSON.stringify(key)}`,
  session_exclude_unknown: (label: string) => `no study is labelled ${JSON.stringify(label)}: nothing to exclude`,
  session_unexpected: (message: string) => `unexpected problem: ${message} (please report it)`,
  session_method_not_here: (analysis: string, method: string) =>
    `${analysis}: method ${method} is not available here (MH and PETO pool 2x2 counts; GENQ and GENQM need user weights, which only pool and regress take)`,
  worker_invalid_request: (kinds: readonly string[]) => `the worker runs ${kinds.join(' or ')} with a payload { data, options }`,
  worker_cancelled: () => 'the run was cancelled',
  worker_failed: (message: string) => `the worker stopped: ${message}`,
  session_glmm_measure: (measures: readonly string[], measure: string) => `glmm fits ${measures.join(', ')}, not ${measure}`,
  session_vcov_rho_not_both: () => 'multilevel: give the sampling covariance as vcov columns or as a correlation rho, not both',
  session_multilevel_choice: (setting: string, value: string, choices: readonly string[]) =>
    `multilevel: ${setting} must be one of ${choices.join(', ')}, received ${JSON.stringify(value)}`,
  session_needs_setting: (analysis: string, setting: string) => `${analysis} needs the setting ${setting}`,
  permutest_exact_k_studies: (length: number, MAX_EXACT_PERMUTATIONS: number) =>
    `permutest: --exact with k = ${length} studies needs 2^${length} refits (more than ${MAX_EXACT_PERMUTATIONS}); leave out --exact to draw --iterations random sign flips`,
  permutest_no_study_has: () => 'permutest: no study has values of every moderator',
  permutest_exact_needs_more: (MAX_EXACT_PERMUTATIONS: number, length: number) =>
    `permutest: --exact needs more than ${MAX_EXACT_PERMUTATIONS} refits for these ${length} studies; leave out --exact to draw --iterations random permutations`,
  studies_excluded_left_out: (length: number, k: number) =>
    `${length} ${length === 1 ? 'study' : 'studies'} left out for a missing moderator value (k = ${k} used)`,
  session_permutest_analysis: (analysis: string, analyses: readonly string[]) =>
    `the permutation test refits the model of ${analyses.join(' or ')}, not of ${analysis}`,
  session_permutest_not_with: (setting: string) =>
    `the permutation test refits the analysis without the setting ${setting} (metasynth permutest has no such option)`,
  session_permutest_iterations: (value: unknown, max: number) => `permutest: iterations (${JSON.stringify(value)}) must be a whole number from 2 to ${max}`,
  session_permutest_no_design: () => 'permutest: the moderators test needs its design matrix (permutestDesign)',
  session_permutest_seed: (value: unknown) => `permutest: the seed (${JSON.stringify(value)}) must be a whole number from 0 to 4294967295`,
});
