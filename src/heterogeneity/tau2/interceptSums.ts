// The sums an intercept-only random-effects model needs at a given tau², in O(k) time and O(1)
// memory. With weights w_i = 1/(v_i + tau²), S1 = Σw and p_i = w_i/S1, metafor's projection
// matrix P = W − w wᵀ/S1 (rma.uni) has P_ii = w_i(1 − p_i) and P_ij = −w_i w_j/S1, so every
// trace it takes reduces to sums over studies; no k×k matrix is ever formed.
//
// Precision: the obvious forms tr(P) = S1 − S2/S1 and tr(PP) = S2 − 2S3/S1 + S2²/S1² cancel
// catastrophically when one study dominates the weights (variances spanning many orders of
// magnitude). Here the off-diagonal parts are pair sums Σ_{i≠j} c_i d_j accumulated with running
// prefix sums (all terms positive), and 1 − p_i is formed as (S1 − w_i)/S1, which is
// well-conditioned for every study except the heaviest, whose S1 − w_max is summed directly.

/** Sums of an intercept-only fit at one tau² (see the file comment for the notation). */
export interface InterceptSums {
  /** S1 = Σ w_i */
  sumWeights: number;
  /** μ̂ = Σ w_i y_i / S1 */
  mean: number;
  /** Generalised Q: Σ w_i (y_i − μ̂)² (Cochran's Q at tau² = 0). */
  q: number;
  /** Σ w_i² (y_i − μ̂)² = yᵀPPy, the data part of the ML/REML score; also −dQ/dtau². */
  sumSquaredWeightedResiduals: number;
  /** S2 = Σ w_i² */
  sumSquaredWeights: number;
  /** tr(P) = Σ w_i (1 − p_i) */
  traceP: number;
  /** tr(PP) = Σ_ij P_ij² */
  tracePP: number;
}

/** A reusable record, so that hot loops do not allocate. */
export function emptyInterceptSums(): InterceptSums {
  return { sumWeights: NaN, mean: NaN, q: NaN, sumSquaredWeightedResiduals: NaN, sumSquaredWeights: NaN, traceP: NaN, tracePP: NaN };
}

/**
 * Computes the sums of an intercept-only fit at `tau2` into `out` (two passes over the data).
 * Never throws: a NaN input gives NaN sums.
 * @example interceptSums(new Float64Array([0, 1]), new Float64Array([1, 1]), 0).q // 0.5
 */
export function interceptSums(yi: Float64Array, vi: Float64Array, tau2: number, out: InterceptSums = emptyInterceptSums()): InterceptSums {
  const k = yi.length;
  // Pass 1: S1, the weighted mean, and the heaviest study.
  let s1 = 0;
  let swy = 0;
  let wMax = -Infinity;
  let iMax = 0;
  const y0 = k > 0 ? (yi[0] as number) : 0; // centring keeps Σ w y exact-ish when all y share a large offset
  for (let i = 0; i < k; i++) {
    const w = 1 / ((vi[i] as number) + tau2);
    s1 += w;
    swy += w * ((yi[i] as number) - y0);
    if (w > wMax) {
      wMax = w;
      iMax = i;
    }
  }
  let mean = y0 + swy / s1;
  // Pass 2: residual sums and the traces.
  let q = 0;
  let swr = 0;
  let sw2r = 0;
  let sw2r2 = 0;
  let s2 = 0;
  let rest = 0; // S1 − w_max, summed directly
  let prefixW = 0;
  let prefixW2 = 0;
  let pairW = 0; // Σ_{j<i} w_i w_j
  let pairW2 = 0; // Σ_{j<i} w_i² w_j²
  let diag = 0; // Σ_{i≠max} w_i² (S1 − w_i)²
  for (let i = 0; i < k; i++) {
    const w = 1 / ((vi[i] as number) + tau2);
    const w2 = w * w;
    const r = (yi[i] as number) - mean;
    q += w * r * r;
    swr += w * r;
    sw2r += w2 * r;
    sw2r2 += w2 * r * r;
    s2 += w2;
    pairW += w * prefixW;
    pairW2 += w2 * prefixW2;
    prefixW += w;
    prefixW2 += w2;
    if (i !== iMax) {
      rest += w;
      const d = s1 - w;
      diag += w2 * d * d;
    }
  }
  diag += wMax * wMax * rest * rest;
  // One refinement step of the mean: Σ w r should vanish; shift μ by δ = Σ w r / S1 and correct
  // the residual sums exactly for that shift.
  const delta = swr / s1;
  mean += delta;
  q -= delta * delta * s1;
  sw2r2 += -2 * delta * sw2r + delta * delta * s2;
  out.sumWeights = s1;
  out.mean = mean;
  // Rounding can leave a sum of squares a hair below 0: clamp that, but keep NaN (an ∞ − ∞ from
  // overflowing effects), which must surface as "not computable", never as Q = 0.
  out.q = Math.max(0, q);
  out.sumSquaredWeightedResiduals = Math.max(0, sw2r2);
  out.sumSquaredWeights = s2;
  out.traceP = (2 * pairW) / s1;
  out.tracePP = (diag + 2 * pairW2) / (s1 * s1);
  return out;
}

/**
 * Σ log(v_i + tau²), the determinant term of the likelihood (kept out of {@link interceptSums}:
 * a logarithm per study costs more than the rest of an iteration).
 * @example sumLogVariance(new Float64Array([1, 1]), 0) // 0
 */
export function sumLogVariance(vi: Float64Array, tau2: number): number {
  let s = 0;
  for (let i = 0; i < vi.length; i++) s += Math.log((vi[i] as number) + tau2);
  return s;
}

/**
 * Generalised Q statistic at `tau2` alone (one pass fewer than {@link interceptSums}):
 * Q(tau²) = Σ w_i (y_i − μ̂)², w_i = 1/(v_i + tau²), and its derivative dQ/dtau² = −Σ w_i² (y_i − μ̂)².
 * Used by the Paule–Mandel estimator and the Q-profile intervals (metafor `.QE.func`).
 * @example generalisedQ(new Float64Array([0, 1]), new Float64Array([1, 1]), 1).q // 0.25
 */
export function generalisedQ(yi: Float64Array, vi: Float64Array, tau2: number): { q: number; derivative: number } {
  const k = yi.length;
  let s1 = 0;
  let swy = 0;
  const y0 = k > 0 ? (yi[0] as number) : 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / ((vi[i] as number) + tau2);
    s1 += w;
    swy += w * ((yi[i] as number) - y0);
  }
  const mean = y0 + swy / s1;
  let q = 0;
  let swr = 0;
  let sw2r = 0;
  let sw2r2 = 0;
  let s2 = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / ((vi[i] as number) + tau2);
    const r = (yi[i] as number) - mean;
    q += w * r * r;
    swr += w * r;
    sw2r += w * w * r;
    sw2r2 += w * w * r * r;
    s2 += w * w;
  }
  const delta = swr / s1;
  q -= delta * delta * s1;
  sw2r2 += -2 * delta * sw2r + delta * delta * s2;
  return { q: Math.max(0, q), derivative: -Math.max(0, sw2r2) };
}

/**
 * Σ_ij P_ij² a_i b_j for P = W − w wᵀ/S1 (weights `w`), in O(k) without cancellation:
 * the diagonal part Σ w_i²(1 − p_i)² a_i b_i plus the pair part Σ_{i≠j} w_i² w_j² a_i b_j / S1².
 * With a = b = 1 this is tr(PP); with a = b = v it is tr(PVPV); with a = 1, b = v it is Σ(PV ∘ P)
 * (the traces in metafor's standard errors of the SJ and GENQ-type estimators).
 */
export function projectionSquareSum(w: Float64Array, a: Float64Array | null, b: Float64Array | null): number {
  const k = w.length;
  let s1 = 0;
  let wMax = -Infinity;
  let iMax = 0;
  for (let i = 0; i < k; i++) {
    const wi = w[i] as number;
    s1 += wi;
    if (wi > wMax) {
      wMax = wi;
      iMax = i;
    }
  }
  let rest = 0;
  let diag = 0;
  let prefixC = 0;
  let prefixD = 0;
  let pair = 0;
  for (let i = 0; i < k; i++) {
    const wi = w[i] as number;
    const ai = a ? (a[i] as number) : 1;
    const bi = b ? (b[i] as number) : 1;
    const c = wi * wi * ai;
    const d = wi * wi * bi;
    pair += d * prefixC + c * prefixD;
    prefixC += c;
    prefixD += d;
    if (i !== iMax) {
      rest += wi;
      const one = s1 - wi;
      diag += wi * wi * one * one * ai * bi;
    }
  }
  const aMax = a ? (a[iMax] as number) : 1;
  const bMax = b ? (b[iMax] as number) : 1;
  if (k > 0) diag += wMax * wMax * rest * rest * aMax * bMax;
  return (diag + pair) / (s1 * s1);
}
