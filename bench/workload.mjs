// Seeded benchmark workloads. The PRNG (mulberry32) and the normal generator (Box–Muller) are
// written here so that every platform draws the same numbers for the same seed.

/** mulberry32: a 32-bit seeded PRNG returning uniforms in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller from a uniform source. */
export function normalSource(uniform) {
  let spare = null;
  return function normal() {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

export const TRUE_EFFECT = 0.2;
export const TRUE_TAU2 = 0.05;

/**
 * One meta-analysis of k studies: true effect 0.2, tau² 0.05; per-study total sample sizes
 * log-uniform on [20, 1000] and sampling variance 4/n (a standardised mean difference or log odds
 * ratio of a balanced trial has variance close to 4/n), so variances span 0.004 to 0.2.
 */
export function singleMeta(k, seed) {
  const u = mulberry32(seed);
  const z = normalSource(u);
  const yi = new Float64Array(k);
  const vi = new Float64Array(k);
  const lo = Math.log(20);
  const hi = Math.log(1000);
  for (let i = 0; i < k; i++) {
    const n = Math.round(Math.exp(lo + (hi - lo) * u()));
    vi[i] = 4 / n;
    yi[i] = TRUE_EFFECT + Math.sqrt(TRUE_TAU2) * z() + Math.sqrt(vi[i]) * z();
  }
  return { yi, vi };
}

/** Three moderators for meta-regression workloads: a continuous, a binary and a year-like one. */
export function moderators(k, seed) {
  const u = mulberry32(seed ^ 0x9e3779b9);
  const x1 = new Float64Array(k);
  const x2 = new Float64Array(k);
  const x3 = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    x1[i] = u() * 60;
    x2[i] = u() < 0.5 ? 0 : 1;
    x3[i] = 1990 + Math.floor(u() * 35);
  }
  return [x1, x2, x3];
}

/** A batch of `count` meta-analyses of k studies each, in columnar form with a group column. */
export function batch(count, k, seed) {
  const yi = new Float64Array(count * k);
  const vi = new Float64Array(count * k);
  const group = new Int32Array(count * k);
  for (let g = 0; g < count; g++) {
    const m = singleMeta(k, seed + g);
    yi.set(m.yi, g * k);
    vi.set(m.vi, g * k);
    group.fill(g, g * k, (g + 1) * k);
  }
  return { yi, vi, group, count, k };
}
