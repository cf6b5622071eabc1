// A 2x2 table from an odds ratio and the table's margins (the method of metafor's `conv.2x2`).

/** R's round(): half to even, as metafor's cell counts are rounded. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Cells ai, bi, ci, di of the table with total `ni`, row margin `n1i` (= ai + bi), column margin
 * `n2i` (= ai + ci) and odds ratio `ori`: p11 solves ori = p11·p22/(p12·p21) given the margins,
 * p11 = (x − √(x² − 4·p1.·p.1·OR(OR − 1)))/(2(OR − 1)) with x = OR(p1. + p.1) + p2. − p.1
 * (Bonett 2007), ai = round(ni·p11). NaN cells when a cell comes out negative.
 * @example twoByTwoFromOr({ ori: 2, ni: 200, n1i: 100, n2i: 80 }) // { ai: 48, bi: 52, ci: 32, di: 68 }
 */
export function twoByTwoFromOr(x: { ori: number; ni: number; n1i: number; n2i: number }): { ai: number; bi: number; ci: number; di: number } {
  const p1 = x.n1i / x.ni;
  const pc = x.n2i / x.ni;
  const or = x.ori;
  let p11: number;
  if (or === 1) p11 = p1 * pc;
  else {
    const s = or * (p1 + pc) + (1 - p1) - pc;
    p11 = (s - Math.sqrt(s * s - 4 * p1 * pc * or * (or - 1))) / (2 * (or - 1));
  }
  const ai = roundHalfEven(x.ni * p11);
  const cells = { ai, bi: x.n1i - ai, ci: x.n2i - ai, di: x.ni - x.n1i - x.n2i + ai };
  return Object.values(cells).every((c) => c >= 0) ? cells : { ai: NaN, bi: NaN, ci: NaN, di: NaN };
}
