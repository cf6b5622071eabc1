// Summaries of a finite mixture of normal distributions Σ_j ω_j N(m_j, s_j²): the marginal
// posteriors of μ, of a new study's effect and of each study's true effect are such mixtures over
// the quadrature nodes of τ (their conditional distributions given τ are normal).
import { erfcxUpper, erfSmall } from './normalTail.js';
import { goldenMaximum } from './roots.js';

export interface NormalMixture {
  readonly weight: Float64Array;
  readonly mean: Float64Array;
  readonly sd: Float64Array;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** [tail, density, d density / dx] of the last tailAndDensity call (no allocation per evaluation). */
const SCRATCH = new Float64Array(3);

/**
 * Mixture CDF Σ ω_j Φ((x − m_j)/s_j).
 * @example mixtureCdf({ weight: Float64Array.of(1), mean: Float64Array.of(0), sd: Float64Array.of(1) }, 0) // 0.5
 */
export function mixtureCdf(m: NormalMixture, x: number): number {
  tailAndDensity(m, x, false, SCRATCH);
  return SCRATCH[0]!;
}

/**
 * Mixture density Σ ω_j φ((x − m_j)/s_j)/s_j.
 * @example mixturePdf({ weight: Float64Array.of(1), mean: Float64Array.of(0), sd: Float64Array.of(1) }, 0) // 0.3989422804014327
 */
export function mixturePdf(m: NormalMixture, x: number): number {
  tailAndDensity(m, x, false, SCRATCH);
  return SCRATCH[1]!;
}

/**
 * Mean and variance of the mixture: Σ ω m and Σ ω (s² + m²) − mean².
 * @example mixtureMoments({ weight: Float64Array.of(0.5, 0.5), mean: Float64Array.of(-1, 1), sd: Float64Array.of(1, 1) }).variance // 2
 */
export function mixtureMoments(m: NormalMixture): { mean: number; variance: number } {
  let mean = 0;
  for (let j = 0; j < m.weight.length; j++) mean += m.weight[j]! * m.mean[j]!;
  let variance = 0;
  for (let j = 0; j < m.weight.length; j++) variance += m.weight[j]! * (m.sd[j]! ** 2 + (m.mean[j]! - mean) ** 2);
  return { mean, variance };
}

/** A bracket [lo, hi] with F(lo) < p < F(hi), widened from the outermost components. */
function bracket(m: NormalMixture): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < m.weight.length; j++) {
    lo = Math.min(lo, m.mean[j]! - 40 * m.sd[j]!);
    hi = Math.max(hi, m.mean[j]! + 40 * m.sd[j]!);
  }
  return { lo, hi };
}

/**
 * One pass over the components giving the lower tail F(x) (or the upper 1 − F(x)) and the density
 * f(x): with y = |z|/√2, Φ's tail is erfcx(y)·exp(−z²/2)/2 (Cody 1969), sharing the exponential
 * with φ(z). Writes [tail, density] into `out`.
 */
function tailAndDensity(m: NormalMixture, x: number, upper: boolean, out: Float64Array): void {
  let tail = 0;
  let dens = 0;
  let slope = 0;
  for (let j = 0; j < m.weight.length; j++) {
    const s = m.sd[j]!;
    const z = upper ? (m.mean[j]! - x) / s : (x - m.mean[j]!) / s;
    const e = Math.exp(-0.5 * z * z);
    const w = m.weight[j]!;
    const y = Math.abs(z) * Math.SQRT1_2;
    const half = y < 0.46875 ? 0.5 * (1 - erfSmall(y)) : 0.5 * erfcxUpper(y) * e;
    tail += w * (z < 0 ? half : 1 - half);
    const phi = (w * INV_SQRT_2PI * e) / s;
    dens += phi;
    // d f / dx: −Σ φ_j z_j / s_j in x (z measured from the mean for the lower tail, towards it for the upper).
    slope += ((upper ? z : -z) * phi) / s;
  }
  out[0] = tail;
  out[1] = dens;
  out[2] = slope;
}

/**
 * The p-quantile of the mixture: Halley's method on h(x) = log F(x) − log p (on log(1 − F) for
 * p > ½), whose concavity keeps the steps from overshooting in the tails, from `start` (the mean by
 * default), inside the bracket known so far (bisection where a step would leave it). With
 * T the tail, h' = ±f/T and h'' = ±f'/T − h'².
 * @example mixtureQuantile({ weight: Float64Array.of(1), mean: Float64Array.of(0), sd: Float64Array.of(1) }, 0.975).toFixed(9) // '1.959963985'
 */
export function mixtureQuantile(m: NormalMixture, p: number, start?: number): number {
  let lo = -Infinity;
  let hi = Infinity;
  const upper = p > 0.5;
  const sign = upper ? -1 : 1;
  const target = Math.log(upper ? 1 - p : p);
  let x = start ?? mixtureMoments(m).mean;
  for (let i = 0; i < 200; i++) {
    tailAndDensity(m, x, upper, SCRATCH);
    const tail = SCRATCH[0]!;
    const h = Math.log(tail) - target;
    if (h === 0) return x;
    if (upper ? h > 0 : h < 0) lo = x;
    else hi = x;
    const d1 = (sign * SCRATCH[1]!) / tail;
    const d2 = (sign * SCRATCH[2]!) / tail - d1 * d1;
    const halley = (2 * h * d1) / (2 * d1 * d1 - h * d2);
    let next = x - (Number.isFinite(halley) ? halley : h / d1);
    if (Math.abs(next - x) <= 1e-14 * (1 + Math.abs(x))) return next;
    if (!(next > lo && next < hi)) {
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) ({ lo, hi } = widen(m, lo, hi));
      next = (lo + hi) / 2;
    }
    if (hi - lo <= 1e-14 * (1 + Math.abs(x))) return next;
    x = next;
  }
  return x;
}

/** A finite bracket from the outermost components, keeping the ends already known. */
function widen(m: NormalMixture, lo: number, hi: number): { lo: number; hi: number } {
  const b = bracket(m);
  return { lo: Number.isFinite(lo) ? lo : b.lo, hi: Number.isFinite(hi) ? hi : b.hi };
}

/**
 * The mode of the mixture density: the highest of a scan between the 0.1% and 99.9% quantiles,
 * refined by golden-section search between its neighbours.
 * @example mixtureMode({ weight: Float64Array.of(1), mean: Float64Array.of(2), sd: Float64Array.of(1) }) // 2.0000000 (the mode is located to about 1e-8)
 */
export function mixtureMode(m: NormalMixture): number {
  const a = mixtureQuantile(m, 0.001);
  const b = mixtureQuantile(m, 0.999);
  const n = 64;
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i <= n; i++) {
    const v = mixturePdf(m, a + ((b - a) * i) / n);
    if (v > bestValue) [best, bestValue] = [i, v];
  }
  const lo = a + ((b - a) * Math.max(0, best - 1)) / n;
  const hi = a + ((b - a) * Math.min(n, best + 1)) / n;
  return goldenMaximum((x) => mixturePdf(m, x), lo, hi, 1e-13);
}

/**
 * Derivative of the log mixture density, f'(x)/f(x) with f'(x) = −Σ ω_j φ(z_j) z_j / s_j².
 * @example mixtureLogPdfSlope({ weight: Float64Array.of(1), mean: Float64Array.of(0), sd: Float64Array.of(1) }, 1) // -1
 */
export function mixtureLogPdfSlope(m: NormalMixture, x: number): number {
  tailAndDensity(m, x, false, SCRATCH);
  return SCRATCH[2]! / SCRATCH[1]!;
}

/** A unimodal distribution as the shortest-interval search needs it. */
export interface UnimodalDistribution {
  readonly cdf: (x: number) => number;
  readonly pdf: (x: number) => number;
  /** d/dx log pdf(x). */
  readonly logPdfSlope: (x: number) => number;
  readonly quantile: (p: number) => number;
  readonly mode: number;
  /** The support's lower bound (−Infinity for μ, 0 for τ). */
  readonly lower: number;
}

/**
 * The shortest interval holding `mass` of a unimodal distribution: its ends a < b have equal
 * density and F(b) − F(a) = mass, solved by Newton's method in (a, b) from the equal-tailed
 * interval (the Jacobian is [[−f(a), f(b)], [−(log f)'(a), (log f)'(b)]]). Where the density is
 * highest at the support's bound (for τ, often), the interval starts there.
 * @example shortestInterval({ cdf: (x) => 1 - Math.exp(-x), pdf: (x) => Math.exp(-x), logPdfSlope: () => -1, quantile: (p) => -Math.log(1 - p), mode: 0, lower: 0 }, 0.95).upper.toFixed(6) // '2.995732'
 */
export function shortestInterval(d: UnimodalDistribution, mass: number): { lower: number; upper: number } {
  const fromBound = { lower: d.lower, upper: d.quantile(mass) };
  if (d.mode <= d.lower) return fromBound;
  if (Number.isFinite(d.lower) && d.pdf(d.lower) >= d.pdf(fromBound.upper)) return fromBound;
  let a = d.quantile((1 - mass) / 2);
  let b = d.quantile(1 - (1 - mass) / 2);
  for (let i = 0; i < 60; i++) {
    const fa = d.pdf(a);
    const fb = d.pdf(b);
    const e1 = d.cdf(b) - d.cdf(a) - mass;
    const e2 = Math.log(fb) - Math.log(fa);
    const sa = d.logPdfSlope(a);
    const sb = d.logPdfSlope(b);
    const det = -fa * sb + fb * sa;
    let da = -(sb * e1 - fb * e2) / det;
    let db = (fa * e2 - sa * e1) / det;
    while ((a + da >= d.mode || b + db <= d.mode || a + da < d.lower) && Math.abs(da) + Math.abs(db) > 0) {
      da /= 2;
      db /= 2;
    }
    a += da;
    b += db;
    if (Math.abs(da) <= 1e-14 * (1 + Math.abs(a)) && Math.abs(db) <= 1e-14 * (1 + Math.abs(b))) return { lower: a, upper: b };
  }
  return { lower: a, upper: b };
}
