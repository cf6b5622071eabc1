import { conditionalMoments, type ConditionalTable } from './noncentralHypergeometric.js';
import { integrateVector } from './gaussKronrod.js';

/**
 * A study's marginal likelihood under θ ~ N(μ, τ²) and the moments of θ − μ under it:
 * `logL` = log ∫ P(x; θ) φ(θ; μ, τ²) dθ and `moments[j]` = E[(θ − μ)^j | x] for j = 1..4 (the
 * score and exact Hessian of log L in μ and τ² are functions of these; see `cmelScoreHessian`).
 */
export interface MarginalMoments {
  readonly logL: number;
  readonly moments: readonly [number, number, number, number];
  readonly converged: boolean;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** The log-integrand log P(x; θ) + log φ(θ; μ, τ²), with its first two derivatives in θ. */
function logIntegrand(table: ConditionalTable, theta: number, mu: number, tau2: number): [number, number, number] {
  const c = conditionalMoments(table, theta);
  const d = theta - mu;
  return [c.logDensity - (d * d) / (2 * tau2) - 0.5 * Math.log(tau2) - LOG_SQRT_2PI, table.x - c.mean - d / tau2, -c.variance - 1 / tau2];
}

/** The mode of the (log-concave) integrand by Newton steps held inside a shrinking bracket. */
function integrandMode(table: ConditionalTable, mu: number, tau2: number): { mode: number; curvature: number } {
  let lo = mu - 60 * Math.sqrt(tau2) - 60;
  let hi = mu + 60 * Math.sqrt(tau2) + 60;
  let t = mu;
  let [, g, h] = logIntegrand(table, t, mu, tau2);
  for (let it = 0; it < 200 && Math.abs(g) > 1e-13 * Math.abs(h); it++) {
    if (g > 0) lo = t;
    else hi = t;
    let next = t - g / h;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    t = next;
    [, g, h] = logIntegrand(table, t, mu, tau2);
  }
  return { mode: t, curvature: h };
}

/** The distance from the mode at which the log-integrand has fallen by `drop` (doubling search). */
function reach(table: ConditionalTable, mode: number, peak: number, step: number, sign: 1 | -1, mu: number, tau2: number, drop: number): number {
  let d = step;
  for (let i = 0; i < 60 && logIntegrand(table, mode + sign * d, mu, tau2)[0] > peak - drop; i++) d *= 2;
  return d;
}

/**
 * The marginal likelihood of one table in the conditional random-effects model (metafor's CM.EL
 * with method ML; Van Houwelingen, Zwinderman & Stijnen 1993): the integral over θ is taken by
 * adaptive Gauss–Kronrod on the range where the integrand is within e^-60 of its mode (the
 * integrand is log-concave, so nothing outside it matters), scaled by its mode to avoid underflow.
 * (metafor clamps the OR in its integrand to [1e-12, 1e12]; the exact integrand is used here. The two
 * differ only by the normal mass beyond |log OR| = 27.6, about e^{−(27.6 − |μ|)²/(2τ²)}: negligible
 * unless τ² is very large.)
 * @example marginalMoments(conditionalTable(1, 9, 2, 8), 0, 0.5).logL // -1.022714
 */
export function marginalMoments(table: ConditionalTable, mu: number, tau2: number, relTol = 1e-13): MarginalMoments {
  const { mode, curvature } = integrandMode(table, mu, tau2);
  const peak = logIntegrand(table, mode, mu, tau2)[0];
  const scale = 1 / Math.sqrt(-curvature);
  const left = mode - reach(table, mode, peak, 8 * scale, -1, mu, tau2, 60);
  const right = mode + reach(table, mode, peak, 8 * scale, 1, mu, tau2, 60);
  const f = (theta: number, out: Float64Array): void => {
    const w = Math.exp(logIntegrand(table, theta, mu, tau2)[0] - peak);
    const d = theta - mu;
    out[0] = w;
    out[1] = w * d;
    out[2] = w * d * d;
    out[3] = w * d * d * d;
    out[4] = w * d * d * d * d;
  };
  const r = integrateVector(f, left, right, 5, { relTol });
  const i0 = r.value[0] as number;
  const m = (j: number) => (r.value[j] as number) / i0;
  return { logL: peak + Math.log(i0), moments: [m(1), m(2), m(3), m(4)], converged: r.converged };
}
