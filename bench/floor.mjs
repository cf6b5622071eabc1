// The floor: minimal plain Float64Array loops computing the same numbers as the library tasks,
// with no validation, no result objects and no extras. The benchmark reports library ÷ floor, so a
// ratio near 1 means the library adds little over the bare arithmetic. Each floor computes what its
// task reports (estimate, SE, CI, tau², Q, ...), to the same convergence criterion (|Δτ²| < 1e-10).
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

const Z975 = 1.959963984540054;
const TOL = 1e-10;
const MAX_ITER = 1000;

/** Fixed-effect sums and Cochran's Q (one pass). */
function fixedSums(yi, vi, skip = -1) {
  let sw = 0, swy = 0, swy2 = 0, sw2 = 0, k = 0;
  for (let i = 0; i < yi.length; i++) {
    if (i === skip) continue;
    const w = 1 / vi[i];
    const wy = w * yi[i];
    sw += w; swy += wy; swy2 += wy * yi[i]; sw2 += w * w; k++;
  }
  return { sw, swy, q: swy2 - (swy * swy) / sw, sw2, k };
}

/** DerSimonian–Laird: Q pass, tau², then the weighted mean, SE, CI, I². */
export function floorDL(yi, vi) {
  const f = fixedSums(yi, vi);
  const tau2 = Math.max(0, (f.q - (f.k - 1)) / (f.sw - f.sw2 / f.sw));
  let sw = 0, swy = 0;
  for (let i = 0; i < yi.length; i++) {
    const w = 1 / (vi[i] + tau2);
    sw += w; swy += w * yi[i];
  }
  const mu = swy / sw;
  const se = Math.sqrt(1 / sw);
  const vt = (f.k - 1) / (f.sw - f.sw2 / f.sw);
  return { mu, se, lo: mu - Z975 * se, hi: mu + Z975 * se, tau2, q: f.q, i2: (100 * tau2) / (vt + tau2) };
}

/** REML by Fisher scoring from the DL start, one pass per iteration (intercept-only closed-form traces). */
export function floorREML(yi, vi, skip = -1, start = -1) {
  let tau2 = start;
  if (tau2 < 0) {
    const f = fixedSums(yi, vi, skip);
    tau2 = Math.max(0, (f.q - (f.k - 1)) / (f.sw - f.sw2 / f.sw));
  }
  let sw = 0, swy = 0;
  for (let it = 0; it < MAX_ITER; it++) {
    sw = 0; swy = 0;
    let sw2 = 0, sw3 = 0, sw2y = 0, sw2y2 = 0;
    for (let i = 0; i < yi.length; i++) {
      if (i === skip) continue;
      const w = 1 / (vi[i] + tau2);
      const w2 = w * w;
      const y = yi[i];
      sw += w; swy += w * y; sw2 += w2; sw3 += w2 * w; sw2y += w2 * y; sw2y2 += w2 * y * y;
    }
    const mu = swy / sw;
    const trP = sw - sw2 / sw;
    const trPP = sw2 - (2 * sw3) / sw + (sw2 * sw2) / (sw * sw);
    const yPPy = sw2y2 - 2 * mu * sw2y + mu * mu * sw2;
    let next = tau2 + (yPPy - trP) / trPP;
    if (next < 0) next = 0;
    const done = Math.abs(next - tau2) < TOL;
    tau2 = next;
    if (done) break;
  }
  sw = 0; swy = 0;
  for (let i = 0; i < yi.length; i++) {
    if (i === skip) continue;
    const w = 1 / (vi[i] + tau2);
    sw += w; swy += w * yi[i];
  }
  const mu = swy / sw;
  const se = Math.sqrt(1 / sw);
  return { mu, se, lo: mu - Z975 * se, hi: mu + Z975 * se, tau2, sw };
}

/** REML plus the Knapp–Hartung adjustment (t with k − 1 df). */
export function floorREMLKnha(yi, vi) {
  const r = floorREML(yi, vi);
  let s = 0;
  for (let i = 0; i < yi.length; i++) {
    const d = yi[i] - r.mu;
    s += (d * d) / (vi[i] + r.tau2);
  }
  const k = yi.length;
  const se = Math.sqrt(s / (k - 1) / r.sw);
  const crit = tQuantile(0.975, k - 1);
  return { mu: r.mu, se, lo: r.mu - crit * se, hi: r.mu + crit * se, tau2: r.tau2 };
}

/** Paule–Mandel: Newton steps on the generalised Q equation Σw(y − μ)² = k − 1, from the DL start. */
export function floorPM(yi, vi) {
  const k = yi.length;
  const f = fixedSums(yi, vi);
  let tau2 = Math.max(0, (f.q - (k - 1)) / (f.sw - f.sw2 / f.sw));
  for (let it = 0; it < MAX_ITER; it++) {
    let sw = 0, swy = 0, swy2 = 0, sw2 = 0, sw2y = 0, sw2y2 = 0;
    for (let i = 0; i < k; i++) {
      const w = 1 / (vi[i] + tau2);
      const y = yi[i];
      sw += w; swy += w * y; swy2 += w * y * y; sw2 += w * w; sw2y += w * w * y; sw2y2 += w * w * y * y;
    }
    const mu = swy / sw;
    const q = swy2 - mu * swy;
    const dq = -(sw2y2 - 2 * mu * sw2y + mu * mu * sw2);
    if (tau2 === 0 && q < k - 1) break;
    let next = tau2 - (q - (k - 1)) / dq;
    if (next < 0) next = 0;
    const done = Math.abs(next - tau2) < TOL;
    tau2 = next;
    if (done) break;
  }
  let sw = 0, swy = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (vi[i] + tau2);
    sw += w; swy += w * yi[i];
  }
  const mu = swy / sw;
  const se = Math.sqrt(1 / sw);
  return { mu, se, lo: mu - Z975 * se, hi: mu + Z975 * se, tau2 };
}

/** Leave-one-out REML: k refits, each warm-started from the full-data tau². */
export function floorLeaveOneOut(yi, vi) {
  const full = floorREML(yi, vi);
  const mu = new Float64Array(yi.length);
  for (let i = 0; i < yi.length; i++) mu[i] = floorREML(yi, vi, i, full.tau2).mu;
  return mu;
}

/**
 * Weighted least squares + REML for a small design (p columns, column-major list), Fisher scoring.
 * Traces use p×p products only: tr(P) = Σw − tr(A·X'W²X), tr(PP) = Σw² − 2tr(A·X'W³X) + tr((A·X'W²X)²),
 * with A = (X'WX)⁻¹; y'PPy from the residuals.
 */
export function floorMetaRegREML(yi, vi, columns) {
  const k = yi.length;
  const p = columns.length;
  let tau2 = 0.01;
  const M1 = new Float64Array(p * p), M2 = new Float64Array(p * p), M3 = new Float64Array(p * p);
  const b = new Float64Array(p), xty = new Float64Array(p), A = new Float64Array(p * p);
  const row = new Float64Array(p);
  for (let it = 0; it < MAX_ITER; it++) {
    M1.fill(0); M2.fill(0); M3.fill(0); xty.fill(0);
    let sw = 0, sw2 = 0;
    for (let i = 0; i < k; i++) {
      const w = 1 / (vi[i] + tau2);
      const w2 = w * w, w3 = w2 * w;
      sw += w; sw2 += w2;
      for (let a = 0; a < p; a++) row[a] = columns[a][i];
      for (let a = 0; a < p; a++) {
        const xa = row[a];
        xty[a] += w * xa * yi[i];
        for (let c = 0; c <= a; c++) {
          const xx = xa * row[c];
          M1[a * p + c] += w * xx; M2[a * p + c] += w2 * xx; M3[a * p + c] += w3 * xx;
        }
      }
    }
    for (let a = 0; a < p; a++) for (let c = 0; c < a; c++) {
      M1[c * p + a] = M1[a * p + c]; M2[c * p + a] = M2[a * p + c]; M3[c * p + a] = M3[a * p + c];
    }
    invertSymmetric(M1, A, p);
    for (let a = 0; a < p; a++) { let s = 0; for (let c = 0; c < p; c++) s += A[a * p + c] * xty[c]; b[a] = s; }
    let yPPy = 0;
    for (let i = 0; i < k; i++) {
      const w = 1 / (vi[i] + tau2);
      let fit = 0;
      for (let a = 0; a < p; a++) fit += columns[a][i] * b[a];
      const r = w * (yi[i] - fit);
      yPPy += r * r;
    }
    let trAM2 = 0, trAM3 = 0, trAM2AM2 = 0;
    const AM2 = new Float64Array(p * p);
    for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) {
      let s2 = 0, s3 = 0;
      for (let d = 0; d < p; d++) { s2 += A[a * p + d] * M2[d * p + c]; s3 += A[a * p + d] * M3[d * p + c]; }
      AM2[a * p + c] = s2;
      if (a === c) { trAM2 += s2; trAM3 += s3; }
    }
    for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) trAM2AM2 += AM2[a * p + c] * AM2[c * p + a];
    const trP = sw - trAM2;
    const trPP = sw2 - 2 * trAM3 + trAM2AM2;
    let next = tau2 + (yPPy - trP) / trPP;
    if (next < 0) next = 0;
    const done = Math.abs(next - tau2) < TOL;
    tau2 = next;
    if (done) break;
  }
  return { b, tau2 };
}

/** Gauss–Jordan inverse of a small symmetric positive-definite matrix (p ≤ ~10). */
function invertSymmetric(M, out, p) {
  const a = Float64Array.from(M);
  out.fill(0);
  for (let i = 0; i < p; i++) out[i * p + i] = 1;
  for (let c = 0; c < p; c++) {
    const piv = a[c * p + c];
    for (let j = 0; j < p; j++) { a[c * p + j] /= piv; out[c * p + j] /= piv; }
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = a[r * p + c];
      if (f === 0) continue;
      for (let j = 0; j < p; j++) { a[r * p + j] -= f * a[c * p + j]; out[r * p + j] -= f * out[c * p + j]; }
    }
  }
}

/** Egger's test as metafor's default regtest: REML meta-regression on [1, sei]; z test of the slope. */
export function floorEgger(yi, vi) {
  const k = yi.length;
  const ones = new Float64Array(k).fill(1);
  const sei = new Float64Array(k);
  for (let i = 0; i < k; i++) sei[i] = Math.sqrt(vi[i]);
  return floorMetaRegREML(yi, vi, [ones, sei]);
}

/** Trim-and-fill (L0, REML, left side as if the estimator chose it): iterate trim → estimate → count. */
export function floorTrimFill(yi, vi) {
  const k = yi.length;
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => yi[a] - yi[b]);
  const ys = new Float64Array(k), vs = new Float64Array(k);
  for (let i = 0; i < k; i++) { ys[i] = yi[order[i]]; vs[i] = vi[order[i]]; }
  let k0 = 0;
  for (let it = 0; it < 100; it++) {
    const kt = k - k0;
    const fit = floorREML(ys.subarray(0, kt), vs.subarray(0, kt));
    const dev = new Float64Array(k);
    for (let i = 0; i < k; i++) dev[i] = ys[i] - fit.mu;
    const idx = Array.from({ length: k }, (_, i) => i).sort((a, b) => Math.abs(dev[a]) - Math.abs(dev[b]));
    let sr = 0;
    for (let r = 0; r < k; r++) if (dev[idx[r]] > 0) sr += r + 1;
    const next = Math.max(0, Math.round((4 * sr - k * (k + 1)) / (2 * k - 1)));
    if (next === k0) break;
    k0 = Math.min(next, k - 1);
  }
  const fit = floorREML(ys.subarray(0, k - k0), vs.subarray(0, k - k0));
  const yf = new Float64Array(k + k0), vf = new Float64Array(k + k0);
  yf.set(ys); vf.set(vs);
  for (let j = 0; j < k0; j++) { yf[k + j] = 2 * fit.mu - ys[k - 1 - j]; vf[k + j] = vs[k - 1 - j]; }
  return floorREML(yf, vf);
}

/** The simulation batch: DL, then REML with Knapp–Hartung, for every group of a columnar batch. */
export function floorBatch(b) {
  const out = new Float64Array(b.count * 2);
  for (let g = 0; g < b.count; g++) {
    const y = b.yi.subarray(g * b.k, (g + 1) * b.k);
    const v = b.vi.subarray(g * b.k, (g + 1) * b.k);
    out[2 * g] = floorDL(y, v).mu;
    out[2 * g + 1] = floorREMLKnha(y, v).mu;
  }
  return out;
}
