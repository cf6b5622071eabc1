// The user-facing messages of bayes, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of bayes, keyed by their stable code. */
export const BAYES_MESSAGES = defineMessages({
  bayes_no_studies_analyse: () => 'bayes: no studies to analyse',
  bayes_study_needs_finite: (i: number, y: number, v: number) => `bayes: study ${i} needs a finite effect and a positive finite variance (got ${y}, ${v})`,
  mu_prior_normal_needs: (mean: number, sd: number) => `mu prior normal: needs a finite mean and a positive standard deviation (got ${mean}, ${sd})`,
  bayes_prior_tau_improper: (label: string) =>
    `bayes: the ${label} prior for tau is improper, and one study carries no information on tau; give a proper prior (e.g. --tau-prior halfnormal:0.5)`,
  bayes_k_prior_tau: (k: number, label: string, type: string, power: number) =>
    `bayes: with k = ${k}, the ${label} prior for tau and a ${type} prior for mu, the posterior of tau is improper (its density decays like tau^-${power}); give a proper prior for tau or for mu`,
  infinite_moment: (name: string, power: number) => `the posterior mean of ${name} is infinite (its density decays like tau^-${power}); reported as null`,
  infinite_moment_posterior: (name: string, power: number) =>
    `the posterior SD of ${name} is infinite (the posterior of tau decays like tau^-${power}); reported as null`,
  quadrature_not_converged: () => 'the quadrature of the posterior of tau did not reach its error tolerance',
  improper_prior: () =>
    'the uniform prior for mu is improper: no marginal likelihood, Bayes factor for an effect or model averaging (give --mu-prior normal:M,S)',
  improper_prior_prior: (label: string) => `the ${label} prior for tau is improper: no marginal likelihood, Bayes factor for heterogeneity or model averaging`,
  tau_prior_expected: (name: string, text: string, count: number, TAU_PRIOR_SYNTAX: undefined | string) =>
    `--tau-prior ${name}:${text}: expected ${count === 1 ? 'one number' : `${count} numbers separated by a comma`} (${TAU_PRIOR_SYNTAX})`,
  tau_prior_unknown_choose: (what: string, value: unknown, allowed: string) =>
    `--tau-prior: unknown ${what} ${JSON.stringify(value)}; choose one of ${allowed}`,
  tau_prior_outcome_comparison: (family: string, rest: string) =>
    `--tau-prior ${family}:${rest}: give ${family}:OUTCOME/COMPARISON${family === 'rhodes' ? '[/AREA]' : ''}, or ${family} alone for the prior over all settings`,
  tau_prior_unknown_prior: (text: unknown, TAU_PRIOR_SYNTAX: readonly string[]) =>
    `--tau-prior ${JSON.stringify(text)}: unknown prior; choose one of ${TAU_PRIOR_SYNTAX.join(', ')}`,
  mu_prior_normal_mean: (text: unknown) => `--mu-prior ${JSON.stringify(text)}: give normal:MEAN,SD (e.g. normal:0,4) or uniform`,
  mu_prior_standard_deviation: (text: unknown, sd: number) => `--mu-prior ${JSON.stringify(text)}: the standard deviation must be positive (got ${sd})`,
  tau_prior_positive_number: (name: string, field: string, x: number) => `tau prior ${name}: ${field} must be a positive number (got ${x})`,
  tau_prior_finite_number: (name: string, field: string, x: number) => `tau prior ${name}: ${field} must be a finite number (got ${x})`,
  tau_prior_uniform_needs: (lower: number, upper: number) =>
    `tau prior uniform: needs 0 <= lower < upper (got ${lower}, ${upper}); for the improper uniform prior on [0, Inf) use improper-uniform`,
});
