// The generalised Q statistic with user weights a_i (DerSimonian & Kacker 2007, Contemp Clin Trials
// 28:105; Jackson 2013, J Stat Plan Inference 143:1192; metafor rma.uni methods GENQ and GENQM).
// With A = diag(a) and P_A = A − A·X·(XᵀAX)⁻¹·XᵀA, Q_A = yᵀP_A·y has, under the model
// y ~ N(Xβ, V + tau²I), the expectation tr(P_A·V) + tau²·tr(P_A), and the distribution of
// Σ λ_j(tau²)·χ²₁, λ_j the k − p non-zero eigenvalues of S·P_A·S, S = diag(√(v_i + tau²)).
import { symmetricEigenvalues } from '../wls/symmetricEigenvalues.js';
import { traceP, tracePDPD, weightedProjection } from '../wls/projection.js';

/** What the GENQ-type estimators and intervals need of a user-weighted fit. */
export interface GeneralisedQParts {
  /** Q_A = yᵀP_A·y */
  readonly q: number;
  /** tr(P_A) */
  readonly traceP: number;
  /** tr(P_A·V) */
  readonly tracePV: number;
  /** tr(P_A·V·P_A·V) */
  readonly tracePVPV: number;
  /** Σ (P_A·V ∘ P_A) = tr(P_A·V·P_A) */
  readonly tracePVP: number;
  /** tr(P_A·P_A) */
  readonly tracePP: number;
  /** The k − p largest eigenvalues of S·P_A·S at tau² (decreasing), the weights of Q_A's distribution. */
  eigenvalues(tau2: number): Float64Array;
}

/** The dense k×k matrix P_A (row-major), from the projection's (XᵀAX)⁻¹. */
function denseProjection(x: readonly Float64Array[], a: Float64Array, inverse: Float64Array): Float64Array {
  const k = a.length;
  const p = x.length;
  // G = X·(XᵀAX)⁻¹ (k×p), then P_ij = a_i·δ_ij − a_i·a_j·G_i·x_j.
  const g = new Float64Array(k * p);
  for (let i = 0; i < k; i++) {
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let b = 0; b < p; b++) s += x[b]![i]! * inverse[b * p + c]!;
      g[i * p + c] = s;
    }
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let c = 0; c < p; c++) s += g[i * p + c]! * x[c]![j]!;
      const value = (i === j ? a[i]! : 0) - a[i]! * a[j]! * s;
      out[i * k + j] = value;
      out[j * k + i] = value;
    }
  }
  return out;
}

/**
 * The generalised Q parts of the design `x` (columns), effects `y`, variances `v` and user weights
 * `a` (≥ 0); null when XᵀAX is not positive definite. Traces by p×p products (wls/projection.ts);
 * the eigenvalues by a dense k×k symmetric eigenproblem per tau² (O(k³): GENQM only).
 * @example generalisedQParts([new Float64Array([1, 1, 1])], new Float64Array([0, 1, 2]), new Float64Array([1, 1, 1]), new Float64Array([1, 1, 1]))?.q // 2
 */
export function generalisedQParts(x: readonly Float64Array[], y: Float64Array, v: Float64Array, a: Float64Array): GeneralisedQParts | null {
  const proj = weightedProjection(x, a, y);
  if (!proj) return null;
  const k = y.length;
  const p = x.length;
  let dense: Float64Array | undefined;
  return {
    q: Math.max(0, proj.rss),
    traceP: traceP(x, proj, null),
    tracePV: traceP(x, proj, v),
    tracePVPV: tracePDPD(x, proj, v, v),
    tracePVP: tracePDPD(x, proj, null, v),
    tracePP: tracePDPD(x, proj, null, null),
    eigenvalues: (tau2) => {
      dense ??= denseProjection(x, a, proj.inverse);
      const s = Float64Array.from(v, (vi) => Math.sqrt(vi + tau2));
      const m = new Float64Array(k * k);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) m[i * k + j] = s[i]! * dense[i * k + j]! * s[j]!;
      return symmetricEigenvalues(m, k).subarray(0, Math.max(0, k - p));
    },
  };
}
