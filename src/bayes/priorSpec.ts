// The plain-data description of a τ prior (what a user or a JSON file gives), checked and turned
// into an evaluable TauPrior on the studies' sampling variances.
import { MetasynthError } from '../core/errors.js';
import {
  rhodesPrior,
  turnerPrior,
  type RhodesArea,
  type RhodesComparison,
  type RhodesOutcome,
  type TurnerComparison,
  type TurnerOutcome,
} from './empiricalPriors.js';
import {
  empiricalTauPrior,
  exponentialPrior,
  halfNormalPrior,
  halfStudentTPrior,
  logNormalPrior,
  referencePrior,
  uniformTauPrior,
  type TauPrior,
} from './tauPriors.js';
import { BAYES_MESSAGES } from './messages.js';

/** The reference priors of bayesmeta (all but the DuMouchel, shrinkage, I² and conventional ones improper). */
export const REFERENCE_TAU_PRIORS = [
  'improper-uniform',
  'jeffreys',
  'overall-jeffreys',
  'berger-deely',
  'conventional',
  'dumouchel',
  'shrinkage',
  'i2',
  'sqrt',
] as const;
export type ReferenceTauPrior = (typeof REFERENCE_TAU_PRIORS)[number];

export type TauPriorSpec =
  | { readonly family: 'halfnormal' | 'halfcauchy'; readonly scale: number }
  | { readonly family: 'halft'; readonly df: number; readonly scale: number }
  | { readonly family: 'uniform'; readonly lower: number; readonly upper: number }
  | { readonly family: 'exponential'; readonly rate: number }
  | { readonly family: 'lognormal'; readonly mu: number; readonly sigma: number }
  | { readonly family: 'turner'; readonly outcome?: TurnerOutcome; readonly comparison?: TurnerComparison }
  | { readonly family: 'rhodes'; readonly outcome?: RhodesOutcome; readonly comparison?: RhodesComparison; readonly area?: RhodesArea }
  | { readonly family: ReferenceTauPrior };

function requirePositive(name: string, field: string, x: number): void {
  if (!(Number.isFinite(x) && x > 0)) throw new MetasynthError('invalid_option', BAYES_MESSAGES.tau_prior_positive_number(name, field, x));
}

function requireFinite(name: string, field: string, x: number): void {
  if (!Number.isFinite(x)) throw new MetasynthError('invalid_option', BAYES_MESSAGES.tau_prior_finite_number(name, field, x));
}

/**
 * The TauPrior a spec describes, its parameters checked (a non-positive scale is an error naming it).
 * @example buildTauPrior({ family: 'halfnormal', scale: 0.5 }, [0.1, 0.2]).label // 'half-normal(scale = 0.5)'
 */
export function buildTauPrior(spec: TauPriorSpec, variances: readonly number[]): TauPrior {
  switch (spec.family) {
    case 'halfnormal':
      requirePositive(spec.family, 'scale', spec.scale);
      return halfNormalPrior(spec.scale);
    case 'halfcauchy':
      requirePositive(spec.family, 'scale', spec.scale);
      return halfStudentTPrior(1, spec.scale);
    case 'halft':
      requirePositive(spec.family, 'df', spec.df);
      requirePositive(spec.family, 'scale', spec.scale);
      return halfStudentTPrior(spec.df, spec.scale);
    case 'uniform':
      requireFinite(spec.family, 'lower', spec.lower);
      requireFinite(spec.family, 'upper', spec.upper);
      if (!(spec.lower >= 0 && spec.upper > spec.lower))
        throw new MetasynthError('invalid_option', BAYES_MESSAGES.tau_prior_uniform_needs(spec.lower, spec.upper));
      return uniformTauPrior(spec.lower, spec.upper);
    case 'exponential':
      requirePositive(spec.family, 'rate', spec.rate);
      return exponentialPrior(spec.rate);
    case 'lognormal':
      requireFinite(spec.family, 'mu', spec.mu);
      requirePositive(spec.family, 'sigma', spec.sigma);
      return logNormalPrior(spec.mu, spec.sigma);
    case 'turner':
      return empiricalTauPrior(turnerPrior(spec.outcome, spec.comparison));
    case 'rhodes':
      return empiricalTauPrior(rhodesPrior(spec.outcome, spec.comparison, spec.area));
    default:
      return referencePrior(spec.family, variances);
  }
}
