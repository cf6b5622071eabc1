// Heterogeneity figures of a multilevel fit that need only the sampling covariance V:
// Cochran's QE (the GLS residual sum of squares under V alone, as rma.mv reports it), the
// log-likelihood of the saturated model (metafor's ll.QE, for the ML deviance), and the
// "typical" sampling variance (k − p)/tr(P) of the multilevel I² (Nakagawa & Santos 2012;
// Cheung 2014; the formula on metafor's website), with P = V⁻¹ − V⁻¹X(X'V⁻¹X)⁻¹X'V⁻¹.
import { chiSquareSurvival } from '../distributions/index.js';
import { blockSolve, forEachFactoredBlock, glsFit, glsSums, type BlockPlan } from './likelihood.js';
import { inverseSpd, logDetFromCholesky } from './blockAlgebra.js';
import { isAllOnes } from '../regression/interceptColumn.js';
import { LogSum } from './logSum.js';
import type { ModelData } from './modelData.js';
import type { GlsSums } from './glsSums.js';

export interface SamplingHeterogeneity {
  readonly qe: number;
  readonly qeDf: number;
  readonly qePValue: number;
  readonly logLikSaturated: number;
  /** (k − p)/tr(P): the typical within-study sampling variance of the I² formula. */
  readonly typicalVariance: number;
}

interface SamplingSums {
  readonly sums: GlsSums | null;
  readonly traceVinv: number;
  readonly logDetV: number;
  /** X'V⁻²X, row-major p×p. */
  readonly xtv2x: Float64Array;
}

/** Σ log v_i, one logarithm each. */
function logSumOf(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.log(v[i]!);
  return s;
}

/** diagonalSums of an intercept-only model (X = 1): the same sums in a few operations per row. */
function interceptDiagonalSums(y: Float64Array, v: Float64Array): SamplingSums {
  let sw = 0;
  let sw2 = 0;
  let swy = 0;
  let swyy = 0;
  // Σ log v as LogSum (logSum.ts) takes it, one logarithm per 16 factors, in local variables (the
  // object's fields cost a memory round trip per row); the last product is logged in the loop too
  // (no call after it: code the loop's on-stack optimisation never saw). Every v within 1e±19
  // (Σ1/v and Σv below 1e19) keeps the products of 16 normal; otherwise each v is logged alone.
  let logs = 0;
  let product = 1;
  let sv = 0;
  for (let i = 0; i < y.length; i++) {
    const vi = v[i]!;
    const w = 1 / vi;
    const wy = w * y[i]!;
    sw += w;
    sw2 += w * w;
    swy += wy;
    swyy += wy * y[i]!;
    sv += vi;
    product *= vi;
    if ((i & 15) === 15 || i + 1 === y.length) {
      logs += Math.log(product);
      product = 1;
    }
  }
  const logDetV = sw < 1e19 && sv < 1e19 ? logs : logSumOf(v);
  return {
    sums: { logDetM: logDetV, xtwx: Float64Array.of(sw), xtwy: Float64Array.of(swy), ytwy: swyy },
    traceVinv: sw,
    logDetV,
    xtv2x: Float64Array.of(sw2),
  };
}

/** The sums under a diagonal V: one pass over the rows. */
function diagonalSums(data: ModelData): SamplingSums {
  const x = data.design.columns;
  const p = x.length;
  if (p === 1 && isAllOnes(x[0]!)) return interceptDiagonalSums(data.y, data.v);
  const xtwx = new Float64Array(p * p);
  const xtv2x = new Float64Array(p * p);
  const xtwy = new Float64Array(p);
  let ytwy = 0;
  let traceVinv = 0;
  const logDetV = new LogSum();
  for (let i = 0; i < data.y.length; i++) {
    const w = 1 / data.v[i]!;
    traceVinv += w;
    logDetV.add(data.v[i]!);
    ytwy += data.y[i]! * data.y[i]! * w;
    for (let a = 0; a < p; a++) {
      const xa = x[a]![i]! * w;
      xtwy[a] = xtwy[a]! + xa * data.y[i]!;
      for (let b = 0; b < p; b++) {
        xtwx[a * p + b] = xtwx[a * p + b]! + xa * x[b]![i]!;
        xtv2x[a * p + b] = xtv2x[a * p + b]! + xa * x[b]![i]! * w;
      }
    }
  }
  return { sums: { logDetM: logDetV.value, xtwx, xtwy, ytwy }, traceVinv, logDetV: logDetV.value, xtv2x };
}

/** The sums under a block-diagonal V, block by block. */
function blockSums(data: ModelData, plan: BlockPlan, nTheta: number): SamplingSums {
  const zero = new Float64Array(nTheta);
  const x = data.design.columns;
  const p = x.length;
  const sums = glsSums(data, plan, zero);
  let traceVinv = 0;
  let logDetV = 0;
  const xtv2x = new Float64Array(p * p);
  const work = new Float64Array(p * plan.maxSize);
  const unit = new Float64Array(plan.maxSize);
  forEachFactoredBlock(data, plan, zero, (_bi, rows, l, b) => {
    logDetV += logDetFromCholesky(l, b);
    for (let a = 0; a < b; a++) {
      unit.fill(0, 0, b);
      unit[a] = 1;
      blockSolve(l, b, unit);
      traceVinv += unit[a]!;
    }
    for (let j = 0; j < p; j++) {
      for (let a = 0; a < b; a++) work[j * b + a] = x[j]![rows[a]!]!;
      blockSolve(l, b, work, j * b);
    }
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let a = 0; a < b; a++) s += work[i * b + a]! * work[j * b + a]!;
        xtv2x[i * p + j] = xtv2x[i * p + j]! + s;
      }
  });
  return { sums, traceVinv, logDetV, xtv2x };
}

/** QE, ll.QE and the typical sampling variance (NaN parts when V is singular). */
export function samplingHeterogeneity(data: ModelData, plan: BlockPlan, nTheta: number): SamplingHeterogeneity {
  const k = data.y.length;
  const p = data.design.columns.length;
  const { sums, traceVinv, logDetV, xtv2x } = data.sampling.clusterOf ? blockSums(data, plan, nTheta) : diagonalSums(data);
  const fit = sums && glsFit(sums, k, 0);
  const qe = fit ? fit.rss : NaN;
  const qeDf = k - p;
  const inv = sums ? inverseSpd(sums.xtwx, p) : null;
  let correction = NaN;
  if (inv) {
    correction = 0;
    for (let i = 0; i < p * p; i++) correction += inv[i]! * xtv2x[i]!;
  }
  const trP = traceVinv - correction;
  return {
    qe,
    qeDf,
    qePValue: qeDf > 0 && Number.isFinite(qe) ? chiSquareSurvival(qe, qeDf) : NaN,
    logLikSaturated: -0.5 * k * Math.log(2 * Math.PI) - 0.5 * logDetV,
    typicalVariance: (k - p) / trP,
  };
}
