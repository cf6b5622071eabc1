import { cholesky, choleskyInverse } from '../heterogeneity/wls/linalg.js';
import { clusterLogLik, type PreparedCluster } from './clusterLikelihood.js';
import type { MixedModel } from './mixedModelFit.js';
import { numericalDerivatives } from './numericalDerivatives.js';

/** The saturated UM.RS model at its optimum: common intercept μ and random-intercept variance σ² (0 at the boundary). */
export interface SaturatedOptimum {
  readonly mu: number;
  readonly variance: number;
}

/** η of a saturated cluster's rows: offset + μ + α·a (a = 1 on the group-1 row, 0 on the other). */
function etaOf(c: PreparedCluster, mu: number, alpha: number): Float64Array {
  return Float64Array.from(c.rows, (r) => r.offset + mu * (r.x[0] as number) + alpha * (r.a ?? 1));
}

/**
 * A cluster's own effect at (μ, σ²): Newton on central differences (step 1e-4) of its marginal
 * log-likelihood as evaluated (the maximiser of the quadrature value itself, also for the Laplace rule).
 */
function ownEffect(f: (x: number[]) => number, rest: readonly number[]): number {
  const h = 1e-4;
  let alpha = 0;
  for (let it = 0; it < 100; it++) {
    const f0 = f([alpha, ...rest]);
    const fp = f([alpha + h, ...rest]);
    const fm = f([alpha - h, ...rest]);
    const g = (fp - fm) / (2 * h);
    const curv = (fp - 2 * f0 + fm) / (h * h);
    const step = Math.max(-3, Math.min(3, curv < 0 ? -g / curv : Math.sign(g)));
    alpha += step;
    if (Math.abs(step) < 1e-10) break;
  }
  return alpha;
}

/** The cluster's log-likelihood in (α, μ, log σ²), or (μ, log σ²) without a group-1 row; σ² = 0: (α, μ) or (μ). */
function clusterFunction(m: MixedModel, c: PreparedCluster, own: boolean, random: boolean): (x: number[]) => number {
  const plain: PreparedCluster = random ? c : { ...c, rows: c.rows.map((r) => ({ ...r, z: [] })), z0: new Float64Array(c.rows.length) };
  return (x) => {
    const alpha = own ? (x[0] as number) : 0;
    const mu = x[own ? 1 : 0] as number;
    const v = random ? [Math.exp(x[own ? 2 : 1] as number)] : [];
    return clusterLogLik(plain, m.family, etaOf(plain, mu, alpha), v, m.nagq, [0, 0]);
  };
}

/** Inverse of a small symmetric positive-definite matrix (row-major, order n), or null. */
function inverse(a: Float64Array, n: number): Float64Array | null {
  const ch = cholesky(a, n);
  return ch.ok ? choleskyInverse(ch) : null;
}

/**
 * The precision matrix of the finite own effects, V⁻¹ = D − B E⁻¹ B' (blockwise inversion of the
 * observed information in (α₁…α_m, μ, log σ²); Richardson second differences of each study's
 * adaptive Gauss–Hermite log-likelihood), with the own effects α.
 */
function ownEffectPrecision(m: MixedModel, opt: SaturatedOptimum): { alpha: number[]; precision: Float64Array } | null {
  const random = opt.variance > 0;
  const r = random ? 2 : 1;
  const E = new Float64Array(r * r);
  const alpha: number[] = [];
  const D: number[] = [];
  const B: number[][] = [];
  for (const c of m.clusters) {
    const own = c.rows.some((row) => (row.a ?? 1) !== 0);
    const f = clusterFunction(m, c, own, random);
    const rest = [opt.mu, ...(random ? [Math.log(opt.variance)] : [])];
    const a = own ? ownEffect(f, rest) : 0;
    const h = numericalDerivatives(f, own ? [a, ...rest] : rest, 1e-3).hessian;
    const o = own ? 1 : 0;
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) E[i * r + j] = (E[i * r + j] as number) - ((h[o + i] as number[])[o + j] as number);
    if (own) {
      alpha.push(a);
      D.push(-((h[0] as number[])[0] as number));
      B.push(Array.from({ length: r }, (_, j) => -((h[0] as number[])[1 + j] as number)));
    }
  }
  const Einv = inverse(E, r);
  if (Einv === null) return null;
  const n = alpha.length;
  const precision = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? (D[i] as number) : 0;
      for (let u = 0; u < r; u++)
        for (let w = 0; w < r; w++) s -= ((B[i] as number[])[u] as number) * (Einv[u * r + w] as number) * ((B[j] as number[])[w] as number);
      precision[i * n + j] = s;
    }
  }
  return { alpha, precision };
}

/** min_b (α − Mb)' Q (α − Mb) = α'Qα − (M'Qα)'(M'QM)⁻¹(M'Qα). */
function glsResidual(alpha: readonly number[], Q: Float64Array, M: readonly (readonly number[])[]): number | null {
  const n = alpha.length;
  const p = M[0]?.length ?? 1;
  const Qa = alpha.map((_, i) => alpha.reduce((s, v, j) => s + (Q[i * n + j] as number) * v, 0));
  const total = alpha.reduce((s, v, i) => s + v * (Qa[i] as number), 0);
  const MtQa = Array.from({ length: p }, (_, u) => M.reduce((s, row, i) => s + (row[u] as number) * (Qa[i] as number), 0));
  const MtQM = new Float64Array(p * p);
  for (let u = 0; u < p; u++) {
    for (let w = 0; w < p; w++) {
      let s = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) s += ((M[i] as number[])[u] as number) * (Q[i * n + j] as number) * ((M[j] as number[])[w] as number);
      MtQM[u * p + w] = s;
    }
  }
  const inv = inverse(MtQM, p);
  if (inv === null) return null;
  let explained = 0;
  for (let u = 0; u < p; u++) for (let w = 0; w < p; w++) explained += (MtQa[u] as number) * (inv[u * p + w] as number) * (MtQa[w] as number);
  return Math.max(0, total - explained);
}

/**
 * metafor's Wald test of heterogeneity for UM.RS (QE.Wld): in the saturated model (random study
 * intercepts, each study its own treatment effect αᵢ; Stijnen, Hamza & Özdemir 2010, §3), the Wald
 * statistic of αᵢ = xᵢ'b, i.e. min_b (α̂ − Xb)' V⁻¹ (α̂ − Xb) with V the αs' block of the inverse
 * observed information at the optimum. A study with no events (or only events) in group 1 has an
 * infinite own effect and contributes its limit, 0 (its group-1 row is not in the saturated model).
 * `X`: the moderators of the studies whose own effect is finite, in cluster order. Null when the
 * information cannot be inverted.
 * @example glmmPool([{ study: 'A', ai: 4, bi: 96, ci: 9, di: 91 }, { study: 'B', ai: 12, bi: 88, ci: 10, di: 90 }, { study: 'C', ai: 3, bi: 47, ci: 8, di: 42 }], { model: 'UM.RS', method: 'EE' }).tests.wald?.statistic // 4.421125 (metafor 3.8-1: rma.glmm(..., model = "UM.RS", method = "EE")$QE.Wld)
 */
export function randomInterceptWald(saturated: MixedModel, opt: SaturatedOptimum, X: readonly (readonly number[])[]): number | null {
  const prec = ownEffectPrecision(saturated, opt);
  if (prec === null || prec.alpha.length <= (X[0]?.length ?? 1)) return prec === null ? null : 0;
  return glsResidual(prec.alpha, prec.precision, X);
}
