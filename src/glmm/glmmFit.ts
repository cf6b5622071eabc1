import type { Warning } from '../core/errors.js';
import { prepareCluster, type ClusterRow } from './clusterLikelihood.js';
import { fitMixedModel, type MixedFit, type MixedModel } from './mixedModelFit.js';
import { buildSpec } from './modelSpec.js';
import { randomInterceptWald } from './randomInterceptWald.js';
import { saturatedModelTests, typicalVarianceOf } from './saturatedTests.js';
import { samplingVariance, type GlmmStudy } from './studyData.js';
import type { GlmmMethod, GlmmModel } from './types.js';
import { GLMM_MESSAGES } from './messages.js';

/** The general fit: all coefficients, variances, tests and convergence (glmmPool and glmmRegression format it). */
export interface GlmmCoreFit {
  readonly beta: readonly number[];
  readonly vcov: readonly (readonly number[])[];
  readonly tau2: number;
  readonly sigma2: number | null;
  readonly nagqUsed: number | null;
  /** The SE of τ̂² where the model gives one (CM.EL for OR with ML). */
  readonly tau2StandardError?: number | null;
  readonly vt: number;
  readonly tests: { readonly wald: number | null; readonly lrt: number; readonly df: number };
  readonly logLik: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly warnings: readonly Warning[];
}

/**
 * UM.RS's saturated model (random study intercepts, each study its own treatment effect; an arm
 * with no events, or only events, in group 1 contributes its limit 1) and its tests: the likelihood
 * ratio against the equal-effects fit and the Wald statistic of the own effects (metafor's QE.LRT, QE.Wld).
 */
function randomInterceptTests(base: MixedModel, ee: MixedFit, X: readonly (readonly number[])[]): { wald: number | null; lrt: number; df: number } {
  const finite: (readonly number[])[] = [];
  const clusters = base.clusters.map((c, i) => {
    const [r1, r2] = c.rows as [ClusterRow, ClusterRow];
    const degenerate = r1.y === 0 || (base.family === 'binomial' && r1.y === r1.size);
    if (!degenerate) finite.push(X[i] as readonly number[]);
    const rows: ClusterRow[] = degenerate
      ? [{ ...r2, x: [1], z: [1], a: 0 }]
      : [
          { ...r1, x: [1], z: [1], a: 1 },
          { ...r2, x: [1], z: [1], a: 0 },
        ];
    return prepareCluster(rows, base.family);
  });
  const saturated: MixedModel = { family: base.family, clusters, p: 1, q: 1, nagq: base.nagq, clusterIntercepts: true };
  const sat = fitMixedModel(saturated, [ee.beta[ee.beta.length - 1] as number], ee.variances[0]);
  const wald = randomInterceptWald(saturated, { mu: sat.beta[0] as number, variance: sat.variances[0] as number }, finite);
  return { wald, lrt: Math.max(0, 2 * (sat.logLik - ee.logLik)), df: X.length - (X[0]?.length ?? 1) };
}

function boundaryWarnings(fit: MixedFit, names: readonly string[]): Warning[] {
  return fit.variances.flatMap((v, j) =>
    v === 0 && names[j] !== undefined ? [{ code: 'variance_boundary', message: GLMM_MESSAGES.glmm_ml_estimate_likelihood(names[j]).text }] : [],
  );
}

/**
 * Fits metafor's rma.glmm model for one measure with moderators X (intercept first) through the
 * general mixed-model engine: EE (no random treatment effect) and, for ML, the random-effects model
 * started from the EE estimates. Returns the coefficients, τ² and σ², and the saturated-model tests.
 * @example glmmCoreFit([{ study: 'A', measure: 'PLO', xi: 2, ni: 20 }, { study: 'B', measure: 'PLO', xi: 6, ni: 20 }], [[1], [1]], 'UM.FS', 'EE', 7).beta[0] // -1.386294
 */
export function glmmCoreFit(studies: readonly GlmmStudy[], X: readonly (readonly number[])[], model: GlmmModel, method: GlmmMethod, nagq: number): GlmmCoreFit {
  const twoRow = (model === 'UM.FS' || model === 'UM.RS') && (studies[0]?.measure === 'OR' || studies[0]?.measure === 'IRR');
  const p = X[0]?.length ?? 1;
  // metafor 3.8-1 sets nAGQ to 1 for every fit of UM.RS with ML (its equal-effects and saturated fits too).
  const eeSpec = buildSpec(studies, X, model, 'EE', model === 'UM.RS' && method === 'ML' ? 1 : nagq);
  // Start from the fixed-effects-only fit (no integrals, so cheap) when EE itself has random intercepts (UM.RS).
  const zeros = new Array<number>(eeSpec.model.p).fill(0);
  const start = eeSpec.model.q > 0 ? fitMixedModel({ ...eeSpec.model, q: 0 }, zeros, 0.1, true).beta : zeros;
  const ee = fitMixedModel(eeSpec.model, start);
  let fit = ee;
  let spec = eeSpec;
  if (method === 'ML') {
    spec = buildSpec(studies, X, model, 'ML', nagq);
    fit = fitMixedModel(spec.model, ee.beta, ee.variances[0] ?? 0.1);
  }
  const tests = model === 'UM.RS' && twoRow ? randomInterceptTests(eeSpec.model, ee, X) : saturatedModelTests(studies, X, twoRow, ee.logLik);
  const names = spec.sigma2Index === 0 ? ['sigma²', 'tau²'] : ['tau²'];
  const laplace: Warning[] = spec.model.q === 2 && nagq > 1 ? [{ code: 'nagq_laplace', message: GLMM_MESSAGES.glmm_um_rs_ml(nagq).text }] : [];
  const warnings = [
    ...laplace,
    ...boundaryWarnings(fit, names),
    ...(fit.converged ? [] : [{ code: 'not_converged', message: GLMM_MESSAGES.glmm_optimiser_did_reach(model, method, fit.iterations, fit.starts).text }]),
  ];
  return {
    beta: fit.beta.slice(0, p),
    vcov: fit.vcovBeta.slice(0, p).map((r) => r.slice(0, p)),
    tau2: spec.tau2Index >= 0 ? (fit.variances[spec.tau2Index] as number) : 0,
    sigma2: spec.sigma2Index >= 0 ? (fit.variances[spec.sigma2Index] as number) : null,
    nagqUsed: spec.nagqUsed,
    vt: typicalVarianceOf(studies.map(samplingVariance), X),
    tests,
    logLik: fit.logLik,
    converged: fit.converged,
    iterations: fit.iterations,
    warnings,
  };
}
