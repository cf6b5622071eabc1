// The floor of the Bayesian fit (bench/run.mjs, tasks "bayes"): the work no method can skip —
// the marginal likelihood p(y | τ) and the prior at 256 fixed nodes of τ (trapezoid rule on a
// range found by one scan), then the posterior moments of μ, of a new study's effect and of every
// study's true effect as mixtures over those nodes. No quantiles, intervals or error control: the
// library's time beyond this is the price of its 1e-8 accuracy and of its intervals.

function logMarginal(y, v, tau, m0, s0) {
  const t2 = tau * tau;
  let sw = 0,
    swy = 0,
    slw = 0;
  for (let i = 0; i < y.length; i++) {
    const w = 1 / (v[i] + t2);
    sw += w;
    swy += w * y[i];
    slw += Math.log(w);
  }
  const p0 = 1 / (s0 * s0),
    W = sw + p0,
    m = (swy + p0 * m0) / W;
  let q = p0 * (m0 - m) ** 2;
  for (let i = 0; i < y.length; i++) q += (y[i] - m) ** 2 / (v[i] + t2);
  return { m, V: 1 / W, ll: 0.5 * slw - 0.5 * Math.log(W) - 0.5 * q };
}

export function floorBayes(y, v, scale = 0.5, m0 = 0, s0 = 4) {
  const n = 256;
  let hi = 0,
    best = -Infinity;
  for (let j = 0; j <= 64; j++) {
    const t = 4 * scale * (j / 64);
    const l = logMarginal(y, v, t, m0, s0).ll - (t * t) / (2 * scale * scale);
    if (l > best) best = l;
    if (l > best - 40) hi = t;
  }
  const tau = new Float64Array(n),
    w = new Float64Array(n),
    m = new Float64Array(n),
    V = new Float64Array(n);
  let z = 0;
  for (let j = 0; j < n; j++) {
    const t = (hi * j) / (n - 1);
    const c = logMarginal(y, v, t, m0, s0);
    tau[j] = t;
    m[j] = c.m;
    V[j] = c.V;
    w[j] = Math.exp(c.ll - (t * t) / (2 * scale * scale) - best) * (j === 0 || j === n - 1 ? 0.5 : 1);
    z += w[j];
  }
  let mu = 0,
    mu2 = 0,
    pred2 = 0;
  for (let j = 0; j < n; j++) {
    w[j] /= z;
    mu += w[j] * m[j];
    mu2 += w[j] * (V[j] + m[j] * m[j]);
    pred2 += w[j] * (V[j] + tau[j] * tau[j] + m[j] * m[j]);
  }
  const shrink = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const b = v[i] / (v[i] + tau[j] * tau[j]);
      s += w[j] * ((1 - b) * y[i] + b * m[j]);
    }
    shrink[i] = s;
  }
  return { mu, sd: Math.sqrt(mu2 - mu * mu), predSd: Math.sqrt(pred2 - mu * mu), shrink };
}
