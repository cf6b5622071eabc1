// The floor of the three-level benchmark: one plain block-diagonal pass of the fitted model, i.e.
// what any implementation must do at least once at the answer. For each cluster, fill its block of
// the marginal covariance M_c = diag(v_i + s2) + s1·11' (dense b×b), Cholesky-factor it, solve for
// the intercept column and y, and accumulate X'M⁻¹X, X'M⁻¹y, y'M⁻¹y and log|M|; then the GLS
// estimate, its standard error and the REML log-likelihood. The variance components are given
// (the fitted ones), not estimated; no validation, no result object, rows already sorted by
// cluster in typed arrays: a lower bound on the cost of a fit with the general block method.

/** One GLS pass at (s1, s2); `study` sorted by cluster. */
export function floorThreeLevel(yi, vi, study, s1, s2) {
  const k = yi.length;
  let maxB = 1;
  for (let i = 0, run = 1; i < k; i++, run++) {
    if (i + 1 === k || study[i + 1] !== study[i]) {
      maxB = Math.max(maxB, run);
      run = 0;
    }
  }
  const l = new Float64Array(maxB * maxB);
  const w = new Float64Array(2 * maxB);
  let sxx = 0,
    sxy = 0,
    syy = 0,
    logDet = 0;
  for (let start = 0; start < k; ) {
    let end = start + 1;
    while (end < k && study[end] === study[start]) end++;
    const b = end - start;
    for (let a = 0; a < b; a++) for (let c = 0; c <= a; c++) l[a * b + c] = s1 + (a === c ? vi[start + a] + s2 : 0);
    for (let j = 0; j < b; j++) {
      let d = l[j * b + j];
      for (let m = 0; m < j; m++) d -= l[j * b + m] * l[j * b + m];
      const ljj = Math.sqrt(d);
      l[j * b + j] = ljj;
      logDet += 2 * Math.log(ljj);
      for (let i = j + 1; i < b; i++) {
        let s = l[i * b + j];
        for (let m = 0; m < j; m++) s -= l[i * b + m] * l[j * b + m];
        l[i * b + j] = s / ljj;
      }
    }
    for (let a = 0; a < b; a++) {
      w[a] = 1;
      w[b + a] = yi[start + a];
    }
    for (let col = 0; col < 2; col++) {
      for (let i = 0; i < b; i++) {
        let s = w[col * b + i];
        for (let m = 0; m < i; m++) s -= l[i * b + m] * w[col * b + m];
        w[col * b + i] = s / l[i * b + i];
      }
    }
    for (let a = 0; a < b; a++) {
      sxx += w[a] * w[a];
      sxy += w[a] * w[b + a];
      syy += w[b + a] * w[b + a];
    }
    start = end;
  }
  const beta = sxy / sxx;
  // metafor's REML log-likelihood keeps ½·log|X'X| (= ½·log k for the intercept).
  const logLik = -0.5 * (k - 1) * Math.log(2 * Math.PI) + 0.5 * Math.log(k) - 0.5 * logDet - 0.5 * Math.log(sxx) - 0.5 * (syy - beta * sxy);
  return { beta, standardError: Math.sqrt(1 / sxx), logLik };
}
