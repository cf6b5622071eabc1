// The per-parent passes of the score of a singleton tree (nestedScore.ts: rowLevelGradient and
// seedInformation) for a one-column design (z = 2: the column x — the intercept, usually — and y),
// the layout of every intercept-only fit: the same sums from the same moments in the same order,
// as scalars. The general passes loop over z for every parent (several times slower at 10⁴
// parents). Moments of a parent: blocks of 7 cells for r = 1, 2, 3 at o + 7(r − 1):
// Σα^r, Σα^r·(x, y), Σα^r·(xx, ·, yx, yy).

/** A parent's E (two cells at 2q of `e`) and K, or zeros at the top (no level above). */
interface ParentTerms {
  readonly k: Float64Array;
  readonly e: Float64Array;
}

/**
 * ∂ℓ/∂s of the rows' level from the parents' moments (nestedScore.ts, rowLevelGradient, z = 2).
 * @example interceptRowLevelGradient(Float64Array.of(1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0), null, 0, 0.5, true) // -0.25
 */
export function interceptRowLevelGradient(m: Float64Array, terms: ParentTerms | null, beta: number, vb: number, reml: boolean): number {
  let trace = 0;
  let g00 = 0;
  let g10 = 0;
  let g11 = 0;
  for (let q = 0, o = 0; o < m.length; q++, o += 21) {
    const ex = terms ? terms.e[2 * q]! : 0;
    const ey = terms ? terms.e[2 * q + 1]! : 0;
    const a = m[o + 7]!;
    const mx = m[o + 8]!;
    const my = m[o + 9]!;
    trace += m[o]! - (terms ? terms.k[q]! : 0) * a;
    g00 += m[o + 10]! - mx * ex - ex * mx + a * ex * ex;
    g10 += m[o + 12]! - my * ex - ey * mx + a * ey * ex;
    g11 += m[o + 13]! - my * ey - ey * my + a * ey * ey;
  }
  const c0 = -beta;
  const uu = c0 * g00 * c0 + c0 * g10 + g10 * c0 + g11;
  const correction = reml ? vb * g00 : 0;
  return -0.5 * (trace - correction) + 0.5 * uu;
}

/**
 * The information climb's cells (columns x, b_0, b_1; 14 a parent) at the rows' parents of a
 * two-level singleton tree from their moments (nestedScore.ts, seedInformation, z = 2), with
 * b_1 = 1'u of each parent in `u1`.
 * @example Array.from(interceptSeedInformation(Float64Array.of(1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0), null, Float64Array.of(2), 0, new Float64Array(14)).subarray(0, 5)) // [1, 0, 1, 0, 2]
 */
export function interceptSeedInformation(m: Float64Array, terms: ParentTerms | null, u1: Float64Array, beta: number, dst: Float64Array): Float64Array {
  const c0 = -beta;
  for (let q = 0, o = 0, d = 0; o < m.length; q++, o += 21, d += 14) {
    const ec = terms ? terms.e[2 * q]! * c0 + terms.e[2 * q + 1]! : 0;
    const a1 = m[o]!;
    const m1x = m[o + 1]!;
    const m2c = m[o + 8]! * c0 + m[o + 9]!;
    const m3c = m[o + 15]! * c0 + m[o + 16]!;
    const s2c0 = m[o + 10]! * c0 + m[o + 12]! - m[o + 8]! * ec;
    const s3cc = c0 * m[o + 17]! * c0 + 2 * m[o + 19]! * c0 + m[o + 20]!;
    const b0 = m2c - m[o + 7]! * ec;
    const ci = u1[q]!;
    dst[d] = a1;
    dst[d + 1] = 0;
    dst[d + 2] = m1x;
    dst[d + 3] = b0;
    dst[d + 4] = ci * a1;
    dst[d + 5] = m[o + 3]!;
    dst[d + 8] = s2c0;
    dst[d + 9] = s3cc - 2 * m3c * ec + m[o + 14]! * ec * ec;
    dst[d + 11] = ci * m1x;
    dst[d + 12] = ci * b0;
    dst[d + 13] = ci * ci * a1;
  }
  return dst;
}

/**
 * ∂ℓ/∂s of the top level of a two-level singleton tree with a one-column design (nestedScore.ts:
 * levelGradient with LevelSums, then childTerms, for z = 2, no level above): 1'u of each group into
 * `u`, and the K and E of the rows' level into `terms`; the same sums in the same order.
 * @example interceptTopGradient(Float64Array.of(2, 0, 2, 1, 0, 0, 0, 0), 0.5, 0, 1, true, new Float64Array(1), { k: new Float64Array(1), e: new Float64Array(2) }) // 1.5
 */
export function interceptTopGradient(level: Float64Array, s: number, beta: number, vb: number, reml: boolean, u: Float64Array, terms: ParentTerms): number {
  let trace = 0;
  let uu = 0;
  let qq = 0;
  for (let g = 0, o = 0; g < u.length; g++, o += 8) {
    const a = level[o]!;
    const h = level[o + 2]!;
    const hy = level[o + 3]!;
    const r = hy - h * beta;
    trace += a;
    uu += r * r;
    if (reml) qq += h * h;
    u[g] = r;
    terms.k[g] = s * (1 - s * a);
    terms.e[2 * g] = s * h;
    terms.e[2 * g + 1] = s * hy;
  }
  const correction = reml ? vb * qq : 0;
  return -0.5 * (trace - correction) + 0.5 * uu;
}
