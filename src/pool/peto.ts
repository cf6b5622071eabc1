import type { Warning } from '../core/errors.js';
import type { TwoByTwo } from '../effects/types.js';
import type { CountsFit } from './mantelHaenszel.js';
import { twoByTwoEffect } from './twoByTwo.js';
import { POOL_MESSAGES } from './messages.js';

/**
 * Peto's one-step pooled log odds ratio (Yusuf, Peto, Lewis, Collins & Sleight 1985; metafor
 * `rma.peto()` with its defaults): β = Σ(a − E)/ΣV, SE = 1/√ΣV with E = (a + c)·n1/N and
 * V = (a + c)(b + d)·n1·n2/(N²(N − 1)) from the raw counts. Q = Σ V·((a − E)/V − β)² over tables
 * with V > 0 (the same as metafor's Σ(a − E)²/V − (Σ(a − E))²/ΣV, without its cancellation), on
 * k.yi − 1 df, k.yi the tables that are not double-zero. Weights are V.
 * @example peto(bcgTable.studies.map((s) => s.counts)).estimate // -0.4744 (metafor: rma.peto on dat.bcg)
 */
export function peto(counts: readonly TwoByTwo[]): CountsFit {
  const k = counts.length;
  const warnings: Warning[] = [];
  const weights = new Float64Array(k);
  const dev = new Float64Array(k);
  let sumV = 0;
  let sumDev = 0;
  let kPos = 0;
  for (let i = 0; i < k; i++) {
    const { ai: a, bi: b, ci: c, di: d } = counts[i] as TwoByTwo;
    const n1 = a + b;
    const n2 = c + d;
    const n = n1 + n2;
    const xt = a + c;
    const yt = b + d;
    const e = n > 0 ? (xt * n1) / n : 0;
    const v = n > 1 ? (xt * yt * (n1 / n) * (n2 / n)) / (n - 1) : 0;
    weights[i] = v;
    dev[i] = a - e;
    sumV += v;
    sumDev += a - e;
    if (v > 0) kPos++;
  }
  let estimate = NaN;
  let se = NaN;
  let q = NaN;
  if (sumV > 0) {
    estimate = sumDev / sumV;
    se = Math.sqrt(1 / sumV);
    let s = 0;
    for (let i = 0; i < k; i++) {
      const v = weights[i] as number;
      if (v > 0) s += v * ((dev[i] as number) / v - estimate) ** 2;
    }
    q = s;
  } else {
    warnings.push({ code: 'not_estimable', message: POOL_MESSAGES.not_estimable_peto().text });
  }
  const ys: number[] = [];
  const vs: number[] = [];
  for (const t of counts) {
    const e = twoByTwoEffect('PETO', t);
    if (e) {
      ys.push(e.yi);
      vs.push(e.vi);
    }
  }
  const yi = Float64Array.from(ys);
  const vi = Float64Array.from(vs);
  let res = 0;
  for (let i = 0; i < yi.length; i++) res += ((yi[i] as number) - estimate) ** 2 / (vi[i] as number);
  return {
    estimate,
    standardError: se,
    yi,
    vi,
    q: kPos > 1 ? q : NaN,
    qDf: yi.length - 1,
    residualSumOfSquares: res,
    weights,
    tests: null,
    warnings,
  };
}
