// The row pass of a singleton tree (nestedTree.ts, climbFromRows) for an intercept-only model:
// the columns are (1, y), so every sum the general pass keeps is one of Σα^r, Σα^r·y, Σα^r·y²
// (r = 1, 2, 3; α = 1/(v_i + s)). Rows of one parent that follow each other are summed in local
// variables and added to the parent's cells once per run, so the pass costs a few multiply-adds
// per row whatever the order of the rows (rows out of order only make shorter runs).

/**
 * Add a run's sums Σα^r, Σα^r·y, Σα^r·y² (r = 1, 2, 3) into group cells at `o` (the layout of
 * groupWidth(2)) and, when `m` is given, into its moments (momentWidth(2) cells at `mo`). Blocks
 * of 7 cells: Σα^r, Σα^r·(1, y), Σα^r·(1, y)(1, y)' lower triangle (cell 4 of a block is the
 * unused upper one).
 */
function flush(dst: Float64Array, o: number, m: Float64Array | null, mo: number, r: Float64Array): void {
  dst[o] = dst[o]! + r[0]!;
  dst[o + 2] = dst[o + 2]! + r[0]!;
  dst[o + 3] = dst[o + 3]! + r[1]!;
  dst[o + 4] = dst[o + 4]! + r[0]!;
  dst[o + 6] = dst[o + 6]! + r[1]!;
  dst[o + 7] = dst[o + 7]! + r[2]!;
  if (!m) return;
  for (let b = 0; b <= 2; b++) {
    const q = mo + 7 * b;
    const a = r[3 * b]!;
    const ay = r[3 * b + 1]!;
    m[q] = m[q]! + a;
    m[q + 1] = m[q + 1]! + a;
    m[q + 2] = m[q + 2]! + ay;
    m[q + 3] = m[q + 3]! + a;
    m[q + 5] = m[q + 5]! + ay;
    m[q + 6] = m[q + 6]! + r[3 * b + 2]!;
  }
}

/** Σ log(v_i + s) over the rows [start, end), one logarithm each (the rare run whose factors are not all within 1e±19). */
function exactLogs(s: number, v: Float64Array, start: number, end: number): number {
  let logs = 0;
  for (let i = start; i < end; i++) logs += Math.log(v[i]! + s);
  return logs;
}

/**
 * Σα^r, Σα^r·y, Σα^r·y² (r = 1, 2, 3; α = 1/(v_i + s)) of the rows [start, end) into `out[0..8]`
 * (in that order by r) and the product of their v_i + s not yet logged into `out[9]`; returns the
 * Σ log(v_i + s) logged so far: one logarithm per 16 factors, as LogSum (logSum.ts) takes it. The
 * check is per run, not per row: every factor lies within 1e±19 when Σα < 1e19 (min d ≥ 1/Σα) and
 * Σd < 1e19 (max d ≤ Σd), and then no product of 16 leaves the normal range; otherwise the run's
 * logarithms are taken one by one. The sums live in local variables for the run (a loop that
 * carried them across runs kept them in memory: three times slower).
 */
function sumRun(s: number, v: Float64Array, y: Float64Array, start: number, end: number, out: Float64Array): number {
  let logs = 0;
  let product = 1;
  let sumD = 0;
  let a1 = 0;
  let a1y = 0;
  let a1yy = 0;
  let a2 = 0;
  let a2y = 0;
  let a2yy = 0;
  let a3 = 0;
  let a3y = 0;
  let a3yy = 0;
  for (let i = start; i < end; i++) {
    const d = v[i]! + s;
    sumD += d;
    product *= d;
    if (((i - start) & 15) === 15) {
      logs += Math.log(product);
      product = 1;
    }
    const w = 1 / d;
    const yi = y[i]!;
    const wy = w * yi;
    const w2 = w * w;
    const w2y = w2 * yi;
    a1 += w;
    a1y += wy;
    a1yy += wy * yi;
    a2 += w2;
    a2y += w2y;
    a2yy += w2y * yi;
    a3 += w2 * w;
    a3y += w2y * w;
    a3yy += w2y * w * yi;
  }
  out[0] = a1;
  out[1] = a1y;
  out[2] = a1yy;
  out[3] = a2;
  out[4] = a2y;
  out[5] = a2yy;
  out[6] = a3;
  out[7] = a3y;
  out[8] = a3yy;
  if (a1 < 1e19 && sumD < 1e19) {
    out[9] = product;
    return logs;
  }
  out[9] = 1;
  return exactLogs(s, v, start, end);
}

/**
 * Add each row (α = 1/(v_i + s), columns 1 and y) into its parent's cells (`parent` null: all
 * into one), with its moments of order 1 to 3 when `m` is given; returns Σ log(v_i + s).
 * Same sums as the general row pass with the columns (1, y), in fewer operations.
 * @example interceptRowPass(null, 1, Float64Array.of(1, 3), Float64Array.of(2, 4), new Float64Array(8), null) // 2.0794 (log 2 + log 4)
 */
export function interceptRowPass(parent: Int32Array | null, s: number, v: Float64Array, y: Float64Array, dst: Float64Array, m: Float64Array | null): number {
  const k = v.length;
  const run = new Float64Array(10);
  m?.fill(0);
  let logs = 0;
  // The runs' products are multiplied together and logged once per 16 runs (or out of 1e±100, or at the end).
  let product = 1;
  for (let start = 0, runs = 1; start < k; runs++) {
    const g = parent ? parent[start]! : 0;
    let end = k;
    if (parent) for (end = start + 1; end < k && parent[end] === g; ) end++;
    logs += sumRun(s, v, y, start, end, run);
    flush(dst, g * 8, m, g * 21, run);
    const r = run[9]!;
    if (r > 1e-100 && r < 1e100) product *= r;
    else logs += Math.log(r);
    start = end;
    if ((runs & 15) === 0 || start === k || !(product > 1e-100 && product < 1e100)) {
      logs += Math.log(product);
      product = 1;
    }
  }
  return logs;
}
