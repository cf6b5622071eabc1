// The shared weight table and the per-study integrals on it, against adaptive Gauss–Kronrod
// quadrature of the same integrands to 1e-14 over the whole line (an independent computation).
import { describe, expect, it } from 'vitest';
import { adaptiveGaussKronrod } from '../../../src/selection/gaussKronrod.js';
import { gridIntegrals, momentCount, truncationSds } from '../../../src/selection/gridIntegrals.js';
import { logWeight, logWeightCurvature, packedSize } from '../../../src/selection/selectionFunctions.js';
import { buildWeightGrid, pOfZ, type WeightSpec } from '../../../src/selection/weightGrid.js';
import { normalCdf } from '../../../src/distributions/index.js';
import type { SelectionAlternative, SelectionType } from '../../../src/selection/vocabulary.js';

/**
 * [A, ∫wφt, ∫wφ(t²−1), ∫w ∂log w φ, then ∫wφt³, ∫wφt⁴, ∫∂w φt, ∫∂w φt², ∫∂²w φ] by adaptive quadrature
 * in z over [m − 40r, m + 40r] ∪ the table.
 */
function reference(spec: WeightSpec, delta: number[], m: number, r: number, edges: Float64Array): Float64Array {
  const dl = new Float64Array(delta.length);
  const nd = delta.length;
  const curv = new Float64Array(packedSize(nd));
  const lo = Math.min(m - 40 * r, -45);
  const hi = Math.max(m + 40 * r, 45);
  const f = (z: number, o: Float64Array) => {
    const t = (z - m) / r;
    const w = (Math.exp(logWeight(spec.type, pOfZ(spec, z), delta, spec.cut, dl)) * Math.exp(-0.5 * t * t)) / Math.sqrt(2 * Math.PI) / r;
    o[0] = w;
    o[1] = w * t;
    o[2] = w * (t * t - 1);
    for (let j = 0; j < nd; j++) o[3 + j] = w * dl[j]!;
    const x = 3 + nd;
    o[x] = w * t ** 3;
    o[x + 1] = w * t ** 4;
    for (let j = 0; j < nd; j++) {
      o[x + 2 + 2 * j] = w * dl[j]! * t;
      o[x + 3 + 2 * j] = w * dl[j]! * t * t;
    }
    logWeightCurvature(spec.type, pOfZ(spec, z), delta, spec.cut, curv);
    let q = 0;
    for (let j = 0; j < nd; j++) for (let l = j; l < nd; l++) o[x + 2 + 2 * nd + q] = w * (curv[q++]! + dl[j]! * dl[l]!);
  };
  return adaptiveGaussKronrod(f, [lo, ...Array.from(edges).filter((x) => x > lo && x < hi), hi], momentCount(nd, true), 1e-14, 20000).value;
}

const CASES: [SelectionType, number[], number, number][] = [
  ['beta', [1.1, 0.9], 1e-5, 0],
  ['beta', [0.2, 7], 1e-5, 0],
  ['negexp', [60], 0, 0],
  ['halfnorm', [30], 0, 0.025],
  ['logistic', [5], 0, 0],
  ['power', [2], 1e-5, 0.5],
  ['negexppow', [1.8, 0.41], 0, 0],
  ['negexppow', [3, 20], 0, 0.05],
];

describe('gridIntegrals(buildWeightGrid(spec, δ), m, r)', () => {
  for (const [type, delta, pMin, cut] of CASES) {
    for (const alternative of ['greater', 'less', 'two.sided'] as SelectionAlternative[]) {
      it(`${type} δ = ${delta.join(',')}, cut ${cut}, ${alternative}: A and its first- and second-order integrals to 1e-10 relative to A`, () => {
        const spec: WeightSpec = { type, alternative, cut, pMin };
        const grid = buildWeightGrid(spec, delta);
        const out = new Float64Array(momentCount(delta.length, true));
        for (const [m, r] of [
          [-12, 2],
          [-0.5, 1],
          [1.7, 1.05],
          [4, 5],
          [9, 40],
        ] as const) {
          gridIntegrals(grid, m, r, truncationSds(grid.logRange), out, true);
          const first = new Float64Array(3 + delta.length);
          gridIntegrals(grid, m, r, truncationSds(grid.logRange), first);
          // The first-order pass gives the same leading components as the second-order one (to rounding: the sums are grouped differently).
          for (let c = 0; c < first.length; c++) expect(Math.abs(first[c]! - out[c]!)).toBeLessThanOrEqual(1e-14 * Math.max(out[0]!, Math.abs(out[c]!)));
          const ref = reference(spec, delta, m, r, grid.edges);
          // Each component relative to A (or to itself when larger): the likelihood uses A's log and the ratios out[j]/A.
          for (let c = 0; c < ref.length; c++) expect(Math.abs(out[c]! - ref[c]!)).toBeLessThanOrEqual(1e-10 * Math.max(ref[0]!, Math.abs(ref[c]!)));
        }
      });
    }
  }
});

describe("buildWeightGrid(spec, δ, window): a table clipped to the studies' integration windows", () => {
  // δ where negexppow's τ² = 0 refit of the bench data ends (δ2 at its bound): w̃ spans e^80 and the full table ~70 panels.
  it('gives every study whose window m ± sds·r lies inside it the integrals to 1e-10 relative to A, and the same log-range', () => {
    const spec: WeightSpec = { type: 'negexppow', alternative: 'greater', cut: 0, pMin: 0 };
    const delta = [80, 100];
    const full = buildWeightGrid(spec, delta);
    const sds = truncationSds(full.logRange);
    const studies: [number, number][] = [
      [-0.5, 1],
      [0.2, 1],
      [2, 1.3],
    ];
    const lo = Math.min(...studies.map(([m, r]) => m - sds * r)) - 1e-6;
    const hi = Math.max(...studies.map(([m, r]) => m + sds * r)) + 1e-6;
    const clipped = buildWeightGrid(spec, delta, [lo, hi]);
    expect(clipped.logRange).toBe(full.logRange);
    // The clipped table stops short of the support's upper end (z = 37.5193 here), so it has fewer panels.
    expect(clipped.edges[clipped.edges.length - 1]).toBeCloseTo(hi, 12);
    expect(clipped.edges.length).toBeLessThan(full.edges.length);
    const out = new Float64Array(momentCount(delta.length, true));
    for (const [m, r] of studies) {
      gridIntegrals(clipped, m, r, sds, out, true);
      const ref = reference(spec, delta, m, r, clipped.edges);
      for (let c = 0; c < ref.length; c++) expect(Math.abs(out[c]! - ref[c]!)).toBeLessThanOrEqual(1e-10 * Math.max(ref[0]!, Math.abs(ref[c]!)));
    }
  });
});

describe("negexppow's weight where p is tiny (metafor: p = pnorm(z, lower.tail = FALSE), 0 from z = 37.5193 on)", () => {
  // With δ2 near its bound, p^(1/δ2) is not small even at p ≈ 1e-300: w = exp(−80·p^(1/100)) is 0.93
  // at z = 37.5 and jumps to 1 where R's Φ(−z) underflows to 0 (z = 37.5193), not at z = 37.
  const spec: WeightSpec = { type: 'negexppow', alternative: 'greater', cut: 0, pMin: 0 };
  const delta = [80, 100];
  const metaforWeight = (z: number) => Math.exp(-80 * (z >= 37.5193 ? 0 : normalCdf(-z)) ** (1 / 100));
  it('tabulates w̃ from Φ(−z) up to z = 37.5193 and 1 beyond', () => {
    const grid = buildWeightGrid(spec, delta);
    expect(grid.edges[grid.edges.length - 1]).toBe(37.5193);
    expect(grid.above.w).toBe(1);
    let checked = 0;
    grid.z.forEach((z, n) => {
      if (z < 37) return;
      checked++;
      expect(Math.abs(grid.w[n]! - metaforWeight(z))).toBeLessThanOrEqual(1e-13);
      expect(grid.w[n]!).toBeLessThan(0.95);
    });
    expect(checked).toBeGreaterThan(0);
  });
  it('gives a study with mass beyond z = 37 its integrals to 1e-10 relative to A', () => {
    const dl = new Float64Array(2);
    const grid = buildWeightGrid(spec, delta);
    const out = new Float64Array(momentCount(2, true));
    for (const [m, r] of [
      [35, 1],
      [30, 3],
    ] as const) {
      gridIntegrals(grid, m, r, truncationSds(grid.logRange), out, true);
      // A and ∫w ∂log w/∂δ φ by adaptive quadrature of metafor's weight (stdlib's Φ), the jump at 37.5193 an edge of the partition.
      const f = (z: number, o: Float64Array) => {
        const t = (z - m) / r;
        const phi = Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI) / r;
        const p = z >= 37.5193 ? 0 : normalCdf(-z);
        const w = metaforWeight(z);
        logWeight('negexppow', p, delta, 0, dl);
        o[0] = w * phi;
        o[1] = w * dl[0]! * phi;
        o[2] = w * dl[1]! * phi;
      };
      const ref = adaptiveGaussKronrod(f, [m - 40 * r, -8.5, 0, 20, 30, 37, 37.5193, m + 40 * r], 3, 1e-14, 20000).value;
      expect(Math.abs(out[0]! - ref[0]!)).toBeLessThanOrEqual(1e-10 * ref[0]!);
      expect(Math.abs(out[3]! - ref[1]!)).toBeLessThanOrEqual(1e-10 * Math.max(ref[0]!, Math.abs(ref[1]!)));
      expect(Math.abs(out[4]! - ref[2]!)).toBeLessThanOrEqual(1e-10 * Math.max(ref[0]!, Math.abs(ref[2]!)));
    }
  });
});
