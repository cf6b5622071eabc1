// SYNTHETIC three-level workloads for the multilevel benchmark: `clusters` studies with `per`
// effects each; study effects ~ N(0, 0.1), effect-level ~ N(0, 0.05), sampling variances
// uniform on [0.01, 0.1]; a seeded generator so every run sees the same data.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand) {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Rows { study, es, yi, vi } of a three-level data set. */
export function threeLevel(clusters, per, seed) {
  const rand = mulberry32(seed);
  const yi = new Float64Array(clusters * per);
  const vi = new Float64Array(clusters * per);
  const study = new Int32Array(clusters * per);
  for (let c = 0; c < clusters; c++) {
    const u = Math.sqrt(0.1) * normal(rand);
    for (let j = 0; j < per; j++) {
      const i = c * per + j;
      vi[i] = 0.01 + 0.09 * rand();
      yi[i] = 0.2 + u + Math.sqrt(0.05) * normal(rand) + Math.sqrt(vi[i]) * normal(rand);
      study[i] = c;
    }
  }
  return { yi, vi, study };
}

/**
 * The same data as an EffectTable for the library.
 * @returns {import('../dist/index.js').EffectTable}
 */
export function threeLevelTable({ yi, vi, study }) {
  const studies = Array.from(yi, (y, i) => ({
    study: `s${study[i]}-${i}`,
    effect: y,
    variance: vi[i],
    standardError: Math.sqrt(vi[i]),
    row: i + 1,
    moderators: { study: study[i], es: i },
  }));
  return { measure: 'GEN', studies, excluded: [], warnings: [], synthetic: true };
}
