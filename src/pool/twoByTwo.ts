import type { Measure, TwoByTwo } from '../effects/types.js';

/** The 2x2 measures whose per-study yi/vi Mantel–Haenszel and Peto need for their Q statistics. */
export type TwoByTwoMeasure = Extract<Measure, 'OR' | 'RR' | 'RD' | 'PETO'>;

/**
 * Per-study yi and vi of one 2x2 table as metafor's `escalc()` computes them for `rma.mh` and
 * `rma.peto` (add = 1/2, to = "only0", drop00 = TRUE): 1/2 is added to every cell of a table with
 * a zero cell, and a table with no events (or only events) in both groups gives null.
 * Log odds ratio: vi = 1/a + 1/b + 1/c + 1/d (Woolf); log risk ratio: vi = 1/a − 1/n1 + 1/c − 1/n2;
 * risk difference: vi = p1(1 − p1)/n1 + p2(1 − p2)/n2; Peto: yi = (a − E)/V, vi = 1/V with
 * E = (a + c)·n1/N and V = (a + c)(b + d)·n1·n2/(N²(N − 1)) (Yusuf et al. 1985).
 * This is separate from the foundation's escalc because these analyses always drop double-zero
 * tables, while escalc's default keeps them.
 * @example twoByTwoEffect('RR', { ai: 4, bi: 119, ci: 11, di: 128 }) // { yi: -0.8893113339202054, vi: 0.32558476500396133 }
 */
export function twoByTwoEffect(measure: TwoByTwoMeasure, t: TwoByTwo): { yi: number; vi: number } | null {
  if ((t.ai === 0 && t.ci === 0) || (t.bi === 0 && t.di === 0)) return null;
  let { ai: a, bi: b, ci: c, di: d } = t;
  if (a === 0 || b === 0 || c === 0 || d === 0) {
    a += 0.5;
    b += 0.5;
    c += 0.5;
    d += 0.5;
  }
  const n1 = a + b;
  const n2 = c + d;
  let yi: number;
  let vi: number;
  switch (measure) {
    case 'OR':
      yi = Math.log((a * d) / (b * c));
      vi = 1 / a + 1 / b + 1 / c + 1 / d;
      break;
    case 'RR':
      yi = Math.log(a / n1) - Math.log(c / n2);
      vi = 1 / a - 1 / n1 + 1 / c - 1 / n2;
      break;
    case 'RD': {
      const p1 = a / n1;
      const p2 = c / n2;
      yi = p1 - p2;
      vi = (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2;
      break;
    }
    case 'PETO': {
      const n = n1 + n2;
      const xt = a + c;
      const yt = b + d;
      const e = (xt * n1) / n;
      const v = (xt * yt * (n1 / n) * (n2 / n)) / (n - 1);
      yi = (a - e) / v;
      vi = 1 / v;
      break;
    }
  }
  return Number.isFinite(yi) && Number.isFinite(vi) && vi > 0 ? { yi, vi } : null;
}
