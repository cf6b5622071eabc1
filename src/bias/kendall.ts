// Kendall's rank correlation: tau-b in O(n log n) (Knight 1966) and the exact null distribution
// of the number of concordant pairs when there are no ties, as R's cor.test(method = "kendall").

/** Pair counts behind Kendall's tau. */
export interface KendallCounts {
  readonly n: number;
  /** n(n − 1)/2 */
  readonly pairs: number;
  /** Concordant minus discordant pairs (S). */
  readonly s: number;
  /** Tie-group sizes (> 1) of x and of y. */
  readonly xTies: readonly number[];
  readonly yTies: readonly number[];
  /** tau-b = S / sqrt((T0 − T1)(T0 − T2)); equals tau-a without ties. NaN when a variable is constant. */
  readonly tau: number;
}

function tieGroups(sorted: Float64Array): number[] {
  const groups: number[] = [];
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) run++;
    else {
      if (run > 1) groups.push(run);
      run = 1;
    }
  }
  return groups;
}

/**
 * Kendall's tau-b with Knight's (1966) merge-sort algorithm: sort by x (then y), count the
 * inversions of y, which are the discordant pairs. Never throws.
 * Knight, W. R. (1966). A computer method for calculating Kendall's tau with ungrouped data. JASA 61, 436–439.
 * @example kendallCounts([1, 2, 3], [1, 3, 2]).tau // 0.3333333333333333
 */
export function kendallCounts(x: ArrayLike<number>, y: ArrayLike<number>): KendallCounts {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]!);
  const xs = new Float64Array(n);
  let ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = x[order[i]!]!;
    ys[i] = y[order[i]!]!;
  }
  // Pairs tied in x (n1) and tied in both (n3), from runs of the (x, y)-sorted sequence.
  let n1 = 0;
  let n3 = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && xs[j] === xs[i]) j++;
    const t = j - i;
    n1 += (t * (t - 1)) / 2;
    for (let a = i; a < j; ) {
      let b = a + 1;
      while (b < j && ys[b] === ys[a]) b++;
      n3 += ((b - a) * (b - a - 1)) / 2;
      a = b;
    }
    i = j;
  }
  // Bottom-up merge sort of y counting strict inversions (= discordant pairs).
  let swaps = 0;
  let buf = new Float64Array(n);
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) {
        if (ys[j]! < ys[i]!) {
          swaps += mid - i;
          buf[o++] = ys[j++]!;
        } else buf[o++] = ys[i++]!;
      }
      while (i < mid) buf[o++] = ys[i++]!;
      while (j < hi) buf[o++] = ys[j++]!;
    }
    [ys, buf] = [buf, ys];
  }
  const yTies = tieGroups(ys);
  const xTies = tieGroups(xs);
  let n2 = 0;
  for (const t of yTies) n2 += (t * (t - 1)) / 2;
  const pairs = (n * (n - 1)) / 2;
  const s = pairs - n1 - n2 + n3 - 2 * swaps;
  const tau = s / Math.sqrt((pairs - n1) * (pairs - n2));
  return { n, pairs, s, xTies, yTies, tau };
}

/**
 * P(C ≤ q) for the number C of concordant pairs among n untied observations under independence:
 * C is distributed as the number of inversions of a random permutation (Mahonian numbers), built
 * by the recurrence f_n(j) = (1/n) Σ_{i=0}^{min(j, n−1)} f_{n−1}(j − i) on probabilities (no
 * factorials, so no overflow), truncated at q. Work O(n·q). R: the `pkendall` of cor.test.
 * @example kendallExactCdf(2, 4) // 0.375
 */
export function kendallExactCdf(q: number, n: number): number {
  if (!(q >= 0)) return 0;
  const pairs = (n * (n - 1)) / 2;
  if (q >= pairs) return 1;
  let f = new Float64Array(q + 1);
  let g = new Float64Array(q + 1);
  f[0] = 1; // n = 1: a single permutation with no inversion
  for (let m = 2; m <= n; m++) {
    // g(j) = (1/m) Σ_{i=0}^{m−1} f(j − i), by a sliding window sum; f_m vanishes beyond m(m − 1)/2.
    const top = Math.min(q, (m * (m - 1)) / 2);
    const inv = 1 / m;
    let window = 0;
    for (let j = 0; j <= top; j++) {
      window += f[j]!;
      if (j >= m) window -= f[j - m]!;
      g[j] = window * inv;
    }
    [f, g] = [g, f];
  }
  let total = 0;
  for (let j = 0; j <= q; j++) total += f[j]!;
  return Math.min(1, total);
}
