// The step-function selection model (Vevea & Hedges 1995; Vevea & Woods 2005; metafor
// `selmodel(type = "stepfun")`): w(p) = δ_j for p in the j-th interval (s_{j−1}, s_j], so
// A_i = Σ_j δ_j·P(y in the region where p(y) lies in interval j), a sum of normal probabilities.
// δ_1 is never estimated (fixed at 1, or at a value given with `delta`), so it has no derivatives here.
import { normalQuantile } from '../distributions/index.js';
import { fastNormalCdf as normalCdf } from './normalTail.js';
import { effectiveTau2, linearPredictor, type Gradient, type Parameters, type SelectionProblem } from './problem.js';
import { addStudy, localDerivatives, studyWork } from './studyDerivatives.js';

const LOG_2PI = Math.log(2 * Math.PI);

function dnorm(z: number): number {
  return Number.isFinite(z) ? Math.exp(-0.5 * z * z - 0.5 * LOG_2PI) : 0;
}

/** Φ(b) − Φ(a) for a ≤ b, on the tail where it keeps its relative precision. */
function normalMass(a: number, b: number): number {
  return a > 0 ? normalCdf(-a) - normalCdf(-b) : normalCdf(b) - normalCdf(a);
}

/**
 * The y-regions (in units of the study's sampling SD) of each interval of p-values: a list of
 * [lo, hi] pairs per interval. Greater: p ≤ s ⇔ y/sd ≥ z_(1−s); less mirrors; two-sided takes both tails.
 */
export function intervalRegions(steps: readonly number[], alternative: 'greater' | 'less' | 'two.sided'): [number, number][][] {
  const out: [number, number][][] = [];
  for (let j = 0; j < steps.length; j++) {
    const sHi = steps[j]!;
    const sLo = j === 0 ? 0 : steps[j - 1]!;
    if (alternative === 'two.sided') {
      const hi = sLo === 0 ? Infinity : -normalQuantile(sLo / 2); // |z| < hi
      const lo = sHi >= 1 ? 0 : -normalQuantile(sHi / 2); // |z| ≥ lo
      out.push([
        [lo, hi],
        [-hi, -lo],
      ]);
    } else {
      const hi = sLo === 0 ? Infinity : -normalQuantile(sLo);
      const lo = sHi >= 1 ? -Infinity : -normalQuantile(sHi);
      out.push(alternative === 'greater' ? [[lo, hi]] : [[-hi, -lo]]);
    }
  }
  return out;
}

/** Φ(z)'s derivatives in (μ, τ²) at a region bound z = (c − μ)/s: [∂μ, ∂τ², ∂μμ, ∂μτ², ∂τ²τ²] (0 at an infinite bound). */
function boundDerivatives(z: number, s: number, out: Float64Array): void {
  if (!Number.isFinite(z)) {
    out.fill(0);
    return;
  }
  const f = dnorm(z);
  const s2 = s * s;
  out[0] = -f / s;
  out[1] = (-z * f) / (2 * s2);
  out[2] = (-z * f) / s2;
  out[3] = (-f * (z * z - 1)) / (2 * s2 * s);
  out[4] = (z * f * (3 - z * z)) / (4 * s2 * s2);
}

/** One interval's probability P_j and its derivatives [P, ∂μ, ∂τ², ∂μμ, ∂μτ², ∂τ²τ²] for a study. */
function intervalDerivatives(regions: [number, number][], sd: number, mu: number, s: number, out: Float64Array, lo: Float64Array, hi: Float64Array): void {
  out.fill(0);
  for (const [l, h] of regions) {
    const zl = (l * sd - mu) / s;
    const zh = (h * sd - mu) / s;
    out[0] = out[0]! + normalMass(zl, zh);
    boundDerivatives(zh, s, hi);
    boundDerivatives(zl, s, lo);
    for (let c = 0; c < 5; c++) out[1 + c] = out[1 + c]! + hi[c]! - lo[c]!;
  }
}

/** ℓ with its gradient and Hessian (row-major over β, τ², δ) for the step function. */
function stepWithHessian(problem: SelectionProblem, par: Parameters, grad: Gradient, hess: Float64Array): number {
  const { yi, vi, x, groups } = problem;
  const regions = intervalRegions(problem.steps, problem.alternative);
  const tau2 = effectiveTau2(par.tau2);
  const q = regions.length;
  const n = 2 + q;
  const w = studyWork(q);
  const pd = new Float64Array(6);
  const lo = new Float64Array(5);
  const hi = new Float64Array(5);
  let ll = 0;
  for (let i = 0; i < yi.length; i++) {
    const sd = Math.sqrt(vi[i]!);
    const s2 = vi[i]! + tau2;
    const s = Math.sqrt(s2);
    const mu = linearPredictor(x, par.beta, i);
    w.ad.fill(0);
    w.add.fill(0);
    let a = 0;
    for (let j = 0; j < q; j++) {
      intervalDerivatives(regions[j]!, sd, mu, s, pd, lo, hi);
      const d = par.delta[j]!;
      a += d * pd[0]!;
      w.ad[0] = w.ad[0]! + d * pd[1]!;
      w.ad[1] = w.ad[1]! + d * pd[2]!;
      w.add[0] = w.add[0]! + d * pd[3]!;
      w.add[1] = w.add[n] = w.add[1]! + d * pd[4]!;
      w.add[n + 1] = w.add[n + 1]! + d * pd[5]!;
      if (j === 0) continue;
      w.ad[2 + j] = pd[0]!;
      w.add[2 + j] = w.add[(2 + j) * n] = pd[1]!;
      w.add[n + 2 + j] = w.add[(2 + j) * n + 1] = pd[2]!;
    }
    const g = groups[i]!;
    const dg = par.delta[g]!;
    w.lwGrad.fill(0);
    w.lwCurv.fill(0);
    if (g > 0) {
      w.lwGrad[g] = 1 / dg;
      // Packed index of (g, g) in the upper triangle of order q.
      w.lwCurv[g * q - (g * (g - 1)) / 2] = -1 / (dg * dg);
    }
    const r = yi[i]! - mu;
    ll += Math.log(dg) - 0.5 * (LOG_2PI + Math.log(s2) + (r * r) / s2) - Math.log(a);
    localDerivatives(s2, r, a, w);
    addStudy(x, i, w, grad, hess);
  }
  return ll;
}

/** ℓ of the step-function model, with the gradient (and Hessian, row-major over β, τ², δ) in the natural parameters when asked; both must be zeroed by the caller. */
export function stepLogLikelihood(problem: SelectionProblem, par: Parameters, grad?: Gradient, hess?: Float64Array): number {
  if (grad && hess) return stepWithHessian(problem, par, grad, hess);
  const { yi, vi, x, groups } = problem;
  const regions = intervalRegions(problem.steps, problem.alternative);
  const tau2 = effectiveTau2(par.tau2);
  const n = regions.length;
  const prob = new Float64Array(n);
  const dmuP = new Float64Array(n);
  const dt2P = new Float64Array(n);
  let ll = 0;
  for (let i = 0; i < yi.length; i++) {
    const sd = Math.sqrt(vi[i]!);
    const s2 = vi[i]! + tau2;
    const s = Math.sqrt(s2);
    const mu = linearPredictor(x, par.beta, i);
    let a = 0;
    let dA = 0;
    let dT = 0;
    for (let j = 0; j < n; j++) {
      let pr = 0;
      let dm = 0;
      let dt = 0;
      for (const [lo, hi] of regions[j]!) {
        const zl = (lo * sd - mu) / s;
        const zh = (hi * sd - mu) / s;
        pr += normalMass(zl, zh);
        dm -= dnorm(zh) - dnorm(zl);
        dt -= (Number.isFinite(zh) ? zh * dnorm(zh) : 0) - (Number.isFinite(zl) ? zl * dnorm(zl) : 0);
      }
      prob[j] = pr;
      dmuP[j] = dm / s;
      dt2P[j] = dt / (2 * s2);
      const d = par.delta[j]!;
      a += d * pr;
      dA += d * dmuP[j]!;
      dT += d * dt2P[j]!;
    }
    const g = groups[i]!;
    const r = yi[i]! - mu;
    const dg = par.delta[g]!;
    ll += Math.log(dg) - 0.5 * (LOG_2PI + Math.log(s2) + (r * r) / s2) - Math.log(a);
    if (!grad) continue;
    const dmu = r / s2 - dA / a;
    for (let j = 0; j < x.length; j++) grad.beta[j] = grad.beta[j]! + dmu * x[j]![i]!;
    grad.tau2 += (0.5 * ((r * r) / s2 - 1)) / s2 - dT / a;
    for (let j = 1; j < n; j++) grad.delta[j] = grad.delta[j]! + (g === j ? 1 / par.delta[j]! : 0) - prob[j]! / a;
  }
  return ll;
}
