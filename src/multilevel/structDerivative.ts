// The partial derivatives of the inner covariance G of an `~ inner | outer` term (varianceStructure.ts
// structMatrix) with respect to each of its parameters [tau2..., rho...], for the analytic score of
// the general block model (blockScore.ts). With G_ii = τ²_i and G_ij = r_ij·τ_i·τ_j:
//   one tau2 (CS, AR, ID): G = τ²·R, so ∂G/∂τ² = R;
//   one tau2 per level (DIAG, HCS, HAR, UN): ∂G_ll/∂τ²_l = 1, ∂G_lj/∂τ²_l = r_lj·τ_j/(2·τ_l);
//   CS, HCS: ∂G_ij/∂ρ = τ_i·τ_j;  AR, HAR: ∂G_ij/∂ρ = |i−j|·ρ^(|i−j|−1)·τ_i·τ_j;
//   UN: ∂G_ij/∂ρ_c = τ_i·τ_j in the two cells of ρ_c (R's lower.tri order), 0 elsewhere.
// A derivative that is infinite (τ²_l = 0 with a correlated partner) comes out ±Infinity: the
// score's slope in that τ² is then unbounded and the optimiser holds it at 0. The second
// derivatives (structSecondDerivatives) follow from G_ij = r_ij(ρ)·s_ij(τ²), s_ij = τ_i·τ_j (i ≠ j).
import type { Struct } from './randomTerms.js';
import { unRhoIndex } from './varianceStructure.js';

/** Correlation r_ij of the structure (i ≠ j). */
function correlation(struct: Struct, rho: ArrayLike<number>, unIndex: Int32Array, n: number, i: number, j: number): number {
  if (struct === 'CS' || struct === 'HCS') return rho[0]!;
  if (struct === 'AR' || struct === 'HAR') return rho[0]! ** Math.abs(i - j);
  if (struct === 'UN') return rho[unIndex[Math.max(i, j) * n + Math.min(i, j)]!]!;
  return 0;
}

/** ∂G/∂τ² for the tau2 parameter `l` (−1: the one shared tau2). */
function tau2Derivative(struct: Struct, n: number, tau2: ArrayLike<number>, rho: ArrayLike<number>, l: number): Float64Array {
  const d = new Float64Array(n * n);
  const unIndex = unRhoIndex(n);
  if (l < 0) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i * n + j] = i === j ? 1 : correlation(struct, rho, unIndex, n, i, j);
    return d;
  }
  d[l * n + l] = 1;
  for (let j = 0; j < n; j++) {
    if (j === l) continue;
    const num = correlation(struct, rho, unIndex, n, l, j) * Math.sqrt(tau2[j]!);
    const x = num === 0 ? 0 : num / (2 * Math.sqrt(tau2[l]!));
    d[l * n + j] = x;
    d[j * n + l] = x;
  }
  return d;
}

/** ∂G/∂ρ for the rho parameter `c`. */
function rhoDerivative(struct: Struct, n: number, tau2: ArrayLike<number>, rho: ArrayLike<number>, c: number): Float64Array {
  const d = new Float64Array(n * n);
  const t2 = (i: number) => (tau2.length === 1 ? tau2[0]! : tau2[i]!);
  const unIndex = unRhoIndex(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const sd = Math.sqrt(t2(i) * t2(j));
      const lag = Math.abs(i - j);
      if (struct === 'CS' || struct === 'HCS') d[i * n + j] = sd;
      else if (struct === 'AR' || struct === 'HAR') d[i * n + j] = lag * rho[0]! ** (lag - 1) * sd;
      else if (struct === 'UN' && unIndex[Math.max(i, j) * n + Math.min(i, j)] === c) d[i * n + j] = sd;
    }
  }
  return d;
}

/**
 * ∂G/∂θ for each parameter of the structure, tau2 first then rho (each row-major n×n), as
 * metafor's rma.mv parameterises CS, HCS, UN, AR, HAR, DIAG and ID.
 * @example structDerivatives('CS', 2, [2], [0.5])[1] // [0, 2, 2, 0]
 */
export function structDerivatives(struct: Struct, n: number, tau2: ArrayLike<number>, rho: ArrayLike<number>): Float64Array[] {
  const shared = tau2.length === 1 && struct !== 'DIAG' && struct !== 'HCS' && struct !== 'HAR' && struct !== 'UN';
  const tau = Array.from({ length: tau2.length }, (_, l) => tau2Derivative(struct, n, tau2, rho, shared ? -1 : l));
  const cor = Array.from({ length: rho.length }, (_, c) => rhoDerivative(struct, n, tau2, rho, c));
  return [...tau, ...cor];
}

/** s_ij = τ_i·τ_j and its first and second partial derivatives in the tau2 parameters (one shared: s = τ²). */
function sdTerms(tau2: ArrayLike<number>, i: number, j: number) {
  const shared = tau2.length === 1;
  const s = shared ? tau2[0]! : Math.sqrt(tau2[i]! * tau2[j]!);
  const touches = (l: number) => shared || l === i || l === j;
  return {
    s,
    d: (l: number) => (shared ? 1 : touches(l) ? s / (2 * tau2[l]!) : 0),
    d2: (l: number, m: number) => {
      if (shared || !touches(l) || !touches(m)) return 0;
      return l === m ? -s / (4 * tau2[l]! ** 2) : s / (4 * tau2[l]! * tau2[m]!);
    },
  };
}

/** r_ij's first and second partial derivatives in the rho parameters. */
function correlationTerms(struct: Struct, rho: ArrayLike<number>, unIndex: Int32Array, n: number, i: number, j: number) {
  const lag = Math.abs(i - j);
  const ar = struct === 'AR' || struct === 'HAR';
  return {
    d: (c: number) => {
      if (struct === 'CS' || struct === 'HCS') return 1;
      if (ar) return lag * rho[0]! ** (lag - 1);
      return struct === 'UN' && unIndex[Math.max(i, j) * n + Math.min(i, j)] === c ? 1 : 0;
    },
    d2: () => (ar && lag >= 2 ? lag * (lag - 1) * rho[0]! ** (lag - 2) : 0),
  };
}

/**
 * ∂²G/∂θ_a∂θ_b for every pair of the structure's parameters (tau2 first, then rho), as a flat
 * list indexed a·q + b (q parameters; each row-major n×n). Zero where G is linear in both (the
 * diagonal always); non-finite where a τ² is 0 with a correlated partner.
 * @example structSecondDerivatives('AR', 3, [2], [0.5])[3] // [0, 0, 4, 0, 0, 0, 4, 0, 0]
 */
export function structSecondDerivatives(struct: Struct, n: number, tau2: ArrayLike<number>, rho: ArrayLike<number>): Float64Array[] {
  const nt = tau2.length;
  const q = nt + rho.length;
  const unIndex = unRhoIndex(n);
  const out = Array.from({ length: q * q }, () => new Float64Array(n * n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const sd = sdTerms(tau2, i, j);
      const r = correlationTerms(struct, rho, unIndex, n, i, j);
      const r0 = correlation(struct, rho, unIndex, n, i, j);
      for (let a = 0; a < q; a++) {
        for (let b = 0; b < q; b++) {
          let v: number;
          if (a < nt && b < nt) v = r0 === 0 ? 0 : r0 * sd.d2(a, b);
          else if (a >= nt && b >= nt) v = r.d2() * sd.s;
          else v = a < nt ? sd.d(a) * r.d(b - nt) : r.d(a - nt) * sd.d(b);
          out[a * q + b]![i * n + j] = v;
        }
      }
    }
  }
  return out;
}
