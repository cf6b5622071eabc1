import type { Warning } from '../core/errors.js';
import type { TwoByTwo } from '../effects/types.js';
import { chiSquareSurvival } from '../distributions/index.js';
import { twoByTwoEffect } from './twoByTwo.js';
import { POOL_MESSAGES } from './messages.js';

/** The numbers of a Mantel–Haenszel or Peto fit before they become a PoolResult (NaN = not computable). */
export interface CountsFit {
  readonly estimate: number;
  readonly standardError: number;
  /** Per-study yi/vi (escalc with add = 1/2, to = "only0", drop00 = TRUE) that were computable. */
  readonly yi: Float64Array;
  readonly vi: Float64Array;
  /** Cochran-type Q, its df (k.yi − 1) and the I², H² from it (metafor QE, I2, H2). */
  readonly q: number;
  readonly qDf: number;
  /** Σ w (y − β)² with w = 1/vi of the per-study estimates (the RSS of metafor's fit statistics). */
  readonly residualSumOfSquares: number;
  /** Unnormalised study weights, input order (metafor weights.rma.mh / weights.rma.peto). */
  readonly weights: Float64Array;
  readonly tests: null | {
    readonly cmh: number;
    readonly cmhP: number;
    readonly cochran: number;
    readonly cochranP: number;
    readonly breslowDay: number;
    readonly breslowDayP: number;
    readonly tarone: number;
    readonly taroneP: number;
  };
  readonly warnings: readonly Warning[];
}

function perStudy(measure: 'OR' | 'RR' | 'RD' | 'PETO', counts: readonly TwoByTwo[]): { yi: Float64Array; vi: Float64Array } {
  const ys: number[] = [];
  const vs: number[] = [];
  for (const t of counts) {
    const e = twoByTwoEffect(measure, t);
    if (e) {
      ys.push(e.yi);
      vs.push(e.vi);
    }
  }
  return { yi: Float64Array.from(ys), vi: Float64Array.from(vs) };
}

function rss(yi: Float64Array, vi: Float64Array, beta: number): number {
  let s = 0;
  for (let i = 0; i < yi.length; i++) s += ((yi[i] as number) - beta) ** 2 / (vi[i] as number);
  return s;
}

/** The pooled figures of one Mantel–Haenszel measure (NaN = not computable). */
interface MhCore {
  readonly estimate: number;
  readonly standardError: number;
  readonly tests: CountsFit['tests'];
}

/**
 * The Mantel–Haenszel odds ratio with the Robins–Breslow–Greenland (1986) variance, and the
 * continuity-corrected CMH test; `weights` receives b·c/N per table.
 */
function mhOddsRatio(counts: readonly TwoByTwo[], weights: Float64Array, warnings: Warning[]): MhCore {
  let r = 0;
  let s = 0;
  let pr = 0;
  let psqr = 0;
  let qs = 0;
  let sumA = 0; // Σ (a − n1·xt/N)
  let sumXt = 0;
  let sumYt = 0;
  let varMh = 0;
  let varCochran = 0;
  for (let i = 0; i < counts.length; i++) {
    const { ai: a, bi: b, ci: c, di: d } = counts[i] as TwoByTwo;
    const n = a + b + c + d;
    if (!(n > 0)) continue;
    const p = (a + d) / n;
    const q = (b + c) / n;
    const ri = (a / n) * d;
    const si = (b / n) * c;
    r += ri;
    s += si;
    pr += p * ri;
    psqr += p * si + q * ri;
    qs += q * si;
    weights[i] = (b / n) * c;
    const n1 = a + b;
    const n2 = c + d;
    const xt = a + c;
    const yt = b + d;
    sumXt += xt;
    sumYt += yt;
    sumA += a - (n1 / n) * xt;
    if (xt > 0 && yt > 0) varMh += (n1 / n) * (n2 / n) * (xt * (yt / (n - 1)));
    varCochran += (n1 / n) * (n2 / n) * (xt * (yt / n));
  }
  if (!(r > 0 && s > 0)) {
    warnings.push({ code: 'not_estimable', message: POOL_MESSAGES.not_estimable_mantel().text });
    return { estimate: NaN, standardError: NaN, tests: null };
  }
  const psi = r / s;
  const se = Math.sqrt(0.5 * (pr / (r * r) + psqr / (r * s) + qs / (s * s)));
  // (|Σ(a − E a)| − ½)² over Σ var a: hypergeometric variances (Mantel & Haenszel 1959; metafor MH)
  // or binomial ones, N for N − 1 (Cochran 1954; metafor CO).
  const informative = sumXt > 0 && sumYt > 0;
  const cmh = informative ? (Math.abs(sumA) - 0.5) ** 2 / varMh : NaN;
  const cochran = informative ? (Math.abs(sumA) - 0.5) ** 2 / varCochran : NaN;
  const bd = breslowDay(counts, psi);
  if (bd.kPos <= 1) warnings.push({ code: 'not_estimable', message: POOL_MESSAGES.not_estimable_breslow(bd.kPos).text });
  return {
    estimate: Math.log(psi),
    standardError: se,
    tests: {
      cmh,
      cmhP: chiSquareSurvival(cmh, 1),
      cochran,
      cochranP: chiSquareSurvival(cochran, 1),
      breslowDay: bd.statistic,
      breslowDayP: bd.kPos > 1 ? chiSquareSurvival(bd.statistic, bd.kPos - 1) : NaN,
      tarone: bd.tarone,
      taroneP: bd.kPos > 1 ? chiSquareSurvival(bd.tarone, bd.kPos - 1) : NaN,
    },
  };
}

/**
 * Breslow–Day test of a common odds ratio `psi` (Breslow & Day 1980) and Tarone's (1985)
 * correction, over the tables with events and non-events (kPos of them). The expected a under psi
 * is the root in [max(0, xt − n2), min(n1, xt)] of (psi − 1)x² − A·x + psi·n1·xt = 0,
 * A = psi(n1 + xt) + n2 − xt, written without cancellation.
 */
function breslowDay(counts: readonly TwoByTwo[], psi: number): { statistic: number; tarone: number; kPos: number } {
  let bd = 0;
  let sumDev = 0;
  let sumVar = 0;
  let kPos = 0;
  for (const t of counts) {
    const { ai: a, bi: b, ci: c, di: d } = t;
    const n = a + b + c + d;
    const n1 = a + b;
    const n2 = c + d;
    const xt = a + c;
    const yt = b + d;
    if (!(n > 0)) continue;
    const aa = psi * (n1 + xt) + (n2 - xt);
    const disc = Math.sqrt(aa * aa - 4 * n1 * xt * psi * (psi - 1));
    const n11 = aa + disc > 0 ? (2 * n1 * xt * psi) / (aa + disc) : (n1 * xt) / n;
    if (!(n11 > 0 && xt > 0 && yt > 0)) continue;
    kPos++;
    const n12 = n1 - n11;
    const n21 = xt - n11;
    const n22 = n11 - n1 - xt + n;
    const inv = 1 / n11 + 1 / n12 + 1 / n21 + 1 / n22;
    bd += (a - n11) ** 2 * inv;
    sumDev += a - n11;
    sumVar += 1 / inv;
  }
  bd = Math.max(0, bd);
  return { statistic: bd, tarone: Math.max(0, bd - (sumDev * sumDev) / sumVar), kPos };
}

/** The Mantel–Haenszel risk ratio with the Greenland–Robins (1985) variance; `weights` receives c·n1/N. */
function mhRiskRatio(counts: readonly TwoByTwo[], weights: Float64Array, warnings: Warning[]): MhCore {
  let r = 0;
  let s = 0;
  let num = 0;
  let sumA = 0;
  let sumC = 0;
  for (let i = 0; i < counts.length; i++) {
    const { ai: a, bi: b, ci: c, di: d } = counts[i] as TwoByTwo;
    const n = a + b + c + d;
    if (!(n > 0)) continue;
    const n1 = a + b;
    const n2 = c + d;
    r += a * (n2 / n);
    s += c * (n1 / n);
    num += (n1 / n) * (n2 / n) * (a + c) - (a / n) * c;
    sumA += a;
    sumC += c;
    weights[i] = (c / n) * n1;
  }
  if (sumA > 0 && sumC > 0) return { estimate: Math.log(r / s), standardError: Math.sqrt(num / (r * s)), tests: null };
  warnings.push({ code: 'not_estimable', message: POOL_MESSAGES.not_estimable_mantel_haenszel().text });
  return { estimate: NaN, standardError: NaN, tests: null };
}

/** The Mantel–Haenszel risk difference with the Sato–Greenland–Robins (1989) variance; `weights` receives n1·n2/N. */
function mhRiskDifference(counts: readonly TwoByTwo[], weights: Float64Array): MhCore {
  let num = 0;
  let den = 0;
  let v1 = 0;
  let v2 = 0;
  for (let i = 0; i < counts.length; i++) {
    const { ai: a, bi: b, ci: c, di: d } = counts[i] as TwoByTwo;
    const n = a + b + c + d;
    if (!(n > 0)) continue;
    const n1 = a + b;
    const n2 = c + d;
    num += a * (n2 / n) - c * (n1 / n);
    den += n1 * (n2 / n);
    v1 += c * (n1 / n) ** 2 - a * (n2 / n) ** 2 + ((n1 / n) * (n2 / n) * (n2 - n1)) / 2;
    v2 += (a * (n2 - c)) / n + (c * (n1 - a)) / n;
    weights[i] = (n1 / n) * n2;
  }
  const estimate = num / den;
  return { estimate, standardError: Math.sqrt((estimate * v1 + v2 / 2) / (den * den)), tests: null };
}

/**
 * Mantel–Haenszel pooled log odds ratio, log risk ratio or risk difference from 2x2 tables, as
 * metafor's `rma.mh()` with its defaults: the raw counts are pooled (no continuity correction;
 * tables without events in both groups contribute nothing to the OR and RR but do count for the
 * RD). Variances: Robins, Breslow & Greenland (1986) for the OR, Greenland & Robins (1985) for
 * the RR, Sato, Greenland & Robins (1989) for the RD. For the OR also the continuity-corrected
 * Cochran–Mantel–Haenszel test, the Breslow–Day test and Tarone's corrected version
 * (Breslow & Day 1980; Tarone 1985). Q, I² and H² use the per-study yi/vi (1/2 added to tables
 * with a zero cell, double-zero tables dropped).
 * @example mantelHaenszel('OR', [{ ai: 4, bi: 119, ci: 11, di: 128 }, { ai: 6, bi: 300, ci: 29, di: 274 }]).estimate // -1.4215 (metafor rma.mh(..., measure = "OR"))
 */
export function mantelHaenszel(measure: 'OR' | 'RR' | 'RD', counts: readonly TwoByTwo[]): CountsFit {
  const warnings: Warning[] = [];
  const weights = new Float64Array(counts.length);
  const core =
    measure === 'OR' ? mhOddsRatio(counts, weights, warnings) : measure === 'RR' ? mhRiskRatio(counts, weights, warnings) : mhRiskDifference(counts, weights);
  if (counts.some((t) => !(t.ai + t.bi + t.ci + t.di > 0))) {
    warnings.push({ code: 'empty_table', message: POOL_MESSAGES.empty_table().text });
  }
  const { yi, vi } = perStudy(measure, counts);
  const kYi = yi.length;
  const res = Number.isFinite(core.estimate) ? rss(yi, vi, core.estimate) : NaN;
  return {
    estimate: core.estimate,
    standardError: core.standardError,
    yi,
    vi,
    q: kYi > 1 ? Math.max(0, res) : NaN,
    qDf: kYi - 1,
    residualSumOfSquares: Math.max(0, res),
    weights,
    tests: core.tests,
    warnings,
  };
}
