// The user-facing messages of glmm, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of glmm, keyed by their stable code. */
export const GLMM_MESSAGES = defineMessages({
  tau2_boundary: () => 'GLMM: the ML estimate of tau² is 0 (the likelihood is largest at the boundary); the EE fit is reported',
  glmm_no_study_left: (length: number) => `GLMM: no study is left after dropping ${length} with no events (or only events) in both groups`,
  glmm_ml_estimate_likelihood: (value: string) => `GLMM: the ML estimate of ${value} is 0 (the likelihood is largest at the boundary)`,
  glmm_um_rs_ml: (nagq: number) =>
    `GLMM (UM.RS, ML): two random effects per study (intercept and treatment effect); lme4, and so metafor, cannot integrate them by adaptive quadrature, so the Laplace approximation (nAGQ = 1) is used instead of nAGQ = ${nagq}`,
  glmm_optimiser_did_reach: (model: string, method: string, iterations: number, starts: number) =>
    `GLMM (${model}, ${method}): the optimiser did not reach its tolerance after ${iterations} iterations and ${starts} starting values`,
  glmm_invalid_field: (where: string, field: string, value: undefined | number, text: string) => `${where}: ${field} (${value}) ${text}`,
  study_among_studies: (where: string, measure: string, measure2: undefined | string) => `${where}: a ${measure} study among ${measure2} studies`,
  glmm_counts_valid: () => 'GLMM: the counts are not valid',
  glmm_single_group_measure: (measure: string, model: string) =>
    `GLMM: ${measure} is a single-group measure with one model (the random-effects ${measure === 'PLO' ? 'logistic' : 'Poisson'} model); --model ${model} applies to OR and IRR only`,
  glmm_model_cm_al: () => 'GLMM: --model CM.AL is defined for odds ratios only; for IRR use UM.FS, UM.RS or CM.EL (the conditional model is exact for rates)',
  glmm_moderators_model_cm: () => 'GLMM: moderators with --model CM.EL for odds ratios are not available; use CM.AL, UM.FS or UM.RS',
  glmm_too_few_studies: (length: number, length2: number, p: number) =>
    `GLMM: ${length} stud${length === 1 ? 'y is' : 'ies are'} left after dropping ${length2} with no events (or only events) in both groups; the model has ${p} coefficients`,
  glmm_pooled_estimate_finite: (model: null | string, measure: string, method: string) =>
    `GLMM (${model ?? measure}, ${method}): the pooled estimate is not finite (every study has zero events in the same group?)`,
  glmm_optimiser_did_reach_2: (model: null | string, measure: string, method: string, iterations: number) =>
    `GLMM (${model ?? measure}, ${method}): the optimiser did not reach its tolerance after ${iterations} iterations`,
  glmmregression_design_rows_studies: (length: number, length2: number) => `glmmRegression: ${length} design rows for ${length2} studies`,
  glmm_regression_coefficient_estimable: (value: undefined | string) =>
    `GLMM regression: coefficient ${value} is not estimable (collinear moderators, or no events where it applies)`,
});
