// Analytic score and average information of the (restricted) log-likelihood of a general
// multilevel model (crossed terms, an `~ inner | outer` struct term, known sampling covariance),
// block by block over the independent blocks of
// M = V + Σ_l sigma2_l·Z_lZ_l' + (shared outer level)∘G(τ², ρ); never a k×k matrix.
// With D_j = ∂M/∂θ_j (the 0/1 pattern Z_lZ_l' of a sigma2 component; for a struct parameter
// ∂G/∂θ_j, structDerivative.ts, placed at the cells of rows sharing an outer level),
// u = M⁻¹(y − Xβ̂), C = (X'M⁻¹X)⁻¹ and P = M⁻¹ − M⁻¹XCX'M⁻¹ (Harville 1977; Searle, Casella &
// McCulloch 1992, §6.4):
//   ∂ℓ_REML/∂θ_j = −½·Σ_cells D_j∘(P − uu'),   ∂ℓ_ML/∂θ_j the same with M⁻¹ for P,
// where tr(P·D_j) needs only P's diagonal blocks P_b = M_b⁻¹ − (M_b⁻¹X_b)C(M_b⁻¹X_b)', and the
// average information AI_jk = ½·b_j'P·b_k = ½·[Σ_b b_j'M_b⁻¹b_k − (X'M⁻¹b_j)'C(X'M⁻¹b_k)] with
// b_j = D_j·u (Gilmour, Thompson & Cullis 1995). Where M is not linear in θ (ρ, and τ²_l of
// HCS/HAR/UN) D_j is the exact partial derivative, and the observed information has a further
// term ½·Σ ∂²M/∂θ_j∂θ_k ∘ (P − uu') (zero in expectation, so the AI omits it); it is added while
// the sum stays positive definite on the parameters inside their range (without it, scoring
// creeps at a linear rate on such models: 38 steps instead of 13 on the HAR fit of Ishak 2007).
// Either is an approximation of the Hessian as scoring needs (the optimiser's line search
// decides). Two passes: the GLS sums first (β̂, C and the value, keeping each block's Cholesky
// factor), then the score on the kept factors.
import { choleskyInPlace } from './blockAlgebra.js';
import type { BlockPlan, DenseBlocks } from './likelihood.js';
import { glsFit, glsSums, splitParameters } from './likelihood.js';
import type { ModelData } from './modelData.js';
import type { LikelihoodScore } from './nestedScore.js';
import { structDerivatives, structSecondDerivatives } from './structDerivative.js';

/** What the score pass adds up over the blocks. */
interface ScoreSums {
  /** Σ pattern_s∘(P − uu') per sigma2 component. */
  readonly sigma: Float64Array;
  /** Σ (P − uu') over the cells of each entry of G (n×n; empty without a struct term). */
  readonly inner: Float64Array;
  /** Σ_b b_j'M_b⁻¹b_k (np×np). */
  readonly bb: Float64Array;
  /** X'M⁻¹b_j (np×p). */
  readonly xb: Float64Array;
}

/** Per-block scratch, sized for the largest block. */
interface Workspace {
  readonly minv: Float64Array;
  readonly linv: Float64Array;
  readonly wx: Float64Array;
  readonly wc: Float64Array;
  readonly u: Float64Array;
  readonly b: Float64Array;
  readonly z: Float64Array;
}

/** The model's fixed pieces for the score pass: the dense cells, the derivatives of G, the GLS fit. */
interface Pass {
  readonly data: ModelData;
  readonly dense: DenseBlocks;
  readonly dG: readonly Float64Array[];
  readonly beta: Float64Array;
  readonly vb: Float64Array;
  readonly reml: boolean;
  readonly np: number;
}

/** M_b⁻¹ (full, row-major) from the Cholesky factor L kept at `o`: M⁻¹ = L⁻ᵀL⁻¹, with L⁻¹ in `inv` (lower). */
function inverseFromFactor(factors: Float64Array, o: number, m: number, inv: Float64Array, out: Float64Array): void {
  // L⁻¹ column by column (forward substitution on the unit vectors; lower triangular).
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < j; i++) inv[i * m + j] = 0;
    inv[j * m + j] = 1 / factors[o + j * m + j]!;
    for (let i = j + 1; i < m; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= factors[o + i * m + k]! * inv[k * m + j]!;
      inv[i * m + j] = s / factors[o + i * m + i]!;
    }
  }
  // (L⁻ᵀL⁻¹)_ac = Σ_{k ≥ max(a, c)} L⁻¹_ka·L⁻¹_kc.
  for (let a = 0; a < m; a++) {
    for (let c = 0; c <= a; c++) {
      let s = 0;
      for (let k = a; k < m; k++) s += inv[k * m + a]! * inv[k * m + c]!;
      out[a * m + c] = s;
      out[c * m + a] = s;
    }
  }
}

/** M_b⁻¹X_b (m×p), u = M_b⁻¹(y_b − X_bβ̂), and (M_b⁻¹X_b)·C (m×p). */
function whiten(pass: Pass, rows: Int32Array, w: Workspace): void {
  const x = pass.data.design.columns;
  const p = x.length;
  const m = rows.length;
  const { minv, wx, wc, u } = w;
  for (let a = 0; a < m; a++) {
    let ua = 0;
    for (let c = 0; c < p; c++) wx[a * p + c] = 0;
    for (let d = 0; d < m; d++) {
      const mi = minv[a * m + d]!;
      const r = rows[d]!;
      let e = pass.data.y[r]!;
      for (let c = 0; c < p; c++) {
        const xv = x[c]![r]!;
        wx[a * p + c] = wx[a * p + c]! + mi * xv;
        e -= xv * pass.beta[c]!;
      }
      ua += mi * e;
    }
    u[a] = ua;
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let i = 0; i < p; i++) s += wx[a * p + i]! * pass.vb[i * p + c]!;
      wc[a * p + c] = s;
    }
  }
}

/** Add Σ D_j∘(P_b − uu') of the block at `o` to the sums. */
function addTraces(pass: Pass, o: number, m: number, w: Workspace, sums: ScoreSums): void {
  const p = pass.data.design.columns.length;
  const { patterns, gIndex } = pass.dense;
  for (let a = 0; a < m; a++) {
    for (let c = 0; c < m; c++) {
      let r = w.minv[a * m + c]! - w.u[a]! * w.u[c]!;
      if (pass.reml) for (let i = 0; i < p; i++) r -= w.wc[a * p + i]! * w.wx[c * p + i]!;
      const cell = o + a * m + c;
      for (let s = 0; s < patterns.length; s++) if (patterns[s]![cell] !== 0) sums.sigma[s] = sums.sigma[s]! + r;
      const gi = gIndex ? gIndex[cell]! : -1;
      if (gi >= 0) sums.inner[gi] = sums.inner[gi]! + r;
    }
  }
}

/** b_j = D_j·u for every parameter (np×m in w.b), then z_j = M_b⁻¹b_j. */
function derivativeProducts(pass: Pass, o: number, m: number, w: Workspace): void {
  const { patterns, gIndex } = pass.dense;
  const ns = patterns.length;
  for (let j = 0; j < pass.np; j++) {
    const pat = j < ns ? patterns[j]! : null;
    const dg = j < ns ? null : pass.dG[j - ns]!;
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let c = 0; c < m; c++) {
        const cell = o + a * m + c;
        if (pat) s += pat[cell]! * w.u[c]!;
        else if (dg && gIndex && gIndex[cell]! >= 0) s += dg[gIndex[cell]!]! * w.u[c]!;
      }
      w.b[j * m + a] = s;
    }
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let c = 0; c < m; c++) s += w.minv[a * m + c]! * w.b[j * m + c]!;
      w.z[j * m + a] = s;
    }
  }
}

/** Add b_j'M_b⁻¹b_k and X_b'M_b⁻¹b_j of the block. */
function addInformation(pass: Pass, m: number, w: Workspace, sums: ScoreSums): void {
  const { np } = pass;
  const p = pass.data.design.columns.length;
  for (let j = 0; j < np; j++) {
    for (let k = 0; k <= j; k++) {
      let s = 0;
      for (let a = 0; a < m; a++) s += w.b[j * m + a]! * w.z[k * m + a]!;
      sums.bb[j * np + k] = sums.bb[j * np + k]! + s;
    }
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let a = 0; a < m; a++) s += w.wx[a * p + i]! * w.b[j * m + a]!;
      sums.xb[j * p + i] = sums.xb[j * p + i]! + s;
    }
  }
}

/** The score pass over every block on the kept factors. */
function scorePass(pass: Pass, plan: BlockPlan, factors: Float64Array): ScoreSums {
  const p = pass.data.design.columns.length;
  const { np } = pass;
  const nInner = pass.dG.length > 0 ? Math.round(Math.sqrt(pass.dG[0]!.length)) : 0;
  const sums: ScoreSums = {
    sigma: new Float64Array(pass.dense.patterns.length),
    inner: new Float64Array(nInner * nInner),
    bb: new Float64Array(np * np),
    xb: new Float64Array(np * p),
  };
  const mx = plan.maxSize;
  const w: Workspace = {
    minv: new Float64Array(mx * mx),
    linv: new Float64Array(mx * mx),
    wx: new Float64Array(mx * p),
    wc: new Float64Array(mx * p),
    u: new Float64Array(mx),
    b: new Float64Array(np * mx),
    z: new Float64Array(np * mx),
  };
  plan.blocks.forEach((rows, bi) => {
    const o = pass.dense.cellOffset[bi]!;
    const m = rows.length;
    inverseFromFactor(factors, o, m, w.linv, w.minv);
    whiten(pass, rows, w);
    addTraces(pass, o, m, w, sums);
    derivativeProducts(pass, o, m, w);
    addInformation(pass, m, w, sums);
  });
  return sums;
}

/**
 * dℓ/dθ_j of a struct parameter: Σ ∂G/∂θ_j ∘ (the sums over G's cells). An infinite ∂G_lj/∂τ²_l
 * (τ²_l = 0 with a correlated partner) makes the derivative ∓∞ by the sign of its cells' sums
 * (finite when they cancel).
 */
function structGradient(dg: Float64Array, inner: Float64Array): number {
  let finite = 0;
  let singular = 0;
  for (let c = 0; c < dg.length; c++) {
    const d = dg[c]!;
    if (Number.isFinite(d)) finite += d * inner[c]!;
    else singular += Math.sign(d) * inner[c]!;
  }
  return singular === 0 ? -0.5 * finite : singular > 0 ? -Infinity : Infinity;
}

/**
 * The part of the observed information that comes from the curvature of G in its parameters,
 * ½·Σ ∂²G/∂θ_a∂θ_b ∘ (the sums of P − uu' over G's cells): zero in expectation, so the AI leaves
 * it out; added here it brings the information close to the Hessian where M is not linear in θ
 * (ρ, and τ² of HCS/HAR/UN), so scoring does not creep there. Non-finite terms are skipped.
 */
function addCurvature(information: Float64Array, np: number, ns: number, d2G: readonly Float64Array[], inner: Float64Array): void {
  const q = np - ns;
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      const d = d2G[a * q + b]!;
      let s = 0;
      for (let c = 0; c < d.length; c++) if (d[c] !== 0) s += d[c]! * inner[c]!;
      if (Number.isFinite(s)) information[(ns + a) * np + ns + b] = information[(ns + a) * np + ns + b]! + 0.5 * s;
    }
  }
}

/**
 * Is the information positive definite on the parameters inside their range (a variance above 0,
 * a correlation inside ±1)? The curvature term is kept only then: far from the optimum the sum
 * need not be, and a parameter on its bound is usually held there by the optimiser.
 */
function interiorPositiveDefinite(information: Float64Array, theta: ArrayLike<number>, firstRho: number): boolean {
  const np = theta.length;
  const idx = Array.from({ length: np }, (_, j) => j).filter((j) => (j < firstRho ? theta[j]! > 0 : Math.abs(theta[j]!) < 1));
  const n = idx.length;
  const sub = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) sub[r * n + c] = information[idx[r]! * np + idx[c]!]!;
  return choleskyInPlace(sub, n);
}

/** Gradient and AI from the sums. */
function assemble(pass: Pass, sums: ScoreSums): { gradient: Float64Array; information: Float64Array } {
  const { np } = pass;
  const p = pass.data.design.columns.length;
  const ns = sums.sigma.length;
  const gradient = new Float64Array(np);
  for (let j = 0; j < np; j++) {
    if (j < ns) gradient[j] = -0.5 * sums.sigma[j]!;
    else gradient[j] = structGradient(pass.dG[j - ns]!, sums.inner);
  }
  const information = new Float64Array(np * np);
  for (let j = 0; j < np; j++) {
    for (let k = 0; k <= j; k++) {
      let s = sums.bb[j * np + k]!;
      for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) s -= sums.xb[j * p + a]! * pass.vb[a * p + c]! * sums.xb[k * p + c]!;
      information[j * np + k] = information[k * np + j] = 0.5 * s;
    }
  }
  return { gradient, information };
}

/**
 * The (restricted) log-likelihood of a multilevel model with its analytic gradient and information
 * (the average information, plus the curvature of G while that stays positive definite; the AI
 * alone as `averageInformation`) in every component of θ = [sigma2..., tau2..., rho...], block by block (null where
 * M or X'M⁻¹X is not positive definite; a derivative that is unbounded at a variance of 0 is ∓Infinity).
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials crossed by 3 made-up labs
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { trial: String(i), lab: String(i % 3) } })) };
 * const data = buildModelData(table.studies, { random: [parseRandomTerm('~ 1 | trial'), parseRandomTerm('~ 1 | lab')], mods: [] });
 * blockScore(data, fitMultilevelModel(data, 'REML').plan, Float64Array.of(0.3, 0.01), true, 0).gradient.length // 2
 */
export function blockScore(
  data: ModelData,
  plan: BlockPlan,
  theta: ArrayLike<number>,
  reml: boolean,
  logDetXtX: number,
): (LikelihoodScore & { readonly averageInformation: Float64Array }) | null {
  const dense = plan.dense();
  const factors = new Float64Array(dense.cellOffset[plan.blocks.length]!);
  const sums = glsSums(data, plan, theta, factors);
  const fit = sums && glsFit(sums, data.y.length, logDetXtX);
  const value = fit ? (reml ? fit.logLikREML : fit.logLikML) : NaN;
  if (!fit || !Number.isFinite(value)) return null;
  const par = splitParameters(data, theta);
  const st = data.structure.structTerm;
  const dG = st ? structDerivatives(st.struct, st.innerLevels.length, par.tau2, par.rho) : [];
  // The AI of a parameter with an infinite derivative keeps its finite part (the optimiser holds such a parameter at its bound).
  const finiteDG = dG.map((d) => d.map((x) => (Number.isFinite(x) ? x : 0)));
  const pass: Pass = { data, dense, dG: finiteDG, beta: fit.beta, vb: fit.vb, reml, np: data.structure.sigma.length + dG.length };
  const sumsOfScore = scorePass(pass, plan, factors);
  const { gradient, information } = assemble({ ...pass, dG }, sumsOfScore);
  const curved = Float64Array.from(information);
  if (st)
    addCurvature(curved, pass.np, data.structure.sigma.length, structSecondDerivatives(st.struct, st.innerLevels.length, par.tau2, par.rho), sumsOfScore.inner);
  const pd = interiorPositiveDefinite(curved, theta, data.structure.sigma.length + par.tau2.length);
  return { value, gradient, information: pd ? curved : information, averageInformation: information, beta: fit.beta, vb: fit.vb };
}
