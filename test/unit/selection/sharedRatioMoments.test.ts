// Chebyshev interpolation of the studies' integrals in m = μ/√v when all share one SD ratio r, against
// the direct per-study integrals (gridIntegrals) and, through whole fits, against the direct path.
// Data are SYNTHETIC (a seeded generator below), not from any study.
import { afterEach, describe, expect, it } from 'vitest';
import { gridIntegrals, momentCount, truncationSds } from '../../../src/selection/gridIntegrals.js';
import { sharedRatioControl, sharedRatioMoments } from '../../../src/selection/sharedRatioMoments.js';
import { buildWeightGrid, type WeightSpec } from '../../../src/selection/weightGrid.js';
import { selectionModel, type SelectionModelOptions, type SelectionModelResult } from '../../../src/selection/index.js';
import type { SelectionType } from '../../../src/selection/vocabulary.js';

const DEFAULT_FRACTION = sharedRatioControl.nodeFraction;
afterEach(() => {
  sharedRatioControl.nodeFraction = DEFAULT_FRACTION;
});

/** A seeded uniform source (mulberry32) and standard normals from it (Box–Muller): SYNTHETIC data only. */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** SYNTHETIC studies: v from 4/n with n in 20…220, y ~ N(μ + 0.3·x, v + τ²), studies with p > 0.05 kept with probability 0.4. */
function synthetic(k: number, seed: number): { effect: number[]; variance: number[]; x: number[] } {
  const z = normals(seed);
  const effect: number[] = [];
  const variance: number[] = [];
  const x: number[] = [];
  while (effect.length < k) {
    const v = 4 / (20 + Math.floor(200 * Math.abs(Math.sin(effect.length + seed))));
    const xi = z();
    const y = 0.2 + 0.3 * xi + Math.sqrt(0.04) * z() + Math.sqrt(v) * z();
    if (y / Math.sqrt(v) < 1.645 && Math.abs(z()) < 1.2) continue;
    effect.push(y);
    variance.push(v);
    x.push(xi);
  }
  return { effect, variance, x };
}

describe('sharedRatioMoments(table, ms, r, sds, count, second)', () => {
  const cases: [SelectionType, number[], WeightSpec['alternative']][] = [
    ['negexppow', [80, 100], 'greater'],
    ['negexppow', [1.8, 0.41], 'two.sided'],
    ['beta', [0.2, 7], 'less'],
    ['halfnorm', [30], 'greater'],
    ['logistic', [5], 'two.sided'],
  ];
  for (const [type, delta, alternative] of cases) {
    for (const r of [1, 1.3]) {
      it(`${type} δ = ${delta.join(',')}, ${alternative}, r = ${r}: every study's integrals agree with the direct ones to 1e-11 (A relative; the rest relative to A or itself)`, () => {
        const spec: WeightSpec = { type, alternative, cut: 0, pMin: type === 'beta' ? 1e-5 : 0 };
        const grid = buildWeightGrid(spec, delta);
        const sds = truncationSds(grid.logRange);
        const ms = Float64Array.from({ length: 2000 }, (_, i) => -1.5 + 6 * Math.abs(Math.sin(i * 1.7)));
        const count = momentCount(delta.length, true);
        sharedRatioControl.nodeFraction = 0.5;
        const shared = sharedRatioMoments(grid, ms, r, sds, count, true);
        expect(shared).not.toBeNull();
        const direct = new Float64Array(count);
        for (let i = 0; i < ms.length; i += 7) {
          gridIntegrals(grid, ms[i]!, r, sds, direct, true);
          const row = shared!.subarray(i * count, (i + 1) * count);
          expect(Math.abs(row[0]! - direct[0]!)).toBeLessThanOrEqual(1e-11 * direct[0]!);
          for (let c = 1; c < count; c++) expect(Math.abs(row[c]! - direct[c]!)).toBeLessThanOrEqual(1e-11 * Math.max(direct[0]!, Math.abs(direct[c]!)));
        }
      });
    }
  }

  it('returns null (the direct path) when the budget allows fewer direct integrals than the first check needs, and for a single m', () => {
    const grid = buildWeightGrid({ type: 'negexp', alternative: 'greater', cut: 0, pMin: 0 }, [3]);
    const sds = truncationSds(grid.logRange);
    const ms = Float64Array.from({ length: 100 }, (_, i) => i / 20);
    sharedRatioControl.nodeFraction = 0.1;
    expect(sharedRatioMoments(grid, ms, 1, sds, 4, false)).toBeNull();
    sharedRatioControl.nodeFraction = 1;
    expect(sharedRatioMoments(grid, ms, 1, sds, 4, false)).not.toBeNull();
    expect(sharedRatioMoments(grid, new Float64Array(50).fill(1), 1, sds, 4, false)).toBeNull();
  });
});

/** Every reported figure of a fit, in a fixed order. */
function figures(r: SelectionModelResult): number[] {
  return [
    r.logLik,
    r.tau2,
    r.tau2StandardError ?? 0,
    ...r.coefficients.flatMap((c) => [c.estimate, c.standardError, c.ciLower, c.ciUpper, c.pValue].map((v) => v ?? NaN)),
    ...r.delta.flatMap((d) => [d.estimate, d.standardError, d.ciLower, d.ciUpper].map((v) => v ?? NaN)),
    r.lrt.statistic,
    r.lrt.pValue ?? 0,
    r.lrtTau2?.statistic ?? 0,
    r.lrtTau2?.pValue ?? 0,
  ];
}

describe('selectionModel with the studies’ integrals interpolated where they share r (τ² = 0 refit; EE fits)', () => {
  const data = synthetic(160, 17);
  const fits: [SelectionType, SelectionModelOptions['alternative'], string | undefined, boolean][] = [
    ['negexppow', 'greater', undefined, false],
    ['beta', 'two.sided', undefined, false],
    ['halfnorm', 'greater', 'EE', true],
    ['negexp', 'less', 'EE', false],
    ['logistic', 'greater', undefined, true],
    ['power', 'two.sided', 'EE', false],
  ];
  for (const [type, alternative, method, withMods] of fits) {
    it(`${type}, ${alternative}, ${method ?? 'ML'}${withMods ? ', one moderator' : ''}: every estimate, SE, δ, logLik and LRT as the direct path to 1e-9 relative`, () => {
      const options: SelectionModelOptions = { type, alternative, ...(method ? { method } : {}), ...(withMods ? { mods: ['x'] } : {}) };
      const input = {
        measure: 'GEN' as const,
        studies: data.effect.map((y, i) => ({
          study: `Study ${i + 1}`,
          effect: y,
          variance: data.variance[i]!,
          standardError: Math.sqrt(data.variance[i]!),
          moderators: { x: data.x[i]! },
        })),
        excluded: [],
        warnings: [],
      };
      sharedRatioControl.nodeFraction = 0;
      const direct = selectionModel(input, options);
      sharedRatioControl.nodeFraction = 1;
      const before = sharedRatioControl.uses;
      const interpolated = selectionModel(input, options);
      // The interpolation was used (in the τ² = 0 refit, or in every evaluation of an EE fit).
      expect(sharedRatioControl.uses).toBeGreaterThan(before);
      const a = figures(direct);
      const b = figures(interpolated);
      for (let j = 0; j < a.length; j++) expect(Math.abs(a[j]! - b[j]!)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(a[j]!), 1e-9));
    });
  }
});
