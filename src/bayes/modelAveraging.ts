// Marginal likelihood, Bayes factors and Bayesian model averaging over fixed/random × no
// effect/effect (Gronau et al. 2017, the metaBMA method; Röver 2020, Section 2.7), on the
// normal–normal model with the same priors as the main fit.
import type { Warning } from '../core/errors.js';
import { conditionalMu, logLikelihoodAt, type MuPrior, type NormalData } from './likelihood.js';
import { mixtureMoments, mixtureQuantile, type NormalMixture } from './normalMixture.js';
import { momentIsFinite, tauPosterior, type TauPosterior } from './tauPosterior.js';
import type { TauPrior } from './tauPriors.js';
import type { AveragedModel, BayesOptions, BayesResult, ModelAveraging } from './types.js';
import { BAYES_MESSAGES } from './messages.js';

interface EvidenceContext {
  readonly muPrior: MuPrior;
  readonly prior: TauPrior;
  readonly logPrior: (tau: number) => number;
  readonly posterior: TauPosterior;
  readonly scaleHint: number;
  readonly level: number;
  readonly modelPriors?: BayesOptions['modelPriors'];
}

type Evidence = Pick<BayesResult, 'marginalLikelihood' | 'logMarginalLikelihood' | 'bayesFactors' | 'averaging'>;

/** log ∫ p(y | μ = 0, τ) p(τ) dτ: the random-effects model without an effect. */
function logRandomNull(data: NormalData, ctx: EvidenceContext): number | null {
  const tail = { power: data.y.length + ctx.prior.tail.power, logPower: ctx.prior.tail.logPower };
  if (!Number.isFinite(ctx.prior.upper) && !momentIsFinite(tail, 0)) return null;
  return tauPosterior({
    logf: (t) => logLikelihoodAt(data, 0, t) + ctx.logPrior(t),
    lower: ctx.prior.lower,
    upper: ctx.prior.upper,
    tail,
    scaleHint: ctx.scaleHint,
  }).logNormalizer;
}

function averagedPosterior(data: NormalData, ctx: EvidenceContext, wFixed: number, wRandom: number): Omit<ModelAveraging, 'models'> {
  const fixed = conditionalMu(data, 0, ctx.muPrior);
  const n = ctx.posterior.tau.length;
  const weight = new Float64Array(n + 1);
  const mean = new Float64Array(n + 1);
  const sd = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) {
    const c = conditionalMu(data, ctx.posterior.tau[j]!, ctx.muPrior);
    weight[j] = wRandom * ctx.posterior.mass[j]!;
    mean[j] = c.mean;
    sd[j] = Math.sqrt(c.variance);
  }
  weight[n] = wFixed;
  mean[n] = fixed.mean;
  sd[n] = Math.sqrt(fixed.variance);
  const m: NormalMixture = { weight, mean, sd };
  const alpha = 1 - ctx.level / 100;
  const estimate = mixtureMoments(m).mean;
  const median = mixtureQuantile(m, 0.5, estimate);
  return { estimate, median, lower: mixtureQuantile(m, alpha / 2, median), upper: mixtureQuantile(m, 1 - alpha / 2, median) };
}

function averaging(data: NormalData, ctx: EvidenceContext, logs: Record<AveragedModel['name'], number>): ModelAveraging {
  const p = ctx.modelPriors ?? { fixedNull: 0.25, fixedEffect: 0.25, randomNull: 0.25, randomEffect: 0.25 };
  const priors: Record<AveragedModel['name'], number> = {
    'fixed, no effect': p.fixedNull,
    'fixed, effect': p.fixedEffect,
    'random, no effect': p.randomNull,
    'random, effect': p.randomEffect,
  };
  const names = Object.keys(logs) as AveragedModel['name'][];
  const top = Math.max(...names.map((n) => logs[n] + Math.log(priors[n])));
  const un = names.map((n) => priors[n] * Math.exp(logs[n] - top));
  const total = un.reduce((s, x) => s + x, 0);
  const models = names.map((name, i) => ({ name, prior: priors[name], posterior: un[i]! / total, logMarginalLikelihood: logs[name] }));
  const pf = models[1]!.posterior;
  const pr = models[3]!.posterior;
  return { models, ...averagedPosterior(data, ctx, pf / (pf + pr), pr / (pf + pr)) };
}

/**
 * The evidence figures: p(y) (both priors proper), BF for an effect p(y)/p(y | μ = 0) (proper μ
 * prior), BF for heterogeneity p(y)/p(y | τ = 0) (proper τ prior), and model averaging (both).
 */
export function modelAveraging(data: NormalData, ctx: EvidenceContext, warnings: Warning[]): Evidence {
  const properMu = ctx.muPrior.type === 'normal';
  const logML = ctx.posterior.logNormalizer;
  const logFixedEffect = conditionalMu(data, 0, ctx.muPrior).logMarginal;
  const logNullRandom = properMu ? logRandomNull(data, ctx) : null;
  const heterogeneity = ctx.prior.proper ? Math.exp(logML - logFixedEffect) : null;
  const effect = logNullRandom !== null ? Math.exp(logML - logNullRandom) : null;
  if (!properMu) warnings.push({ code: 'improper_prior', message: BAYES_MESSAGES.improper_prior().text });
  if (!ctx.prior.proper) warnings.push({ code: 'improper_prior', message: BAYES_MESSAGES.improper_prior_prior(ctx.prior.label).text });
  const both = properMu && ctx.prior.proper && logNullRandom !== null;
  return {
    marginalLikelihood: both ? Math.exp(logML) : null,
    logMarginalLikelihood: both ? logML : null,
    bayesFactors: { effect, heterogeneity },
    averaging: both
      ? averaging(data, ctx, {
          'fixed, no effect': logLikelihoodAt(data, 0, 0),
          'fixed, effect': logFixedEffect,
          'random, no effect': logNullRandom!,
          'random, effect': logML,
        })
      : null,
  };
}
