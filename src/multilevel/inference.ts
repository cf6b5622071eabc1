// Wald inference on the fixed effects of a multilevel fit, as rma.mv reports it: z tests, or
// t tests with metafor's residual df (k − p) when test = "t"; the omnibus QM over the
// moderators (all coefficients but the intercept; the intercept alone in an intercept-only
// model), as a chi-square or, for t tests, as F = QM/m on (m, df) degrees of freedom.
import { chiSquareSurvival, fSurvival, normalCritical, normalTwoSidedP, studentTCritical, studentTTwoSidedP } from '../distributions/index.js';
import { inverseSpd } from './blockAlgebra.js';

export const MULTILEVEL_TESTS = ['z', 't'] as const;
export type MultilevelTest = (typeof MULTILEVEL_TESTS)[number];
/**
 * Is `x` one of MULTILEVEL_TESTS?
 * @example isMultilevelTest('t') // true
 */
export function isMultilevelTest(x: unknown): x is MultilevelTest {
  return typeof x === 'string' && (MULTILEVEL_TESTS as readonly string[]).includes(x);
}

export interface WaldCoefficient {
  readonly estimate: number;
  readonly standardError: number;
  readonly statistic: number;
  /** t df; null for z tests. */
  readonly df: number | null;
  readonly pValue: number;
  readonly ciLower: number;
  readonly ciUpper: number;
}

export interface OmnibusTest {
  readonly qm: number;
  readonly qmDf: number;
  /** Denominator df of the F test; null for chi-square (z). */
  readonly qmDfDenominator: number | null;
  readonly qmPValue: number;
}

/** Per-coefficient Wald tests from β and its covariance; `df` null for z, a number (or one per coefficient) for t. */
export function waldCoefficients(beta: ArrayLike<number>, vb: ArrayLike<number>, level: number, df: number | readonly number[] | null): WaldCoefficient[] {
  const p = beta.length;
  return Array.from({ length: p }, (_, j) => {
    const estimate = beta[j]!;
    const standardError = Math.sqrt(vb[j * p + j]!);
    const statistic = estimate / standardError;
    const dfj = df === null ? null : typeof df === 'number' ? df : df[j]!;
    const crit = dfj === null ? normalCritical(level) : studentTCritical(level, dfj);
    return {
      estimate,
      standardError,
      statistic,
      df: dfj,
      pValue: dfj === null ? normalTwoSidedP(statistic) : studentTTwoSidedP(statistic, dfj),
      ciLower: estimate - crit * standardError,
      ciUpper: estimate + crit * standardError,
    };
  });
}

/** Indices tested by QM: every coefficient except an intercept in first place, unless it is the only one. */
export function omnibusIndices(names: readonly string[]): number[] {
  if (names.length === 1) return [0];
  return names.flatMap((n, j) => (j === 0 && n === 'intrcpt' ? [] : [j]));
}

/** QM = b_S'·(V_SS)⁻¹·b_S, as chi-square on m df, or F = QM/m on (m, df). */
export function omnibusTest(beta: ArrayLike<number>, vb: ArrayLike<number>, indices: readonly number[], df: number | null): OmnibusTest {
  const p = beta.length;
  const m = indices.length;
  const sub = new Float64Array(m * m);
  indices.forEach((a, r) => {
    indices.forEach((b, c) => {
      sub[r * m + c] = vb[a * p + b]!;
    });
  });
  const inv = inverseSpd(sub, m);
  let qm = NaN;
  if (inv) {
    qm = 0;
    for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) qm += beta[indices[r]!]! * inv[r * m + c]! * beta[indices[c]!]!;
  }
  if (df === null) return { qm, qmDf: m, qmDfDenominator: null, qmPValue: chiSquareSurvival(qm, m) };
  const f = qm / m;
  return { qm: f, qmDf: m, qmDfDenominator: df, qmPValue: fSurvival(f, m, df) };
}
