// The user-facing messages of glmm, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of glmm, keyed by their stable code. */
export const GLMM_MESSAGES = defineMessages({
  not_a_count: (where: string, field: string, v: number) =>
    `${where}: ${field} (${v}) must be a count (an integer ≥ 0); events cannot exceed the group size`,
  glmm_2x2_tables_not: () =>
    'GLMM: the 2x2 tables are not valid counts',
  tau2_boundary: () =>
    'GLMM: the ML estimate of tau² is 0 (the likelihood is largest at the boundary); the EE fit is reported',
  glmm_no_study_left: (length: number) =>
    `GLMM: no study is left after dropping ${length} with no events (or only events) in both groups`,
  glmm_pooled_log_odds: (model: string, method: string) =>
    `GLMM (${model}, ${method}): the pooled log odds ratio is not finite (every study has zero events in the same group?)`,
  not_converged_glmm: (model: string, method: string, iterations: number) =>
    `GLMM (${model}, ${method}): the optimiser did not reach its tolerance after ${iterations} iterations`,
});
