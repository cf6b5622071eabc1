// Effect sizes of 2x2 tables (metafor `escalc`, measures OR, RR, RD, PETO, vtype "LS").
// ai, ci: events in groups 1 and 2; bi, di: non-events. Kernels never throw: NaN in, NaN out.

export interface YiVi {
  readonly yi: number;
  readonly vi: number;
}

/**
 * Log odds ratio and its large-sample variance 1/a + 1/b + 1/c + 1/d (Woolf 1955).
 * Computed as a difference of logits, as escalc does.
 * @example logOddsRatio(4, 119, 11, 128) // { yi: -0.9386941408703922, vi: 0.3571249522536287 }
 */
export function logOddsRatio(ai: number, bi: number, ci: number, di: number): YiVi {
  const p1 = ai / (ai + bi);
  const p2 = ci / (ci + di);
  return { yi: Math.log(p1 / (1 - p1)) - Math.log(p2 / (1 - p2)), vi: 1 / ai + 1 / bi + 1 / ci + 1 / di };
}

/**
 * Log risk ratio and its variance 1/a − 1/n1 + 1/c − 1/n2.
 * @example logRiskRatio(4, 119, 11, 128) // { yi: -0.8893113339202054, vi: 0.32558476500396133 }
 */
export function logRiskRatio(ai: number, bi: number, ci: number, di: number): YiVi {
  const n1 = ai + bi;
  const n2 = ci + di;
  return { yi: Math.log(ai / n1) - Math.log(ci / n2), vi: 1 / ai - 1 / n1 + 1 / ci - 1 / n2 };
}

/**
 * Risk difference p1 − p2 and its variance p1(1−p1)/n1 + p2(1−p2)/n2.
 * @example riskDifference(4, 119, 11, 128) // { yi: -0.04661636544422997, vi: 0.000780068664855938 }
 */
export function riskDifference(ai: number, bi: number, ci: number, di: number): YiVi {
  const n1 = ai + bi;
  const n2 = ci + di;
  const p1 = ai / n1;
  const p2 = ci / n2;
  return { yi: p1 - p2, vi: (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2 };
}

/**
 * Peto's one-step log odds ratio (O − E)/V with variance 1/V, where E = (a+c)·n1/N and
 * V = (a+c)(b+d)·(n1/N)(n2/N)/(N − 1) is the hypergeometric variance (Yusuf et al. 1985).
 * @example petoLogOddsRatio(4, 119, 11, 128) // { yi: -0.8603833473164194, vi: 0.28283618192835874 }
 */
export function petoLogOddsRatio(ai: number, bi: number, ci: number, di: number): YiVi {
  const n1 = ai + bi;
  const n2 = ci + di;
  const n = n1 + n2;
  const events = ai + ci;
  const nonEvents = bi + di;
  const expected = (events * n1) / n;
  const v = (events * nonEvents * (n1 / n) * (n2 / n)) / (n - 1);
  return { yi: (ai - expected) / v, vi: 1 / v };
}
