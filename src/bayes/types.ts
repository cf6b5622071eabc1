import type { Warning } from '../core/errors.js';
import type { MuPrior } from './likelihood.js';
import type { TauPriorSpec } from './priorSpec.js';
import type { JointDensityGrid } from './jointDensity.js';

/** Options of `bayesMeta` (bayesmeta's `mu.prior.*`, `tau.prior`, and the interval level). */
export interface BayesOptions {
  readonly tauPrior: TauPriorSpec;
  /** Default: the improper uniform prior on the real line. */
  readonly muPrior?: MuPrior;
  /** Credible level in percent (default 95). */
  readonly level?: number;
  /** Study labels, in input order (default 1, 2, …). */
  readonly labels?: readonly string[];
  /** Prior probabilities of the four averaged models (fixed/random × no effect/effect; default ¼ each). */
  readonly modelPriors?: { readonly fixedNull: number; readonly fixedEffect: number; readonly randomNull: number; readonly randomEffect: number };
  /** Evaluate the marginal posterior densities of μ, τ and θ_new at this many points (for plots; default none). */
  readonly curves?: number;
}

/** A density evaluated on a grid spanning its 0.05%–99.95% quantiles (τ from its lower bound). */
export interface DensityCurve {
  readonly x: readonly number[];
  readonly density: readonly number[];
}

/** A marginal posterior: point summaries and the equal-tailed and shortest credible intervals. */
export interface PosteriorSummary {
  readonly mean: number | null;
  readonly median: number;
  readonly mode: number;
  /** null where the posterior variance is infinite (heavy-tailed prior, few studies). */
  readonly sd: number | null;
  readonly lower: number;
  readonly upper: number;
  readonly shortestLower: number;
  readonly shortestUpper: number;
}

export interface ShrinkageSummary {
  readonly study: string;
  readonly mean: number;
  readonly median: number;
  readonly sd: number;
  readonly lower: number;
  readonly upper: number;
}

export interface AveragedModel {
  readonly name: 'fixed, no effect' | 'fixed, effect' | 'random, no effect' | 'random, effect';
  readonly prior: number;
  readonly posterior: number;
  /** log p(y | model), every constant included. */
  readonly logMarginalLikelihood: number;
}

export interface ModelAveraging {
  readonly models: readonly AveragedModel[];
  /** Posterior mean, median and equal-tailed interval of μ averaged over the two models with an effect. */
  readonly estimate: number;
  readonly median: number;
  readonly lower: number;
  readonly upper: number;
}

export interface PriorEcho {
  readonly mu: { readonly type: 'normal' | 'uniform'; readonly mean: number | null; readonly sd: number | null; readonly label: string };
  readonly tau: {
    readonly family: string;
    readonly parameters: Readonly<Record<string, number>>;
    readonly label: string;
    readonly source: string;
    readonly proper: boolean;
  };
}

/** The result of `bayesMeta`: plain, JSON-serialisable. */
export interface BayesResult {
  readonly k: number;
  readonly level: number;
  readonly mu: PosteriorSummary;
  readonly tau: PosteriorSummary;
  /** The true effect of a new study, θ_new ~ N(μ, τ²). */
  readonly prediction: PosteriorSummary;
  readonly shrinkage: readonly ShrinkageSummary[];
  /** p(y) with every normalising constant; null when a prior is improper. */
  readonly marginalLikelihood: number | null;
  readonly logMarginalLikelihood: number | null;
  readonly bayesFactors: { readonly effect: number | null; readonly heterogeneity: number | null };
  readonly averaging: ModelAveraging | null;
  readonly priors: PriorEcho;
  /** Present when `options.curves` was given. */
  readonly curves?: { readonly mu: DensityCurve; readonly tau: DensityCurve; readonly prediction: DensityCurve; readonly joint: JointDensityGrid };
  readonly converged: boolean;
  readonly warnings: readonly Warning[];
}
