// The row pass of a singleton tree (nestedTree.ts, climbFromRows) for an intercept-only model:
// the columns are (1, y), so every sum the general pass keeps is one of Σα^r, Σα^r·y, Σα^r·y²
// (r = 1, 2, 3; α = 1/(v_i + s)). Rows of one parent that follow each other are summed in local
// variables and added to the parent's cells once per run, so the pass costs a few multiply-adds
// per row whatever the order of the rows (rows out of order only make shorter runs).
import { LogSum } from './logSum.js';

/** Sums of one run of rows: Σα^r, Σα^r·y, Σα^r·y² for r = 1, 2, 3. */
interface RunSums {
  a1: number;
  a1y: number;
  a1yy: number;
  a2: number;
  a2y: number;
  a2yy: number;
  a3: number;
  a3y: number;
  a3yy: number;
}

/** Add a run's first sums into group cells at `o` (the layout of groupWidth(2)) and its moments (momentWidth(2) cells at `mo`; block 1 is copied later); empties the run. */
function flush(dst: Float64Array, o: number, m: Float64Array | null, mo: number, r: RunSums): void {
  dst[o] = dst[o]! + r.a1;
  dst[o + 2] = dst[o + 2]! + r.a1;
  dst[o + 3] = dst[o + 3]! + r.a1y;
  dst[o + 4] = dst[o + 4]! + r.a1;
  dst[o + 6] = dst[o + 6]! + r.a1y;
  dst[o + 7] = dst[o + 7]! + r.a1yy;
  r.a1 = r.a1y = r.a1yy = 0;
  if (!m) return;
  // Blocks of 7 cells: Σα^r, Σα^r·(1, y), Σα^r·(1, y)(1, y)' lower triangle (cell 4 of a block is the unused upper one).
  for (let b = 7; b <= 14; b += 7) {
    const a = b === 7 ? r.a2 : r.a3;
    const ay = b === 7 ? r.a2y : r.a3y;
    const ayy = b === 7 ? r.a2yy : r.a3yy;
    const q = mo + b;
    m[q] = m[q]! + a;
    m[q + 1] = m[q + 1]! + a;
    m[q + 2] = m[q + 2]! + ay;
    m[q + 3] = m[q + 3]! + a;
    m[q + 5] = m[q + 5]! + ay;
    m[q + 6] = m[q + 6]! + ayy;
  }
  r.a2 = r.a2y = r.a2yy = r.a3 = r.a3y = r.a3yy = 0;
}

/**
 * Add each row (α = 1/(v_i + s), columns 1 and y) into its parent's cells (`parent` null: all
 * into one), with the second and third moments when `m` is given; returns Σ log(v_i + s).
 * Same sums as the general row pass with the columns (1, y), in fewer operations.
 * @example interceptRowPass(null, 1, Float64Array.of(1, 3), Float64Array.of(2, 4), new Float64Array(8), null) // 2.0794 (log 2 + log 4)
 */
export function interceptRowPass(parent: Int32Array | null, s: number, v: Float64Array, y: Float64Array, dst: Float64Array, m: Float64Array | null): number {
  const logs = new LogSum();
  const run: RunSums = { a1: 0, a1y: 0, a1yy: 0, a2: 0, a2y: 0, a2yy: 0, a3: 0, a3y: 0, a3yy: 0 };
  let g = -1;
  m?.fill(0);
  for (let i = 0; i < v.length; i++) {
    const gi = parent ? parent[i]! : 0;
    if (gi !== g) {
      if (g >= 0) flush(dst, g * 8, m, g * 21, run);
      g = gi;
    }
    const d = v[i]! + s;
    logs.add(d);
    const w = 1 / d;
    const yi = y[i]!;
    const wy = w * yi;
    run.a1 += w;
    run.a1y += wy;
    run.a1yy += wy * yi;
    if (m) {
      const w2 = w * w;
      const w2y = w2 * yi;
      run.a2 += w2;
      run.a2y += w2y;
      run.a2yy += w2y * yi;
      run.a3 += w2 * w;
      run.a3y += w2y * w;
      run.a3yy += w2y * w * yi;
    }
  }
  if (g >= 0) flush(dst, g * 8, m, g * 21, run);
  return logs.value;
}
