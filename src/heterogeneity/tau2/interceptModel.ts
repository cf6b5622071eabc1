import { generalisedQParts, type GeneralisedQParts } from './generalisedQParts.js';
import { hedgesSums } from './hedgesSums.js';
import { emptyInterceptSums, generalisedQ, interceptSums, projectionSquareSum, sumLogVariance, type InterceptSums } from './interceptSums.js';
import { interceptLogLikelihood } from './logLikelihood.js';
import type { HedgesParts, SquareTraces, Tau2Model, WeightedSums } from './model.js';

/**
 * The intercept-only model (p = 1) of the tau² estimators, in O(k) time and O(1) memory per
 * evaluation: every scalar is a sum over the studies (interceptSums.ts), no matrix is formed.
 * `atZero`, when given, must be interceptSums(yi, vi, 0): callers that already hold the
 * fixed-effect sums (pool's kernel computes them for Q) save a pass over the data. `userWeights`
 * (metafor's `weights`) give the model its generalised Q parts (GENQ, GENQM).
 * @example dersimonianLaird(interceptModel(bcgYi, bcgVi)).tau2 // 0.3088 for the BCG log risk ratios
 */
export function interceptModel(yi: Float64Array, vi: Float64Array, atZero?: InterceptSums, userWeights?: Float64Array): Tau2Model {
  return new InterceptModel(yi, vi, atZero, userWeights);
}

/**
 * The intercept-only model as a class: its methods live on the prototype, so that building one
 * per fit allocates one small object (an object literal of closures and getters cost more than a
 * DerSimonian–Laird fit of ten studies).
 */
class InterceptModel implements Tau2Model {
  readonly k: number;
  readonly p = 1;
  readonly effects: Float64Array;
  private zero: InterceptSums | undefined;
  private spread: number | undefined;
  private generalisedParts: GeneralisedQParts | null | undefined;
  private generalisedDone = false;

  constructor(
    private readonly yi: Float64Array,
    private readonly vi: Float64Array,
    atZero: InterceptSums | undefined,
    private readonly userWeights: Float64Array | undefined,
  ) {
    this.k = yi.length;
    this.effects = yi;
    this.zero = atZero;
  }

  sums(tau2: number, _traces: boolean, out?: WeightedSums): InterceptSums {
    if (tau2 === 0 && out === undefined) {
      this.zero ??= interceptSums(this.yi, this.vi, 0);
      return this.zero;
    }
    return interceptSums(this.yi, this.vi, tau2, (out as InterceptSums | undefined) ?? emptyInterceptSums());
  }

  q(tau2: number): number {
    return generalisedQ(this.yi, this.vi, tau2).q;
  }

  hedgesParts(): HedgesParts {
    return hedgesSums(this.yi, this.vi);
  }

  squareTraces(tau2: number): SquareTraces {
    const { yi, vi, k } = this;
    const s = interceptSums(yi, vi, tau2);
    const w = new Float64Array(k);
    for (let i = 0; i < k; i++) w[i] = 1 / ((vi[i] as number) + tau2);
    return { q: s.q, pvpv: projectionSquareSum(w, vi, vi), pvp: projectionSquareSum(w, null, vi), pp: projectionSquareSum(w, null, null) };
  }

  logLikelihood(tau2: number, kind: 'ML' | 'REML', at?: WeightedSums): number {
    return interceptLogLikelihood((at as InterceptSums | undefined) ?? this.sums(tau2, false), sumLogVariance(this.vi, tau2), this.k, kind);
  }

  /** Σ(y − ȳ)², computed on first use. */
  get centredSumOfSquares(): number {
    if (this.spread === undefined) {
      const { yi, k } = this;
      let sy = 0;
      for (let i = 0; i < k; i++) sy += yi[i] as number;
      const mean = sy / k;
      let ss = 0;
      for (let i = 0; i < k; i++) ss += ((yi[i] as number) - mean) ** 2;
      this.spread = ss;
    }
    return this.spread;
  }

  /** Q(tau²) ≤ Σ(y − ȳ)²/tau²: the weighted mean minimises the weighted sum of squares. */
  get qBound(): number {
    return this.centredSumOfSquares;
  }

  get generalised(): GeneralisedQParts | null | undefined {
    if (this.userWeights === undefined) return undefined;
    if (!this.generalisedDone) {
      this.generalisedDone = true;
      this.generalisedParts = generalisedQParts([new Float64Array(this.k).fill(1)], this.yi, this.vi, this.userWeights);
    }
    return this.generalisedParts;
  }
}
