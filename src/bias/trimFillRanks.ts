// The rank machinery of Duval and Tweedie's trim-and-fill, kept apart from any model fitting so
// that it can be tested on its own.

export const TRIM_FILL_ESTIMATORS = ['L0', 'R0', 'Q0'] as const;
export type TrimFillEstimator = (typeof TRIM_FILL_ESTIMATORS)[number];
/**
 * True for a trim-and-fill estimator (TRIM_FILL_ESTIMATORS).
 * @example isTrimFillEstimator('R0') // true
 */
export function isTrimFillEstimator(x: unknown): x is TrimFillEstimator {
  return typeof x === 'string' && (TRIM_FILL_ESTIMATORS as readonly string[]).includes(x);
}

export interface MissingStudiesEstimate {
  /** The estimator's value before rounding (L0 is fractional; R0 an integer). */
  readonly raw: number;
  /** Its standard error (Duval & Tweedie 2000). */
  readonly standardError: number;
}

/**
 * Round half to even, as R's round() (IEC 60559), so that k0 agrees with metafor on exact halves.
 * @example roundHalfEven(2.5) // 2
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Estimate the number of missing studies from effects `y` (already flipped so that the missing
 * studies would lie on the left, and sorted increasingly) centred at `centre`. Ranks of |yᵢ − centre|
 * break ties by position (R's `ties.method = "first"`); a centred value of exactly 0 has sign 0.
 * - L0 = (4 Sᵣ − k(k + 1)) / (2k − 1), Sᵣ the sum of the positive signed ranks, with
 *   Var(Sᵣ) = [k(k+1)(2k+1) + 10k0³ + 27k0² + 17k0 − 18k·k0² − 18k·k0 + 6k²·k0] / 24 and
 *   SE(L0) = 4 √Var(Sᵣ) / (2k − 1), evaluated at the unrounded L0.
 * - R0 = k − γ − 1, γ the largest rank among negative centred values (no negative value: γ = 0),
 *   SE(R0) = √(2 max(0, R0) + 2).
 * - Q0 = k − 1/2 − √(2k² − 4Sᵣ + 1/4), with Var(Sᵣ) as for L0 at Q0 and
 *   SE(Q0) = 2 √Var(Sᵣ) / √((k − 1/2)² − Q0(2k − Q0 − 1)).
 * Duval, S., & Tweedie, R. (2000). A nonparametric "trim and fill" method of accounting for
 * publication bias in meta-analysis. JASA, 95, 89–98.
 * @example estimateMissing(Float64Array.of(-1, 0.2, 0.5, 2, 3), 0.3, 'L0').raw // 1.5555555555555556 (= 14/9)
 */
export function estimateMissing(y: Float64Array, centre: number, estimator: TrimFillEstimator): MissingStudiesEstimate {
  const k = y.length;
  const order = Array.from({ length: k }, (_, i) => i);
  const absC = (i: number) => Math.abs(y[i]! - centre);
  order.sort((a, b) => absC(a) - absC(b) || a - b); // stable: ties ranked by position
  if (estimator === 'R0') {
    let gamma = 0;
    for (let r = 0; r < k; r++) if (y[order[r]!]! - centre < 0) gamma = r + 1;
    const raw = k - gamma - 1;
    return { raw, standardError: Math.sqrt(2 * Math.max(0, raw) + 2) };
  }
  let sr = 0;
  for (let r = 0; r < k; r++) if (y[order[r]!]! - centre > 0) sr += r + 1;
  const raw = estimator === 'Q0' ? k - 0.5 - Math.sqrt(2 * k * k - 4 * sr + 0.25) : (4 * sr - k * (k + 1)) / (2 * k - 1);
  const k0 = raw;
  const varSr = (k * (k + 1) * (2 * k + 1) + 10 * k0 ** 3 + 27 * k0 ** 2 + 17 * k0 - 18 * k * k0 ** 2 - 18 * k * k0 + 6 * k ** 2 * k0) / 24;
  if (estimator === 'Q0') return { raw, standardError: Math.max(0, (2 * Math.sqrt(varSr)) / Math.sqrt((k - 0.5) ** 2 - k0 * (2 * k - k0 - 1))) };
  return { raw, standardError: Math.max(0, (4 * Math.sqrt(varSr)) / (2 * k - 1)) };
}
