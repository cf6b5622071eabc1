import { conditionalMoments, type ConditionalTable } from './noncentralHypergeometric.js';

/** One study's own conditional MLE of its log OR, its information, and its maximised log-likelihood. */
export interface StudyMaximum {
  /** The conditional MLE; ±Infinity when ai is at an end of its support. */
  readonly theta: number;
  /** Var(X; θ̂): the observed information (0 when θ̂ is infinite). */
  readonly information: number;
  /** log P(x; θ̂) (0, its limit, when θ̂ is infinite). */
  readonly logLik: number;
}

/**
 * The conditional MLE of one table's log OR: the root of x − E(X; θ) = 0 (Breslow & Day 1980,
 * §4.4), by Newton steps kept inside a shrinking bracket; infinite when x is at an end of the
 * support, where the likelihood increases to 1 as θ → ±∞.
 * @example studyMaximum(conditionalTable(2, 8, 1, 9)).theta // 0.771114
 */
export function studyMaximum(table: ConditionalTable): StudyMaximum {
  if (table.x === table.lo || table.x === table.hi) {
    return { theta: table.x === table.lo ? -Infinity : Infinity, information: 0, logLik: 0 };
  }
  let lo = -60;
  let hi = 60;
  let t = 0;
  let c = conditionalMoments(table, t);
  for (let it = 0; it < 300; it++) {
    const g = table.x - c.mean;
    if (Math.abs(g) <= 1e-14 * Math.max(1, table.x)) break;
    if (g > 0) lo = t;
    else hi = t;
    let next = t + g / c.variance;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (next === t) break;
    t = next;
    c = conditionalMoments(table, t);
  }
  return { theta: t, information: c.variance, logLik: c.logDensity };
}

/**
 * The Wald and likelihood-ratio tests of heterogeneity of the conditional model (metafor's
 * QE.Wld and QE.LRT, df = k − 1): the saturated model gives each study its own log OR. Wald:
 * Σ wᵢ(θ̂ᵢ − θ̄)², wᵢ = Var(Xᵢ; θ̂ᵢ), θ̄ = Σwᵢθ̂ᵢ/Σwᵢ (the Wald test that the k − 1 study contrasts
 * are 0, whatever their coding); a study with an infinite MLE contributes its limit, 0. LRT:
 * 2(ℓ_saturated − ℓ_EE).
 * @example saturatedTests([conditionalTable(3, 7, 1, 9), conditionalTable(0, 10, 6, 4), conditionalTable(5, 5, 1, 9)], -14.5).df // 2
 */
export function saturatedTests(tables: readonly ConditionalTable[], equalEffectsLogLik: number): { wald: number; lrt: number; df: number } {
  const maxima = tables.map(studyMaximum);
  const finite = maxima.filter((m) => Number.isFinite(m.theta) && m.information > 0);
  const sw = finite.reduce((s, m) => s + m.information, 0);
  const mean = sw > 0 ? finite.reduce((s, m) => s + m.information * m.theta, 0) / sw : 0;
  const wald = finite.reduce((s, m) => s + m.information * (m.theta - mean) ** 2, 0);
  const saturated = maxima.reduce((s, m) => s + m.logLik, 0);
  return { wald, lrt: Math.max(0, 2 * (saturated - equalEffectsLogLik)), df: tables.length - 1 };
}
