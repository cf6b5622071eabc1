// Distribution of a positive definite quadratic form in standard normal variables,
// Q = Σ_j λ_j Z_j² (λ_j > 0), by Ruben's expansion in central chi-square distributions (Ruben 1962,
// Ann Math Stat 33:542; the method of Farebrother 1984, Appl Stat 33:332, algorithm AS 204, which
// CompQuadForm's `farebrother` implements and metafor's GENQM uses). Written from the papers.
//
// With 0 < β ≤ min λ and γ_j = 1 − β/λ_j ∈ [0, 1):
//   P(Q ≤ x) = Σ_{n≥0} c_n · F_{m+2n}(x/β),   F_ν the chi-square CDF with ν df,
//   c_0 = Π_j (β/λ_j)^{1/2},   n·c_n = Σ_{s=1..n} g_s·c_{n−s},   g_s = ½ Σ_j γ_j^s.
// (The c_n are the power-series coefficients of c_0·Π_j (1 − γ_j z)^{−1/2}: all ≥ 0, summing to 1.)
// The tail after N terms is at most (1 − Σ_{n≤N} c_n)·F_{m+2N+2}(x/β), an exact bound, which
// stops the series. F_{ν+2}(y) = F_ν(y) − (y/2)^{ν/2} e^{−y/2} / Γ(ν/2 + 1) gives every F from F_m.
import gammaln from '@stdlib/math-base-special-gammaln';
import { chiSquareCdf } from './chiSquare.js';

/** Bound on the neglected tail of the series (absolute, on the probability). */
const SERIES_TOLERANCE = 1e-15;
/** The series gives up (NaN) beyond this many terms times weights (about 20 ms of work). */
const MAX_WORK = 2e7;

/**
 * P(Σ λ_j Z_j² ≤ x) for positive weights λ (Z_j independent standard normals): the CDF of a
 * positive definite quadratic form in normal variables, by Ruben's chi-square series (see the file
 * comment; accurate to about 1e-14 absolute). The convolution n·c_n = Σ_s g_s·c_{n−s} is carried
 * as m running sums T_j(n) = Σ_{s≥1} γ_j^s c_{n−s}, T_j(n + 1) = γ_j·(c_n + T_j(n)), so that each
 * coefficient costs O(m) and every term is positive (no cancellation). Weights ≤ 1e-12·max λ are
 * dropped (their share of Q is below double precision). Kernel: NaN in, NaN out; NaN also when the
 * series would need more than ~2e7 operations (weights spanning many orders of magnitude).
 * @example quadraticFormCdf(3, [2, 1, 0.5]) // 0.56659160 (CompQuadForm: 1 − farebrother(3, c(2, 1, 0.5))$Qq)
 */
export function quadraticFormCdf(x: number, lambda: ArrayLike<number>): number {
  if (Number.isNaN(x)) return NaN;
  let max = 0;
  for (let j = 0; j < lambda.length; j++) {
    const l = lambda[j]!;
    if (!(l >= 0) || !Number.isFinite(l)) return NaN;
    max = Math.max(max, l);
  }
  const kept = Array.from(lambda).filter((l) => l > 1e-12 * max);
  if (kept.length === 0) return x >= 0 ? 1 : 0;
  if (x <= 0) return 0;
  if (!Number.isFinite(x)) return 1;
  return rubenSeries(x, kept);
}

/** The series of {@link quadraticFormCdf} for weights already checked (all > 0). */
function rubenSeries(x: number, lambda: readonly number[]): number {
  const beta = Math.min(...lambda);
  const m = lambda.length;
  const gamma = Float64Array.from(lambda, (l) => 1 - beta / l);
  const running = new Float64Array(m);
  const y = x / beta;
  // The coefficients are carried scaled by exp(−logScale), so that c_0 cannot underflow.
  let logScale = 0;
  for (const l of lambda) logScale += 0.5 * Math.log(beta / l);
  let c = 1;
  let sumC = Math.exp(logScale);
  let cdfNu = chiSquareCdf(y, m);
  let logDensity = (m / 2) * Math.log(y / 2) - y / 2 - gammaln(m / 2 + 1); // log(F_ν − F_{ν+2})
  let total = sumC * cdfNu;
  const maxTerms = Math.floor(MAX_WORK / m);
  for (let n = 1; n <= maxTerms; n++) {
    cdfNu = Math.max(0, cdfNu - Math.exp(logDensity));
    const nu = m + 2 * (n - 1);
    logDensity += Math.log(y / 2) - Math.log(nu / 2 + 1);
    if ((1 - sumC) * cdfNu < SERIES_TOLERANCE) return Math.min(1, total);
    let sumT = 0;
    for (let j = 0; j < m; j++) {
      const t = gamma[j]! * (c + running[j]!);
      running[j] = t;
      sumT += t;
    }
    c = sumT / (2 * n);
    const scaled = c > 0 ? Math.exp(Math.log(c) + logScale) : 0;
    sumC += scaled;
    total += scaled * cdfNu;
    if (c > 1e250) {
      c *= 1e-250;
      for (let j = 0; j < m; j++) running[j] = running[j]! * 1e-250;
      logScale += 250 * Math.LN10;
    }
  }
  return NaN;
}

/**
 * P(Σ λ_j Z_j² > x): the upper tail of {@link quadraticFormCdf} (CompQuadForm's `farebrother(x, λ)$Qq`).
 * @example quadraticFormSurvival(3, [2, 1, 0.5]) // 0.43340840 (CompQuadForm farebrother)
 */
export function quadraticFormSurvival(x: number, lambda: ArrayLike<number>): number {
  return 1 - quadraticFormCdf(x, lambda);
}
