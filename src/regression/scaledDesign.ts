// The design of a meta-regression in a better-conditioned basis: every moderator column centred
// (when there is an intercept) and scaled, X̃ = X·T, and the map back to the caller's basis.
// tau², the fitted values and every trace are invariant to that change of basis; β and its
// covariance are mapped back with T (β = T·β̃, vb = T·Ṽ·Tᵀ).
import { MetasynthError } from '../core/errors.js';
import { cholesky, choleskySolve, weightedGram } from '../heterogeneity/wls/linalg.js';
import { REGRESSION_MESSAGES } from './messages.js';

/** Below this 1 − R² a design column counts as a linear combination of the columns before it. */
export const COLLINEARITY_THRESHOLD = 1e-10;

/** Design columns re-expressed as centred and scaled columns X̃ = X·T (better conditioned). */
export interface ScaledDesign {
  readonly x: Float64Array[];
  readonly centre: Float64Array;
  readonly scale: Float64Array;
}

export function scaleDesign(columns: readonly Float64Array[], intercept: boolean, names: readonly string[]): ScaledDesign {
  const p = columns.length;
  const k = columns[0]!.length;
  const centre = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  const x: Float64Array[] = [];
  for (let j = 0; j < p; j++) {
    const col = columns[j]!;
    if (intercept && j === 0) {
      x.push(col);
      continue;
    }
    // Mean and RMS are taken of the column divided by its largest |value|, so that neither the sum
    // nor the squares overflow (values near 1e200) or underflow to 0 (values near 1e-200).
    let largest = 0;
    for (let i = 0; i < k; i++) largest = Math.max(largest, Math.abs(col[i]!));
    let mean = 0;
    if (intercept && largest > 0) {
      for (let i = 0; i < k; i++) mean += col[i]! / largest;
      mean /= k;
    }
    let ss = 0;
    if (largest > 0) for (let i = 0; i < k; i++) ss += (col[i]! / largest - mean) ** 2;
    const rms = Math.sqrt(ss / k);
    const magnitude = Math.max(Math.abs(mean), rms);
    if (!(rms > 1e-13 * magnitude) || rms === 0) {
      const what = intercept ? `is constant (every study has ${col[0]})` : 'is zero for every study';
      throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.meta_regression_moderator_so(names[j], what));
    }
    // The coefficient's variance scales as 1/spread²: beyond 1e±100 it would underflow to 0 or
    // overflow (a standard error of 0 and p = 0, quietly wrong), so such a column is refused.
    const spread = rms * largest;
    if (!(spread >= 1e-100 && spread <= 1e100)) {
      throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.meta_regression_moderator_varies(names[j], spread.toExponential(1)));
    }
    centre[j] = mean * largest;
    scale[j] = spread;
    const out = new Float64Array(k);
    for (let i = 0; i < k; i++) out[i] = (col[i]! / largest - mean) / rms;
    x.push(out);
  }
  return { x, centre, scale };
}

/** Throws a MetasynthError naming the moderators when a column is (nearly) a combination of earlier ones. */
export function checkCollinearity(x: readonly Float64Array[], names: readonly string[], intercept: boolean): void {
  const p = x.length;
  const g = weightedGram(x, null);
  const d = new Float64Array(p);
  for (let j = 0; j < p; j++) d[j] = Math.sqrt(g[j * p + j]!);
  const r = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) r[i * p + j] = g[i * p + j]! / (d[i]! * d[j]!);
  const ch = cholesky(r, p);
  for (let j = 0; j < p; j++) {
    const pivot = ch.relativePivots[j]!;
    if ((!ch.ok && j === ch.failedAt) || pivot < COLLINEARITY_THRESHOLD) fail(j, pivot);
  }
  function fail(j: number, pivot: number): never {
    // Regress column j on the earlier ones (unit-scaled) to name those it depends on.
    const sub = new Float64Array(j * j);
    const rhs = new Float64Array(j);
    for (let a = 0; a < j; a++) {
      rhs[a] = r[a * p + j]!;
      for (let b = 0; b < j; b++) sub[a * j + b] = r[a * p + b]!;
    }
    const subCh = cholesky(sub, j);
    const coef = subCh.ok ? choleskySolve(subCh, rhs) : rhs;
    // Columns are centred when there is an intercept, so a constant shift shows up as "plus a constant".
    const involved = names.slice(0, j).filter((_, a) => Math.abs(coef[a]!) > 1e-6 && !(intercept && a === 0));
    const shown = Number.isFinite(pivot) ? Math.max(pivot, 0).toExponential(1) : '0';
    throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.meta_regression_moderators_collinear(names[j], involved, intercept, involved.length, shown));
  }
}

/**
 * β = T·β̃ and vb = T·Ṽ·Tᵀ (symmetrised) in the caller's basis, with T_jj = 1/s_j and, with an
 * intercept, T_0j = −c_j/s_j (c_j, s_j the centre and scale of column j).
 */
export function toCallerBasis(
  design: ScaledDesign,
  intercept: boolean,
  betaScaled: Float64Array,
  covarianceScaled: Float64Array,
): { beta: Float64Array; vb: Float64Array } {
  const p = betaScaled.length;
  const t = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    t[j * p + j] = 1 / design.scale[j]!;
    if (intercept && j > 0) t[j] = -design.centre[j]! / design.scale[j]!;
  }
  const beta = new Float64Array(p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) beta[i] = beta[i]! + t[i * p + j]! * betaScaled[j]!;
  const tv = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) for (let m = 0; m < p; m++) tv[i * p + j] = tv[i * p + j]! + t[i * p + m]! * covarianceScaled[m * p + j]!;
  const vb = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) for (let m = 0; m < p; m++) vb[i * p + j] = vb[i * p + j]! + tv[i * p + m]! * t[j * p + m]!;
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) vb[i * p + j] = vb[j * p + i] = 0.5 * (vb[i * p + j]! + vb[j * p + i]!);
  return { beta, vb };
}

/**
 * The scaled design centred at the fixed-effect weighted means Σ(x/v)/Σ(1/v) instead of the plain
 * means (with an intercept; scales unchanged). In the weighted metric of the fits a column
 * centred at its plain mean is nearly parallel to the intercept when a few very precise studies
 * carry almost all the weight (variances spanning 1e-6 to 1e6); centred at the weighted mean it
 * is orthogonal to it at the fixed-effect weights, and well conditioned at any tau².
 */
export function weightCentred(design: ScaledDesign, intercept: boolean, v: Float64Array): ScaledDesign {
  if (!intercept) return design;
  const k = v.length;
  let sw = 0;
  for (let i = 0; i < k; i++) sw += 1 / v[i]!;
  const centre = new Float64Array(design.centre.length);
  const x = design.x.map((scaled, j) => {
    if (j === 0) return scaled;
    const s = design.scale[j]!;
    // The weighted mean of the scaled column, mapped back: stays exact for columns near 1e±200.
    let m = 0;
    for (let i = 0; i < k; i++) m += scaled[i]! / v[i]!;
    m /= sw;
    centre[j] = design.centre[j]! + m * s;
    const out = new Float64Array(k);
    for (let i = 0; i < k; i++) out[i] = scaled[i]! - m;
    return out;
  });
  return { x, centre, scale: design.scale };
}
