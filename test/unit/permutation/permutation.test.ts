// Permutation tests: metafor's rules (what is permuted, when the test is exact, how the p-value
// counts) and seeded reproducibility.
import { describe, expect, it } from 'vitest';
import { MetasynthError } from '../../../src/core/errors.js';
import { moderatorPermutationTest, permutationTest, seededRandom } from '../../../src/permutation/index.js';
import { fitIntercept } from '../../../src/pool/index.js';
import { fixtureFiles } from '../../helpers/fixtures.js';

const bcg = fixtureFiles().find((f) => f.dataset === 'dat.bcg')!;
const escalc = bcg.cases.find((c) => c.id === 'RR/escalc')!.expected as { yi: number[]; vi: number[] };
const ablat = bcg.studies.map((s) => s.ablat as number);

describe('seededRandom(seed)', () => {
  it('seededRandom(1) gives the xoshiro128** stream of the reference algorithm (checked against an independent Python implementation)', () => {
    const r = seededRandom(1);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([2442144158, 3238099751, 3819917871]);
  });

  it('seededRandom(seed).below(n) stays in [0, n) and uniform() in [0, 1)', () => {
    const r = seededRandom(42);
    for (let i = 0; i < 1000; i++) {
      const b = r.below(7);
      expect(b >= 0 && b < 7 && Number.isInteger(b)).toBe(true);
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});

describe('permutationTest(data, options)', () => {
  const data = { effect: escalc.yi, variance: escalc.vi };

  it('permutationTest(bcg, { exact: true }) counts the sign patterns by hand-checkable rule', () => {
    // Recount directly: every pattern of signs, refitted with fitIntercept, |z*| ≥ |z| − √ε.
    const k = escalc.yi.length;
    const observed = fitIntercept(Float64Array.from(escalc.yi), Float64Array.from(escalc.vi), { method: 'DL' }).statistic;
    let count = 0;
    for (let i = 0; i < 2 ** k; i++) {
      const ys = Float64Array.from(escalc.yi, (y, j) => ((i >> j) & 1 ? -y : y));
      if (Math.abs(fitIntercept(ys, Float64Array.from(escalc.vi), { method: 'DL' }).statistic) >= Math.abs(observed) - Math.sqrt(2 ** -52)) count++;
    }
    expect(permutationTest(data, { method: 'DL', exact: true }).pValue).toBe(count / 2 ** k);
  });

  it('permutationTest is exact when 2^k ≤ iterations (metafor’s rule), random otherwise', () => {
    const small = { effect: escalc.yi.slice(0, 6), variance: escalc.vi.slice(0, 6) };
    const r = permutationTest(small, { iterations: 64 });
    expect(r.exact).toBe(true);
    expect(r.permutations).toBe(64);
    expect(r.seed).toBeNull();
    const s = permutationTest(small, { iterations: 63 });
    expect(s.exact).toBe(false);
    expect(s.permutations).toBe(63);
    // The smallest possible random p-value is 1/iterations: the observed pattern counts first.
    expect(s.pValue! * 63).toBeCloseTo(Math.round(s.pValue! * 63), 9);
  });

  it('permutationTest(bcg, { seed }) gives the same p-value on every run; another seed may differ', () => {
    const a = permutationTest(data, { method: 'REML', iterations: 500, seed: 2024 });
    const b = permutationTest(data, { method: 'REML', iterations: 500, seed: 2024 });
    expect(a).toEqual(b);
    expect(a.exact).toBe(false);
    expect(a.seed).toBe(2024);
    // Fixed by the generator and the counting (1 of 500: the observed pattern only): a change of
    // either, or a platform that draws differently, shows here.
    expect(a.pValue).toBe(0.002);
  });

  it('permutationTest(..., { onProgress }) ends at the number of permutations and does not mutate its input', () => {
    const effect = escalc.yi.slice();
    const calls: number[] = [];
    permutationTest({ effect, variance: escalc.vi }, { iterations: 300, onProgress: (d) => calls.push(d) });
    expect(calls.at(-1)).toBe(300);
    expect(effect).toEqual(escalc.yi);
  });

  it('permutationTest rejects bad options', () => {
    expect(() => permutationTest(data, { seed: -1 })).toThrow(MetasynthError);
    expect(() => permutationTest(data, { iterations: 1 })).toThrow(/iterations/);
    expect(() => permutationTest({ effect: new Array(30).fill(0.1), variance: new Array(30).fill(0.1) }, { exact: true })).toThrow(/exact test/);
  });
});

describe('moderatorPermutationTest(model, options)', () => {
  // metafor 3.8-1, R 4.2.2: dat <- escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)[1:7, ];
  // permutest(rma(yi, vi, mods = ~ ablat, data = dat, method, test, control = list(threshold = 1e-12)), exact = TRUE)
  // 7!/2! = 2,520 distinct arrangements (ablat 44 appears twice); pval = (intercept, ablat), QMp.
  const METAFOR = [
    { method: 'DL', test: 'z', pval: [0.9194444444444444, 0.18611111111111112] },
    { method: 'DL', test: 'knha', pval: [0.93253968253968256, 0.20555555555555555] },
    { method: 'REML', test: 'z', pval: [0.91706349206349203, 0.18412698412698414] },
    { method: 'REML', test: 'knha', pval: [0.92500000000000004, 0.20039682539682541] },
  ] as const;
  for (const m of METAFOR) {
    it(`moderatorPermutationTest(bcg[1:7] ~ ablat, { method: '${m.method}', test: '${m.test}' }, { exact: true }) equals metafor`, () => {
      const x = ablat.slice(0, 7);
      const r = moderatorPermutationTest(
        {
          yi: escalc.yi.slice(0, 7),
          vi: escalc.vi.slice(0, 7),
          columns: [x.map(() => 1), x],
          names: ['intrcpt', 'ablat'],
          method: m.method,
          test: m.test,
          control: { tolerance: 1e-12 },
        },
        { exact: true },
      );
      expect(r.permutations).toBe(2520);
      expect(r.coefficients.map((c) => c.pValue)).toEqual(m.pval);
      expect(r.qmPValue).toBe(m.pval[1]);
    });
  }

  it('moderatorPermutationTest(bcg ~ ablat, { seed }) is reproducible and random (13! arrangements)', () => {
    const model = { yi: escalc.yi, vi: escalc.vi, columns: [ablat.map(() => 1), ablat] };
    const a = moderatorPermutationTest(model, { iterations: 200, seed: 9 });
    expect(a.exact).toBe(false);
    expect(a.permutations).toBe(200);
    expect(moderatorPermutationTest(model, { iterations: 200, seed: 9 })).toEqual(a);
    expect(a.coefficients[1]!.pValue).toBeLessThan(0.05);
  });
});
