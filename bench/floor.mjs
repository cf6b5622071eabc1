// The floor: minimal plain Float64Array loops computing the same numbers as the library tasks,
// with no validation, no result objects beyond one flat record, no guards and no precision
// refinements. The benchmark reports library ÷ floor, so a ratio near 1 means the library adds
// little over the bare arithmetic.
//
// "The same numbers" means every figure the timed library call reports, by the same algorithm
// family and to the same convergence criterion: tau² iterations stop when
// |Δτ²| ≤ 1e-12·max(τ², v̄) (v̄ = (k − 1)/tr P at τ² = 0, the library's relative tolerance), REML
// starts at the Hedges estimate (as metafor and the library) and keeps metafor's ll0check (the
// root is replaced by 0 when the likelihood is higher there); p-values and critical values use the
// same @stdlib special functions the library uses.
import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

const Z975 = 1.959963984540054;
const TOL = 1e-12;
const MAX_ITER = 1000;
const LOG_2PI = Math.log(2 * Math.PI);

const normalP = (z) => 2 * normalCdf(-Math.abs(z), 0, 1);
const tP = (t, df) => betainc(df / (df + t * t), df / 2, 0.5, true, false);
const chisqP = (x, df) => (x <= 0 ? 1 : gammainc(x / 2, df / 2, true, true));

/** Sums at tau² = 0 (one pass): S1, S2, S3, Cochran's Q, and the REML estimating function at 0. */
function fixedSums(yi, vi, skip) {
  let sw = 0,
    swy = 0,
    swy2 = 0,
    sw2 = 0,
    sw3 = 0,
    sw2y = 0,
    sw2y2 = 0,
    k = 0;
  for (let i = 0; i < yi.length; i++) {
    if (i === skip) continue;
    const w = 1 / vi[i];
    const y = yi[i];
    const w2 = w * w;
    sw += w;
    swy += w * y;
    swy2 += w * y * y;
    sw2 += w2;
    sw3 += w2 * w;
    sw2y += w2 * y;
    sw2y2 += w2 * y * y;
    k++;
  }
  const mu = swy / sw;
  const trP = sw - sw2 / sw;
  return { k, sw, sw2, sw3, trP, q: swy2 - mu * swy, f0: sw2y2 - 2 * mu * sw2y + mu * mu * sw2 - trP, vt: (k - 1) / trP };
}

/** Hedges' estimate, the REML starting value (two passes). */
function hedgesStart(yi, vi, skip, k) {
  let sy = 0;
  for (let i = 0; i < yi.length; i++) if (i !== skip) sy += yi[i];
  const mean = sy / k;
  let rss = 0,
    sv = 0;
  for (let i = 0; i < yi.length; i++) {
    if (i === skip) continue;
    rss += (yi[i] - mean) ** 2;
    sv += vi[i];
  }
  return Math.max(0, (rss - (1 - 1 / k) * sv) / (k - 1));
}

/**
 * Every figure of an intercept-only fit at a given tau² (one pass): estimate, SE, z or t, p, CI,
 * tau² SE (by method), Q, its p-value, I², H², prediction interval.
 */
// The library caches t critical values by (level, df); a minimal loop would compute each once too.
const tCache = new Map();
function tCritical(df) {
  let c = tCache.get(df);
  if (c === undefined) {
    c = tQuantile(0.975, df);
    tCache.set(df, c);
  }
  return c;
}

function figures(yi, vi, skip, f, tau2, method, knha) {
  let sw = 0,
    swy = 0,
    swy2 = 0,
    sw2 = 0,
    sw3 = 0;
  for (let i = 0; i < yi.length; i++) {
    if (i === skip) continue;
    const w = 1 / (vi[i] + tau2);
    const y = yi[i];
    const w2 = w * w;
    sw += w;
    swy += w * y;
    swy2 += w * y * y;
    sw2 += w2;
    sw3 += w2 * w;
  }
  const k = f.k;
  const mu = swy / sw;
  let se = Math.sqrt(1 / sw);
  let crit = Z975;
  let stat, p;
  if (knha) {
    const qt = Math.max(0, swy2 - mu * swy);
    se *= Math.sqrt(qt / (k - 1));
    crit = tCritical(k - 1);
    stat = mu / se;
    p = tP(stat, k - 1);
  } else {
    stat = mu / se;
    p = normalP(stat);
  }
  let tau2se;
  if (method === 'DL') {
    const trPP0 = f.sw2 - (2 * f.sw3) / f.sw + (f.sw2 * f.sw2) / (f.sw * f.sw);
    tau2se = Math.sqrt((2 * (k - 1) + 4 * tau2 * f.trP + 2 * tau2 * tau2 * trPP0) / (f.trP * f.trP));
  } else if (method === 'PM') {
    tau2se = Math.sqrt((2 * k * k) / (k - 1)) / sw;
  } else {
    tau2se = Math.sqrt(2 / (sw2 - (2 * sw3) / sw + (sw2 * sw2) / (sw * sw)));
  }
  const pi = crit * Math.sqrt(se * se + tau2);
  return {
    estimate: mu,
    se,
    stat,
    p,
    lo: mu - crit * se,
    hi: mu + crit * se,
    tau2,
    tau2se,
    q: f.q,
    qp: chisqP(f.q, k - 1),
    i2: (100 * tau2) / (f.vt + tau2),
    h2: tau2 / f.vt + 1,
    piLo: mu - pi,
    piHi: mu + pi,
    sw,
  };
}

/** DerSimonian–Laird: one pass for Q and the traces, one for the figures. */
export function floorDL(yi, vi, knha = false, skip = -1) {
  const f = fixedSums(yi, vi, skip);
  return figures(yi, vi, skip, f, Math.max(0, (f.q - (f.k - 1)) / f.trP), 'DL', knha);
}

/** REML tau² by Fisher scoring from the Hedges start, one pass per iteration; metafor's ll0check. */
function remlTau2(yi, vi, skip, f, start) {
  let tau2 = start >= 0 ? start : hedgesStart(yi, vi, skip, f.k);
  for (let it = 0; it < MAX_ITER; it++) {
    let sw = 0,
      swy = 0,
      sw2 = 0,
      sw3 = 0,
      sw2y = 0,
      sw2y2 = 0;
    for (let i = 0; i < yi.length; i++) {
      if (i === skip) continue;
      const w = 1 / (vi[i] + tau2);
      const w2 = w * w;
      const y = yi[i];
      sw += w;
      swy += w * y;
      sw2 += w2;
      sw3 += w2 * w;
      sw2y += w2 * y;
      sw2y2 += w2 * y * y;
    }
    const mu = swy / sw;
    const trP = sw - sw2 / sw;
    const trPP = sw2 - (2 * sw3) / sw + (sw2 * sw2) / (sw * sw);
    const yPPy = sw2y2 - 2 * mu * sw2y + mu * mu * sw2;
    let step = (yPPy - trP) / trPP;
    if (tau2 + step < 0) {
      if (f.f0 <= 0) return 0;
      while (tau2 + step < 0) step /= 2;
    }
    tau2 += step;
    if (Math.abs(step) <= TOL * Math.max(tau2, f.vt)) break;
  }
  if (tau2 > 0 && remlLogLik(yi, vi, skip, f.k, 0) > remlLogLik(yi, vi, skip, f.k, tau2)) tau2 = 0;
  return tau2;
}

/** Restricted log-likelihood of the intercept-only model at tau² (one pass). */
function remlLogLik(yi, vi, skip, k, tau2) {
  let sw = 0,
    swy = 0,
    swy2 = 0,
    slog = 0;
  for (let i = 0; i < yi.length; i++) {
    if (i === skip) continue;
    const v = vi[i] + tau2;
    const w = 1 / v;
    sw += w;
    swy += w * yi[i];
    swy2 += w * yi[i] * yi[i];
    slog += Math.log(v);
  }
  return -0.5 * ((k - 1) * LOG_2PI + slog + Math.log(sw) + swy2 - (swy * swy) / sw);
}

/** REML (optionally Knapp–Hartung): the figures at the REML tau². `start` ≥ 0 warm-starts. */
export function floorREML(yi, vi, knha = false, skip = -1, start = -1) {
  const f = fixedSums(yi, vi, skip);
  return figures(yi, vi, skip, f, remlTau2(yi, vi, skip, f, start), 'REML', knha);
}

export function floorREMLKnha(yi, vi) {
  return floorREML(yi, vi, true);
}

/** Paule–Mandel: Newton steps on Q(τ²) = k − 1 from τ² = 0 (Q is convex and decreasing, so the steps rise monotonically to the root). */
export function floorPM(yi, vi) {
  const f = fixedSums(yi, vi, -1);
  const k = f.k;
  let tau2 = 0;
  if (f.q > k - 1) {
    for (let it = 0; it < MAX_ITER; it++) {
      let sw = 0,
        swy = 0,
        swy2 = 0,
        sw2 = 0,
        sw2y = 0,
        sw2y2 = 0;
      for (let i = 0; i < k; i++) {
        const w = 1 / (vi[i] + tau2);
        const y = yi[i];
        const w2 = w * w;
        sw += w;
        swy += w * y;
        swy2 += w * y * y;
        sw2 += w2;
        sw2y += w2 * y;
        sw2y2 += w2 * y * y;
      }
      const mu = swy / sw;
      const q = swy2 - mu * swy;
      const dq = -(sw2y2 - 2 * mu * sw2y + mu * mu * sw2);
      const step = -(q - (k - 1)) / dq;
      tau2 += step;
      // Newton converges quadratically: after a step below 1e-12·max(τ², v̄) the error is far
      // below the library's root-search tolerance (1e-15·v̄), which rounding would never let a
      // step reach at large k.
      if (Math.abs(step) <= TOL * Math.max(tau2, f.vt)) break;
    }
  }
  return figures(yi, vi, -1, f, tau2, 'PM', false);
}

/** Leave-one-out REML: the full fit, then k refits warm-started from its tau², every figure of each. */
export function floorLeaveOneOut(yi, vi) {
  const full = floorREML(yi, vi);
  const out = new Array(yi.length);
  for (let i = 0; i < yi.length; i++) out[i] = floorREML(yi, vi, false, i, full.tau2);
  return out;
}

// ---- Meta-regression (small p): weighted least squares by p×p algebra, REML by Fisher scoring.

/** Gauss–Jordan inverse of a small symmetric positive-definite matrix; returns log|M| too. */
function invert(M, out, p) {
  const a = Float64Array.from(M);
  out.fill(0);
  for (let i = 0; i < p; i++) out[i * p + i] = 1;
  let logDet = 0;
  for (let c = 0; c < p; c++) {
    const piv = a[c * p + c];
    logDet += Math.log(piv);
    for (let j = 0; j < p; j++) {
      a[c * p + j] /= piv;
      out[c * p + j] /= piv;
    }
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = a[r * p + c];
      if (f === 0) continue;
      for (let j = 0; j < p; j++) {
        a[r * p + j] -= f * a[c * p + j];
        out[r * p + j] -= f * out[c * p + j];
      }
    }
  }
  return logDet;
}

/**
 * One pass of weighted sums at tau²: X'WX (M1), X'W²X (M2), X'W³X (M3), X'Wy, X'W²y, Σw, Σw²,
 * Σwy², Σw²y²; then β, RSS = y'Wy − β'X'Wy, and the REML traces from p×p products.
 */
function wls(yi, vi, cols, tau2, ws) {
  const k = yi.length,
    p = cols.length;
  const { M1, M2, M3, xwy, xw2y, A, b, row } = ws;
  M1.fill(0);
  M2.fill(0);
  M3.fill(0);
  xwy.fill(0);
  xw2y.fill(0);
  let sw = 0,
    sw2 = 0,
    swy2 = 0,
    sw2y2 = 0,
    slog = 0;
  for (let i = 0; i < k; i++) {
    const v = vi[i] + tau2;
    const w = 1 / v,
      w2 = w * w,
      w3 = w2 * w;
    const y = yi[i];
    sw += w;
    sw2 += w2;
    swy2 += w * y * y;
    sw2y2 += w2 * y * y;
    if (ws.logs) slog += Math.log(v);
    for (let a = 0; a < p; a++) row[a] = cols[a][i];
    for (let a = 0; a < p; a++) {
      const xa = row[a];
      xwy[a] += w * xa * y;
      xw2y[a] += w2 * xa * y;
      for (let c = 0; c <= a; c++) {
        const xx = xa * row[c];
        M1[a * p + c] += w * xx;
        M2[a * p + c] += w2 * xx;
        M3[a * p + c] += w3 * xx;
      }
    }
  }
  for (let a = 0; a < p; a++)
    for (let c = 0; c < a; c++) {
      M1[c * p + a] = M1[a * p + c];
      M2[c * p + a] = M2[a * p + c];
      M3[c * p + a] = M3[a * p + c];
    }
  const logDet = invert(M1, A, p);
  let rss = swy2,
    yPPy = sw2y2,
    bM2b = 0;
  for (let a = 0; a < p; a++) {
    let s = 0;
    for (let c = 0; c < p; c++) s += A[a * p + c] * xwy[c];
    b[a] = s;
  }
  for (let a = 0; a < p; a++) {
    rss -= b[a] * xwy[a];
    yPPy -= 2 * b[a] * xw2y[a];
    for (let c = 0; c < p; c++) bM2b += b[a] * M2[a * p + c] * b[c];
  }
  yPPy += bM2b;
  let trAM2 = 0,
    trAM3 = 0,
    trAM2AM2 = 0;
  const AM2 = ws.AM2;
  for (let a = 0; a < p; a++)
    for (let c = 0; c < p; c++) {
      let s2 = 0,
        s3 = 0;
      for (let d = 0; d < p; d++) {
        s2 += A[a * p + d] * M2[d * p + c];
        s3 += A[a * p + d] * M3[d * p + c];
      }
      AM2[a * p + c] = s2;
      if (a === c) {
        trAM2 += s2;
        trAM3 += s3;
      }
    }
  for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) trAM2AM2 += AM2[a * p + c] * AM2[c * p + a];
  return { rss, yPPy, trP: sw - trAM2, trPP: sw2 - 2 * trAM3 + trAM2AM2, logDet, slog };
}

function workspace(p) {
  const m = () => new Float64Array(p * p);
  return {
    M1: m(),
    M2: m(),
    M3: m(),
    A: m(),
    AM2: m(),
    xwy: new Float64Array(p),
    xw2y: new Float64Array(p),
    b: new Float64Array(p),
    row: new Float64Array(p),
    logs: false,
  };
}

/** Hedges' start for meta-regression: (RSS_OLS − tr((I − H)V)) / (k − p), truncated (two passes). */
function hedgesRegression(yi, vi, cols) {
  const k = yi.length,
    p = cols.length;
  const XtX = new Float64Array(p * p),
    Xty = new Float64Array(p),
    A = new Float64Array(p * p),
    b = new Float64Array(p);
  for (let i = 0; i < k; i++)
    for (let a = 0; a < p; a++) {
      Xty[a] += cols[a][i] * yi[i];
      for (let c = 0; c < p; c++) XtX[a * p + c] += cols[a][i] * cols[c][i];
    }
  invert(XtX, A, p);
  for (let a = 0; a < p; a++) {
    let s = 0;
    for (let c = 0; c < p; c++) s += A[a * p + c] * Xty[c];
    b[a] = s;
  }
  let rss = 0,
    trHV = 0,
    sv = 0;
  for (let i = 0; i < k; i++) {
    let fit = 0,
      h = 0;
    for (let a = 0; a < p; a++) {
      fit += cols[a][i] * b[a];
      for (let c = 0; c < p; c++) h += cols[a][i] * A[a * p + c] * cols[c][i];
    }
    rss += (yi[i] - fit) ** 2;
    sv += vi[i];
    trHV += h * vi[i];
  }
  return Math.max(0, (rss - (sv - trHV)) / (k - p));
}

/** REML meta-regression tau² (Fisher scoring from the Hedges start, library criterion). */
function remlRegressionTau2(yi, vi, cols, ws, vt) {
  let tau2 = hedgesRegression(yi, vi, cols);
  for (let it = 0; it < MAX_ITER; it++) {
    const s = wls(yi, vi, cols, tau2, ws);
    let step = (s.yPPy - s.trP) / s.trPP;
    if (tau2 + step < 0) step = -tau2;
    tau2 += step;
    if (Math.abs(step) <= TOL * Math.max(tau2, vt)) break;
  }
  return tau2;
}

/**
 * The full meta-regression as fitMetaRegression reports it: REML tau² and its SE, coefficients
 * with SE, z, p and CI, QM and its p, QE and its p (fixed-effect WLS), I², H², pseudo R² (from the
 * intercept-only REML fit) and the ML/REML log-likelihoods with AIC, BIC, AICc.
 */
export function floorMetaRegREML(yi, vi, cols) {
  const k = yi.length,
    p = cols.length;
  const ws = workspace(p);
  const fe = wls(yi, vi, cols, 0, ws);
  const qe = fe.rss;
  const vt = (k - p) / fe.trP;
  const tau2 = remlRegressionTau2(yi, vi, cols, ws, vt);
  ws.logs = true;
  const s = wls(yi, vi, cols, tau2, ws);
  const coef = [];
  for (let a = 0; a < p; a++) {
    const se = Math.sqrt(ws.A[a * p + a]);
    const z = ws.b[a] / se;
    coef.push({ b: ws.b[a], se, z, p: normalP(z), lo: ws.b[a] - Z975 * se, hi: ws.b[a] + Z975 * se });
  }
  // QM on all coefficients but the intercept: b₂' (V₂₂)⁻¹ b₂.
  const m = p - 1;
  const V22 = new Float64Array(m * m),
    V22inv = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let c = 0; c < m; c++) V22[a * m + c] = ws.A[(a + 1) * p + c + 1];
  invert(V22, V22inv, m);
  let qm = 0;
  for (let a = 0; a < m; a++) for (let c = 0; c < m; c++) qm += ws.b[a + 1] * V22inv[a * m + c] * ws.b[c + 1];
  // log|X'X| for the REML likelihood.
  const XtX = new Float64Array(p * p),
    tmp = new Float64Array(p * p);
  for (let i = 0; i < k; i++) for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) XtX[a * p + c] += cols[a][i] * cols[c][i];
  const logDetXtX = invert(XtX, tmp, p);
  const llML = -0.5 * (k * LOG_2PI + s.slog + s.rss);
  const llREML = -0.5 * ((k - p) * LOG_2PI + s.slog + s.logDet - logDetXtX + s.rss);
  const parms = p + 1;
  const base = floorREML(yi, vi).tau2;
  return {
    coef,
    tau2,
    tau2se: Math.sqrt(2 / s.trPP),
    qm,
    qmp: chisqP(qm, m),
    qe,
    qep: chisqP(qe, k - p),
    i2: (100 * tau2) / (vt + tau2),
    h2: tau2 / vt + 1,
    r2: base > 0 ? Math.max(0, (100 * (base - tau2)) / base) : 0,
    llML,
    aicML: -2 * llML + 2 * parms,
    bicML: -2 * llML + parms * Math.log(k),
    aiccML: -2 * llML + (2 * parms * k) / (k - parms - 1),
    llREML,
    aicREML: -2 * llREML + 2 * parms,
    bicREML: -2 * llREML + parms * Math.log(k - p),
    aiccREML: -2 * llREML + (2 * parms * (k - p)) / (k - p - parms - 1),
  };
}

/** Egger's test as metafor's default regtest: REML meta-regression on [1, sei]; z test of the slope; the intercept with its CI. */
export function floorEgger(yi, vi) {
  const k = yi.length;
  const ones = new Float64Array(k).fill(1);
  const sei = new Float64Array(k);
  for (let i = 0; i < k; i++) sei[i] = Math.sqrt(vi[i]);
  return floorMetaRegREML(yi, vi, [ones, sei]);
}

/** R's round(): halves to even. */
function roundHalfEven(x) {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * What pool() adds to a fit: study weights, the Q-profile CI of tau² (Newton on the generalised
 * Q from the estimate) with the I² and H² intervals it implies, and the ML/REML fit statistics.
 */
function poolExtras(yi, vi, fit, f) {
  const k = yi.length;
  const weights = new Float64Array(k);
  for (let i = 0; i < k; i++) weights[i] = 100 / (vi[i] + fit.tau2) / fit.sw;
  const qAt = (tau2) => {
    let sw = 0,
      swy = 0,
      swy2 = 0,
      sw2 = 0,
      sw2y = 0,
      sw2y2 = 0;
    for (let i = 0; i < k; i++) {
      const w = 1 / (vi[i] + tau2);
      const y = yi[i];
      sw += w;
      swy += w * y;
      swy2 += w * y * y;
      sw2 += w * w;
      sw2y += w * w * y;
      sw2y2 += w * w * y * y;
    }
    const mu = swy / sw;
    return { q: swy2 - mu * swy, dq: -(sw2y2 - 2 * mu * sw2y + mu * mu * sw2) };
  };
  const bound = (target) => {
    if (qAt(0).q < target) return 0;
    let t = fit.tau2;
    for (let it = 0; it < 200; it++) {
      const { q, dq } = qAt(t);
      let step = -(q - target) / dq;
      if (t + step < 0) step = -t / 2;
      t += step;
      if (Math.abs(step) <= TOL * Math.max(t, f.vt)) break;
    }
    return t;
  };
  const lo = bound(chisqQuantile(0.975, k - 1));
  const hi = bound(chisqQuantile(0.025, k - 1));
  let slog = 0,
    slog0 = 0;
  for (let i = 0; i < k; i++) {
    slog += Math.log(vi[i] + fit.tau2);
    slog0 += Math.log(vi[i]);
  }
  let swy2 = 0;
  for (let i = 0; i < k; i++) swy2 += (yi[i] - fit.estimate) ** 2 / (vi[i] + fit.tau2);
  const llML = -0.5 * (k * LOG_2PI + slog + swy2);
  const llREML = -0.5 * ((k - 1) * LOG_2PI + slog + Math.log(fit.sw) + swy2) + 0.5 * Math.log(k); // + ½log|X'X|, X = 1
  return {
    weights,
    tau2ci: [lo, hi],
    i2ci: [(100 * lo) / (f.vt + lo), (100 * hi) / (f.vt + hi)],
    h2ci: [lo / f.vt + 1, hi / f.vt + 1],
    llML,
    devML: -2 * llML - k * LOG_2PI - slog0,
    aicML: -2 * llML + 4,
    bicML: -2 * llML + 2 * Math.log(k),
    aiccML: -2 * llML + (4 * k) / (k - 3),
    llREML,
    aicREML: -2 * llREML + 4,
    bicREML: -2 * llREML + 2 * Math.log(k - 1),
    aiccREML: -2 * llREML + (4 * (k - 1)) / (k - 4),
  };
}

/**
 * Trim-and-fill (L0, REML) as trimAndFill reports it: the side from the Egger-type regression on
 * the standard errors, the trim → estimate → count iteration (each fit warm-started), the filled
 * studies, and the final REML fit of the k + k0 studies with pool()'s extras.
 */
export function floorTrimFill(yi, vi) {
  const k = yi.length;
  const sign = floorEgger(yi, vi).coef[1].b < 0 ? -1 : 1; // slope < 0: studies missing on the right
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => sign * yi[a] - sign * yi[b] || a - b);
  const ys = new Float64Array(k),
    vs = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    ys[i] = sign * yi[order[i]];
    vs[i] = vi[order[i]];
  }
  let k0 = 0,
    prev = -1,
    centre = 0,
    start = -1;
  const dev = new Float64Array(k);
  const idx = Array.from({ length: k }, (_, i) => i);
  while (k0 !== prev) {
    prev = k0;
    const fit = floorREML(ys.subarray(0, k - k0), vs.subarray(0, k - k0), false, -1, start);
    start = fit.tau2;
    centre = fit.estimate;
    for (let i = 0; i < k; i++) dev[i] = ys[i] - centre;
    idx.sort((a, b) => Math.abs(dev[a]) - Math.abs(dev[b]) || a - b);
    let sr = 0;
    for (let r = 0; r < k; r++) if (dev[idx[r]] > 0) sr += r + 1;
    k0 = Math.max(0, roundHalfEven((4 * sr - k * (k + 1)) / (2 * k - 1)));
  }
  const yf = new Float64Array(k + k0),
    vf = new Float64Array(k + k0);
  for (let i = 0; i < k; i++) {
    yf[i] = yi[i];
    vf[i] = vi[i];
  }
  for (let j = 0; j < k0; j++) {
    yf[k + j] = sign * (2 * centre - ys[k - 1 - j]);
    vf[k + j] = vs[k - 1 - j];
  }
  const f = fixedSums(yf, vf, -1);
  const fit = figures(yf, vf, -1, f, remlTau2(yf, vf, -1, f, -1), 'REML', false);
  return { k0, fit, extras: poolExtras(yf, vf, fit, f) };
}

const FIGURES = ['estimate', 'se', 'stat', 'p', 'lo', 'hi', 'tau2', 'tau2se', 'q', 'qp', 'i2', 'h2', 'piLo', 'piHi'];

/** The simulation batch: DL, then REML with Knapp–Hartung, every figure of every group into flat arrays. */
export function floorBatch(b) {
  const dl = FIGURES.map(() => new Float64Array(b.count));
  const reml = FIGURES.map(() => new Float64Array(b.count));
  for (let g = 0; g < b.count; g++) {
    const y = b.yi.subarray(g * b.k, (g + 1) * b.k);
    const v = b.vi.subarray(g * b.k, (g + 1) * b.k);
    const a = floorDL(y, v);
    const r = floorREML(y, v, true);
    for (let j = 0; j < FIGURES.length; j++) {
      dl[j][g] = a[FIGURES[j]];
      reml[j][g] = r[FIGURES[j]];
    }
  }
  return { dl, reml };
}

/** pool() with REML: every figure of the fit plus weights, Q-profile intervals and fit statistics. */
export function floorPool(yi, vi) {
  const f = fixedSums(yi, vi, -1);
  const fit = figures(yi, vi, -1, f, remlTau2(yi, vi, -1, f, -1), 'REML', false);
  return { fit, extras: poolExtras(yi, vi, fit, f) };
}

// Φ by Hart's rational approximation (|x| < 4.5) and Laplace's continued fraction beyond, in plain
// arithmetic, for the selection-model floor.
const HP = [0.0352624965998911, 0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871, 221.213596169931, 220.206867912376];
const HQ = [0.0883883476483184, 1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674, 637.333633378831, 793.826512519948, 440.413735824752];
function phi(x) {
  const z = Math.abs(x);
  let tail = 0;
  if (z <= 37) {
    const e = Math.exp(-0.5 * z * z);
    if (z < 4.5) {
      let n = HP[0];
      for (let i = 1; i < 7; i++) n = n * z + HP[i];
      let d = HQ[0];
      for (let i = 1; i < 8; i++) d = d * z + HQ[i];
      tail = (e * n) / d;
    } else {
      let t = z;
      for (let m = 80; m >= 1; m--) t = z + m / t;
      tail = e / t / 2.5066282746310002;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * Floor of the selection-model fit: ONE evaluation of the three-parameter selection model's
 * log-likelihood and gradient (cut-point p = 0.025, one-sided) at μ = 0.2, τ² = 0.05, δ = 0.5.
 * A fit needs tens of such evaluations (optimisation, Hessian, the τ² = 0 refit), so the ratio
 * reads as "evaluations' worth of work".
 */
export function floorStepSelection(yi, vi) {
  const mu = 0.2,
    tau2 = 0.05,
    delta = 0.5,
    c = 1.959963984540054;
  let ll = 0,
    gmu = 0,
    gt = 0,
    gd = 0;
  for (let i = 0; i < yi.length; i++) {
    const sd = Math.sqrt(vi[i]),
      s2 = vi[i] + tau2,
      s = Math.sqrt(s2);
    const z = (c * sd - mu) / s;
    const p1 = phi(-z),
      p2 = phi(z);
    const dz = Math.exp(-0.5 * z * z) / 2.5066282746310002;
    const a = p1 + delta * p2;
    const sig = yi[i] / sd >= c;
    const r = yi[i] - mu;
    ll += (sig ? 0 : Math.log(delta)) - 0.5 * (Math.log(2 * Math.PI * s2) + (r * r) / s2) - Math.log(a);
    gmu += r / s2 - ((1 - delta) * dz) / s / a;
    gt += (0.5 * ((r * r) / s2 - 1)) / s2 - ((1 - delta) * z * dz) / (2 * s2) / a;
    gd += (sig ? 0 : 1 / delta) - p2 / a;
  }
  return { ll, gmu, gt, gd };
}

/**
 * Floor of a continuous selection-model fit: ONE evaluation of the negative-exponential selection
 * model's log-likelihood and gradient (δ = 1, one-sided, μ = 0.2, τ² = 0.05), each study's
 * normalising integral by a fixed 64-point trapezoid rule on t ∈ [−8, 8] (no error control, so a
 * lower bound on the work an accurate integrator does). A fit needs tens of such evaluations.
 */
export function floorContinuousSelection(yi, vi) {
  const mu = 0.2,
    tau2 = 0.05,
    delta = 1,
    n = 64,
    h = 16 / (n - 1);
  let ll = 0,
    gmu = 0,
    gt = 0,
    gd = 0;
  for (let i = 0; i < yi.length; i++) {
    const sd = Math.sqrt(vi[i]),
      s2 = vi[i] + tau2,
      s = Math.sqrt(s2);
    let a = 0,
      a1 = 0,
      a2 = 0,
      ad = 0;
    for (let j = 0; j < n; j++) {
      const t = -8 + j * h;
      const p = phi(-(mu + s * t) / sd);
      const w = (Math.exp(-delta * p - 0.5 * t * t) * h) / 2.5066282746310002;
      a += w;
      a1 += w * t;
      a2 += w * (t * t - 1);
      ad -= w * p;
    }
    const pi = phi(-yi[i] / sd);
    const r = yi[i] - mu;
    ll += -delta * pi - 0.5 * (Math.log(2 * Math.PI * s2) + (r * r) / s2) - Math.log(a);
    gmu += r / s2 - a1 / (s * a);
    gt += (0.5 * ((r * r) / s2 - 1)) / s2 - a2 / (2 * s2 * a);
    gd += -pi - ad / a;
  }
  return { ll, gmu, gt, gd };
}
