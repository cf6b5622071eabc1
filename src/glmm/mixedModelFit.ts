import { cholesky, choleskyInverse } from '../heterogeneity/wls/linalg.js';
import { clusterInterceptDerivatives, clusterLogLik, type GlmmFamily, type PreparedCluster } from './clusterLikelihood.js';
import { numericalDerivatives } from './numericalDerivatives.js';

/**
 * A generalized linear mixed model with independent clusters (studies): p fixed effects, q ≤ 2
 * independent random effects per cluster with their own variances (lme4's `(a || study)`), and
 * optionally a free intercept per cluster (metafor's UM.FS study effects), profiled out.
 */
export interface MixedModel {
  readonly family: GlmmFamily;
  readonly clusters: readonly PreparedCluster[];
  readonly p: number;
  readonly q: number;
  readonly nagq: number;
  readonly clusterIntercepts: boolean;
}

/** A fitted model: β, the variances (0 at the boundary), cov(β̂) from the observed information, and how the optimum was reached. */
export interface MixedFit {
  readonly beta: readonly number[];
  readonly variances: readonly number[];
  readonly vcovBeta: readonly (readonly number[])[];
  readonly logLik: number;
  readonly converged: boolean;
  readonly iterations: number;
  /** Starting variances tried (several where the first start did not converge). */
  readonly starts: number;
}

/** State kept between evaluations (warm starts of the conditional modes and cluster intercepts). */
interface Workspace {
  readonly modes: number[][];
  readonly alphas: number[];
}

function fixedEta(c: PreparedCluster, beta: readonly number[], alpha: number): Float64Array {
  const out = new Float64Array(c.rows.length);
  c.rows.forEach((r, i) => {
    let e = r.offset + alpha * (r.a ?? 1);
    for (let j = 0; j < beta.length; j++) e += (r.x[j] as number) * (beta[j] as number);
    out[i] = e;
  });
  return out;
}

/**
 * A cluster's intercept maximising its marginal log-likelihood: Newton with the derivatives of
 * `clusterInterceptDerivatives` (one random effect) or central differences (step 1e-4), stopped when
 * the step is below 1e-8 (the profile value, stationary in the intercept, is then exact to ~1e-16) or
 * the intercept runs off beyond ±40 (an arm with all or no events: the likelihood's limit).
 */
function profileIntercept(
  m: MixedModel,
  c: PreparedCluster,
  beta: readonly number[],
  v: readonly number[],
  mode: number[],
  start: number,
): { alpha: number; ll: number } {
  const f = (a: number) => clusterLogLik(c, m.family, fixedEta(c, beta, a), v, m.nagq, mode);
  const h = 1e-4;
  const derivs = (a: number): [number, number, number] => {
    // The posterior-moment derivatives hold the nodes fixed: close to the AGQ value's own derivatives with
    // several nodes, not for the Laplace rule (one node), whose maximiser differences find exactly.
    if (v.length === 1 && m.nagq > 1) return clusterInterceptDerivatives(c, m.family, fixedEta(c, beta, a), v, m.nagq, mode);
    const fa = f(a);
    const fp = f(a + h);
    const fm = f(a - h);
    return [fa, (fp - fm) / (2 * h), (fp - 2 * fa + fm) / (h * h)];
  };
  let alpha = start;
  for (let it = 0; it < 60 && Math.abs(alpha) < 40; it++) {
    const [fa, g, curv] = derivs(alpha);
    let step = Math.max(-3, Math.min(3, curv < 0 ? -g / curv : Math.sign(g)));
    if (Math.abs(step) < 1e-8) return { alpha, ll: fa };
    // A short Newton step from a warm start is in the quadratic region: taken unchecked.
    if (Math.abs(step) > 0.1) {
      let next = f(alpha + step);
      for (let k = 0; k < 40 && !(next >= fa) && Math.abs(step) > 1e-8; k++) {
        step /= 2;
        next = f(alpha + step);
      }
    }
    alpha += step;
  }
  return { alpha, ll: f(alpha) };
}

/** The (profile) log-likelihood at β and variances v (v[j] = 0: effect j absent). */
function mixedLogLik(m: MixedModel, beta: readonly number[], v: readonly number[], ws: Workspace): number {
  let ll = 0;
  const active = v.filter((x) => x > 0);
  m.clusters.forEach((c, i) => {
    const cc = active.length === v.length ? c : { ...c, rows: c.rows.map((r) => ({ ...r, z: r.z.filter((_, j) => (v[j] as number) > 0) })) };
    const mode = ws.modes[i] as number[];
    if (m.clusterIntercepts && cc.rows.some((r) => (r.a ?? 1) !== 0)) {
      const r = profileIntercept(m, cc, beta, active, mode, ws.alphas[i] as number);
      ws.alphas[i] = r.alpha;
      ll += r.ll;
    } else ll += clusterLogLik(cc, m.family, fixedEta(cc, beta, 0), active, m.nagq, mode);
  });
  return ll;
}

/** The Newton direction −H⁻¹g when −H is positive definite, else a scaled gradient step. */
function direction(g: readonly number[], hess: readonly (readonly number[])[]): number[] {
  const d = g.length;
  const neg = new Float64Array(d * d);
  hess.forEach((row, i) => {
    row.forEach((v, j) => {
      neg[i * d + j] = -v;
    });
  });
  const ch = cholesky(neg, d);
  if (ch.ok) {
    const inv = choleskyInverse(ch);
    return g.map((_, i) => g.reduce((s, gj, j) => s + (inv[i * d + j] as number) * gj, 0));
  }
  return g.map((gi, i) => gi / Math.max(1, Math.abs((hess[i] as number[])[i] as number)));
}

/** Damped Newton on x = (β, log v) from one start, to steps below `tol`; returns the end point and whether it converged. */
function newton(m: MixedModel, free: boolean[], x0: number[], ws: Workspace, tol: number) {
  const unpack = (x: readonly number[]) => ({
    beta: x.slice(0, m.p),
    v: free.map((f, j) => (f ? Math.exp(x[m.p + free.slice(0, j).filter(Boolean).length] as number) : 0)),
  });
  const f = (x: readonly number[]) => {
    const { beta, v } = unpack(x);
    return mixedLogLik(m, beta, v, ws);
  };
  let x = x0.slice();
  let cur = f(x);
  for (let it = 1; it <= 100; it++) {
    const d = numericalDerivatives(f, x, 1e-3, tol < 1e-6);
    let step = direction(d.gradient, d.hessian);
    const len = Math.hypot(...step);
    if (len > 2) step = step.map((s) => (2 * s) / len);
    let next = f(x.map((xi, i) => xi + (step[i] as number)));
    for (let h = 0; h < 40 && !(next >= cur - 1e-12 * Math.abs(cur)); h++) {
      step = step.map((s) => s / 2);
      next = f(x.map((xi, i) => xi + (step[i] as number)));
    }
    x = x.map((xi, i) => xi + (step[i] as number));
    cur = next;
    const dropped = x.slice(m.p).findIndex((e) => e < Math.log(1e-8));
    if (dropped >= 0) return { x, iterations: it, converged: false, boundary: dropped };
    if (Math.max(...step.map(Math.abs)) < tol) return { x, iterations: it, converged: true, boundary: -1 };
  }
  return { x, iterations: 100, converged: false, boundary: -1 };
}

/** The free variances after dropping the `k`-th free one (it ran to the boundary 0). */
function dropFree(free: boolean[], k: number): boolean[] {
  let seen = -1;
  return free.map((f) => (f && ++seen === k ? false : f));
}

/**
 * The maximum likelihood fit of a mixed model (lme4's objective, maximised to convergence rather
 * than to lme4's default tolerances): damped Newton on (β, log v) with Richardson-extrapolated
 * numerical derivatives. A variance heading to 0 is fixed at its boundary and the rest refitted (as
 * lme4 reports θ = 0). Where the first start (v = `varianceStart`, default 0.1, each) does not converge, starts v = 1 and
 * v = 0.01 are tried and the highest log-likelihood kept. cov(β̂) is the β block of the inverse of
 * minus the Hessian in all free parameters (invariant to how the variances are parametrised).
 * `valueOnly`: only the maximum's value is wanted (a likelihood-ratio test, a starting point): steps
 * to 1e-5 (the value is then exact to ~1e-10, being stationary) and no covariance.
 * @example fitMixedModel({ family: 'poisson', clusters: [{ rows: [{ y: 3, size: 0, offset: 0, x: [1], z: [] }], constant: 0, y: new Float64Array([3]), size: new Float64Array([0]), z0: new Float64Array([0]), z1: new Float64Array([0]) }], p: 1, q: 0, nagq: 1, clusterIntercepts: false }, [0]).beta[0] // 1.098612
 */
export function fitMixedModel(m: MixedModel, betaStart: readonly number[], varianceStart = 0.1, valueOnly = false): MixedFit {
  const ws = (): Workspace => ({ modes: m.clusters.map(() => [0, 0]), alphas: m.clusters.map(() => 0) });
  let best: MixedFit | null = null;
  const starts = m.q === 0 ? [1] : [Math.max(varianceStart, 1e-4), 1, 0.01];
  for (let s = 0; s < starts.length; s++) {
    const fit = fitFrom(m, betaStart, starts[s] as number, ws(), valueOnly);
    if (best === null || fit.logLik > best.logLik + 1e-9 || (!best.converged && fit.converged)) best = { ...fit, starts: s + 1 };
    if (best.converged) break;
  }
  return best as MixedFit;
}

function fitFrom(m: MixedModel, betaStart: readonly number[], v0: number, w: Workspace, valueOnly: boolean): Omit<MixedFit, 'starts'> {
  let free = Array.from({ length: m.q }, () => true);
  let x = [...betaStart, ...free.map(() => Math.log(v0))];
  let iterations = 0;
  let converged = false;
  for (;;) {
    const r = newton(m, free, x, w, valueOnly ? 1e-5 : 1e-9);
    iterations += r.iterations;
    x = r.x;
    if (r.boundary < 0) {
      converged = r.converged;
      break;
    }
    free = dropFree(free, r.boundary);
    x = [...x.slice(0, m.p), ...x.slice(m.p).filter((_, j) => j !== r.boundary)];
  }
  const freeIdx = free.map((f, j) => (f ? j : -1)).filter((j) => j >= 0);
  const variances = free.map((f, j) => (f ? Math.exp(x[m.p + freeIdx.indexOf(j)] as number) : 0));
  if (valueOnly) {
    const ll = mixedLogLik(m, x.slice(0, m.p), variances, w);
    return { beta: x.slice(0, m.p), variances, vcovBeta: [], logLik: ll, converged, iterations };
  }
  const g = (y: readonly number[]) =>
    mixedLogLik(
      m,
      y.slice(0, m.p),
      free.map((f, j) => (f ? Math.exp(y[m.p + freeIdx.indexOf(j)] as number) : 0)),
      w,
    );
  const d = numericalDerivatives(g, x, 1e-3);
  const n = x.length;
  const neg = new Float64Array(n * n);
  d.hessian.forEach((row, i) => {
    row.forEach((v, j) => {
      neg[i * n + j] = -v;
    });
  });
  const ch = cholesky(neg, n);
  const inv = ch.ok ? choleskyInverse(ch) : new Float64Array(n * n).fill(NaN);
  const vcovBeta = Array.from({ length: m.p }, (_, i) => Array.from({ length: m.p }, (_, j) => inv[i * n + j] as number));
  return { beta: x.slice(0, m.p), variances, vcovBeta, logLik: d.value, converged: converged && ch.ok, iterations };
}
