// One study's contribution to the gradient and Hessian of a selection model's log-likelihood
// ℓ_i = log w(p_i; δ) + log N(y_i; μ_i, s²) − log A_i (s² = v_i + τ², μ_i = x_i'β), from the
// derivatives of A_i in the local parameters (μ_i, τ², δ_1…δ_q):
//   ∂²ℓ_i = ∂² log w + ∂² log N − ∂²A/A + (∂A)(∂A)'/A²,
// with ∂² log N: μμ −1/s², μτ² −(y − μ)/s⁴, τ²τ² 1/(2s⁴) − (y − μ)²/s⁶ (the normal density's
// Hessian in its mean and variance). The local derivatives are then mapped to (β, τ², δ) by
// ∂μ_i/∂β = x_i. Kernel: never throws.
import type { Gradient } from './problem.js';

/** Scratch for one study: A's first (ad) and second (add, row-major) derivatives in (μ, τ², δ), ∂ log w(p_i) and its packed curvature, and the local gradient and Hessian of ℓ_i. */
export interface StudyWork {
  readonly nDelta: number;
  readonly ad: Float64Array;
  readonly add: Float64Array;
  readonly lwGrad: Float64Array;
  readonly lwCurv: Float64Array;
  readonly g: Float64Array;
  readonly h: Float64Array;
}

/**
 * Scratch arrays for q δ's (local order 2 + q).
 * @example studyWork(2).h.length // 16
 */
export function studyWork(nDelta: number): StudyWork {
  const n = 2 + nDelta;
  return {
    nDelta,
    ad: new Float64Array(n),
    add: new Float64Array(n * n),
    lwGrad: new Float64Array(nDelta),
    lwCurv: new Float64Array((nDelta * (nDelta + 1)) / 2),
    g: new Float64Array(n),
    h: new Float64Array(n * n),
  };
}

/**
 * Fill w.g and w.h with ℓ_i's gradient and Hessian in (μ_i, τ², δ) given A, its derivatives in
 * w.ad and w.add, the residual r = y_i − μ_i and s² = v_i + τ².
 * @example (() => { const w = studyWork(0); localDerivatives(1, 0, 1, w); return w.h[0]; })() // -1
 */
export function localDerivatives(s2: number, r: number, a: number, w: StudyWork): void {
  const n = 2 + w.nDelta;
  const { ad, add, g, h } = w;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) h[i * n + j] = -add[i * n + j]! / a + (ad[i]! * ad[j]!) / (a * a);
    g[i] = -ad[i]! / a;
  }
  const s4 = s2 * s2;
  g[0] = g[0]! + r / s2;
  g[1] = g[1]! + (0.5 * ((r * r) / s2 - 1)) / s2;
  h[0] = h[0]! - 1 / s2;
  h[1] = h[1]! - r / s4;
  h[n] = h[n]! - r / s4;
  h[n + 1] = h[n + 1]! + 0.5 / s4 - (r * r) / (s4 * s2);
  let m = 0;
  for (let j = 0; j < w.nDelta; j++) {
    g[2 + j] = g[2 + j]! + w.lwGrad[j]!;
    for (let l = j; l < w.nDelta; l++) {
      const c = w.lwCurv[m++]!;
      h[(2 + j) * n + 2 + l] = h[(2 + j) * n + 2 + l]! + c;
      if (l !== j) h[(2 + l) * n + 2 + j] = h[(2 + l) * n + 2 + j]! + c;
    }
  }
}

/**
 * Add study i's local gradient and Hessian (w.g, w.h) to those over (β, τ², δ) (Hessian row-major
 * of order p + 1 + q), mapping μ_i to β through the design row x_i.
 * @example (() => { const w = studyWork(0); w.g.set([1, 2]); w.h.set([1, 0, 0, 3]); const grad = { beta: new Float64Array(1), tau2: 0, delta: new Float64Array(0) }; const hess = new Float64Array(4); addStudy([Float64Array.of(2)], 0, w, grad, hess); return [grad.beta[0], grad.tau2, ...hess]; })() // [2, 2, 4, 0, 0, 3]
 */
export function addStudy(x: readonly Float64Array[], i: number, w: StudyWork, grad: Gradient, hess: Float64Array): void {
  const p = x.length;
  const q = w.nDelta;
  const n = p + 1 + q;
  const nl = 2 + q;
  const { g, h } = w;
  // Column of the full matrix for each local index (μ expands to the p columns of β).
  for (let a = 0; a < p; a++) {
    const xa = x[a]![i]!;
    grad.beta[a] = grad.beta[a]! + g[0]! * xa;
    for (let b = 0; b < p; b++) hess[a * n + b] = hess[a * n + b]! + h[0]! * xa * x[b]![i]!;
    for (let l = 1; l < nl; l++) {
      const v = h[l]! * xa;
      hess[a * n + p + l - 1] = hess[a * n + p + l - 1]! + v;
      hess[(p + l - 1) * n + a] = hess[(p + l - 1) * n + a]! + v;
    }
  }
  grad.tau2 += g[1]!;
  for (let j = 0; j < q; j++) grad.delta[j] = grad.delta[j]! + g[2 + j]!;
  for (let k = 1; k < nl; k++) for (let l = 1; l < nl; l++) hess[(p + k - 1) * n + p + l - 1] = hess[(p + k - 1) * n + p + l - 1]! + h[k * nl + l]!;
}
