// The user-facing messages of heterogeneity, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of heterogeneity, keyed by their stable code. */
export const HETEROGENEITY_MESSAGES = defineMessages({
  confint_null_set: (q0: number, alpha: number, df: number) =>
    `Q(tau² = 0) = ${q0} is below the ${alpha}% quantile of χ²(${df}): the Q-profile interval for tau² is the null set, reported as [0, 0] as metafor does`,
  confint_bound_censored: (tau2Max: number) =>
    `the upper Q-profile bound of tau² lies above the search limit ${tau2Max} (metafor's default max(100, 10·tau²)); reported as that limit, as metafor does`,
  confint_bound_censored_lower: (tau2Max: number) =>
    `the lower Q-profile bound of tau² lies above the search limit ${tau2Max}; reported as that limit, as metafor does`,
  fisher_scoring_fallback: (kind: string, maxIterations: number) =>
    `${kind}: Fisher scoring did not converge within ${maxIterations} iterations; tau² was found by a bracketed root search on the estimating equation instead`,
  not_converged: (kind: string, tau2: number) =>
    `${kind}: neither Fisher scoring nor the bracketed root search converged; tau² = ${tau2} is the last iterate and should not be trusted`,
  local_maximum: (kind: string, tau2: number) => `${kind}: the root found (tau² = ${tau2}) has a lower likelihood than tau² = 0; tau² set to 0 as metafor does`,
  fisher_scoring_fallback_fisher: (kind: string, threshold: number, maxIterations: number) =>
    `${kind}: Fisher scoring did not reach |Δtau²| ≤ ${threshold} within ${maxIterations} iterations; tau² was found by a bracketed root search instead`,
  not_converged_pm: (method: string, tau2: number) => `${method}: the root search for tau² did not converge (tau² = ${tau2})`,
  genqm_root_search_tau: (tau2: number) => `GENQM: the root search for tau² did not converge (tau² = ${tau2})`,
  genq_null_interval: (q: number, atZero: number) =>
    `P(Q_A > ${q}) at tau² = 0 is ${atZero}, above 1 − α/2: the generalised Q-profile interval for tau² is the null set, reported as [0, 0] as metafor does`,
  upper_generalised_q_profile: (tau2Max: number) =>
    `the upper generalised Q-profile bound of tau² lies above the search limit ${tau2Max} (metafor's default max(100, 10·tau²)); reported as that limit, as metafor does`,
  generalised_q_profile_bound: () =>
    'a generalised Q-profile bound of tau² could not be computed (the tail series of Q_A needs more terms than allowed: weights or variances spanning many orders of magnitude); reported as null',
  upper_profile_likelihood_bound: (tau2Max: number) =>
    `the upper profile-likelihood bound of tau² lies above the search limit ${tau2Max} (metafor's default max(100, 10·tau²)); reported as that limit, as metafor does`,
});
