// Priors for the heterogeneity τ of the normal–normal hierarchical model: the families and the
// reference priors bayesmeta offers (Röver 2020, J Stat Softw 93(6), Section 2.5 and Table 1), and
// the empirical priors of Turner et al. (2015) and Rhodes et al. (2015). Each prior knows its log
// density, whether it is proper (normalised), and how fast its density decays (for moments).
import { studentTPdfLog } from './studentTLog.js';
import type { EmpiricalPrior } from './empiricalPriors.js';

export const TAU_PRIOR_FAMILIES = [
  'halfnormal',
  'halfcauchy',
  'halft',
  'uniform',
  'exponential',
  'lognormal',
  'turner',
  'rhodes',
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
export type TauPriorFamily = (typeof TAU_PRIOR_FAMILIES)[number];

/** A prior for τ, ready to evaluate on given standard errors. */
export interface TauPrior {
  readonly family: TauPriorFamily;
  /** The parameters as given (scale, df, bounds, …). */
  readonly parameters: Readonly<Record<string, number>>;
  /** A readable description, e.g. `half-normal(scale = 0.5)`. */
  readonly label: string;
  /** Where the prior comes from (a citation). */
  readonly source: string;
  /** True when the prior is a probability distribution (marginal likelihoods and Bayes factors need it). */
  readonly proper: boolean;
  /** False when a proper prior's density below lacks its normalising constant (found by quadrature). */
  readonly normalized?: boolean;
  /** Support [lower, upper] of τ. */
  readonly lower: number;
  readonly upper: number;
  /**
   * Tail of the density as τ → ∞: ~ τ^(−power)·(log τ)^(−logPower); power = Infinity for a tail
   * lighter than every power (half-normal, log-normal, bounded support).
   */
  readonly tail: { readonly power: number; readonly logPower: number };
  /** log p(τ) (unnormalised where `proper` is false); −Infinity outside the support. */
  readonly logDensity: (tau: number) => number;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const LIGHT = { power: Infinity, logPower: 0 };

function positive(tau: number, logd: number): number {
  return tau >= 0 ? logd : -Infinity;
}

const BAYESMETA = 'Röver C (2020). Bayesian random-effects meta-analysis using the bayesmeta R package. J Stat Softw 93(6), Section 2.5';

/**
 * Half-normal prior for τ with the given scale (the SD of the underlying normal).
 * @example Math.exp(halfNormalPrior(0.5).logDensity(0)) // 1.5957691216057308
 */
export function halfNormalPrior(scale: number): TauPrior {
  const c = Math.log(2) - LOG_SQRT_2PI - Math.log(scale);
  return {
    family: 'halfnormal',
    parameters: { scale },
    label: `half-normal(scale = ${scale})`,
    source: BAYESMETA,
    proper: true,
    lower: 0,
    upper: Infinity,
    tail: LIGHT,
    logDensity: (t) => positive(t, c - (t * t) / (2 * scale * scale)),
  };
}

/**
 * Half-Student-t prior for τ with `df` degrees of freedom and the given scale (half-Cauchy: df = 1).
 * @example Math.exp(halfStudentTPrior(1, 1).logDensity(0)) // 0.6366197723675814
 */
export function halfStudentTPrior(df: number, scale: number): TauPrior {
  const cauchy = df === 1;
  return {
    family: cauchy ? 'halfcauchy' : 'halft',
    parameters: cauchy ? { scale } : { df, scale },
    label: cauchy ? `half-Cauchy(scale = ${scale})` : `half-Student-t(df = ${df}, scale = ${scale})`,
    source: BAYESMETA,
    proper: true,
    lower: 0,
    upper: Infinity,
    tail: { power: df + 1, logPower: 0 },
    logDensity: (t) => positive(t, Math.log(2) - Math.log(scale) + studentTPdfLog(t / scale, df)),
  };
}

/**
 * Uniform prior for τ on [lower, upper] (proper when upper is finite).
 * @example Math.exp(uniformTauPrior(0, 2).logDensity(1)) // 0.5
 */
export function uniformTauPrior(lower: number, upper: number): TauPrior {
  const c = -Math.log(upper - lower);
  return {
    family: 'uniform',
    parameters: { lower, upper },
    label: `uniform(${lower}, ${upper})`,
    source: BAYESMETA,
    proper: true,
    lower,
    upper,
    tail: LIGHT,
    logDensity: (t) => (t >= lower && t <= upper ? c : -Infinity),
  };
}

/**
 * Exponential prior for τ with the given rate (mean 1/rate).
 * @example Math.exp(exponentialPrior(2).logDensity(0)) // 2
 */
export function exponentialPrior(rate: number): TauPrior {
  return {
    family: 'exponential',
    parameters: { rate },
    label: `exponential(rate = ${rate})`,
    source: BAYESMETA,
    proper: true,
    lower: 0,
    upper: Infinity,
    tail: LIGHT,
    logDensity: (t) => positive(t, Math.log(rate) - rate * t),
  };
}

/**
 * Log-normal prior for τ: log τ ~ N(mu, sigma²).
 * @example Math.exp(logNormalPrior(0, 1).logDensity(1)) // 0.3989422804014327
 */
export function logNormalPrior(mu: number, sigma: number, label?: string, source?: string): TauPrior {
  return {
    family: 'lognormal',
    parameters: { mu, sigma },
    label: label ?? `log-normal(mu = ${mu}, sigma = ${sigma})`,
    source: source ?? BAYESMETA,
    proper: true,
    lower: 0,
    upper: Infinity,
    tail: LIGHT,
    logDensity: (t) => (t > 0 ? -LOG_SQRT_2PI - Math.log(sigma) - Math.log(t) - (Math.log(t) - mu) ** 2 / (2 * sigma * sigma) : -Infinity),
  };
}

/**
 * The prior for τ implied by an empirical prior for τ²: log τ = (log τ²)/2, so a log-normal
 * (or log-t) prior for τ² with location m and scale s is one for τ with location m/2, scale s/2.
 * @example empiricalTauPrior({ family: 'log-normal', location: -2.56, scale: 1.74, label: 'x', source: 'y' }).parameters.mu // -1.28
 */
export function empiricalTauPrior(prior: EmpiricalPrior): TauPrior {
  const m = prior.location / 2;
  const s = prior.scale / 2;
  const label = `${prior.label} (${prior.family} for tau²: location ${prior.location}, scale ${prior.scale})`;
  if (prior.family === 'log-normal') return { ...logNormalPrior(m, s, label, prior.source), family: 'turner' };
  return {
    family: 'rhodes',
    parameters: { location: m, scale: s, df: 5 },
    label,
    source: prior.source,
    proper: true,
    lower: 0,
    upper: Infinity,
    tail: { power: 1, logPower: 6 },
    logDensity: (t) => (t > 0 ? studentTPdfLog((Math.log(t) - m) / s, 5) - Math.log(s) - Math.log(t) : -Infinity),
  };
}

type ReferenceFamily = Exclude<TauPriorFamily, 'halfnormal' | 'halfcauchy' | 'halft' | 'uniform' | 'exponential' | 'lognormal' | 'turner' | 'rhodes'>;
type ImproperReferenceFamily = 'improper-uniform' | 'jeffreys' | 'overall-jeffreys' | 'berger-deely' | 'sqrt';
type ProperReferenceFamily = Exclude<ReferenceFamily, ImproperReferenceFamily>;

function isImproperReference(family: ReferenceFamily): family is ImproperReferenceFamily {
  return family === 'improper-uniform' || family === 'jeffreys' || family === 'overall-jeffreys' || family === 'berger-deely' || family === 'sqrt';
}

/** The fields every reference prior shares: no parameters, bayesmeta as the source, support [0, ∞). */
function referenceBase() {
  return { parameters: {}, source: BAYESMETA, lower: 0, upper: Infinity } as const;
}

/** Σ (τ / (σᵢ² + τ²))², the sum under the Jeffreys priors. */
function sumSquaredWeights(variances: readonly number[], t: number): number {
  return variances.reduce((s, v) => s + (t / (v + t * t)) ** 2, 0);
}

/** Σ log(σᵢ² + τ²), the log of the product of the studies' marginal variances. */
function sumLogMarginalVariances(variances: readonly number[], t: number): number {
  return variances.reduce((s, v) => s + Math.log(v + t * t), 0);
}

/** The improper reference priors: uniform, Jeffreys, overall Jeffreys, Berger–Deely, and uniform on √τ. */
function improperReferencePrior(family: ImproperReferenceFamily, variances: readonly number[]): TauPrior {
  const k = variances.length;
  const base = referenceBase();
  const sumSq = (t: number) => sumSquaredWeights(variances, t);
  switch (family) {
    case 'improper-uniform':
      return { ...base, family, label: 'uniform(0, Inf), improper', proper: false, tail: { power: 0, logPower: 0 }, logDensity: (t) => positive(t, 0) };
    case 'jeffreys':
      return {
        ...base,
        family,
        label: 'Jeffreys prior (improper)',
        proper: false,
        tail: { power: 1, logPower: 0 },
        logDensity: (t) => positive(t, 0.5 * Math.log(sumSq(t))),
      };
    case 'overall-jeffreys':
      return {
        ...base,
        family,
        label: "'overall' Jeffreys prior (improper)",
        proper: false,
        tail: { power: 2, logPower: 0 },
        logDensity: (t) => positive(t, 0.5 * Math.log(sumSq(t) * variances.reduce((s, v) => s + 1 / (v + t * t), 0))),
      };
    case 'berger-deely':
      return {
        ...base,
        family,
        label: 'Berger–Deely prior (improper)',
        proper: false,
        tail: { power: 1, logPower: 0 },
        logDensity: (t) => positive(t, Math.log(t) - sumLogMarginalVariances(variances, t) / k),
      };
    case 'sqrt':
      return {
        ...base,
        family,
        label: 'uniform prior on sqrt(tau) (improper)',
        proper: false,
        tail: { power: 0.5, logPower: 0 },
        logDensity: (t) => positive(t, -0.5 * Math.log(t)),
      };
  }
}

/** The proper reference priors: conventional, DuMouchel, uniform shrinkage, and uniform on I². */
function properReferencePrior(family: ProperReferenceFamily, variances: readonly number[]): TauPrior {
  const k = variances.length;
  const sumInv = variances.reduce((s, v) => s + 1 / v, 0);
  const s02 = k / sumInv; // harmonic mean of the squared standard errors
  // Higgins & Thompson's (2002, eq. 9) typical within-study variance, as bayesmeta's I² prior uses it.
  const sigma2hat = ((k - 1) * sumInv) / (sumInv ** 2 - variances.reduce((s, v) => s + 1 / (v * v), 0));
  const base = referenceBase();
  switch (family) {
    case 'conventional':
      return {
        ...base,
        family,
        label: 'conventional prior',
        proper: true,
        normalized: false,
        tail: { power: 2, logPower: 0 },
        logDensity: (t) => positive(t, Math.log(t) - (1.5 / k) * sumLogMarginalVariances(variances, t)),
      };
    case 'dumouchel': {
      const s0 = Math.sqrt(s02);
      return {
        ...base,
        family,
        parameters: { s0 },
        label: `DuMouchel prior (s0 = ${s0})`,
        proper: true,
        tail: { power: 2, logPower: 0 },
        logDensity: (t) => positive(t, Math.log(s0) - 2 * Math.log(s0 + t)),
      };
    }
    case 'shrinkage':
      return {
        ...base,
        family,
        parameters: { s02 },
        label: `uniform shrinkage prior (s0² = ${s02})`,
        proper: true,
        tail: { power: 3, logPower: 0 },
        logDensity: (t) => positive(t, Math.log(2 * s02) + Math.log(t) - 2 * Math.log(s02 + t * t)),
      };
    case 'i2':
      return {
        ...base,
        family,
        parameters: { sigma2: sigma2hat },
        label: `uniform prior on I² (typical variance ${sigma2hat})`,
        proper: true,
        tail: { power: 3, logPower: 0 },
        logDensity: (t) => positive(t, Math.log(2 * sigma2hat) + Math.log(t) - 2 * Math.log(sigma2hat + t * t)),
      };
  }
}

/**
 * The reference and improper priors of bayesmeta, defined on the studies' standard errors
 * (Röver 2020, Section 2.5; Berger & Deely 1988; DuMouchel & Normand 2000; Daniels 1999;
 * Bodnar et al. 2017): a function of τ and of the squared standard errors.
 * @example Math.exp(referencePrior('dumouchel', [1, 1]).logDensity(1)) // 0.25
 */
export function referencePrior(
  family: Exclude<TauPriorFamily, 'halfnormal' | 'halfcauchy' | 'halft' | 'uniform' | 'exponential' | 'lognormal' | 'turner' | 'rhodes'>,
  variances: readonly number[],
): TauPrior {
  return isImproperReference(family) ? improperReferencePrior(family, variances) : properReferencePrior(family, variances);
}
