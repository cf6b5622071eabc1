// A minimal random-effects check used only by the dataset tests, so they do not depend on the
// pooling engine (src/pool) being finished. Formulas: DerSimonian & Laird (1986) for DL; the REML
// fixed-point iteration of Viechtbauer (2005, J Educ Behav Stat 30:261, eq. 11) for REML.

export interface RandomEffectsCheck {
  readonly estimate: number;
  readonly se: number;
  readonly tau2: number;
  readonly i2: number;
  readonly iterations: number;
}

function pooledGiven(yi: readonly number[], vi: readonly number[], tau2: number) {
  const w = vi.map((v) => 1 / (v + tau2));
  const sw = w.reduce((a, b) => a + b, 0);
  const mu = w.reduce((a, wi, i) => a + wi * yi[i]!, 0) / sw;
  return { w, sw, mu };
}

/** Higgins & Thompson's I² (percent) from Cochran's Q: max(0, (Q - (k - 1)) / Q). */
function i2Of(yi: readonly number[], vi: readonly number[]): number {
  const { w, mu } = pooledGiven(yi, vi, 0);
  const q = w.reduce((a, wi, i) => a + wi * (yi[i]! - mu) ** 2, 0);
  return q > 0 ? (100 * Math.max(0, q - (yi.length - 1))) / q : 0;
}

export function dersimonianLaird(yi: readonly number[], vi: readonly number[]): RandomEffectsCheck {
  const { w, sw, mu } = pooledGiven(yi, vi, 0);
  const q = w.reduce((a, wi, i) => a + wi * (yi[i]! - mu) ** 2, 0);
  const c = sw - w.reduce((a, x) => a + x * x, 0) / sw;
  const tau2 = Math.max(0, (q - (yi.length - 1)) / c);
  const re = pooledGiven(yi, vi, tau2);
  return { estimate: re.mu, se: Math.sqrt(1 / re.sw), tau2, i2: i2Of(yi, vi), iterations: 0 };
}

export function restrictedMaximumLikelihood(yi: readonly number[], vi: readonly number[]): RandomEffectsCheck {
  let tau2 = dersimonianLaird(yi, vi).tau2;
  let iterations = 0;
  for (; iterations < 1000; iterations++) {
    const { w, sw, mu } = pooledGiven(yi, vi, tau2);
    const sw2 = w.reduce((a, x) => a + x * x, 0);
    const next = Math.max(0, w.reduce((a, wi, i) => a + wi * wi * ((yi[i]! - mu) ** 2 - vi[i]!), 0) / sw2 + 1 / sw);
    if (Math.abs(next - tau2) < 1e-12) {
      tau2 = next;
      break;
    }
    tau2 = next;
  }
  const re = pooledGiven(yi, vi, tau2);
  return { estimate: re.mu, se: Math.sqrt(1 / re.sw), tau2, i2: i2Of(yi, vi), iterations };
}

/** Egger's regression test (classical form): standard normal deviate yi/sei on precision 1/sei; returns the intercept's two-sided p from a t(k-2). */
export function eggerIntercept(yi: readonly number[], vi: readonly number[]): { intercept: number; t: number } {
  const x = vi.map((v) => 1 / Math.sqrt(v));
  const y = yi.map((e, i) => e / Math.sqrt(vi[i]!));
  const k = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / k;
  const my = y.reduce((a, b) => a + b, 0) / k;
  const sxx = x.reduce((a, xi) => a + (xi - mx) ** 2, 0);
  const slope = x.reduce((a, xi, i) => a + (xi - mx) * (y[i]! - my), 0) / sxx;
  const intercept = my - slope * mx;
  const rss = y.reduce((a, yi2, i) => a + (yi2 - intercept - slope * x[i]!) ** 2, 0);
  const s2 = rss / (k - 2);
  const seIntercept = Math.sqrt(s2 * (1 / k + (mx * mx) / sxx));
  return { intercept, t: intercept / seIntercept };
}

/** log HR and its variance from a CI (metafor's escalc for a reported ratio and 95% CI). */
export function logHazardRatio(hr: number, lower: number, upper: number): { yi: number; vi: number } {
  const z = 1.959963984540054;
  return { yi: Math.log(hr), vi: ((Math.log(upper) - Math.log(lower)) / (2 * z)) ** 2 };
}
