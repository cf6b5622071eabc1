// The general mixed-effects meta-regression engine (metafor: rma.uni with mods / a model matrix).
// Work is O(k·p²) with p×p algebra only: no k×k matrix is ever formed.
import { MetasynthError, type Warning } from '../core/errors.js';
import { chiSquareSurvival, fSurvival, normalCritical, normalTwoSidedP, studentTCritical, studentTTwoSidedP } from '../distributions/index.js';
import { cholesky, choleskyLogDet, choleskySolve, weightedGram } from './linalg.js';
import { traceP, weightedProjection } from './projection.js';
import { estimateTau2, isMetaRegressionMethod, type MetaRegressionMethod, type Tau2Control } from './tau2.js';
import type { FitStatistics } from '../pool/types.js';
import { countOf } from '../core/plural.js';

export { META_REGRESSION_METHODS, isMetaRegressionMethod, type MetaRegressionMethod, type Tau2Control } from './tau2.js';

export const REGRESSION_TESTS = ['z', 'knha'] as const;
export type RegressionTest = (typeof REGRESSION_TESTS)[number];
/**
 * True for a test of the meta-regression (REGRESSION_TESTS).
 * @example isRegressionTest('z') // true
 */
export function isRegressionTest(x: unknown): x is RegressionTest {
  return typeof x === 'string' && (REGRESSION_TESTS as readonly string[]).includes(x);
}

/** Below this 1 − R² a design column counts as a linear combination of the columns before it. */
export const COLLINEARITY_THRESHOLD = 1e-10;

export interface FitMetaRegressionInput {
  /** Observed effects yi (length k). */
  readonly yi: ArrayLike<number>;
  /** Sampling variances vi (length k, > 0). */
  readonly vi: ArrayLike<number>;
  /** Design-matrix columns, each of length k; the first is the intercept (all ones) when the model has one. */
  readonly columns: readonly ArrayLike<number>[];
  /** Coefficient names, one per column (default `intrcpt`, `X1`, `X2`, ...). */
  readonly names?: readonly string[];
  /** τ² estimator (default `REML`); `EE` (alias `FE`) fits the fixed-effects model. */
  readonly method?: MetaRegressionMethod;
  /** `z` (default) or `knha` (Knapp–Hartung: t and F tests with k − p df, metafor's scaling). */
  readonly test?: RegressionTest;
  /** Confidence level in percent (default 95). */
  readonly level?: number;
  /** Iteration control for ML, REML, EB, PM (defaults: tolerance 1e-12, maxIterations 1000). */
  readonly control?: Tau2Control;
  /** Fixed τ² instead of estimating it (metafor's `tau2` argument); not counted as a parameter. */
  readonly tau2?: number;
}

export interface RegressionCoefficient {
  readonly name: string;
  readonly estimate: number | null;
  readonly standardError: number | null;
  /** z or t statistic. */
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
}

/** metafor fitstats(), shared with the intercept-only model (src/pool). */
export type { FitStatistics };

export interface MetaRegressionFit {
  readonly k: number;
  /** Number of coefficients. */
  readonly p: number;
  readonly method: MetaRegressionMethod;
  readonly test: RegressionTest;
  readonly level: number;
  /** True when the first column is the intercept (all ones). */
  readonly intercept: boolean;
  readonly coefficients: readonly RegressionCoefficient[];
  /** Covariance matrix of the coefficients (metafor `vb`), p×p, in coefficient order. */
  readonly covariance: readonly (readonly (number | null)[])[];
  /** Residual df k − p of the t and F tests (knha); null for z tests. */
  readonly df: number | null;
  /** Residual heterogeneity τ² (0 for EE). */
  readonly tau2: number | null;
  readonly tau2StandardError: number | null;
  /** I² (percent) and H² of the residual heterogeneity. */
  readonly i2: number | null;
  readonly h2: number | null;
  /** Pseudo R² (percent): proportional reduction of τ² from the intercept-only model with the same method, truncated at 0 (null without intercept or moderators). */
  readonly r2: number | null;
  /** Omnibus test of the moderators (all coefficients but the intercept): χ²(qmDf) for z, F(qmDf, df) for knha (then QM is divided by qmDf). */
  readonly qm: number | null;
  readonly qmDf: number;
  readonly qmPValue: number | null;
  /** Test for residual heterogeneity QE with k − p df. */
  readonly qe: number | null;
  readonly qeDf: number;
  readonly qePValue: number | null;
  readonly fit: { readonly ml: FitStatistics; readonly reml: FitStatistics };
  readonly converged: boolean;
  readonly iterations: number;
  readonly warnings: readonly Warning[];
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function defaultNames(p: number, intercept: boolean): string[] {
  return Array.from({ length: p }, (_, j) => (intercept && j === 0 ? 'intrcpt' : `X${intercept ? j : j + 1}`));
}

/** Design columns re-expressed as centred and scaled columns X̃ = X·T (better conditioned). */
interface ScaledDesign {
  readonly x: Float64Array[];
  readonly centre: Float64Array;
  readonly scale: Float64Array;
}

function scaleDesign(columns: readonly Float64Array[], intercept: boolean, names: readonly string[]): ScaledDesign {
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
      throw new MetasynthError('invalid_input', `meta-regression: moderator "${names[j]}" ${what}, so it cannot be estimated beside the intercept; drop it`);
    }
    // The coefficient's variance scales as 1/spread²: beyond 1e±100 it would underflow to 0 or
    // overflow (a standard error of 0 and p = 0, quietly wrong), so such a column is refused.
    const spread = rms * largest;
    if (!(spread >= 1e-100 && spread <= 1e100)) {
      throw new MetasynthError('invalid_input',
        `meta-regression: moderator "${names[j]}" varies on a scale of ${spread.toExponential(1)}, where its coefficient's variance cannot be represented; rescale it (e.g. to thousands or millions of its unit)`);
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
function checkCollinearity(x: readonly Float64Array[], names: readonly string[], intercept: boolean): void {
  const p = x.length;
  const g = weightedGram(x, null);
  const d = new Float64Array(p);
  for (let j = 0; j < p; j++) d[j] = Math.sqrt(g[j * p + j]!);
  const r = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) r[i * p + j] = g[i * p + j]! / (d[i]! * d[j]!);
  const ch = cholesky(r, p);
  for (let j = 0; j < p; j++) {
    const pivot = ch.relativePivots[j]!;
    if (!ch.ok && j === ch.failedAt) return fail(j, pivot);
    if (pivot < COLLINEARITY_THRESHOLD) return fail(j, pivot);
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
    throw new MetasynthError(
      'invalid_input',
      `meta-regression: moderators are collinear: "${names[j]}" is (almost) a linear combination of ${involved.map((n) => `"${n}"`).join(', ') || 'the columns before it'}${intercept && involved.length > 0 ? ' plus a constant' : ''} (1 - R² = ${shown}); drop one of them`,
    );
  }
}

function toFloat64(a: ArrayLike<number>): Float64Array {
  return Float64Array.from(a as ArrayLike<number>);
}

/**
 * Mixed-effects meta-regression (metafor `rma.uni(yi, vi, mods = X)`): τ² by the chosen
 * estimator, weighted least squares for β with weights 1/(vi + τ²), z or Knapp–Hartung tests,
 * the omnibus moderator test QM, the residual heterogeneity test QE, I², H², pseudo R² and
 * ML/REML fit statistics (Viechtbauer 2010, J Stat Softw 36(3); Raudenbush 2009).
 * Validates its input and throws `MetasynthError`; never returns NaN (null instead).
 *
 * @example
 * // BCG vaccine log risk ratios on absolute latitude (metafor: rma(yi, vi, mods = ~ ablat, data = dat))
 * const ablat = Float64Array.from(bcgTable.studies.map((s) => s.moderators.ablat));
 * fitMetaRegression({ yi: bcgYi, vi: bcgVi, columns: [new Float64Array(13).fill(1), ablat], names: ['intrcpt', 'ablat'] }).coefficients[1].estimate
 * // -0.0291 (tau2 0.0763, R2 75.63)
 */
export function fitMetaRegression(input: FitMetaRegressionInput): MetaRegressionFit {
  const method: MetaRegressionMethod = input.method ?? 'REML';
  const test: RegressionTest = input.test ?? 'z';
  const level = input.level ?? 95;
  if (!isMetaRegressionMethod(method)) throw new MetasynthError('invalid_option', `meta-regression: unknown method "${String(method)}" (use one of EE, FE, DL, HE, HS, SJ, ML, REML, EB, PM)`);
  if (!isRegressionTest(test)) throw new MetasynthError('invalid_option', `meta-regression: unknown test "${String(test)}" (use z or knha)`);
  if (!(level > 0 && level < 100)) throw new MetasynthError('invalid_option', `meta-regression: level must be between 0 and 100 (percent), got ${level}`);
  const y = toFloat64(input.yi);
  const v = toFloat64(input.vi);
  const k = y.length;
  const p = input.columns.length;
  if (v.length !== k) throw new MetasynthError('invalid_input', `meta-regression: yi has ${countOf(k, 'value')} but vi has ${v.length}`);
  if (p === 0) throw new MetasynthError('invalid_input', 'meta-regression: the design needs at least one column');
  const columns = input.columns.map(toFloat64);
  columns.forEach((c, j) => {
    if (c.length !== k) throw new MetasynthError('invalid_input', `meta-regression: design column ${j + 1} has ${countOf(c.length, 'value')}, expected k = ${k}`);
  });
  const intercept = columns[0]!.every((x) => x === 1);
  const names = input.names ? [...input.names] : defaultNames(p, intercept);
  if (names.length !== p) throw new MetasynthError('invalid_input', `meta-regression: ${names.length} names for ${p} design columns`);
  for (let i = 0; i < k; i++) {
    if (!Number.isFinite(y[i]!)) throw new MetasynthError('invalid_input', `meta-regression: study ${i + 1}: yi must be a finite number, got ${y[i]}`);
    if (!(v[i]! > 0) || !Number.isFinite(v[i]!)) throw new MetasynthError('invalid_input', `meta-regression: study ${i + 1}: vi must be a positive finite number, got ${v[i]}`);
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(columns[j]![i]!)) throw new MetasynthError('invalid_input', `meta-regression: study ${i + 1}: moderator "${names[j]}" must be a finite number, got ${columns[j]![i]}`);
    }
  }
  const isEE = method === 'EE' || method === 'FE';
  const fixedTau2 = input.tau2;
  if (fixedTau2 !== undefined && !(fixedTau2 >= 0 && Number.isFinite(fixedTau2))) throw new MetasynthError('invalid_option', `meta-regression: a fixed tau2 must be a finite number >= 0, got ${fixedTau2}`);
  const interceptOnlyK1 = k === 1 && p === 1 && intercept;
  const needed = isEE || fixedTau2 !== undefined ? p : p + 1;
  if (!interceptOnlyK1 && k < needed) {
    throw new MetasynthError('not_estimable', `meta-regression: ${k} ${k === 1 ? 'study is' : 'studies are'} too few to estimate ${countOf(needed, 'parameter')} (${p} coefficient${p === 1 ? '' : 's'}${needed > p ? ' and tau2' : ''})`);
  }

  const design = scaleDesign(columns, intercept, names);
  checkCollinearity(design.x, names, intercept);
  const warnings: Warning[] = [];
  let effectiveTest = test;
  if (k === 1 && test !== 'z') {
    effectiveTest = 'z';
    warnings.push({ code: 'knha_k1', message: 'test set to z since k = 1' });
  }
  if (isEE && effectiveTest === 'knha') warnings.push({ code: 'knha_fixed_effects', message: 'the Knapp-Hartung method is meant for random- and mixed-effects models, not EE' });

  // τ²
  const prob = { x: design.x, y, v };
  let tau2: number;
  let tau2Se: number;
  let iterations = 0;
  let converged = true;
  if (fixedTau2 !== undefined) {
    tau2 = isEE ? 0 : fixedTau2;
    tau2Se = NaN;
  } else if (interceptOnlyK1) {
    tau2 = 0;
    tau2Se = NaN;
  } else {
    const est = estimateTau2(prob, method, input.control);
    tau2 = est.tau2;
    tau2Se = est.standardError;
    iterations = est.iterations;
    converged = est.converged;
    warnings.push(...est.warnings);
    if (!Number.isFinite(tau2)) throw new MetasynthError('not_estimable', `meta-regression: tau2 (${method}) could not be estimated from these data`);
  }

  // β and its covariance at weights 1/(vi + τ²), in the scaled basis.
  const w = new Float64Array(k);
  for (let i = 0; i < k; i++) w[i] = 1 / (v[i]! + tau2);
  const proj = weightedProjection(design.x, w, y);
  if (!proj) throw new MetasynthError('not_estimable', 'meta-regression: the weighted cross-product matrix is not positive definite (extreme ratio of sampling variances?)');
  const df = k - p;
  let s2w = 1;
  if (effectiveTest === 'knha') s2w = proj.rss <= Number.EPSILON ? 0 : proj.rss / df;
  const vTilde = proj.inverse.map((c) => c * s2w);

  // Back to the caller's basis: β = T·β̃, vb = T·Ṽ·T', with T_jj = 1/s_j, T_0j = −c_j/s_j.
  const t = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    t[j * p + j] = 1 / design.scale[j]!;
    if (intercept && j > 0) t[j] = -design.centre[j]! / design.scale[j]!;
  }
  const beta = new Float64Array(p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) beta[i] = beta[i]! + t[i * p + j]! * proj.beta[j]!;
  const tv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) for (let m = 0; m < p; m++) tv[i * p + j] = tv[i * p + j]! + t[i * p + m]! * vTilde[m * p + j]!;
  const vb = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) for (let m = 0; m < p; m++) vb[i * p + j] = vb[i * p + j]! + tv[i * p + m]! * t[j * p + m]!;
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) vb[i * p + j] = vb[j * p + i] = 0.5 * (vb[i * p + j]! + vb[j * p + i]!);

  const tTest = effectiveTest === 'knha';
  const crit = tTest ? studentTCritical(level, df) : normalCritical(level);
  const coefficients: RegressionCoefficient[] = names.map((name, j) => {
    const est = beta[j]!;
    const se = Math.sqrt(vb[j * p + j]!);
    const stat = est / se;
    const pValue = tTest ? studentTTwoSidedP(stat, df) : normalTwoSidedP(stat);
    return { name, estimate: finite(est), standardError: finite(se), statistic: finite(stat), pValue: finite(pValue), ciLower: finite(est - crit * se), ciUpper: finite(est + crit * se) };
  });

  // QM on the moderators (all but the intercept; the intercept itself in an intercept-only model).
  // The subvector of β̃ tested is a diagonal rescaling of β's, so QM is computed in the scaled basis.
  const btt = intercept && p > 1 ? Array.from({ length: p - 1 }, (_, j) => j + 1) : Array.from({ length: p }, (_, j) => j);
  const m = btt.length;
  const sub = new Float64Array(m * m);
  const bsub = new Float64Array(m);
  btt.forEach((a, i) => {
    bsub[i] = proj.beta[a]!;
    btt.forEach((b, j) => (sub[i * m + j] = vTilde[a * p + b]!));
  });
  const subCh = cholesky(sub, m);
  let qm = NaN;
  if (subCh.ok) {
    const sol = choleskySolve(subCh, bsub);
    qm = 0;
    for (let i = 0; i < m; i++) qm += bsub[i]! * sol[i]!;
    if (tTest) qm /= m;
  }
  const qmPValue = tTest ? (df > 0 ? fSurvival(qm, m, df) : NaN) : chiSquareSurvival(qm, m);

  // Residual heterogeneity: QE at weights 1/vi; "typical" sampling variance (k − p)/tr(P) for I², H².
  let qe = 0;
  let qePValue = 1;
  let i2 = 0;
  let h2 = 1;
  if (k > p) {
    const projEE = weightedProjection(design.x, w.map((_, i) => 1 / v[i]!), y);
    if (projEE) {
      qe = Math.max(0, projEE.rss);
      qePValue = chiSquareSurvival(qe, df);
      if (isEE) {
        i2 = Math.max(0, (100 * (qe - df)) / qe);
        h2 = qe / df;
      } else {
        const vt = df / traceP(design.x, projEE, null);
        i2 = (100 * tau2) / (vt + tau2);
        h2 = tau2 / vt + 1;
      }
    } else {
      qe = qePValue = i2 = h2 = NaN;
    }
  }

  // Fit statistics (metafor fitstats): the REML |X'X| term uses the same basis as |X'WX|, so the
  // basis change cancels.
  let sumLogV = 0;
  let sumLogVi = 0;
  for (let i = 0; i < k; i++) {
    sumLogV += Math.log(v[i]! + tau2);
    sumLogVi += Math.log(2 * Math.PI * v[i]!);
  }
  const llML = -0.5 * k * Math.log(2 * Math.PI) - 0.5 * sumLogV - 0.5 * proj.rss;
  const xtx = cholesky(weightedGram(design.x, null), p);
  const llREML = -0.5 * df * Math.log(2 * Math.PI) + 0.5 * choleskyLogDet(xtx) - 0.5 * sumLogV - 0.5 * choleskyLogDet(proj.chol) - 0.5 * proj.rss;
  const parms = p + (isEE || fixedTau2 !== undefined ? 0 : 1);
  const devML = k > p ? -2 * llML - sumLogVi : 0;
  const aiccFactor = (n: number) => (2 * parms * Math.max(n, parms + 2)) / (Math.max(n, parms + 2) - parms - 1);
  const fitStats = (ll: number, dev: number, n: number): FitStatistics => ({
    logLik: finite(ll),
    deviance: finite(dev),
    aic: finite(-2 * ll + 2 * parms),
    bic: finite(-2 * ll + parms * Math.log(n)),
    aicc: finite(-2 * ll + aiccFactor(n)),
  });

  // Pseudo R²: from the intercept-only model with the same method (metafor's default r2def).
  let r2: number | null = null;
  if (intercept && p > 1) {
    if (isEE) {
      r2 = adjustedWeightedR2(y, v, proj.rss, df);
    } else if (fixedTau2 === undefined) {
      const base = estimateTau2({ x: [design.x[0]!], y, v }, method, input.control);
      if (Number.isFinite(base.tau2)) r2 = base.tau2 === 0 ? 0 : Math.max(0, (100 * (base.tau2 - tau2)) / base.tau2);
    }
  }

  const cov: (number | null)[][] = [];
  for (let i = 0; i < p; i++) cov.push(Array.from({ length: p }, (_, j) => finite(vb[i * p + j]!)));
  return {
    k,
    p,
    method,
    test: effectiveTest,
    level,
    intercept,
    coefficients,
    covariance: cov,
    df: tTest ? df : null,
    tau2: finite(tau2),
    tau2StandardError: isEE ? null : finite(tau2Se),
    i2: finite(i2),
    h2: finite(h2),
    r2: r2 === null ? null : finite(r2),
    qm: finite(qm),
    qmDf: m,
    qmPValue: finite(qmPValue),
    qe: finite(qe),
    qeDf: df,
    qePValue: finite(qePValue),
    fit: { ml: fitStats(llML, devML, k), reml: fitStats(llREML, -2 * llREML, df) },
    converged,
    iterations,
    warnings,
  };
}

/** metafor's R² for EE models: the adjusted R² of the weighted least-squares fit (weights 1/vi), in percent, truncated at 0. */
function adjustedWeightedR2(y: Float64Array, v: Float64Array, rss: number, df: number): number {
  const k = y.length;
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < k; i++) {
    sw += 1 / v[i]!;
    swy += y[i]! / v[i]!;
  }
  const mean = swy / sw;
  let tss = 0;
  let spread = 0;
  for (let i = 0; i < k; i++) {
    tss += ((y[i]! - mean) ** 2) / v[i]!;
    spread = Math.max(spread, Math.abs(y[i]! - y[0]!));
  }
  if (spread === 0) return 0;
  const r2 = 1 - rss / tss;
  return Math.max(0, 100 * (1 - ((1 - r2) * (k - 1)) / df));
}
