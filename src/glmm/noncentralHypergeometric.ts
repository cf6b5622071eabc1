import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * One 2x2 table in the form the conditional model uses: `x` = events in group 1 (ai), group sizes
 * `m1 = ai + bi`, `m2 = ci + di`, total events `n = ai + ci`, and the log-weights of every value of
 * the support `lo..hi` at log OR 0: log C(m1, y) + log C(m2, n − y).
 */
export interface ConditionalTable {
  readonly x: number;
  readonly lo: number;
  readonly hi: number;
  readonly logWeights: Float64Array;
}

const logChoose = (n: number, k: number): number => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);

/**
 * The conditional table of counts ai, bi, ci, di (Fisher's non-central hypergeometric distribution
 * of ai given the margins; Breslow & Day 1980, §4.2; the distribution BiasedUrn's `dFNCHypergeo`
 * evaluates for metafor's CM.EL model).
 * @example conditionalTable(1, 9, 2, 8).hi // 3
 */
export function conditionalTable(ai: number, bi: number, ci: number, di: number): ConditionalTable {
  const m1 = ai + bi;
  const m2 = ci + di;
  const n = ai + ci;
  const lo = Math.max(0, n - m2);
  const hi = Math.min(n, m1);
  const logWeights = new Float64Array(hi - lo + 1);
  for (let y = lo; y <= hi; y++) logWeights[y - lo] = logChoose(m1, y) + logChoose(m2, n - y);
  return { x: ai, lo, hi, logWeights };
}

/** The log-density of the observed count, and the mean and variance of the count, at one log OR. */
export interface ConditionalMoments {
  readonly logDensity: number;
  readonly mean: number;
  readonly variance: number;
}

/**
 * log P(X = x; θ) = log C(m1,x) + log C(m2,n−x) + θx − log Σ_y C(m1,y) C(m2,n−y) e^{θy}, with the
 * mean and variance of X (the score and information of θ: x − E X and Var X). Summed in log space
 * from the largest term, so no overflow for any θ. NaN in, NaN out.
 * @example conditionalMoments(conditionalTable(1, 9, 2, 8), 0).mean // 1.5
 */
export function conditionalMoments(table: ConditionalTable, theta: number): ConditionalMoments {
  const { x, lo, logWeights } = table;
  let top = -Infinity;
  for (let j = 0; j < logWeights.length; j++) top = Math.max(top, (logWeights[j] as number) + theta * (lo + j));
  let s0 = 0;
  let s1 = 0;
  for (let j = 0; j < logWeights.length; j++) {
    const w = Math.exp((logWeights[j] as number) + theta * (lo + j) - top);
    s0 += w;
    s1 += w * j;
  }
  const meanOffset = s1 / s0;
  // Second pass about the mean: no cancellation when the variance is tiny (|θ| large).
  let s2 = 0;
  for (let j = 0; j < logWeights.length; j++) {
    const d = j - meanOffset;
    s2 += Math.exp((logWeights[j] as number) + theta * (lo + j) - top) * d * d;
  }
  const variance = s2 / s0;
  const logDensity = (logWeights[x - lo] as number) + theta * x - top - Math.log(s0);
  return { logDensity, mean: lo + meanOffset, variance };
}
