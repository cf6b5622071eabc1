// The weighted residual projection of meta-regression,
//   P = M − M·X·(X'MX)⁻¹·X'·M   (M diagonal: 1/vi, 1/(vi + τ²), or I),
// and the traces the τ² estimators need, all reduced to p×p products so that no k×k matrix is
// ever formed (metafor builds P as a k×k matrix; we cannot, at k = 100,000). With A = X'MX and
// X'(e)X denoting the Gram matrix with diagonal weights e:
//   tr(P·D)       = Σ m_i d_i − tr(A⁻¹·X'(m²d)X)
//   tr(P·D·P·D')  = Σ m_i² d_i d'_i − 2·tr(A⁻¹·X'(m³dd')X) + tr(A⁻¹·X'(m²d)X·A⁻¹·X'(m²d')X)
// (expand P = M − N with N = M·X·A⁻¹·X'·M and use that diagonal matrices commute).
import { householderQR, multiply, qrGramInverse, qrLogDet, traceOfGeneralProduct, traceOfProduct, upperSolve, weightedGram } from './linalg.js';

export interface WeightedProjection {
  /** The diagonal of M. */
  readonly m: Float64Array;
  /** log |X'MX| */
  readonly logDetWeightedGram: number;
  /** (X'MX)⁻¹ (in the basis of the columns given). */
  readonly inverse: Float64Array;
  /** (X'MX)⁻¹·X'M·y */
  readonly beta: Float64Array;
  /** y − X·beta */
  readonly residuals: Float64Array;
  /** y'Py = Σ m_i·r_i² (the weighted residual sum of squares). */
  readonly rss: number;
  /** y'PPy = Σ (m_i·r_i)², since P·y = M·r. */
  readonly rssSquared: number;
  readonly sumM: number;
  readonly sumM2: number;
}

/**
 * P for weights m; null when X'MX is not positive definite (never throws). β and (X'MX)⁻¹ come
 * from the QR decomposition of M^½X (householderQR), not from the normal equations, so that
 * weights spanning many orders of magnitude cost no precision.
 */
export function weightedProjection(x: readonly Float64Array[], m: Float64Array, y: Float64Array): WeightedProjection | null {
  const p = x.length;
  const k = y.length;
  const root = new Float64Array(k);
  for (let i = 0; i < k; i++) root[i] = Math.sqrt(m[i]!);
  const a = x.map((col) => {
    const c = new Float64Array(k);
    for (let i = 0; i < k; i++) c[i] = col[i]! * root[i]!;
    return c;
  });
  const b = new Float64Array(k);
  for (let i = 0; i < k; i++) b[i] = y[i]! * root[i]!;
  const qr = householderQR(a, b);
  if (!qr.ok) return null;
  const beta = upperSolve(qr, qr.qtb);
  const logDetWeightedGram = qrLogDet(qr);
  if (!Number.isFinite(logDetWeightedGram) || !beta.every(Number.isFinite)) return null;
  // Residuals column by column (streaming passes are several times faster than row-wise gathers).
  const residuals = Float64Array.from(y);
  for (let c = 0; c < p; c++) {
    const xa = x[c]!;
    const ba = beta[c]!;
    for (let i = 0; i < k; i++) residuals[i] = residuals[i]! - ba * xa[i]!;
  }
  let rss = 0;
  let rssSquared = 0;
  let sumM = 0;
  let sumM2 = 0;
  for (let i = 0; i < k; i++) {
    const mi = m[i]!;
    const mr = mi * residuals[i]!;
    rss += mr * residuals[i]!;
    rssSquared += mr * mr;
    sumM += mi;
    sumM2 += mi * mi;
  }
  return { m, logDetWeightedGram, inverse: qrGramInverse(qr), beta, residuals, rss, rssSquared, sumM, sumM2 };
}

function product(...vs: readonly (Float64Array | null)[]): Float64Array {
  const k = (vs.find((v) => v !== null) as Float64Array).length;
  const out = new Float64Array(k).fill(1);
  for (const v of vs) if (v !== null) for (let i = 0; i < k; i++) out[i] = out[i]! * v[i]!;
  return out;
}

function sum(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s;
}

const LEVERAGES = new WeakMap<WeightedProjection, Float64Array>();

/** The leverages h_i = m_i·x_iᵀ(X'MX)⁻¹x_i (the diagonal of the weighted hat matrix), cached per projection. */
function leverages(x: readonly Float64Array[], proj: WeightedProjection): Float64Array {
  let h = LEVERAGES.get(proj);
  if (h) return h;
  const p = x.length;
  const k = proj.m.length;
  const inv = proj.inverse;
  h = new Float64Array(k);
  // h_i = m_i·Σ_ab x_ia·inv_ab·x_ib, accumulated column pair by column pair (streaming passes).
  for (let a = 0; a < p; a++) {
    const xa = x[a]!;
    for (let b = 0; b <= a; b++) {
      const xb = x[b]!;
      const c = (a === b ? 1 : 2) * inv[a * p + b]!;
      for (let i = 0; i < k; i++) h[i] = h[i]! + c * xa[i]! * xb[i]!;
    }
  }
  for (let i = 0; i < k; i++) h[i] = h[i]! * proj.m[i]!;
  LEVERAGES.set(proj, h);
  return h;
}

/**
 * tr(P·D) for diagonal D (null = identity) as Σ d_i·m_i·(1 − h_i): summing the diagonal of P
 * term by term (as metafor does with the k×k matrix), never Σ m_i d_i − tr(…) as a difference of
 * two large sums, which cancels when one study carries almost all of the weight.
 */
export function traceP(x: readonly Float64Array[], proj: WeightedProjection, d: Float64Array | null): number {
  const m = proj.m;
  const h = leverages(x, proj);
  let t = 0;
  if (d === null) for (let i = 0; i < m.length; i++) t += m[i]! * (1 - h[i]!);
  else for (let i = 0; i < m.length; i++) t += d[i]! * m[i]! * (1 - h[i]!);
  return t;
}

/** tr(P·D·P·D') for diagonal D, D' (null = identity). */
export function tracePDPD(x: readonly Float64Array[], proj: WeightedProjection, d: Float64Array | null, d2: Float64Array | null): number {
  const p = x.length;
  const m = proj.m;
  const first = sum(product(m, m, d, d2));
  const second = traceOfProduct(proj.inverse, weightedGram(x, product(m, m, m, d, d2)));
  const c1 = multiply(proj.inverse, weightedGram(x, product(m, m, d)), p);
  const c2 = d === d2 ? c1 : multiply(proj.inverse, weightedGram(x, product(m, m, d2)), p);
  return first - 2 * second + traceOfGeneralProduct(c1, c2, p);
}

/**
 * tr(P) and tr(PP) together (the REML score and information), from X'M²X and X'M³X accumulated
 * in one pass over the studies.
 */
export function tracePAndPP(x: readonly Float64Array[], proj: WeightedProjection): { trP: number; trPP: number } {
  const p = x.length;
  const m = proj.m;
  const k = m.length;
  const inv = proj.inverse;
  const b2 = new Float64Array(p * p);
  const b3 = new Float64Array(p * p);
  // The leverages' quadratic forms Σ_ab x_a·inv_ab·x_b accumulate in the same pass.
  const known = LEVERAGES.get(proj);
  const q = known ? null : new Float64Array(k);
  for (let a = 0; a < p; a++) {
    const xa = x[a]!;
    for (let b = 0; b <= a; b++) {
      const xb = x[b]!;
      const cab = (a === b ? 1 : 2) * inv[a * p + b]!;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < k; i++) {
        const mi = m[i]!;
        const xx = xa[i]! * xb[i]!;
        const t = mi * mi * xx;
        s2 += t;
        s3 += t * mi;
        if (q) q[i] = q[i]! + cab * xx;
      }
      b2[a * p + b] = b2[b * p + a] = s2;
      b3[a * p + b] = b3[b * p + a] = s3;
    }
  }
  if (q) {
    for (let i = 0; i < k; i++) q[i] = q[i]! * m[i]!;
    LEVERAGES.set(proj, q);
  }
  const c = multiply(inv, b2, p);
  const trP = traceP(x, proj, null);
  const trPP = proj.sumM2 - 2 * traceOfProduct(inv, b3) + traceOfGeneralProduct(c, c, p);
  return { trP, trPP };
}
