import gammaln from '@stdlib/math-base-special-gammaln';
import type { Warning } from '../core/errors.js';
import type { LikelihoodFit } from './conditionalFit.js';
import type { GlmmMethod, GlmmTable } from './types.js';
import { unconditionalRandomEffects } from './unconditionalRandom.js';
import { GLMM_MESSAGES } from './messages.js';

const expit = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const logExpit = (x: number): number => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));
const logChoose = (n: number, k: number): number => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);

/** Binomial log-likelihood of x events in n at logit η, with its binomial coefficient (as R's glm logLik). */
const binomialLogLik = (x: number, n: number, eta: number): number => logChoose(n, x) + x * logExpit(eta) + (n - x) * logExpit(-eta);

/** The study intercept α̂ᵢ(θ) of one table: Newton on the concave score a + c − n₁p₁ − n₂p₂ (finite unless the table is double zero or all events). */
function studyIntercept(t: GlmmTable, theta: number, start: number): number {
  const n1 = t.ai + t.bi;
  const n2 = t.ci + t.di;
  let alpha = start;
  for (let it = 0; it < 200; it++) {
    const p1 = expit(alpha + theta);
    const p2 = expit(alpha);
    const score = t.ai + t.ci - n1 * p1 - n2 * p2;
    const info = n1 * p1 * (1 - p1) + n2 * p2 * (1 - p2);
    const step = Math.max(-5, Math.min(5, score / info));
    alpha += step;
    if (Math.abs(step) < 1e-14 * Math.max(1, Math.abs(alpha))) break;
  }
  return alpha;
}

/** The profile of θ: log-likelihood, score Σ(aᵢ − n₁ᵢp₁ᵢ) and the profile information Σ w₁w₂/(w₁ + w₂) (the Schur complement of the study intercepts). */
function profile(tables: readonly GlmmTable[], theta: number, alphas: number[]) {
  let ll = 0;
  let score = 0;
  let info = 0;
  tables.forEach((t, i) => {
    const alpha = studyIntercept(t, theta, alphas[i] as number);
    alphas[i] = alpha;
    const n1 = t.ai + t.bi;
    const n2 = t.ci + t.di;
    const p1 = expit(alpha + theta);
    const p2 = expit(alpha);
    const w1 = n1 * p1 * (1 - p1);
    const w2 = n2 * p2 * (1 - p2);
    ll += binomialLogLik(t.ai, n1, alpha + theta) + binomialLogLik(t.ci, n2, alpha);
    score += t.ai - n1 * p1;
    info += (w1 * w2) / (w1 + w2);
  });
  return { ll, score, info };
}

/** The binomial log-likelihood of the saturated model (every group its own proportion; 0·log 0 = 0). */
function saturatedLogLik(tables: readonly GlmmTable[]): number {
  const part = (x: number, n: number) => logChoose(n, x) + (x > 0 ? x * Math.log(x / n) : 0) + (n - x > 0 ? (n - x) * Math.log((n - x) / n) : 0);
  return tables.reduce((s, t) => s + part(t.ai, t.ai + t.bi) + part(t.ci, t.ci + t.di), 0);
}

/**
 * Wald test that all log ORs are equal in the saturated logistic model: Σwᵢ(yᵢ − ȳ)², yᵢ the
 * unconditional MLE log(aᵢdᵢ/bᵢcᵢ), wᵢ = 1/(1/a + 1/b + 1/c + 1/d); a table with a zero cell has an
 * infinite MLE and contributes its limit, 0.
 */
function saturatedWald(tables: readonly GlmmTable[]): number {
  const finite = tables.filter((t) => t.ai > 0 && t.bi > 0 && t.ci > 0 && t.di > 0);
  const y = finite.map((t) => Math.log((t.ai * t.di) / (t.bi * t.ci)));
  const w = finite.map((t) => 1 / (1 / t.ai + 1 / t.bi + 1 / t.ci + 1 / t.di));
  const sw = w.reduce((s, x) => s + x, 0);
  const mean = sw > 0 ? w.reduce((s, x, i) => s + x * (y[i] as number), 0) / sw : 0;
  return w.reduce((s, x, i) => s + x * ((y[i] as number) - mean) ** 2, 0);
}

/**
 * The unconditional logistic model with fixed study effects (metafor's UM.FS; Stijnen et al.
 * 2010, model 2): logit p₁ᵢ = αᵢ + θ, logit p₂ᵢ = αᵢ. EE: the MLE of θ by Newton on its profile
 * likelihood (the study intercepts maximised exactly at each step), SE from the profile
 * information (equal to the θ element of the inverse of the full information, as glm's vcov).
 * ML (random θᵢ): `unconditionalRandomEffects`, by adaptive Gauss–Hermite with `nagq` points.
 * @example unconditionalFit([{ study: 'A', ai: 2, bi: 98, ci: 5, di: 95 }], 'EE', 7).fit.beta // -0.947381
 */
export function unconditionalFit(
  tables: readonly GlmmTable[],
  method: GlmmMethod,
  nagq: number,
): { fit: LikelihoodFit; tests: { wald: number; lrt: number; df: number }; warnings: Warning[]; nagqUsed: number | null } {
  const ee = unconditionalEqualEffects(tables);
  if (method === 'EE') return ee;
  const re = unconditionalRandomEffects(tables, ee.fit.beta, nagq);
  if (re === null) return { ...ee, warnings: [{ code: 'tau2_boundary', message: GLMM_MESSAGES.tau2_boundary().text }] };
  return { ...ee, fit: re, nagqUsed: nagq };
}

function unconditionalEqualEffects(tables: readonly GlmmTable[]): {
  fit: LikelihoodFit;
  tests: { wald: number; lrt: number; df: number };
  warnings: Warning[];
  nagqUsed: number | null;
} {
  const alphas = tables.map((t) => Math.log((t.ai + t.ci + 0.5) / (t.bi + t.di + 0.5)));
  let theta = 0;
  let cur = profile(tables, theta, alphas);
  let iterations = 0;
  let converged = false;
  for (; iterations < 200; iterations++) {
    let step = Math.max(-5, Math.min(5, cur.score / cur.info));
    if (!Number.isFinite(step)) break;
    if (Math.abs(step) < 1e-13 * Math.max(1, Math.abs(theta))) {
      converged = true;
      break;
    }
    let next = profile(tables, theta + step, alphas);
    for (let h = 0; h < 60 && !(next.ll >= cur.ll - 1e-12 * Math.abs(cur.ll)); h++) {
      step /= 2;
      next = profile(tables, theta + step, alphas);
    }
    theta += step;
    cur = next;
  }
  const lrt = Math.max(0, 2 * (saturatedLogLik(tables) - cur.ll));
  return {
    fit: { beta: theta, tau2: 0, vcov: [[1 / cur.info]], logLik: cur.ll, converged, iterations },
    tests: { wald: saturatedWald(tables), lrt, df: tables.length - 1 },
    warnings: [],
    nagqUsed: null,
  };
}
