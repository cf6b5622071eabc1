import gammaln from '@stdlib/math-base-special-gammaln';
import type { LikelihoodFit } from './conditionalFit.js';
import { gaussHermite } from './gaussHermite.js';
import type { GlmmTable } from './types.js';

const logExpit = (x: number): number => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));
const expit = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const logChoose = (n: number, k: number): number => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);

/** log of the integrand in u: both binomial likelihoods (u coded ±½, metafor's default coding) times the N(0, τ²) density. */
function logIntegrand(t: GlmmTable, alpha: number, mu: number, tau2: number, u: number): [number, number, number] {
  const n1 = t.ai + t.bi;
  const n2 = t.ci + t.di;
  const e1 = alpha + mu + u / 2;
  const e2 = alpha - u / 2;
  const p1 = expit(e1);
  const p2 = expit(e2);
  const value =
    logChoose(n1, t.ai) +
    t.ai * logExpit(e1) +
    t.bi * logExpit(-e1) +
    logChoose(n2, t.ci) +
    t.ci * logExpit(e2) +
    t.di * logExpit(-e2) -
    (u * u) / (2 * tau2) -
    0.5 * Math.log(2 * Math.PI * tau2);
  return [value, (t.ai - n1 * p1) / 2 - (t.ci - n2 * p2) / 2 - u / tau2, -(n1 * p1 * (1 - p1) + n2 * p2 * (1 - p2)) / 4 - 1 / tau2];
}

/**
 * One study's marginal log-likelihood by adaptive Gauss–Hermite quadrature with `nagq` points
 * around the conditional mode of u (Pinheiro & Bates 1995; lme4's nAGQ): √2σ̂ Σ wₖ e^{xₖ²} f(û + √2σ̂xₖ),
 * σ̂ = (−∂²log f/∂u²)^{−½} at û. nagq = 1 is the Laplace approximation.
 */
export function studyLogLikAgq(t: GlmmTable, alpha: number, mu: number, tau2: number, nagq: number): number {
  let u = 0;
  let [, g, h] = logIntegrand(t, alpha, mu, tau2, u);
  for (let it = 0; it < 100 && Math.abs(g) > 1e-14 * Math.max(1, -h); it++) {
    u -= g / h; // the log-integrand is strictly concave in u (canonical link), Newton converges
    [, g, h] = logIntegrand(t, alpha, mu, tau2, u);
  }
  const sigma = 1 / Math.sqrt(-h);
  const { nodes, weights } = gaussHermite(nagq);
  const terms = nodes.map((x, k) => Math.log(weights[k] as number) + x * x + logIntegrand(t, alpha, mu, tau2, u + Math.SQRT2 * sigma * x)[0]);
  const top = Math.max(...terms);
  return Math.log(Math.SQRT2 * sigma) + top + Math.log(terms.reduce((s, v) => s + Math.exp(v - top), 0));
}

/** α̂ᵢ(μ, τ²): Newton on central differences (step 1e-4, error ~1e-8 in the score) of the study's AGQ log-likelihood. */
function profileAlpha(t: GlmmTable, mu: number, tau2: number, nagq: number, start: number): { alpha: number; ll: number } {
  const f = (a: number) => studyLogLikAgq(t, a, mu, tau2, nagq);
  let alpha = start;
  let fa = f(alpha);
  const h = 1e-4;
  for (let it = 0; it < 100; it++) {
    const fp = f(alpha + h);
    const fm = f(alpha - h);
    const g = (fp - fm) / (2 * h);
    const c = (fp - 2 * fa + fm) / (h * h);
    let step = c < 0 ? -g / c : Math.sign(g);
    step = Math.max(-3, Math.min(3, step));
    let next = f(alpha + step);
    for (let k = 0; k < 40 && next < fa; k++) {
      step /= 2;
      next = f(alpha + step);
    }
    alpha += step;
    fa = Math.max(fa, next);
    if (Math.abs(step) < 1e-9) break;
  }
  return { alpha, ll: fa };
}

/** The profile log-likelihood of (μ, log τ²), the study intercepts maximised (warm-started from `alphas`, updated in place). */
function profile(tables: readonly GlmmTable[], mu: number, eta: number, nagq: number, alphas: number[]): number {
  let ll = 0;
  tables.forEach((t, i) => {
    const r = profileAlpha(t, mu, Math.exp(eta), nagq, alphas[i] as number);
    alphas[i] = r.alpha;
    ll += r.ll;
  });
  return ll;
}

/** Gradient and Hessian of a 2-argument function by central differences, Richardson-extrapolated over steps h and h/2. */
function derivatives(f: (x: number, y: number) => number, x: number, y: number, h: number) {
  const one = (s: number) => {
    const f0 = f(x, y);
    const fxp = f(x + s, y),
      fxm = f(x - s, y),
      fyp = f(x, y + s),
      fym = f(x, y - s);
    const fpp = f(x + s, y + s),
      fpm = f(x + s, y - s),
      fmp = f(x - s, y + s),
      fmm = f(x - s, y - s);
    return {
      g: [(fxp - fxm) / (2 * s), (fyp - fym) / (2 * s)],
      h: [(fxp - 2 * f0 + fxm) / (s * s), (fpp - fpm - fmp + fmm) / (4 * s * s), (fyp - 2 * f0 + fym) / (s * s)],
    };
  };
  const a = one(h);
  const b = one(h / 2);
  const rich = (p: number, q: number) => (4 * q - p) / 3;
  return { g: [rich(a.g[0]!, b.g[0]!), rich(a.g[1]!, b.g[1]!)], h: [rich(a.h[0]!, b.h[0]!), rich(a.h[1]!, b.h[1]!), rich(a.h[2]!, b.h[2]!)] };
}

/**
 * The logistic model with fixed study effects and a random log OR (metafor's UM.FS with method
 * ML; Stijnen, Hamza & Özdemir 2010, model 3 with fixed intercepts): logit p₁ᵢ = αᵢ + μ + uᵢ/2,
 * logit p₂ᵢ = αᵢ − uᵢ/2, uᵢ ~ N(0, τ²), each study's integral by adaptive Gauss–Hermite with `nagq`
 * points as lme4. The study intercepts are profiled out exactly; (μ, log τ²) by damped Newton on
 * Richardson-extrapolated differences of the profile; the SE of μ from the profile Hessian (the
 * Schur complement of the full one, as the inverse of lme4's). `null` when τ² runs to 0.
 * @example unconditionalRandomEffects([{ study: 'A', ai: 3, bi: 7, ci: 1, di: 9 }, { study: 'B', ai: 0, bi: 10, ci: 6, di: 4 }, { study: 'C', ai: 5, bi: 5, ci: 1, di: 9 }], 0, 7)?.tau2 // 6.1312
 */
export function unconditionalRandomEffects(tables: readonly GlmmTable[], start: number, nagq: number): LikelihoodFit | null {
  const alphas = tables.map((t) => Math.log((t.ai + t.ci + 0.5) / (t.bi + t.di + 0.5)));
  const f = (mu: number, eta: number) => profile(tables, mu, eta, nagq, alphas);
  let mu = start;
  let eta = Math.log(0.1);
  let cur = f(mu, eta);
  let iterations = 0;
  let converged = false;
  for (; iterations < 100; iterations++) {
    const d = derivatives(f, mu, eta, 1e-3);
    const [a, b, c] = d.h as [number, number, number];
    const det = a * c - b * b;
    let sm: number, se: number;
    if (a < 0 && det > 0) {
      sm = -(c * d.g[0]! - b * d.g[1]!) / det;
      se = -(a * d.g[1]! - b * d.g[0]!) / det;
    } else {
      sm = d.g[0]! / Math.max(1, Math.abs(a));
      se = d.g[1]! / Math.max(1, Math.abs(c));
    }
    const len = Math.hypot(sm, se);
    if (len > 2) [sm, se] = [(2 * sm) / len, (2 * se) / len];
    let next = f(mu + sm, eta + se);
    for (let k = 0; k < 40 && next < cur - 1e-12; k++) {
      sm /= 2;
      se /= 2;
      next = f(mu + sm, eta + se);
    }
    mu += sm;
    eta += se;
    cur = Math.max(cur, next);
    if (eta < Math.log(1e-6)) return null;
    if (Math.hypot(sm, se) < 1e-8) {
      converged = true;
      break;
    }
  }
  const d = derivatives(f, mu, eta, 1e-3);
  const [a, b, c] = d.h as [number, number, number];
  const det = a * c - b * b;
  const tau2 = Math.exp(eta);
  return {
    beta: mu,
    tau2,
    vcov: [
      [-c / det, NaN],
      [NaN, NaN],
    ],
    logLik: f(mu, eta),
    converged: converged && a < 0 && det > 0,
    iterations,
  };
}
