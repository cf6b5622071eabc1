// Bayesian random-effects meta-analysis in the normal–normal hierarchical model (Röver 2020,
// J Stat Softw 93(6); the bayesmeta method), computed by quadrature: the posterior of τ on adaptive
// Gauss–Kronrod panels, everything else as normal mixtures over its nodes.
import { MetasynthError, type Warning } from '../core/errors.js';
import { normalQuantile } from '../distributions/normal.js';
import { conditionalMu, type MuPrior, type NormalData } from './likelihood.js';
import { modelAveraging } from './modelAveraging.js';
import {
  mixtureCdf,
  mixtureLogPdfSlope,
  mixtureMode,
  mixtureMoments,
  mixturePdf,
  mixtureQuantile,
  shortestInterval,
  type NormalMixture,
} from './normalMixture.js';
import { buildTauPrior } from './priorSpec.js';
import { jointDensityGrid } from './jointDensity.js';
import { priorNormalizer } from './priorNormalizer.js';
import { momentIsFinite, tauPosterior, type TauPosterior } from './tauPosterior.js';
import type { TauPrior } from './tauPriors.js';
import type { BayesOptions, BayesResult, PosteriorSummary, PriorEcho, ShrinkageSummary } from './types.js';
import { BAYES_MESSAGES } from './messages.js';

function checkData(data: NormalData): void {
  if (data.y.length === 0) throw new MetasynthError('invalid_input', BAYES_MESSAGES.bayes_no_studies_analyse());
  data.y.forEach((y, i) => {
    const v = data.v[i]!;
    if (!Number.isFinite(y) || !(v > 0 && Number.isFinite(v))) {
      throw new MetasynthError('invalid_input', BAYES_MESSAGES.bayes_study_needs_finite(i + 1, y, v));
    }
  });
}

function checkMuPrior(mu: MuPrior): void {
  if (mu.type === 'normal' && !(Number.isFinite(mu.mean) && mu.sd > 0 && Number.isFinite(mu.sd))) {
    throw new MetasynthError('invalid_option', BAYES_MESSAGES.mu_prior_normal_needs(mu.mean, mu.sd));
  }
}

/** Tail of the posterior of τ: p(y | τ) ~ τ^−k (normal μ prior) or τ^−(k − 1) (flat), times the prior's. */
function posteriorTail(k: number, mu: MuPrior, prior: TauPrior) {
  return { power: (mu.type === 'normal' ? k : k - 1) + prior.tail.power, logPower: prior.tail.logPower };
}

function checkPropriety(k: number, mu: MuPrior, prior: TauPrior): void {
  if (!prior.proper && k === 1) {
    throw new MetasynthError('invalid_option', BAYES_MESSAGES.bayes_prior_tau_improper(prior.label));
  }
  const tail = posteriorTail(k, mu, prior);
  if (Number.isFinite(prior.upper) || momentIsFinite(tail, 0)) return;
  throw new MetasynthError('invalid_option', BAYES_MESSAGES.bayes_k_prior_tau(k, prior.label, mu.type, tail.power));
}

function muLabel(mu: MuPrior): PriorEcho['mu'] {
  return mu.type === 'normal'
    ? { type: 'normal', mean: mu.mean, sd: mu.sd, label: `normal(mean = ${mu.mean}, sd = ${mu.sd})` }
    : { type: 'uniform', mean: null, sd: null, label: 'uniform(-Inf, Inf), improper' };
}

/** The normal mixture over τ's nodes of a quantity whose conditional law given τ is N(mean(τ), var(τ)). */
function mixtureOver(post: TauPosterior, parts: (tau: number, j: number) => { mean: number; variance: number }): NormalMixture {
  const n = post.tau.length;
  const mean = new Float64Array(n);
  const sd = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const c = parts(post.tau[j]!, j);
    mean[j] = c.mean;
    sd[j] = Math.sqrt(c.variance);
  }
  return { weight: post.mass, mean, sd };
}

function summariseMixture(m: NormalMixture, level: number, finiteSd: boolean, finiteMean = true): PosteriorSummary {
  const alpha = 1 - level / 100;
  const { mean, variance } = mixtureMoments(m);
  const median = mixtureQuantile(m, 0.5, mean);
  const mode = mixtureMode(m);
  const dist = {
    cdf: (x: number) => mixtureCdf(m, x),
    pdf: (x: number) => mixturePdf(m, x),
    logPdfSlope: (x: number) => mixtureLogPdfSlope(m, x),
    quantile: (p: number) => mixtureQuantile(m, p, median),
    mode,
    lower: -Infinity,
  };
  const shortest = shortestInterval(dist, level / 100);
  return {
    mean: finiteMean ? mean : null,
    median,
    mode,
    sd: finiteSd ? Math.sqrt(variance) : null,
    lower: mixtureQuantile(m, alpha / 2, median),
    upper: mixtureQuantile(m, 1 - alpha / 2, median),
    shortestLower: shortest.lower,
    shortestUpper: shortest.upper,
  };
}

function summariseTau(post: TauPosterior, level: number): PosteriorSummary {
  const alpha = 1 - level / 100;
  const sd = post.mean !== null && post.secondMoment !== null ? Math.sqrt(Math.max(0, post.secondMoment - post.mean ** 2)) : null;
  const shortest = shortestInterval(
    { cdf: post.cdf, pdf: post.pdf, logPdfSlope: post.logPdfSlope, quantile: post.quantile, mode: post.mode, lower: post.problem.lower },
    level / 100,
  );
  return {
    mean: post.mean,
    median: post.quantile(0.5),
    mode: post.mode,
    sd,
    lower: post.quantile(alpha / 2),
    upper: post.quantile(1 - alpha / 2),
    shortestLower: shortest.lower,
    shortestUpper: shortest.upper,
  };
}

const z = (p: number) => normalQuantile(p);

function grid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** The three marginal densities on grids over their central 99.9% (τ from its lower bound). */
function densityCurves(post: TauPosterior, mu: NormalMixture, pred: NormalMixture, n: number): Omit<NonNullable<BayesResult['curves']>, 'joint'> {
  const mixtureCurve = (m: NormalMixture) => {
    const x = grid(mixtureQuantile(m, 0.0005), mixtureQuantile(m, 0.9995), n);
    return { x, density: x.map((v) => mixturePdf(m, v)) };
  };
  const tx = grid(post.problem.lower, post.quantile(0.9995), n);
  return {
    mu: mixtureCurve(mu),
    tau: {
      x: tx,
      density: tx.map((t) => {
        const d = post.pdf(t);
        return Number.isFinite(d) ? d : 0;
      }),
    },
    prediction: mixtureCurve(pred),
  };
}

function shrinkage(
  data: NormalData,
  post: TauPosterior,
  cond: readonly { mean: number; variance: number }[],
  labels: readonly string[],
  level: number,
): ShrinkageSummary[] {
  const alpha = 1 - level / 100;
  return data.y.map((y, i) => {
    const vi = data.v[i]!;
    const m = mixtureOver(post, (tau, j) => {
      const b = vi / (vi + tau * tau);
      return { mean: (1 - b) * y + b * cond[j]!.mean, variance: (vi * tau * tau) / (vi + tau * tau) + b * b * cond[j]!.variance };
    });
    const { mean, variance } = mixtureMoments(m);
    const sd = Math.sqrt(variance);
    const [lower, median, upper] = [alpha / 2, 0.5, 1 - alpha / 2].map((p) => mixtureQuantile(m, p, mean + z(p) * sd));
    return { study: labels[i] ?? String(i + 1), mean, median: median!, sd, lower: lower!, upper: upper! };
  });
}

/**
 * The posterior of the normal–normal hierarchical model y_i ~ N(θ_i, σ_i²), θ_i ~ N(μ, τ²) under
 * the given priors (Röver 2020, J Stat Softw 93(6)): marginal posteriors of μ, τ and a new study's
 * effect, shrinkage estimates, the marginal likelihood, Bayes factors and model averaging.
 * @example bayesMeta({ y: [0.1, 0.3, -0.2], v: [0.04, 0.09, 0.05] }, { tauPrior: { family: 'halfnormal', scale: 0.5 }, muPrior: { type: 'normal', mean: 0, sd: 4 } }).k // 3
 */
export function bayesMeta(data: NormalData, options: BayesOptions): BayesResult {
  checkData(data);
  const muPrior = options.muPrior ?? { type: 'uniform' };
  checkMuPrior(muPrior);
  const level = options.level ?? 95;
  const k = data.y.length;
  const prior = buildTauPrior(options.tauPrior, data.v);
  checkPropriety(k, muPrior, prior);
  const logPriorConstant = prior.normalized === false ? -priorNormalizer(prior, data.v) : 0;
  const logPrior = (t: number) => prior.logDensity(t) + logPriorConstant;
  const scaleHint = Math.sqrt([...data.v].sort((a, b) => a - b)[Math.floor(k / 2)]!);
  const tail = posteriorTail(k, muPrior, prior);
  const post = tauPosterior({
    logf: (t) => conditionalMu(data, t, muPrior).logMarginal + logPrior(t),
    lower: prior.lower,
    upper: prior.upper,
    tail,
    scaleHint,
  });
  const cond = Array.from(post.tau, (t) => conditionalMu(data, t, muPrior));
  const warnings: Warning[] = [];
  const tauSecond = Number.isFinite(prior.upper) || momentIsFinite(tail, 2);
  const muMix = mixtureOver(post, (_, j) => cond[j]!);
  const predMix = mixtureOver(post, (t, j) => ({ mean: cond[j]!.mean, variance: cond[j]!.variance + t * t }));
  const result = {
    k,
    level,
    mu: summariseMixture(muMix, level, muPrior.type === 'normal' || tauSecond),
    tau: summariseTau(post, level),
    prediction: summariseMixture(predMix, level, tauSecond),
    shrinkage: shrinkage(data, post, cond, options.labels ?? [], level),
  };
  for (const [name, s] of [
    ['tau', result.tau],
    ['mu', result.mu],
    ['prediction', result.prediction],
  ] as const) {
    if (s.mean === null) warnings.push({ code: 'infinite_moment', message: BAYES_MESSAGES.infinite_moment(name, tail.power).text });
    else if (s.sd === null) warnings.push({ code: 'infinite_moment', message: BAYES_MESSAGES.infinite_moment_posterior(name, tail.power).text });
  }
  if (!post.converged) warnings.push({ code: 'quadrature_not_converged', message: BAYES_MESSAGES.quadrature_not_converged().text });
  const curves = options.curves
    ? {
        ...densityCurves(post, muMix, predMix, options.curves),
        joint: jointDensityGrid(post, (t) => conditionalMu(data, t, muPrior), {
          mu: [mixtureQuantile(muMix, 0.001), mixtureQuantile(muMix, 0.999)],
          tau: [prior.lower, post.quantile(0.995)],
        }),
      }
    : undefined;
  const evidence = modelAveraging(
    data,
    { muPrior, prior, logPrior, posterior: post, scaleHint, level, ...(options.modelPriors ? { modelPriors: options.modelPriors } : {}) },
    warnings,
  );
  return {
    ...result,
    ...evidence,
    priors: {
      mu: muLabel(muPrior),
      tau: { family: prior.family, parameters: prior.parameters, label: prior.label, source: prior.source, proper: prior.proper },
    },
    ...(curves ? { curves } : {}),
    converged: post.converged,
    warnings,
  };
}
