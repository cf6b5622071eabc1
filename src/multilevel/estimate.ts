// Estimation of the variance parameters of a multilevel model: maximise the ML or REML
// log-likelihood (likelihood.ts) over θ = [sigma2..., tau2..., rho...] within their limits
// (variances ≥ 0, correlations in [−1, 1]), optionally with some parameters held fixed.
import { weightedGram } from '../heterogeneity/wls/linalg.js';
import { isAllOnes } from '../regression/interceptColumn.js';
import { logDetSpd } from './blockAlgebra.js';
import { blockScore } from './blockScore.js';
import { logLikelihoodAt, type BlockPlan } from './likelihood.js';
import type { ModelData } from './modelData.js';
import { momentStart } from './momentStart.js';
import { meanSamplingVariance, olsResiduals } from './olsResiduals.js';
import { nestedLogLik, nestedScore } from './nestedScore.js';
import type { NestedTree } from './nestedTree.js';
import { maximiseBounded, type Bounds, type OptimiseControl, type ScoreFunction } from './optimise.js';
import { parameterKinds } from './varianceStructure.js';

export const MULTILEVEL_METHODS = ['REML', 'ML'] as const;
export type MultilevelMethod = (typeof MULTILEVEL_METHODS)[number];
/**
 * Is `x` one of MULTILEVEL_METHODS?
 * @example isMultilevelMethod('REML') // true
 * @example isMultilevelMethod('DL') // false
 */
export function isMultilevelMethod(x: unknown): x is MultilevelMethod {
  return typeof x === 'string' && (MULTILEVEL_METHODS as readonly string[]).includes(x);
}

export interface VarianceEstimate {
  readonly theta: Float64Array;
  readonly logLik: number;
  readonly converged: boolean;
  readonly iterations: number;
  /** The analytic gradient of the log-likelihood in every component of θ (fixed ones too) at θ, when the last analytic evaluation was at θ; else null. */
  readonly gradient: Float64Array | null;
  /** The GLS fit at θ from the same evaluation, so no further pass is needed; else null. */
  readonly gls: { readonly beta: Float64Array; readonly vb: Float64Array } | null;
}

/** What one analytic evaluation leaves behind for the answer. */
interface Evaluated {
  readonly theta: Float64Array;
  readonly gradient: Float64Array;
  readonly beta: Float64Array;
  readonly vb: Float64Array;
}

// Both depend on the data alone and are read by every refit (profile CIs): computed once per data.
const crossProducts = new WeakMap<ModelData, number>();
const boundsOf = new WeakMap<ModelData, Bounds>();

/** ½·log|X'X| term of the REML likelihood (metafor's REMLf = TRUE). */
export function logDetCrossProduct(data: ModelData): number {
  let hit = crossProducts.get(data);
  if (hit === undefined) {
    const x = data.design.columns;
    // An intercept alone: X'X = k.
    hit = x.length === 1 && isAllOnes(x[0]!) ? Math.log(x[0]!.length) : logDetSpd(weightedGram(x, null), x.length);
    crossProducts.set(data, hit);
  }
  return hit;
}

/** Box limits and finite-difference scales of the parameters (shared: never written to). */
export function parameterBounds(data: ModelData): Bounds {
  let hit = boundsOf.get(data);
  if (!hit) {
    hit = computeBounds(data);
    boundsOf.set(data, hit);
  }
  return hit;
}

function computeBounds(data: ModelData): Bounds {
  const kinds = parameterKinds(data.structure);
  const meanV = meanSamplingVariance(data);
  return {
    lower: Float64Array.from(kinds, (k) => (k === 'rho' ? -1 : 0)),
    upper: Float64Array.from(kinds, (k) => (k === 'rho' ? 1 : Infinity)),
    scale: Float64Array.from(kinds, (k) => (k === 'rho' ? 1 : 0.01 * meanV)),
  };
}

/**
 * Starting values: for a nested model, moment (ANOVA-type) estimates of each sigma2 from the OLS
 * residuals (momentStart.ts), near the optimum so that scoring converges in a few steps; otherwise
 * the residual variance beyond the sampling variance split evenly (metafor's idea), rho 0.5.
 */
export function startingValues(data: ModelData, tree: NestedTree | null = null): Float64Array {
  const kinds = parameterKinds(data.structure);
  const p = data.design.columns.length;
  const k = data.y.length;
  const { e, rss, meanV } = olsResiduals(data);
  const total = Math.max(0.1 * meanV, rss / Math.max(1, k - p) - meanV);
  const nVar = kinds.filter((kd) => kd !== 'rho').length || 1;
  if (tree) return momentStart(tree, e, data.v, 0.01 * meanV, total / nVar);
  return Float64Array.from(kinds, (kd) => (kd === 'rho' ? 0.5 : total / nVar));
}

/**
 * Maximise the (restricted) likelihood. `fixed` holds parameters at given values (NaN = free),
 * as metafor's `sigma2 = c(NA, 0.1)` does.
 */
export function estimateVariances(
  data: ModelData,
  plan: BlockPlan,
  options: { method: MultilevelMethod; fixed?: Float64Array; start?: Float64Array; control?: OptimiseControl },
): VarianceEstimate {
  const reml = options.method === 'REML';
  const logDetXtX = logDetCrossProduct(data);
  const bounds = parameterBounds(data);
  const start = options.start ?? startingValues(data, plan.tree);
  const fixed = options.fixed ?? new Float64Array(start.length).fill(NaN);
  const freeIdx = Array.from(fixed.keys()).filter((j) => Number.isNaN(fixed[j]!));
  const full = (t: Float64Array) => {
    const th = Float64Array.from(fixed);
    freeIdx.forEach((j, r) => {
      th[j] = t[r]!;
    });
    return th;
  };
  const sub = (a: Float64Array) => Float64Array.from(freeIdx, (j) => a[j]!);
  const tree = plan.tree;
  // The last analytic score, kept so the gradient at the answer (in the fixed components too:
  // the slope of a profile likelihood) comes without another evaluation.
  let last: Evaluated | null = null;
  // Nested models score on the tree (nestedScore.ts); every other model block by block (blockScore.ts).
  const analytic = (th: Float64Array) => (tree ? nestedScore(data, tree, th, reml, logDetXtX) : blockScore(data, plan, th, reml, logDetXtX));
  const score: ScoreFunction = (t) => {
    const th = full(t);
    const s = analytic(th);
    if (!s) return null;
    last = { theta: th, gradient: s.gradient, beta: s.beta, vb: s.vb };
    const n = freeIdx.length;
    const information = new Float64Array(n * n);
    for (let r = 0; r < n; r++) for (let q = 0; q < n; q++) information[r * n + q] = s.information[freeIdx[r]! * start.length + freeIdx[q]!]!;
    return { value: s.value, gradient: sub(s.gradient), information };
  };
  const objective = tree
    ? (t: Float64Array) => nestedLogLik(data, tree, full(t), reml, logDetXtX)
    : (t: Float64Array) => logLikelihoodAt(data, plan, full(t), reml, logDetXtX);
  const res = maximiseBounded(objective, sub(start), { lower: sub(bounds.lower), upper: sub(bounds.upper), scale: sub(bounds.scale) }, options.control, score);
  const theta = full(res.theta);
  const at = last as Evaluated | null;
  const same = at?.theta.every((x, j) => x === theta[j]) ? at : null;
  return {
    theta,
    logLik: res.value,
    converged: res.converged,
    iterations: res.iterations,
    gradient: same ? same.gradient : null,
    gls: same ? { beta: same.beta, vb: same.vb } : null,
  };
}
