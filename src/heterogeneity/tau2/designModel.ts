import { choleskyLogDet, cholesky, weightedGram } from '../wls/linalg.js';
import { traceP, tracePAndPP, tracePDPD, weightedProjection, type WeightedProjection } from '../wls/projection.js';
import { generalisedQParts, type GeneralisedQParts } from './generalisedQParts.js';
import { logLikelihood } from './logLikelihood.js';
import { emptyWeightedSums, type Tau2Model, type WeightedSums } from './model.js';

/** The design model, which also hands out its weighted projections (the fit reuses them). */
export interface DesignTau2Model extends Tau2Model {
  /** The weighted least-squares projection at weights 1/(v + tau²) (null when X'WX is singular). */
  projection(tau2: number): WeightedProjection | null;
}

/** The weights 1/(v_i + tau²). */
function weightsAt(v: Float64Array, tau2: number): Float64Array {
  const m = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) m[i] = 1 / (v[i]! + tau2);
  return m;
}

type CacheEntry = { tau2: number; proj: WeightedProjection | null; traces?: { trP: number; trPP: number } };

/**
 * The estimators and the fit ask for the same few tau² values more than once (0 for the scale,
 * QE and the likelihood check; the estimate for its SE and the final fit): the last three
 * projections are kept, with their traces, and tau² = 0 is never evicted.
 */
function projectionCache(x: readonly Float64Array[], y: Float64Array, v: Float64Array): (tau2: number) => CacheEntry {
  const cache: CacheEntry[] = [];
  let zero: CacheEntry | undefined;
  return (tau2) => {
    if (tau2 === 0) {
      zero ??= { tau2, proj: weightedProjection(x, weightsAt(v, 0), y) };
      return zero;
    }
    let e = cache.find((c) => Object.is(c.tau2, tau2));
    if (!e) {
      e = { tau2, proj: weightedProjection(x, weightsAt(v, tau2), y) };
      cache.unshift(e);
      if (cache.length > 3) cache.pop();
    }
    return e;
  };
}

/** Σ(y − ȳ)², ȳ the plain mean, computed on first use. */
function lazyCentredSumOfSquares(y: Float64Array): () => number {
  let spread: number | undefined;
  return () => {
    if (spread === undefined) {
      const k = y.length;
      let mean = 0;
      for (let i = 0; i < k; i++) mean += y[i]!;
      mean /= k;
      let ss = 0;
      for (let i = 0; i < k; i++) ss += (y[i]! - mean) ** 2;
      spread = ss;
    }
    return spread;
  };
}

/**
 * The mixed-effects meta-regression model y = Xβ + u + e of the tau² estimators, with every trace
 * of P reduced to p×p products (wls/projection.ts): O(k·p²) per evaluation, no k×k matrix.
 * `x` are the design columns (centring and scaling them changes neither tau² nor any trace, only
 * the conditioning); the intercept-only design is better served by {@link interceptModel}.
 * Never throws: a design whose XᵀWX is not positive definite gives NaN sums. `userWeights`
 * (metafor's `weights`) give the model its generalised Q parts (GENQ, GENQM).
 * @example
 * const ones = new Float64Array(13).fill(1);
 * const ablat = Float64Array.from(bcgTable.studies, (s) => s.moderators.ablat);
 * dersimonianLaird(designModel([ones, ablat], bcgYi, bcgVi)).tau2 // 0.0633 (metafor rma(yi, vi, mods = ~ ablat, method = "DL"))
 */
export function designModel(x: readonly Float64Array[], y: Float64Array, v: Float64Array, userWeights?: Float64Array): DesignTau2Model {
  const k = y.length;
  let generalised: GeneralisedQParts | null | undefined;
  let generalisedDone = false;
  const p = x.length;
  const entryAt = projectionCache(x, y, v);
  const projectionAt = (tau2: number): WeightedProjection | null => entryAt(tau2).proj;
  let logDetGram: number | undefined;
  const centred = lazyCentredSumOfSquares(y);
  const fill = (tau2: number, traces: boolean, out: WeightedSums): WeightedSums => {
    const entry = entryAt(tau2);
    const proj = entry.proj;
    if (!proj) return Object.assign(out, emptyWeightedSums());
    out.sumWeights = proj.sumM;
    out.sumSquaredWeights = proj.sumM2;
    out.q = proj.rss;
    out.sumSquaredWeightedResiduals = proj.rssSquared;
    if (traces) {
      entry.traces ??= tracePAndPP(x, proj);
      const t = entry.traces;
      out.traceP = t.trP;
      out.tracePP = t.trPP;
    } else {
      out.traceP = NaN;
      out.tracePP = NaN;
    }
    return out;
  };
  return {
    k,
    p,
    effects: y,
    projection: projectionAt,
    sums: (tau2, traces, out = emptyWeightedSums()) => fill(tau2, traces, out),
    q: (tau2) => projectionAt(tau2)?.rss ?? NaN,
    hedgesParts: () => {
      const proj = weightedProjection(x, new Float64Array(k).fill(1), y);
      if (!proj) return { rss: NaN, tracePV: NaN, tracePVPV: NaN };
      return { rss: proj.rss, tracePV: traceP(x, proj, v), tracePVPV: tracePDPD(x, proj, v, v) };
    },
    squareTraces: (tau2) => {
      const proj = projectionAt(tau2);
      if (!proj) return { q: NaN, pp: NaN, pvp: NaN, pvpv: NaN };
      return { q: proj.rss, pvpv: tracePDPD(x, proj, v, v), pvp: tracePDPD(x, proj, null, v), pp: tracePDPD(x, proj, null, null) };
    },
    logLikelihood: (tau2, kind) => {
      const proj = projectionAt(tau2);
      if (!proj) return NaN;
      let sumLogVariance = 0;
      for (let i = 0; i < k; i++) sumLogVariance += Math.log(v[i]! + tau2);
      logDetGram ??= choleskyLogDet(cholesky(weightedGram(x, null), p));
      return logLikelihood({ k, p, sumLogVariance, residualSumOfSquares: proj.rss, logDetGram, logDetWeightedGram: proj.logDetWeightedGram }, kind);
    },
    get centredSumOfSquares() {
      return centred();
    },
    // Q(tau²) ≤ Σ(y − c)²/tau² for any c in the span of X: the centred sum with an intercept, else Σy².
    get qBound() {
      const hasIntercept = x.some((col) => col.every((e) => e === 1));
      if (hasIntercept) return centred();
      let s = 0;
      for (let i = 0; i < k; i++) s += y[i]! * y[i]!;
      return s;
    },
    get generalised() {
      if (userWeights === undefined) return undefined;
      if (!generalisedDone) {
        generalisedDone = true;
        generalised = generalisedQParts(x, y, v, userWeights);
      }
      return generalised;
    },
  };
}
