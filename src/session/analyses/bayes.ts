// The Bayesian random-effects meta-analysis (the bayesmeta method) of `metasynth bayes` and its JSON document.
import { bayesMeta, parseMuPrior, parseTauPrior, type BayesResult, type PosteriorSummary } from '../../bayes/index.js';
import { normalCritical } from '../../distributions/normal.js';
import { isRatioMeasure, type EffectTable } from '../../effects/types.js';
import { bayesForestSpec } from '../../plots/index.js';
import { withInputWarnings } from '../input.js';

/**
 * exp() of the quantile-type figures (the mean and SD do not transform).
 * @example exponentiated({ median: 0, mode: 0, lower: 0, upper: 0, shortestLower: 0, shortestUpper: 0 }).median // 1
 */
export function exponentiated(s: PosteriorSummary) {
  return {
    median: Math.exp(s.median),
    mode: Math.exp(s.mode),
    lower: Math.exp(s.lower),
    upper: Math.exp(s.upper),
    shortestLower: Math.exp(s.shortestLower),
    shortestUpper: Math.exp(s.shortestUpper),
  };
}

/**
 * The JSON document of `bayes --json` (a public contract; see README).
 * @example bayesJson(bayesMeta({ y: bcgTable.studies.map((s) => s.effect), v: bcgTable.studies.map((s) => s.variance) }, { tauPrior: parseTauPrior('uniform') }), bcgTable).k // 13
 */
export function bayesJson(r: BayesResult, table: EffectTable) {
  const ratio = isRatioMeasure(table.measure);
  return {
    k: r.k,
    measure: table.measure,
    level: r.level,
    mu: r.mu,
    tau: r.tau,
    prediction: r.prediction,
    shrinkage: r.shrinkage,
    marginalLikelihood: r.marginalLikelihood,
    logMarginalLikelihood: r.logMarginalLikelihood,
    bayesFactors: r.bayesFactors,
    averaging: r.averaging,
    priors: r.priors,
    transformed: ratio ? { scale: 'exp', mu: exponentiated(r.mu), prediction: exponentiated(r.prediction) } : null,
    converged: r.converged,
    warnings: r.warnings,
  };
}

/**
 * Runs the Bayesian analysis as `metasynth bayes` without `--out` does (uniform priors unless given),
 * with its JSON document and the posterior forest plot's spec.
 * @example bayesRun(bcgTable, { level: 95 }).result.k // 13
 */
export function bayesRun(table: EffectTable, options: { readonly tauPrior?: string; readonly muPrior?: string; readonly level: number }) {
  const result = bayesMeta(
    { y: table.studies.map((s) => s.effect), v: table.studies.map((s) => s.variance) },
    {
      tauPrior: parseTauPrior(options.tauPrior ?? 'uniform'),
      muPrior: parseMuPrior(options.muPrior ?? 'uniform'),
      level: options.level,
      labels: table.studies.map((s) => s.study),
    },
  );
  const plotOptions = { effectLabel: isRatioMeasure(table.measure) ? `log ${table.measure}` : table.measure, ...(table.synthetic ? { synthetic: true } : {}) };
  const forest = bayesForestSpec(result, table.studies, normalCritical(options.level), plotOptions);
  return { result, json: withInputWarnings(bayesJson(result, table), table), forest };
}
