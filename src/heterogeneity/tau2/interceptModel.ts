import { generalisedQParts, type GeneralisedQParts } from './generalisedQParts.js';
import { hedgesSums } from './hedgesSums.js';
import { emptyInterceptSums, generalisedQ, interceptSums, projectionSquareSum, sumLogVariance, type InterceptSums } from './interceptSums.js';
import { interceptLogLikelihood } from './logLikelihood.js';
import type { Tau2Model, WeightedSums } from './model.js';

/**
 * The intercept-only model (p = 1) of the tau² estimators, in O(k) time and O(1) memory per
 * evaluation: every scalar is a sum over the studies (interceptSums.ts), no matrix is formed.
 * `atZero`, when given, must be interceptSums(yi, vi, 0): callers that already hold the
 * fixed-effect sums (pool's kernel computes them for Q) save a pass over the data. `userWeights`
 * (metafor's `weights`) give the model its generalised Q parts (GENQ, GENQM).
 * @example dersimonianLaird(interceptModel(bcgYi, bcgVi)).tau2 // 0.3088 for the BCG log risk ratios
 */
export function interceptModel(yi: Float64Array, vi: Float64Array, atZero?: InterceptSums, userWeights?: Float64Array): Tau2Model {
  const k = yi.length;
  let generalised: GeneralisedQParts | null | undefined;
  let generalisedDone = false;
  let zero = atZero;
  let spread: number | undefined;
  const centred = (): number => {
    if (spread === undefined) {
      let sy = 0;
      for (let i = 0; i < k; i++) sy += yi[i] as number;
      const mean = sy / k;
      let ss = 0;
      for (let i = 0; i < k; i++) ss += ((yi[i] as number) - mean) ** 2;
      spread = ss;
    }
    return spread;
  };
  const sums = (tau2: number, _traces: boolean, out?: WeightedSums): InterceptSums => {
    if (tau2 === 0 && out === undefined) {
      zero ??= interceptSums(yi, vi, 0);
      return zero;
    }
    return interceptSums(yi, vi, tau2, (out as InterceptSums | undefined) ?? emptyInterceptSums());
  };
  return {
    k,
    p: 1,
    effects: yi,
    sums,
    q: (tau2) => generalisedQ(yi, vi, tau2).q,
    hedgesParts: () => hedgesSums(yi, vi),
    squareTraces: (tau2) => {
      const s = interceptSums(yi, vi, tau2);
      const w = new Float64Array(k);
      for (let i = 0; i < k; i++) w[i] = 1 / ((vi[i] as number) + tau2);
      return { q: s.q, pvpv: projectionSquareSum(w, vi, vi), pvp: projectionSquareSum(w, null, vi), pp: projectionSquareSum(w, null, null) };
    },
    logLikelihood: (tau2, kind, at) => interceptLogLikelihood((at as InterceptSums | undefined) ?? sums(tau2, false), sumLogVariance(vi, tau2), k, kind),
    get centredSumOfSquares() {
      return centred();
    },
    // Q(tau²) ≤ Σ(y − ȳ)²/tau²: the weighted mean minimises the weighted sum of squares.
    get qBound() {
      return centred();
    },
    get generalised() {
      if (userWeights === undefined) return undefined;
      if (!generalisedDone) {
        generalisedDone = true;
        generalised = generalisedQParts([new Float64Array(k).fill(1)], yi, vi, userWeights);
      }
      return generalised;
    },
  };
}
