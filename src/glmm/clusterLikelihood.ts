import gammaln from '@stdlib/math-base-special-gammaln';
import { gaussHermite } from './gaussHermite.js';

/** The response distributions of metafor's GLMMs (canonical links: logit and log). */
export const GLMM_FAMILIES = ['binomial', 'poisson'] as const;
export type GlmmFamily = (typeof GLMM_FAMILIES)[number];

/** One observation of a cluster: count `y` (of `size` trials for the binomial), offset, fixed-effect row `x`, random-effect row `z`. */
export interface ClusterRow {
  readonly y: number;
  readonly size: number;
  readonly offset: number;
  readonly x: readonly number[];
  readonly z: readonly number[];
  /** Coefficient of the cluster's own intercept (models with `clusterIntercepts`; default 1). */
  readonly a?: number;
}

/** A cluster (study) prepared for repeated evaluation: the log normalising constants summed once. */
export interface PreparedCluster {
  readonly rows: readonly ClusterRow[];
  readonly constant: number;
  /** The rows' counts, sizes and random-effect columns as flat arrays (the inner loops read these). */
  readonly y: Float64Array;
  readonly size: Float64Array;
  readonly z0: Float64Array;
  readonly z1: Float64Array;
}

/**
 * Prepares a cluster: Σ log C(size, y) (binomial) or −Σ log y! (Poisson), the parts of the
 * log-likelihood free of parameters (R's dbinom and dpois include them, so lme4's log-likelihood does).
 * @example prepareCluster([{ y: 2, size: 10, offset: 0, x: [1], z: [1] }], 'binomial').constant // 3.806662
 */
export function prepareCluster(rows: readonly ClusterRow[], family: GlmmFamily): PreparedCluster {
  const constant = rows.reduce(
    (s, r) => s + (family === 'binomial' ? gammaln(r.size + 1) - gammaln(r.y + 1) - gammaln(r.size - r.y + 1) : -gammaln(r.y + 1)),
    0,
  );
  const col = (f: (r: ClusterRow) => number) => Float64Array.from(rows, f);
  return { rows, constant, y: col((r) => r.y), size: col((r) => r.size), z0: col((r) => r.z[0] ?? 0), z1: col((r) => r.z[1] ?? 0) };
}

const logExpit = (x: number): number => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));
const expit = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** One row's log-likelihood kernel at linear predictor η with its first two η-derivatives (canonical link). */
function rowKernel(family: GlmmFamily, y: number, size: number, eta: number, out: Float64Array): void {
  if (family === 'binomial') {
    const p = expit(eta);
    out[0] = y * logExpit(eta) + (size - y) * logExpit(-eta);
    out[1] = y - size * p;
    out[2] = -size * p * (1 - p);
  } else {
    const mu = Math.exp(eta);
    out[0] = y * eta - mu;
    out[1] = y - mu;
    out[2] = -mu;
  }
}

/** Scratch for `integrand`: f, g0, g1, h00, h01, h11. */
type Derivs = Float64Array;
// Module-level scratch (the evaluation is synchronous and not re-entrant): no allocation per call.
const SCRATCH_AT = new Float64Array(6);
const SCRATCH_NEXT = new Float64Array(6);
let SCRATCH_TERMS = new Float64Array(32);

/** The log of the integrand in b (q ≤ 2 random effects): the rows' kernels plus the N(0, diag v) log-density, with gradient and Hessian, written into `out`. */
function integrand(family: GlmmFamily, c: PreparedCluster, fixedEta: Float64Array, v: readonly number[], b0: number, b1: number, out: Derivs): void {
  let f = 0,
    g0 = 0,
    g1 = 0,
    h00 = 0,
    h01 = 0,
    h11 = 0;
  const { y, size, z0, z1 } = c;
  const n = y.length;
  for (let i = 0; i < n; i++) {
    const eta = (fixedEta[i] as number) + (z0[i] as number) * b0 + (z1[i] as number) * b1;
    const yi = y[i] as number;
    let d1: number, d2: number;
    if (family === 'binomial') {
      const m = size[i] as number;
      const e = Math.exp(-Math.abs(eta));
      const l1p = Math.log1p(e);
      // log expit(η) and log expit(−η), stably
      const lp = eta >= 0 ? -l1p : eta - l1p;
      const lq = eta >= 0 ? -eta - l1p : -l1p;
      const p = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      f += yi * lp + (m - yi) * lq;
      d1 = yi - m * p;
      d2 = -m * p * (1 - p);
    } else {
      const mu = Math.exp(eta);
      f += yi * eta - mu;
      d1 = yi - mu;
      d2 = -mu;
    }
    const a = z0[i] as number,
      b = z1[i] as number;
    g0 += d1 * a;
    g1 += d1 * b;
    h00 += d2 * a * a;
    h01 += d2 * a * b;
    h11 += d2 * b * b;
  }
  const v0 = v[0] as number;
  f -= (b0 * b0) / (2 * v0) + 0.5 * Math.log(2 * Math.PI * v0);
  g0 -= b0 / v0;
  h00 -= 1 / v0;
  if (v.length === 2) {
    const v1 = v[1] as number;
    f -= (b1 * b1) / (2 * v1) + 0.5 * Math.log(2 * Math.PI * v1);
    g1 -= b1 / v1;
    h11 -= 1 / v1;
  }
  out[0] = f;
  out[1] = g0;
  out[2] = g1;
  out[3] = h00;
  out[4] = h01;
  out[5] = h11;
}

/** The conditional mode of the random effects (Newton, halving steps that do not increase the log-concave integrand); `at` holds the derivatives there. */
function conditionalMode(family: GlmmFamily, c: PreparedCluster, fixedEta: Float64Array, v: readonly number[], start: number[], at: Derivs): [number, number] {
  const q = v.length;
  let b0 = start[0] ?? 0;
  let b1 = q === 2 ? (start[1] ?? 0) : 0;
  const next = SCRATCH_NEXT;
  integrand(family, c, fixedEta, v, b0, b1, at);
  let previous = Infinity;
  for (let it = 0; it < 100; it++) {
    let d0: number,
      d1 = 0;
    if (q === 1) d0 = -(at[1] as number) / (at[3] as number);
    else {
      const [, g0, g1, h00, h01, h11] = at as unknown as [number, number, number, number, number, number];
      const det = h00 * h11 - h01 * h01;
      d0 = -(h11 * g0 - h01 * g1) / det;
      d1 = -(h00 * g1 - h01 * g0) / det;
    }
    // Newton's decrement g'(−H)⁻¹g (twice the predicted gain). Inside the quadratic region (< 1e-10)
    // steps are taken unchecked (f no longer resolves them) until the decrement is below 1e-24 or
    // rounding stops its quadratic decrease: the mode must be exact, as the Laplace value depends on
    // it through log det(−H) to first order.
    const decrement = d0 * (at[1] as number) + d1 * (at[2] as number);
    if (!(decrement > 1e-24) || (decrement < 1e-10 && decrement > previous / 100)) break;
    previous = decrement;
    let step = 1;
    integrand(family, c, fixedEta, v, b0 + d0, b1 + d1, next);
    for (let h = 0; decrement > 1e-10 && h < 50 && !((next[0] as number) >= (at[0] as number)); h++) {
      step /= 2;
      integrand(family, c, fixedEta, v, b0 + step * d0, b1 + step * d1, next);
    }
    if (decrement > 1e-10 && !((next[0] as number) >= (at[0] as number))) break;
    b0 += step * d0;
    b1 += step * d1;
    at.set(next);
  }
  return [b0, b1];
}

/**
 * One cluster's marginal log-likelihood log ∫ Π f(yᵣ | η = xᵣβ + zᵣb + offsetᵣ) φ(b; 0, diag v) db,
 * as lme4 approximates it: with one random effect by adaptive Gauss–Hermite quadrature with `nagq`
 * points about the conditional mode b̂ (Pinheiro & Bates 1995; nagq = 1 is the Laplace
 * approximation), with two by the Laplace approximation h(b̂) + log 2π − ½ log det(−∇²h(b̂)) (lme4
 * cannot use more points there, Bates et al. 2015). Variances of 0 are absent effects; no random
 * effect leaves the plain likelihood. `modeStart` warm-starts the mode search and is updated.
 * @example clusterLogLik(prepareCluster([{ y: 2, size: 10, offset: 0, x: [1], z: [1] }], 'binomial'), 'binomial', new Float64Array([-1]), [0.5], 7, [0]) // -1.581679
 */
export function clusterLogLik(
  c: PreparedCluster,
  family: GlmmFamily,
  fixedEta: Float64Array,
  variances: readonly number[],
  nagq: number,
  modeStart: number[],
): number {
  const v = variances;
  if (v.length === 0) {
    let f = c.constant;
    const k = new Float64Array(3);
    c.rows.forEach((r, i) => {
      rowKernel(family, r.y, r.size, fixedEta[i] as number, k);
      f += k[0] as number;
    });
    return f;
  }
  const at = SCRATCH_AT;
  const [b0, b1] = conditionalMode(family, c, fixedEta, v, modeStart, at);
  modeStart[0] = b0;
  modeStart[1] = b1;
  if (v.length === 2) {
    const det = (at[3] as number) * (at[5] as number) - (at[4] as number) ** 2;
    return c.constant + (at[0] as number) + Math.log(2 * Math.PI) - 0.5 * Math.log(det);
  }
  const sigma = 1 / Math.sqrt(-(at[3] as number));
  const { nodes, weights } = gaussHermite(nagq);
  if (SCRATCH_TERMS.length < nodes.length) SCRATCH_TERMS = new Float64Array(nodes.length);
  const terms = SCRATCH_TERMS;
  let top = -Infinity;
  const tmp = SCRATCH_NEXT;
  for (let j = 0; j < nodes.length; j++) {
    const x = nodes[j] as number;
    integrand(family, c, fixedEta, v, b0 + Math.SQRT2 * sigma * x, 0, tmp);
    terms[j] = Math.log(weights[j] as number) + x * x + (tmp[0] as number);
    top = Math.max(top, terms[j] as number);
  }
  let sum = 0;
  for (let j = 0; j < nodes.length; j++) sum += Math.exp((terms[j] as number) - top);
  return c.constant + Math.log(Math.SQRT2 * sigma) + top + Math.log(sum);
}

/**
 * A cluster's log-likelihood with its first two derivatives in a shift α of the linear predictor of
 * the rows with `a` ≠ 0 (η += a·α), for one random effect by adaptive quadrature: the derivatives
 * are the posterior moments of the rows' score Σ aᵣ(yᵣ − μᵣ) over the same nodes (the derivative of
 * the integral, taken with the nodes held where they are; the value is the AGQ value). Newton steps
 * for a cluster's own intercept (metafor's saturated UM.RS model) need no differencing with these.
 * @example clusterInterceptDerivatives(prepareCluster([{ y: 2, size: 10, offset: 0, x: [1], z: [1], a: 1 }], 'binomial'), 'binomial', new Float64Array([-1]), [0.5], 7, [0])[0] // -1.581679
 */
export function clusterInterceptDerivatives(
  c: PreparedCluster,
  family: GlmmFamily,
  fixedEta: Float64Array,
  variances: readonly number[],
  nagq: number,
  modeStart: number[],
): [number, number, number] {
  const value = clusterLogLik(c, family, fixedEta, variances, nagq, modeStart);
  const b0 = modeStart[0] as number;
  const sigma = 1 / Math.sqrt(-(SCRATCH_AT[3] as number));
  const { nodes, weights } = gaussHermite(nagq);
  const k = new Float64Array(3);
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  let top = -Infinity;
  const logw: number[] = [];
  for (let j = 0; j < nodes.length; j++) {
    const x = nodes[j] as number;
    integrand(family, c, fixedEta, variances, b0 + Math.SQRT2 * sigma * x, 0, SCRATCH_NEXT);
    logw.push(Math.log(weights[j] as number) + x * x + (SCRATCH_NEXT[0] as number));
    top = Math.max(top, logw[j] as number);
  }
  for (let j = 0; j < nodes.length; j++) {
    const b = b0 + Math.SQRT2 * sigma * (nodes[j] as number);
    let d1 = 0,
      d2 = 0;
    c.rows.forEach((r, i) => {
      const a = r.a ?? 1;
      if (a === 0) return;
      rowKernel(family, r.y, r.size, (fixedEta[i] as number) + (c.z0[i] as number) * b, k);
      d1 += a * (k[1] as number);
      d2 += a * a * (k[2] as number);
    });
    const w = Math.exp((logw[j] as number) - top);
    s0 += w;
    s1 += w * d1;
    s2 += w * d1 * d1;
    s3 += w * d2;
  }
  const mean = s1 / s0;
  return [value, mean, s2 / s0 - mean * mean + s3 / s0];
}
