// The settings of one analysis, as the web page holds them (and as the address shares them): a zod
// schema, so every value from the page or the URL is checked in one place before it reaches a model.
import { z } from 'zod';
import { REGRESSION_PREDICTORS, TRIM_FILL_ESTIMATORS } from '../bias/index.js';
import { MEASURES } from '../effects/types.js';
import { GLMM_METHODS, GLMM_MODELS } from '../glmm/types.js';
import { ROBUST_TYPES } from '../multilevel/clusterRobust.js';
import { STRUCTS } from '../multilevel/randomTerms.js';
import { POOL_METHODS, TESTS } from '../pool/types.js';
import { SELECTION_ALTERNATIVES, SELECTION_TYPES } from '../selection/vocabulary.js';

/** The analyses the session runs, named as the CLI commands that print the same JSON. */
export const ANALYSES = ['pool', 'subgroup', 'regress', 'bias', 'sensitivity', 'multilevel', 'selection', 'glmm', 'bayes'] as const;
export type Analysis = (typeof ANALYSES)[number];

/**
 * True for a name of ANALYSES.
 * @example isAnalysis('pool') // true
 */
export function isAnalysis(x: unknown): x is Analysis {
  return typeof x === 'string' && (ANALYSES as readonly string[]).includes(x);
}

/** The iteration controls (the CLI's `--control`): converged to 1e-12, or metafor 3.8's defaults. */
export const CONTROL_CHOICES = ['converged', 'metafor'] as const;

const text = z.string().trim().min(1);

/**
 * The settings of an analysis; every field but `analysis` optional, with the CLI's defaults (REML, z,
 * 95%). `method` and `test` are checked against the analysis's own vocabulary when it runs.
 */
export const analysisSettingsSchema = z.object({
  analysis: z.enum(ANALYSES),
  measure: z.enum(MEASURES).optional(),
  method: z.enum(POOL_METHODS).optional(),
  test: z.enum(TESTS).optional(),
  level: z.number().gt(1).lt(100).optional(),
  /** pool: pool each group separately (--group); subgroup: the subgroup column (--by). */
  by: text.optional(),
  /** Moderators: a formula (`~ ablat + factor(alloc)`) or column names separated by commas (--mods). */
  mods: text.optional(),
  /** The cluster column of cluster-robust tests (pool, regress) or of the multilevel model. */
  cluster: text.optional(),
  robust: z.enum(ROBUST_TYPES).optional(),
  /**
   * multilevel: the random-effects formulas as metafor writes them (`~ 1 | district/school`), one or
   * more (--random, repeated): an array, or one text with the formulas separated by `;`.
   */
  random: z.union([text, z.array(text).min(1)]).optional(),
  /** multilevel: the variance structure of an `~ inner | outer` term (--struct). */
  struct: z.enum(STRUCTS).optional(),
  /** multilevel: known sampling covariances, one column per row of a cluster's block (--vcov; needs cluster). */
  vcov: z.array(text).min(1).optional(),
  /** multilevel: the sampling covariance imputed from this within-cluster correlation (--rho, metafor vcalc; needs cluster). */
  rho: z.number().gt(-1).lt(1).optional(),
  selectionType: z.enum(SELECTION_TYPES).optional(),
  /** selection (stepfun): the p-value cut points, increasing, the last 1. */
  steps: z.array(z.number().gt(0).lte(1)).min(1).optional(),
  glmmModel: z.enum(GLMM_MODELS).optional(),
  control: z.enum(CONTROL_CHOICES).optional(),
  /** User weights from this column (--weights). */
  weights: text.optional(),
  /** Also the profile-likelihood CI of tau² (--tau2-ci PL). */
  tau2Ci: z.enum(['PL']).optional(),
  /** bayes: the prior of tau (--tau-prior), e.g. `halfnormal:0.5`. */
  tauPrior: text.optional(),
  /** subgroup: one τ² for all subgroups (--common-tau2); absent: a τ² per subgroup. */
  commonTau2: z.boolean().optional(),
  /** bias: the predictor of the regression test (--predictor; default sei, Egger's test). */
  biasPredictor: z.enum(REGRESSION_PREDICTORS).optional(),
  /** bias: the trim-and-fill estimator (--estimator; default L0). */
  trimFillEstimator: z.enum(TRIM_FILL_ESTIMATORS).optional(),
  /** sensitivity: add studies in the order of this column in the cumulative analysis (--order). */
  order: text.optional(),
  /** selection: the direction of the p-values (--alternative; default greater). */
  selectionAlternative: z.enum(SELECTION_ALTERNATIVES).optional(),
  /**
   * selection: δ values fixed a priori (--delta; metafor `delta`), one per selection parameter or one
   * for all, null to estimate it. The selection model checks the count and the range.
   */
  selectionDelta: z.array(z.number().nullable()).min(1).optional(),
  /** glmm: random effects (ML) or τ² = 0 (EE) (--glmm-method; default ML). */
  glmmMethod: z.enum(GLMM_METHODS).optional(),
  /** glmm: the adaptive Gauss–Hermite points (--nagq; default 7). */
  nagq: z.number().int().min(1).max(100).optional(),
  /** bayes: the prior of mu (--mu-prior), `normal:MEAN,SD` or `uniform`. */
  muPrior: text.optional(),
  /** Study labels left out of the analysis (the page's exclusions). */
  exclude: z.array(z.string()).optional(),
});

/** One analysis's settings (see analysisSettingsSchema). */
export type AnalysisSettings = z.infer<typeof analysisSettingsSchema>;

/** The setting names, in the order the address and the command line write them. */
export const SETTING_KEYS = Object.keys(analysisSettingsSchema.shape) as readonly (keyof AnalysisSettings)[];

/**
 * The random-effects formulas of a `random` setting: an array as given, or one text holding one or
 * more formulas separated by `;` or new lines (`~ 1 | district; ~ 1 | school`).
 * @example randomTermsOf('~ 1 | district; ~ 1 | school') // ['~ 1 | district', '~ 1 | school']
 */
export function randomTermsOf(random: string | readonly string[] | undefined): string[] {
  const parts = random === undefined ? [] : typeof random === 'string' ? random.split(/[;\n]/) : random;
  return parts.map((r) => r.trim()).filter((r) => r.length > 0);
}
