import { MetasynthError } from '../core/errors.js';
import { chiSquareSurvival } from '../distributions/chiSquare.js';
import { normalCritical, normalTwoSidedP } from '../distributions/normal.js';
import { cholesky, choleskyInverse } from '../heterogeneity/wls/linalg.js';
import { glmmFitStudies } from './glmmPool.js';
import type { GlmmStudy } from './studyData.js';
import type { DroppedStudy, GlmmMethod, GlmmModel, GlmmOptions, GlmmTest } from './types.js';
import type { Warning } from '../core/errors.js';
import type { GlmmMeasure } from './studyData.js';
import { GLMM_MESSAGES } from './messages.js';

/** One coefficient of a GLMM meta-regression (metafor's b, se, zval, pval, ci.lb, ci.ub). */
export interface GlmmCoefficient {
  readonly name: string;
  readonly estimate: number;
  readonly standardError: number;
  readonly statistic: number;
  readonly pValue: number;
  readonly ciLower: number;
  readonly ciUpper: number;
}

/** The result of `glmmRegression`. */
export interface GlmmRegressionResult {
  readonly measure: GlmmMeasure;
  readonly method: 'GLMM';
  readonly model: GlmmModel | null;
  readonly glmmMethod: GlmmMethod;
  readonly nagq: number | null;
  readonly level: number;
  readonly k: number;
  readonly coefficients: readonly GlmmCoefficient[];
  /** Omnibus Wald test of the coefficients other than the intercept (metafor's QM, df = p − 1). */
  readonly moderatorTest: GlmmTest;
  readonly tau2: number;
  readonly sigma2: number | null;
  readonly i2: number;
  readonly h2: number;
  readonly tests: { readonly wald: GlmmTest | null; readonly lrt: GlmmTest };
  readonly logLik: number;
  readonly dropped: readonly DroppedStudy[];
  readonly converged: boolean;
  readonly iterations: number;
  readonly warnings: readonly Warning[];
}

/** b'V⁻¹b for the coefficients 1..p−1 (the QM statistic). */
function omnibus(beta: readonly number[], vcov: readonly (readonly number[])[]): number {
  const idx = beta.map((_, j) => j).slice(1);
  const m = idx.length;
  const a = new Float64Array(m * m);
  idx.forEach((r, i) => {
    idx.forEach((c, j) => {
      a[i * m + j] = vcov[r]?.[c] as number;
    });
  });
  const ch = cholesky(a, m);
  if (!ch.ok) return NaN;
  const inv = choleskyInverse(ch);
  let q = 0;
  idx.forEach((r, i) => {
    idx.forEach((c, j) => {
      q += (beta[r] as number) * (inv[i * m + j] as number) * (beta[c] as number);
    });
  });
  return q;
}

/**
 * GLMM meta-regression (metafor's rma.glmm with mods): the model of `glmmPool` with the log OR,
 * log IRR, logit or log rate linear in the moderators' design `X` (one row per study, intercept
 * first, names in `names`), Wald-type z tests per coefficient and the omnibus QM test.
 * @example glmmRegression([{ study: 'A', measure: 'PLO', xi: 2, ni: 20 }, { study: 'B', measure: 'PLO', xi: 6, ni: 20 }, { study: 'C', measure: 'PLO', xi: 9, ni: 20 }], [[1, 0], [1, 1], [1, 2]], ['intrcpt', 'x'], { method: 'EE' }).coefficients[1]?.estimate // 0.934507
 */
export function glmmRegression(
  studies: readonly GlmmStudy[],
  X: readonly (readonly number[])[],
  names: readonly string[],
  options: GlmmOptions = {},
): GlmmRegressionResult {
  if (X.length !== studies.length) throw new MetasynthError('internal', GLMM_MESSAGES.glmmregression_design_rows_studies(X.length, studies.length));
  const { measure, model, method, kept, dropped, fit } = glmmFitStudies(studies, options, X);
  const level = options.level ?? 95;
  const crit = normalCritical(level);
  const coefficients = fit.beta.map((b, j) => {
    const se = Math.sqrt(fit.vcov[j]?.[j] as number);
    if (!Number.isFinite(b) || !(se > 0)) throw new MetasynthError('not_estimable', GLMM_MESSAGES.glmm_regression_coefficient_estimable(names[j]));
    return {
      name: names[j] ?? `x${j}`,
      estimate: b,
      standardError: se,
      statistic: b / se,
      pValue: normalTwoSidedP(b / se),
      ciLower: b - crit * se,
      ciUpper: b + crit * se,
    };
  });
  const qm = omnibus(fit.beta, fit.vcov);
  const qmDf = fit.beta.length - 1;
  const test = (statistic: number) => ({ statistic, df: fit.tests.df, pValue: fit.tests.df > 0 ? chiSquareSurvival(statistic, fit.tests.df) : 1 });
  return {
    measure,
    method: 'GLMM',
    model,
    glmmMethod: method,
    nagq: fit.nagqUsed,
    level,
    k: kept.length,
    coefficients,
    moderatorTest: { statistic: qm, df: qmDf, pValue: chiSquareSurvival(qm, qmDf) },
    tau2: fit.tau2,
    sigma2: fit.sigma2,
    i2: (100 * fit.tau2) / (fit.vt + fit.tau2),
    h2: fit.tau2 / fit.vt + 1,
    tests: { wald: fit.tests.wald === null ? null : test(fit.tests.wald), lrt: test(fit.tests.lrt) },
    logLik: fit.logLik,
    dropped,
    converged: fit.converged,
    iterations: fit.iterations,
    warnings: fit.warnings,
  };
}
