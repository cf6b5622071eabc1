// The floor of the three-level benchmark: the same REML fit written for this one model only.
// Each cluster's M_c = diag(v_i + s2) + s1·11' is inverted in closed form (Sherman–Morrison), so
// a log-likelihood costs O(k) with no matrix at all; the two variances are found by Newton steps
// with finite-difference derivatives on log scale. No validation, no result object: a lower
// bound on what any implementation of the general method can cost.

/** REML log-likelihood of the three-level model (intercept only) at (s1, s2). */
function remlLogLik(yi, vi, starts, s1, s2) {
  const k = yi.length;
  let logDet = 0, sw = 0, swy = 0, swyy = 0;
  for (let c = 0; c + 1 < starts.length; c++) {
    let a = 0, ay = 0, ayy = 0;
    for (let i = starts[c]; i < starts[c + 1]; i++) {
      const d = vi[i] + s2;
      logDet += Math.log(d);
      a += 1 / d;
      ay += yi[i] / d;
      ayy += (yi[i] * yi[i]) / d;
    }
    const f = s1 / (1 + s1 * a);
    logDet += Math.log(1 + s1 * a);
    sw += a - f * a * a;
    swy += ay - f * a * ay;
    swyy += ayy - f * ay * ay;
  }
  const b = swy / sw;
  const rss = swyy - b * swy;
  return -0.5 * (k - 1) * Math.log(2 * Math.PI) - 0.5 * logDet - 0.5 * Math.log(sw) - 0.5 * rss;
}

/** Fit (s1, s2) and the intercept; `study` sorted by cluster. */
export function floorThreeLevel(yi, vi, study) {
  const starts = [0];
  for (let i = 1; i < study.length; i++) if (study[i] !== study[i - 1]) starts.push(i);
  starts.push(study.length);
  const f = (t) => remlLogLik(yi, vi, starts, Math.exp(t[0]), Math.exp(t[1]));
  let t = [Math.log(0.05), Math.log(0.05)];
  const h = 1e-4;
  for (let it = 0; it < 50; it++) {
    const f0 = f(t);
    const fp = [f([t[0] + h, t[1]]), f([t[0], t[1] + h])];
    const fm = [f([t[0] - h, t[1]]), f([t[0], t[1] - h])];
    const fpp = f([t[0] + h, t[1] + h]);
    const g = [(fp[0] - fm[0]) / (2 * h), (fp[1] - fm[1]) / (2 * h)];
    const H = [(fp[0] - 2 * f0 + fm[0]) / (h * h), (fpp - fp[0] - fp[1] + f0) / (h * h), (fp[1] - 2 * f0 + fm[1]) / (h * h)];
    const det = H[0] * H[2] - H[1] * H[1];
    let d = det > 0 && H[0] < 0 ? [-(H[2] * g[0] - H[1] * g[1]) / det, -(H[0] * g[1] - H[1] * g[0]) / det] : [g[0] * 0.1, g[1] * 0.1];
    let next = [t[0] + d[0], t[1] + d[1]];
    while (f(next) < f0 && Math.abs(d[0]) + Math.abs(d[1]) > 1e-14) { d = [d[0] / 2, d[1] / 2]; next = [t[0] + d[0], t[1] + d[1]]; }
    t = next;
    if (Math.abs(d[0]) + Math.abs(d[1]) < 1e-10) break;
  }
  return { sigma2: [Math.exp(t[0]), Math.exp(t[1])], logLik: f(t) };
}
