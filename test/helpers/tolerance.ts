// Named tolerances for comparisons with metafor (STYLE.md: tolerances live in one helper, by kind,
// each saying why it is that size). A value matches when |Δ| <= max(rel·|expected|, abs).
import { afterAll, expect } from 'vitest';

export interface Tolerance {
  readonly rel: number;
  readonly abs: number;
}

export const TOL = {
  /** Closed-form algebra (escalc, DL/HE/HS/SJ, EE): the same formulas in the same double arithmetic; a few ulp differ by evaluation order. Issue 2 asks 1e-9. */
  closedForm: { rel: 1e-9, abs: 1e-12 },
  /** Estimates, SEs and statistics of iterative fits (ML, REML, EB, PM): both sides converge to 1e-12 but along different paths. The brief's bar: 1e-6 relative. */
  iterative: { rel: 1e-6, abs: 1e-9 },
  /** p-values: a tail probability inherits the relative error of its statistic times |d log p / d stat|, which grows in the far tail. */
  pValue: { rel: 1e-6, abs: 1e-9 },
  /** tau² near zero: compared absolutely, as the brief says (1e-9 absolute near zero). */
  tau2: { rel: 1e-6, abs: 1e-9 },
  /** GLMM optimum (rma.glmm, issue 18): the R side is an nlminb optimum of a likelihood whose integrals R's integrate() resolves to ~1e-12 and whose Hessian is numDeriv's Richardson extrapolation (~1e-7 relative); the issue sets 1e-5. */
  glmmOptimum: { rel: 1e-5, abs: 1e-8 },
  /**
   * rma.mv run as a user runs it (metafor's default nlminb): it stops short of the optimum by up to ~1e-5
   * in a variance component on flat likelihoods (test/fixtures/metafor-mv/generate-mv.R polishes its
   * fixtures for that reason), and the estimates, SEs and CIs inherit it. Only for the R-call check of
   * the multilevel analysis, which also asserts metasynth's log-likelihood is at least metafor's.
   */
  mvDefaultOptimiser: { rel: 1e-5, abs: 1e-8 },
} as const satisfies Record<string, Tolerance>;

/** Absolute difference within tolerance? null/NaN on both sides count as equal (metafor NA). */
export function withinTolerance(actual: number | null | undefined, expected: number | null | undefined, tol: Tolerance): boolean {
  const aMissing = actual === null || actual === undefined || Number.isNaN(actual);
  const eMissing = expected === null || expected === undefined || Number.isNaN(expected);
  if (aMissing || eMissing) return aMissing === eMissing;
  if (actual === expected) return true; // also equal infinities
  return Math.abs(actual - expected) <= Math.max(tol.rel * Math.abs(expected), tol.abs);
}

/** Assert closeness; the failure message names the figure and prints Δ and tol. */
export function expectClose(actual: number | null | undefined, expected: number | null | undefined, tol: Tolerance, what = 'value'): void {
  if (withinTolerance(actual, expected, tol)) return;
  const delta = typeof actual === 'number' && typeof expected === 'number' ? Math.abs(actual - expected) : NaN;
  const allowed = typeof expected === 'number' ? Math.max(tol.rel * Math.abs(expected), tol.abs) : NaN;
  expect.fail(`${what}: got ${actual}, expected ${expected} (Δ = ${delta}, tol = ${allowed})`);
}

/** Element-wise closeness of two arrays (lengths must agree). */
export function expectAllClose(actual: ArrayLike<number | null>, expected: ArrayLike<number | null>, tol: Tolerance, what = 'array'): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], tol, `${what}[${i}]`);
}

/**
 * I² (percent) and H² are functions of tau²: I² = 100·τ²/(v̄ + τ²) and H² = 1 + τ²/v̄, with v̄ the
 * typical within-study variance. At the boundary metafor's Fisher scoring creeps towards τ² = 0 and
 * stops at ~1e-13 where the exact maximum is 0 (metasynth returns 0), so there τ²'s absolute
 * tolerance propagates to I² and H² divided by v̄ — which can be tiny (risk differences). v̄ is
 * recovered from the expected figures as τ²/(H² − 1). Elsewhere `base` applies unchanged.
 */
export function heterogeneityTolerance(
  which: 'I2' | 'H2',
  expectedTau2: number | null | undefined,
  expectedH2: number | null | undefined,
  base: Tolerance,
): Tolerance {
  if (typeof expectedTau2 !== 'number' || typeof expectedH2 !== 'number') return base;
  if (!(expectedTau2 > 0 && expectedTau2 <= TOL.tau2.abs && expectedH2 > 1)) return base;
  const typicalVariance = expectedTau2 / (expectedH2 - 1);
  const abs = ((which === 'I2' ? 100 : 1) * TOL.tau2.abs) / typicalVariance;
  return { rel: base.rel, abs: Math.max(base.abs, abs) };
}

/**
 * A reference suite's comparison functions that also count what they compared, and print the
 * count when the file's tests end: numbers (NA = null counted apart) and exact values.
 */
export function figureCounter(label: string): {
  close(actual: number | null | undefined, expected: number | null | undefined, tol: Tolerance, what: string): void;
  same(actual: unknown, expected: unknown, what: string): void;
} {
  let compared = 0;
  let comparedNull = 0;
  afterAll(() => {
    console.log(`${label}: ${compared} metafor figures compared (+ ${comparedNull} NA expected as null)`);
  });
  return {
    close(actual, expected, tol, what) {
      if (expected === null || expected === undefined) comparedNull++;
      else compared++;
      expectClose(actual, expected, tol, what);
    },
    same(actual, expected, what) {
      compared++;
      expect(actual, what).toEqual(expected);
    },
  };
}
