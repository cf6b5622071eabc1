// The user-facing messages of selection, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of selection, keyed by their stable code. */
export const SELECTION_MESSAGES = defineMessages({
  moderators_need_effect_table: (WHAT: string) => `${WHAT}: moderators need an effect table with moderator columns`,
  unknown_selection_type: (WHAT: string, SELECTION_TYPES: readonly string[], type: unknown) =>
    `${WHAT}: type must be one of ${SELECTION_TYPES.join(', ')}; received ${JSON.stringify(type)}`,
  unknown_selection_alternative: (WHAT: string, SELECTION_ALTERNATIVES: readonly string[], alternative: unknown) =>
    `${WHAT}: alternative must be one of ${SELECTION_ALTERNATIVES.join(', ')}; received ${JSON.stringify(alternative)}`,
  level_percentage_strictly_between_2: (WHAT: string, level: unknown) =>
    `${WHAT}: level must be a percentage strictly between 0 and 100; received ${String(level)}`,
  method_ee_fe_ce: (WHAT: string, method: unknown) =>
    `${WHAT}: method must be EE (FE, CE) for fixed effects or a τ² method (ML, REML, DL, …), which is refitted by ML; received ${JSON.stringify(method)}`,
  delta_at_bound: (min: undefined | number, max: undefined | number) =>
    `one or more δ estimates are (almost) equal to their bound (${min} or ${max}); treat the results with caution`,
  too_few_estimate_parameters: (WHAT: string, type: string, k: number, nPar: number) =>
    `${WHAT} (${type}): ${k} ${k === 1 ? 'study is' : 'studies are'} too few to estimate ${nPar} parameters`,
  not_converged_likelihood: (iterations: number) => `the likelihood maximisation did not converge (${iterations} iterations); treat the results with caution`,
  hessian_not_invertible: () => 'the Hessian of the log-likelihood is not positive definite: no standard errors',
  studies_excluded_left: (length: number, k: number) =>
    `${length} ${length === 1 ? 'study' : 'studies'} left out for a missing moderator value (k = ${k} used)`,
  not_converged_fit: () => 'the fit with τ² = 0 (for the LRT of τ²) did not converge',
  cut_points_step_function: (what: string) => `${what}: give the cut-points of the step function (steps), e.g. 0.025,1`,
  beta_selection_function_takes: (what: string, steps: readonly number[]) => `${what}: the beta selection function takes no steps; received ${steps.join(',')}`,
  step_number_greater_than: (what: string, i: number, s: unknown) => `${what}: step ${i} (${String(s)}) must be a number greater than 0 and at most 1`,
  steps_increase_step_not: (what: string, i: number, s: number, i2: number, steps: undefined | number) =>
    `${what}: steps must increase; step ${i} (${s}) is not greater than step ${i2} (${steps})`,
  last_step_p_value: (what: string, steps: readonly number[]) => `${what}: the last step must be 1 (the p-value scale ends there); received ${steps.join(',')}`,
  least_one_cut_point: (what: string) => `${what}: give at least one cut-point below 1 (e.g. steps 0.025,1)`,
  selection_function_takes_single: (what: string, steps: readonly number[]) =>
    `${what}: this selection function takes a single cut-point s as steps s,1; received ${steps.join(',')}`,
  empty_interval: (type: string, empty: readonly { lower: number; upper: number }[], counts: readonly { lower: number; upper: number; k: number }[]) =>
    `selection model (${type}): no observed p-value lies in ${empty.map((c) => `${c.lower} < p <= ${c.upper}`).join(' or ')}; ` +
    `the selection weight of an empty interval cannot be estimated (counts: ${counts.map((c) => `${c.lower} < p <= ${c.upper}: ${c.k}`).join('; ')}); merge it with a neighbouring interval`,
  observed_p_value_p: (upper: number) =>
    `no observed p-value lies in 0 < p <= ${upper}; its weight is fixed at 1, so the other δ's are relative to an interval without studies: treat them with caution`,
  delta_wrong_length: (what: string, count: number, delta: readonly unknown[]) =>
    `${what}: delta must give ${count} ${count === 1 ? 'value' : 'values'} (one per selection parameter, null or NA to estimate it) or one value for all; received ${delta.length}: ${delta.map((d) => (d === null ? 'NA' : String(d))).join(',')}`,
  delta_out_of_range: (what: string, j: number, value: unknown, excluded: boolean) =>
    `${what}: delta[${j}] (${typeof value === 'number' ? value : JSON.stringify(value)}) must be a finite number ${excluded ? '> 0' : '>= 0'} for this type (or null/NA to estimate it)`,
  delta_zero_weight: (what: string, j: number, k: number, lower: number, upper: number) =>
    `${what}: delta[${j}] is fixed at 0, but ${k} ${k === 1 ? 'study has its' : 'studies have their'} p-value in ${lower} < p <= ${upper}; a weight of 0 gives ${k === 1 ? 'it' : 'them'} likelihood 0, so the model cannot be fitted`,
  delta_no_likelihood: (what: string, delta: readonly (number | null)[]) =>
    `${what}: the log-likelihood is not finite with delta fixed at ${delta.map((d) => (d === null ? 'NA' : String(d))).join(',')}; choose other values`,
});
