// Heterogeneity figures of a multilevel fit that need only the sampling covariance V:
// Cochran's QE (the GLS residual sum of squares under V alone, as rma.mv reports it), the
// log-likelihood of the saturated model (metafor's ll.QE, for the ML deviance), and the
// "typical" sampling variance (k − p)/tr(P) of the multilevel I² (Nakagawa & Santos 2012;
// Cheung 2014; the formula on metafor's website), with P = V⁻¹ − V⁻¹X(X'V⁻¹X)⁻¹X'V⁻¹.
import { chiSquareSurvival } from '../distributions/index.js';
import { blockSolve, forEachFactoredBlock, glsFit, glsSums, type BlockPlan } from './likelihood.js';
import { inverseSpd, logDetFromCholesky } from './blockAlgebra.js';
import type { ModelData } from './modelData.js';

export interface SamplingHeterogeneity {
  readonly qe: number;
  readonly qeDf: number;
  readonly qePValue: number;
  readonly logLikSaturated: number;
  /** (k − p)/tr(P): the typical within-study sampling variance of the I² formula. */
  readonly typicalVariance: number;
}

/** QE, ll.QE and the typical sampling variance (NaN parts when V is singular). */
export function samplingHeterogeneity(data: ModelData, plan: BlockPlan, nTheta: number): SamplingHeterogeneity {
  const zero = new Float64Array(nTheta);
  const k = data.y.length;
  const x = data.design.columns;
  const p = x.length;
  const sums = glsSums(data, plan, zero);
  const fit = sums && glsFit(sums, k, 0);
  const qe = fit ? fit.rss : NaN;
  const qeDf = k - p;
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
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
      let s = 0;
      for (let a = 0; a < b; a++) s += work[i * b + a]! * work[j * b + a]!;
      xtv2x[i * p + j] = xtv2x[i * p + j]! + s;
    }
  });
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
