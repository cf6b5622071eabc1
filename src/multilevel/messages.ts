// The user-facing messages of multilevel, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of multilevel, keyed by their stable code. */
export const MULTILEVEL_MESSAGES = defineMessages({
  leave_one_cluster_out: (cluster: string) => `leave-one-cluster-out: unknown cluster column "${cluster}"`,
  moderator_level_exists_only: () => 'a moderator level exists only in this cluster',
  cluster_forest_plot_model: () => 'cluster forest plot: the model must be intercept-only (no moderators)',
  cluster_forest_plot_unknown: (cluster: string) => `cluster forest plot: unknown cluster column "${cluster}"`,
  robust_marginal_covariance_not: () => 'robust: the marginal covariance is not positive definite',
  robust_cluster_s_block: () => "robust: a cluster's block of the marginal covariance is not positive definite",
  robust_cr2_needs_random: () =>
    'robust: CR2 needs the random effects (and any sampling covariance) nested within the clusters, but some rows of different clusters share a random effect (crossed effects); use --robust CR1, or cluster at a level that contains them',
  robust_cluster_robust_inference: () => 'robust: cluster-robust inference needs at least two clusters',
  robust_cr1_needs_more: (nClusters: number, p: number) => `robust: CR1 needs more clusters (${nClusters}) than coefficients (${p})`,
  multilevel_unknown_grouping_column: (length: number, unknown: readonly string[], known: string) =>
    `multilevel: unknown grouping column${length > 1 ? 's' : ''} ${[...new Set(unknown)].map((c) => `"${c}"`).join(', ')} (available: ${known})`,
  multilevel_least_one_random: () => 'multilevel: give at least one random-effects term with --random, e.g. "~ 1 | study/es"',
  multilevel_most_one_inner: (structTerms: string) => `multilevel: at most one "inner | outer" term is supported; got ${structTerms}`,
  multilevel_struct_needs_term: (struct: string, terms: string) =>
    `multilevel: struct ${struct} needs a term with an inner factor, "~ inner | outer" (e.g. "~ outcome | study"); the terms given (${terms}) have none`,
  multilevel_term_has_inner: (formula: unknown) =>
    `multilevel: the term ${JSON.stringify(formula)} has an inner factor; give its variance structure with struct (--struct CS|HCS|UN|AR|HAR|DIAG|ID)`,
  multilevel_row_left_analyse: (length: number) => `multilevel: ${length} row${length === 1 ? '' : 's'} left to analyse; a multilevel model needs at least two`,
  multilevel_marginal_covariance_x: () =>
    "multilevel: the marginal covariance or X'WX is not positive definite at the estimates (check for collinear moderators)",
  row_excluded: (row: undefined | number, study: unknown, reason: string) => `row ${row ?? '?'} (${JSON.stringify(study)}): left out: ${reason}`,
  not_converged_multilevel: (iterations: number) => `multilevel: the optimiser did not converge in ${iterations} iterations; the estimates may be inexact`,
  random_write_metafor_does: (formula: unknown, why: string) =>
    `--random ${JSON.stringify(formula)}: ${why}; write it as metafor does, e.g. "~ 1 | study", "~ 1 | district/school" or "~ outcome | study"`,
  robust_row_has_no: (row: undefined | number, study: string, column: string) =>
    `robust: row ${row ?? '?'} ("${study}") has no value of the cluster column "${column}"`,
  robust_unknown_cluster_column: (column: string, known: readonly string[]) =>
    `robust: unknown cluster column "${column}" (available: ${[...known].sort().join(', ') || 'none'})`,
  vcov_too_few_columns: (cluster: unknown, length: number, length2: number) =>
    `cluster ${JSON.stringify(cluster)} has ${length} rows but --vcov gives ${length2} column(s)`,
  vcov_missing: (columns: string, p: number) => `covariance column ${columns} must hold a number for the cluster's row ${p}`,
  vcov_inconsistent: (cluster: unknown, x: number, variance: number) =>
    `cluster ${JSON.stringify(cluster)}: the diagonal of V (${x}) differs from the row's sampling variance (${variance})`,
  vcov_inconsistent_cluster: (cluster: unknown, columns: string, x: number, columns2: string, j: number, studies: number) =>
    `cluster ${JSON.stringify(cluster)}: V is not symmetric: ${columns} = ${x} here but ${columns2} = ${j} at row ${studies}`,
  multilevel_sampling_covariance_given: () => 'multilevel: the sampling covariance given with --vcov is inconsistent',
  vcov_not_positive_definite: (name: unknown) => `cluster ${JSON.stringify(name)}: its block of the sampling covariance V is not positive definite`,
  multilevel_sampling_covariance_v: () => 'multilevel: the sampling covariance V is not positive definite',
  multilevel_rho_correlation_strictly: (rho: number) => `multilevel: --rho (${rho}) must be a correlation strictly between -1 and 1`,
  row_has_no_value: (context: string, row: undefined | number, study: string, cluster: string) =>
    `${context}: row ${row ?? '?'} ("${study}") has no value of the cluster column "${cluster}"`,
  unknown_cluster_column_available: (context: string, cluster: string, known: readonly string[]) =>
    `${context}: unknown cluster column "${cluster}" (available: ${known.join(', ') || 'none'})`,
  x_wx_singular_collinear: (context: string) => `${context}: X'WX is singular (collinear moderators)`,
  missing_value_grouping_column: (length: number, missing: readonly string[]) =>
    `missing value of grouping column${length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`,
});
