import { conditionalMoments, type ConditionalTable } from './noncentralHypergeometric.js';
import { marginalMoments } from './marginalLikelihood.js';

/** The maximum of a log-likelihood: the estimates, the inverse of minus its Hessian, and how it was reached. */
export interface LikelihoodFit {
  readonly beta: number;
  readonly tau2: number;
  /** Covariance of (β, τ²): the inverse of the observed information; [0][0] alone for EE. */
  readonly vcov: readonly (readonly number[])[];
  readonly logLik: number;
  readonly converged: boolean;
  readonly iterations: number;
}

/** Σ log P(xᵢ; β) with its score Σ(xᵢ − E Xᵢ) and information Σ Var Xᵢ (the exact conditional likelihood). */
function conditionalLogLik(tables: readonly ConditionalTable[], beta: number): { ll: number; score: number; info: number } {
  let ll = 0;
  let score = 0;
  let info = 0;
  for (const t of tables) {
    const c = conditionalMoments(t, beta);
    ll += c.logDensity;
    score += t.x - c.mean;
    info += c.variance;
  }
  return { ll, score, info };
}

/**
 * The equal-effects conditional MLE of the common log OR (metafor's CM.EL with method EE; the
 * conditional MLE of Breslow & Day 1980, §4.4), by Newton's method with step halving (the
 * log-likelihood is concave), its SE from the exact observed information Σ Var(Xᵢ; β̂).
 * @example conditionalEqualEffects([conditionalTable(3, 7, 1, 9), conditionalTable(2, 8, 1, 9)]).beta // 1.049564
 */
export function conditionalEqualEffects(tables: readonly ConditionalTable[], start = 0): LikelihoodFit {
  let beta = start;
  let cur = conditionalLogLik(tables, beta);
  let iterations = 0;
  let converged = false;
  for (; iterations < 200; iterations++) {
    if (!(cur.info > 0) || !Number.isFinite(beta)) break;
    let step = cur.score / cur.info;
    if (Math.abs(step) < 1e-13 * Math.max(1, Math.abs(beta))) {
      converged = true;
      break;
    }
    step = Math.max(-5, Math.min(5, step));
    let next = conditionalLogLik(tables, beta + step);
    for (let h = 0; h < 60 && !(next.ll >= cur.ll - 1e-12 * Math.abs(cur.ll)); h++) {
      step /= 2;
      next = conditionalLogLik(tables, beta + step);
    }
    beta += step;
    cur = next;
  }
  return { beta, tau2: 0, vcov: [[1 / cur.info]], logLik: cur.ll, converged, iterations };
}

/** Σ log Lᵢ(μ, τ²) with its gradient and exact Hessian in (μ, τ²), from the moments of θ − μ. */
export function cmelScoreHessian(tables: readonly ConditionalTable[], mu: number, tau2: number) {
  const s = tau2;
  let ll = 0;
  const g = [0, 0];
  const h = [0, 0, 0];
  let converged = true;
  for (const t of tables) {
    const r = marginalMoments(t, mu, s);
    const [m1, m2, m3, m4] = r.moments;
    converged &&= r.converged;
    ll += r.logL;
    g[0] = (g[0] as number) + m1 / s;
    g[1] = (g[1] as number) + m2 / (2 * s * s) - 1 / (2 * s);
    h[0] = (h[0] as number) + (m2 - m1 * m1) / (s * s) - 1 / s;
    h[1] = (h[1] as number) + (m3 - m1 * m2) / (2 * s * s * s) - m1 / (s * s);
    h[2] = (h[2] as number) + (m4 - m2 * m2) / (4 * s ** 4) - m2 / s ** 3 + 1 / (2 * s * s);
  }
  return { ll, gradient: g as [number, number], hessian: h as [number, number, number], converged };
}

/** μ̂(τ²): Newton on the concave profile in μ (Prékopa: the marginal of a log-concave integrand is log-concave). */
function profileMu(tables: readonly ConditionalTable[], tau2: number, start: number) {
  let mu = start;
  let cur = cmelScoreHessian(tables, mu, tau2);
  for (let it = 0; it < 100; it++) {
    let step = -(cur.gradient[0] / cur.hessian[0]);
    if (!Number.isFinite(step)) break;
    step = Math.max(-3, Math.min(3, step));
    if (Math.abs(step) < 1e-12 * Math.max(1, Math.abs(mu))) break;
    let next = cmelScoreHessian(tables, mu + step, tau2);
    for (let k = 0; k < 50 && !(next.ll >= cur.ll - 1e-10); k++) {
      step /= 2;
      next = cmelScoreHessian(tables, mu + step, tau2);
    }
    mu += step;
    cur = next;
  }
  return { mu, fit: cur };
}

/**
 * The random-effects conditional model (metafor's CM.EL with method ML): θᵢ ~ N(μ, τ²), each
 * table's exact conditional likelihood integrated over θᵢ. τ² solves the profile score
 * ∂ℓ/∂τ²(μ̂(τ²), τ²) = 0 (envelope theorem) by bracketing and bisection–secant on log τ²; μ̂(τ²) by
 * Newton. The covariance is the inverse of minus the exact Hessian in (μ, τ²). When the profile
 * score is ≤ 0 at τ² = 1e-8 the maximum is on the boundary and `null` is returned (τ² = 0: the EE fit).
 * @example conditionalRandomEffects([conditionalTable(3, 7, 1, 9), conditionalTable(0, 10, 6, 4), conditionalTable(5, 5, 1, 9)], 0)?.tau2 // 9.1511
 */
export function conditionalRandomEffects(tables: readonly ConditionalTable[], start: number): LikelihoodFit | null {
  return newtonRandomEffects(tables, start) ?? profileRandomEffects(tables, start);
}

/** The covariance of (μ, τ²) at a maximum: the inverse of minus the exact Hessian. */
function fitAt(tables: readonly ConditionalTable[], mu: number, tau2: number, iterations: number): LikelihoodFit {
  const fit = cmelScoreHessian(tables, mu, tau2);
  const [a, b, c] = fit.hessian;
  const det = a * c - b * b;
  const vcov = [
    [-c / det, b / det],
    [b / det, -a / det],
  ];
  return { beta: mu, tau2, vcov, logLik: fit.ll, converged: fit.converged && det > 0 && a < 0, iterations };
}

/**
 * Damped Newton on (μ, log τ²) with the exact gradient and Hessian (quadratic convergence from the
 * EE estimate and τ² = 0.1); null when it heads for τ² = 0 or stalls, so that the bracketing profile
 * search (`profileRandomEffects`) decides.
 */
function newtonRandomEffects(tables: readonly ConditionalTable[], start: number): LikelihoodFit | null {
  let mu = start;
  let eta = Math.log(0.1);
  let cur = cmelScoreHessian(tables, mu, Math.exp(eta));
  for (let it = 1; it <= 60; it++) {
    const s = Math.exp(eta);
    const g = [cur.gradient[0], cur.gradient[1] * s];
    const [hmm, hms, hss] = cur.hessian;
    const a = hmm,
      b = hms * s,
      c = hss * s * s + cur.gradient[1] * s;
    const det = a * c - b * b;
    let dm: number, de: number;
    if (a < 0 && det > 0) {
      dm = -(c * g[0]! - b * g[1]!) / det;
      de = -(a * g[1]! - b * g[0]!) / det;
    } else {
      dm = g[0]! / Math.max(1, -a);
      de = g[1]! / Math.max(1, Math.abs(c));
    }
    const len = Math.hypot(dm, de);
    if (len > 2) [dm, de] = [(2 * dm) / len, (2 * de) / len];
    let next = cmelScoreHessian(tables, mu + dm, Math.exp(eta + de));
    for (let k = 0; k < 40 && !(next.ll >= cur.ll - 1e-12 * Math.abs(cur.ll)); k++) {
      dm /= 2;
      de /= 2;
      next = cmelScoreHessian(tables, mu + dm, Math.exp(eta + de));
    }
    mu += dm;
    eta += de;
    cur = next;
    if (eta < Math.log(1e-6)) return null;
    if (Math.hypot(dm, de) < 1e-10 && Math.abs(cur.gradient[0]) < 1e-7 && Math.abs(cur.gradient[1] * Math.exp(eta)) < 1e-7)
      return fitAt(tables, mu, Math.exp(eta), it);
  }
  return null;
}

/** The bracketing search on the profile score in log τ² (see `conditionalRandomEffects`). */
function profileRandomEffects(tables: readonly ConditionalTable[], start: number): LikelihoodFit | null {
  let mu = start;
  let iterations = 0;
  const score = (eta: number): number => {
    iterations++;
    const p = profileMu(tables, Math.exp(eta), mu);
    mu = p.mu;
    return p.fit.gradient[1] * Math.exp(eta);
  };
  let lo = Math.log(1e-8);
  if (!(score(lo) > 0)) return null;
  let hi = Math.log(0.01);
  let shi = score(hi);
  while (shi > 0 && hi < Math.log(1e4)) {
    lo = hi;
    hi += 2;
    shi = score(hi);
  }
  if (shi > 0) return null;
  let slo = score(lo);
  // Illinois false position (Dowell & Jarratt 1971): superlinear, and the root stays bracketed.
  let side = 0;
  let best = (lo + hi) / 2;
  for (let it = 0; it < 200 && hi - lo > 1e-12; it++) {
    const mid = (lo * shi - hi * slo) / (shi - slo);
    const sm = score(mid);
    best = mid;
    if (sm === 0) {
      [lo, hi] = [mid, mid];
      break;
    }
    if (sm < 0) {
      [hi, shi] = [mid, sm];
      if (side === -1) slo /= 2;
      side = -1;
    } else {
      [lo, slo] = [mid, sm];
      if (side === 1) shi /= 2;
      side = 1;
    }
    if (Math.abs(sm) < 1e-11) break;
  }
  const tau2 = Math.exp(best);
  return fitAt(tables, profileMu(tables, tau2, mu).mu, tau2, iterations);
}
