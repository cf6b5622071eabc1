// The selection functions w(p; δ) of metafor 3.8-1 `selmodel` and the settings of their δ
// parameters (count, start, optimisation bounds, natural bounds, null value of the LRT).
// Continuous types (Citkowicz & Vevea 2017; Preston, Ashby & Smyth 2004): weight 1 for p at or
// below the optional cut-point s (`steps`, default 0), and for p > s
//   beta       p^(δ1−1)·(1−p)^(δ2−1)                 (no cut-point)
//   halfnorm   exp(−δ·(p² − s²))
//   negexp     exp(−δ·(p − s))
//   logistic   [2e^(−δp)/(1+e^(−δp))] / [2e^(−δs)/(1+e^(−δs))]
//   power      ((1−p)/(1−s))^δ
//   negexppow  exp(−δ1·(p^(1/δ2) − s^(1/δ2)))
// The step function (Vevea & Hedges 1995) is handled in stepLikelihood.ts.
import type { SelectionType } from './vocabulary.js';

export interface DeltaSettings {
  readonly count: number;
  readonly init: readonly number[];
  /** Optimisation bounds (metafor delta.min, delta.max): δ is mapped logistically into them. */
  readonly min: readonly number[];
  readonly max: readonly number[];
  /** Natural lower bound of δ (metafor delta.lb), where CIs are truncated. */
  readonly lowerBound: number;
  /** δ under "no selection" (metafor H0.delta). */
  readonly nullValue: number;
  /** p-values are clamped to [pMin, 1 − pMin] (metafor pval.min). */
  readonly pMin: number;
}

/** δ settings of a type (stepfun: one δ per interval, the first fixed at 1). */
export function deltaSettings(type: SelectionType, intervals: number): DeltaSettings {
  const rep = (x: number, n: number) => Array.from({ length: n }, () => x);
  switch (type) {
    case 'beta':
      return { count: 2, init: [1, 1], min: [1e-5, 1e-5], max: [100, 100], lowerBound: 0, nullValue: 1, pMin: 1e-5 };
    case 'negexppow':
      return { count: 2, init: [1, 1], min: [0, 0], max: [100, 100], lowerBound: 0, nullValue: 0, pMin: 0 };
    case 'stepfun':
      return { count: intervals, init: rep(1, intervals), min: rep(0, intervals), max: rep(100, intervals), lowerBound: 0, nullValue: 1, pMin: 0 };
    case 'power':
      return { count: 1, init: [1], min: [0], max: [100], lowerBound: 0, nullValue: 0, pMin: 1e-5 };
    default:
      return { count: 1, init: [1], min: [0], max: [100], lowerBound: 0, nullValue: 0, pMin: 0 };
  }
}

/**
 * log w(p; δ) of a continuous selection function with cut-point s, and ∂ log w / ∂δ_j written into
 * `grad` (when given). Kernel: never throws.
 * @example logWeight('negexp', 0.5, [2], 0) // -1
 */
export function logWeight(type: SelectionType, p: number, delta: ArrayLike<number>, s: number, grad?: Float64Array): number {
  if (type === 'beta') {
    const lp = Math.log(p);
    const lq = Math.log1p(-p);
    if (grad) {
      grad[0] = lp;
      grad[1] = lq;
    }
    return (delta[0]! - 1) * lp + (delta[1]! - 1) * lq;
  }
  if (p <= s) {
    if (grad) grad.fill(0);
    return 0;
  }
  const d = delta[0]!;
  let g0: number;
  switch (type) {
    case 'halfnorm':
      g0 = -(p * p - s * s);
      break;
    case 'negexp':
      g0 = -(p - s);
      break;
    case 'logistic':
      g0 = -p / (1 + Math.exp(-d * p)) + s / (1 + Math.exp(-d * s));
      if (grad) grad[0] = g0;
      return -d * (p - s) - Math.log1p(Math.exp(-d * p)) + Math.log1p(Math.exp(-d * s));
    case 'power':
      g0 = Math.log1p(-p) - Math.log1p(-s);
      break;
    case 'negexppow': {
      const e = 1 / delta[1]!;
      const pe = p ** e;
      const se = s > 0 ? s ** e : 0;
      if (grad) {
        grad[0] = -(pe - se);
        const plog = p > 0 ? pe * Math.log(p) : 0;
        const slog = s > 0 ? se * Math.log(s) : 0;
        grad[1] = d * e * e * (plog - slog);
      }
      return -d * (pe - se);
    }
    default:
      return NaN;
  }
  if (grad) grad[0] = g0;
  return d * g0;
}

/** Entries of a packed symmetric matrix of order n (upper triangle by rows): n(n + 1)/2. */
export function packedSize(n: number): number {
  return (n * (n + 1)) / 2;
}

/**
 * ∂² log w(p; δ) / ∂δ_j∂δ_l of a continuous selection function with cut-point s, packed by rows of
 * the upper triangle into `out` (one entry for one δ; [jj, jl, ll] for two). log w is linear in δ
 * for beta, halfnorm, negexp and power, so only logistic and negexppow have a curvature:
 *   logistic   −p²σ(δp)(1 − σ(δp)) + s²σ(δs)(1 − σ(δs)),  σ the logistic function;
 *   negexppow  ∂²/∂δ1∂δ2 = e²(p^e log p − s^e log s),  ∂²/∂δ2² = −δ1[2e³(p^e log p − s^e log s) + e⁴(p^e log² p − s^e log² s)],  e = 1/δ2.
 * Kernel: never throws.
 * @example (() => { const out = new Float64Array(1); logWeightCurvature('logistic', 0.5, [0], 0, out); return out[0]; })() // -0.0625
 */
export function logWeightCurvature(type: SelectionType, p: number, delta: ArrayLike<number>, s: number, out: Float64Array): void {
  out.fill(0);
  if (type === 'beta' || p <= s) return;
  if (type === 'logistic') {
    const d = delta[0]!;
    const sp = 1 / (1 + Math.exp(-d * p));
    const ss = 1 / (1 + Math.exp(-d * s));
    out[0] = -p * p * sp * (1 - sp) + s * s * ss * (1 - ss);
  } else if (type === 'negexppow') {
    const e = 1 / delta[1]!;
    const lp = p > 0 ? Math.log(p) : 0;
    const ls = s > 0 ? Math.log(s) : 0;
    const pe = p ** e;
    const se = s > 0 ? s ** e : 0;
    const first = pe * lp - se * ls;
    const second = pe * lp * lp - se * ls * ls;
    out[1] = e * e * first;
    out[2] = -delta[0]! * (2 * e * e * e * first + e ** 4 * second);
  }
}

/**
 * log w(p; δ) with ∂ log w/∂δ into `grad` and its packed curvature into `curv`: the values of
 * logWeight and logWeightCurvature, bit for bit, with negexppow's p^(1/δ2) and log p computed once
 * (the weight table evaluates this at every node). Kernel: never throws.
 * @example (() => { const g = new Float64Array(2); const c = new Float64Array(3); logWeightWithCurvature('negexppow', 0.25, [2, 0.5], 0, g, c); return [g[0], c[1]]; })() // [-0.0625, -0.34657359027997264]
 */
export function logWeightWithCurvature(type: SelectionType, p: number, delta: ArrayLike<number>, s: number, grad: Float64Array, curv: Float64Array): number {
  if (type !== 'negexppow' || p <= s) {
    const lw = logWeight(type, p, delta, s, grad);
    logWeightCurvature(type, p, delta, s, curv);
    return lw;
  }
  const d = delta[0]!;
  const e = 1 / delta[1]!;
  const pe = p ** e;
  const se = s > 0 ? s ** e : 0;
  const lp = p > 0 ? Math.log(p) : 0;
  const ls = s > 0 ? Math.log(s) : 0;
  const first = pe * lp - se * ls;
  grad[0] = -(pe - se);
  grad[1] = d * e * e * first;
  curv[0] = 0;
  curv[1] = e * e * first;
  curv[2] = -d * (2 * e * e * e * first + e ** 4 * (pe * lp * lp - se * ls * ls));
  return -d * (pe - se);
}
