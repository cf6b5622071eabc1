// The ordinary least-squares fit of a multilevel model's data, from which its starting values are
// taken (estimate.ts): the residuals e = y − Xβ̂_OLS, their sum of squares and the mean sampling
// variance. An intercept-only model's residuals are y minus its mean: the centred y that the nested
// climb works on (nestedTree.ts, designColumns), so neither a solve nor another array is needed.
import { weightedGram } from '../heterogeneity/wls/linalg.js';
import { isAllOnes } from '../regression/interceptColumn.js';
import type { ModelData } from './modelData.js';
import { designColumns } from './nestedTree.js';

export interface OlsResiduals {
  /** y − Xβ̂ (shared with the climb for an intercept-only model: never written to). */
  readonly e: Float64Array;
  /** Σe². */
  readonly rss: number;
  /** The mean sampling variance. */
  readonly meanV: number;
}

/** Solve the small system a·x = b (p×p, row-major) by Gaussian elimination with partial pivoting; a zero pivot gives 0. */
function solveSmall(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(m[r * p + c]!) > Math.abs(m[piv * p + c]!)) piv = r;
    for (let j = 0; j < p; j++) [m[c * p + j], m[piv * p + j]] = [m[piv * p + j]!, m[c * p + j]!];
    [x[c], x[piv]] = [x[piv]!, x[c]!];
    const d = m[c * p + c]!;
    if (d === 0) continue;
    for (let r = c + 1; r < p; r++) {
      const f = m[r * p + c]! / d;
      for (let j = c; j < p; j++) m[r * p + j] = m[r * p + j]! - f * m[c * p + j]!;
      x[r] = x[r]! - f * x[c]!;
    }
  }
  for (let r = p - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let j = r + 1; j < p; j++) s -= m[r * p + j]! * x[j]!;
    x[r] = m[r * p + r] === 0 ? 0 : s / m[r * p + r]!;
  }
  return x;
}

const meanV = new WeakMap<ModelData, number>();

/**
 * The mean sampling variance of the data (kept per data: the start and the parameters' scales both read it).
 * @example meanSamplingVariance(buildModelData(bcgTable.studies.map((s, i) => ({ ...s, moderators: { trial: i } })), { random: [parseRandomTerm('~ 1 | trial')], mods: [] })) // 0.1528
 */
export function meanSamplingVariance(data: ModelData): number {
  let hit = meanV.get(data);
  if (hit === undefined) {
    const v = data.v;
    hit = 0;
    for (let i = 0; i < v.length; i++) hit += v[i]! / v.length;
    meanV.set(data, hit);
  }
  return hit;
}

/**
 * OLS residuals of y on the design, with Σe² and the mean sampling variance.
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * olsResiduals(buildModelData(table.studies, { random: [parseRandomTerm('~ 1 | district/school')], mods: [] })).e[0] // -0.1487 (log RR −0.8893 minus the mean −0.7407)
 */
export function olsResiduals(data: ModelData): OlsResiduals {
  const x = data.design.columns;
  const p = x.length;
  const y = data.y;
  const k = y.length;
  if (p === 1 && isAllOnes(x[0]!)) {
    const e = designColumns(data, true)[1]!;
    let rss = 0;
    for (let i = 0; i < k; i++) rss += e[i]! * e[i]!;
    return { e, rss, meanV: meanSamplingVariance(data) };
  }
  // The normal equations.
  const xty = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const xj = x[j]!;
    let sj = 0;
    for (let i = 0; i < k; i++) sj += xj[i]! * y[i]!;
    xty[j] = sj;
  }
  const beta = solveSmall(weightedGram(x, null), xty, p);
  const e = new Float64Array(k);
  let rss = 0;
  for (let i = 0; i < k; i++) {
    let f = 0;
    for (let j = 0; j < p; j++) f += x[j]![i]! * beta[j]!;
    const r = y[i]! - f;
    e[i] = r;
    rss += r * r;
  }
  return { e, rss, meanV: meanSamplingVariance(data) };
}
