// GOSH: every subset's figures equal an individual fit of that subset; metafor's subset order and
// single-study convention; seeded samples; the worker-thread version equals the single-threaded one.
import { describe, expect, it } from 'vitest';
import { gosh } from '../../../src/gosh/index.js';
import { goshPlotSpec } from '../../../src/plots/index.js';
import { goshParallel } from '../../../src/gosh/node.js';
import { fitIntercept } from '../../../src/pool/index.js';
import { fixtureFiles } from '../../helpers/fixtures.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';
import { schemaErrors } from '../plots/schema.js';
import { singleMeta } from '../../../bench/workload.mjs';

const bcg = fixtureFiles().find((f) => f.dataset === 'dat.bcg')!;
const escalc = bcg.cases.find((c) => c.id === 'RR/escalc')!.expected as { yi: number[]; vi: number[] };

describe('gosh(data, options)', () => {
  it('gosh(bcg[1:3]) equals metafor gosh(rma(yi, vi, data = dat[1:3, ])) subset by subset', () => {
    // metafor 3.8-1: g$res (k, QE, I2, H2, tau2, estimate), rows in expand.grid order.
    const expected = [
      [1, 0, 0, 1, 0, -0.8893113339],
      [1, 0, 0, 1, 0, -1.5853886572],
      [2, 0.93147907745, 0, 1, 0, -1.3250034422],
      [1, 0, 0, 1, 0, -1.3480731483],
      [2, 0.28404295403, 0, 1, 0, -1.0908975504],
      [2, 0.09233336353, 0, 1, 0, -1.5096821452],
      [3, 0.93246986273, 0, 1, 0, -1.3302341492],
    ];
    const g = gosh({ effect: escalc.yi.slice(0, 3), variance: escalc.vi.slice(0, 3) });
    expect(g.exact).toBe(true);
    expect(g.subsets).toBe(7);
    expected.forEach(([k, qe, i2, h2, tau2, est], s) => {
      expect(g.subsetK[s]).toBe(k);
      expectClose(g.q[s]!, qe!, { rel: 1e-9, abs: 1e-10 }, `QE ${s}`);
      expectClose(g.i2[s]!, i2!, TOL.tau2, `I2 ${s}`);
      expectClose(g.h2[s]!, h2!, TOL.tau2, `H2 ${s}`);
      expectClose(g.tau2[s]!, tau2!, TOL.tau2, `tau2 ${s}`);
      expectClose(g.estimate[s]!, est!, { rel: 1e-9, abs: 1e-10 }, `estimate ${s}`);
    });
  });

  for (const method of ['REML', 'DL', 'EE'] as const) {
    it(`gosh(bcg[1:6], { method: '${method}' }) equals fitIntercept() of each of the 63 subsets`, () => {
      const yi = escalc.yi.slice(0, 6);
      const vi = escalc.vi.slice(0, 6);
      const g = gosh({ effect: yi, variance: vi }, { method });
      expect(g.subsets).toBe(63);
      for (let s = 0; s < 63; s++) {
        const members = [0, 1, 2, 3, 4, 5].filter((j) => ((s + 1) >> j) & 1);
        expect(Array.from(g.incl.subarray(s * 6, s * 6 + 6))).toEqual([0, 1, 2, 3, 4, 5].map((j) => (members.includes(j) ? 1 : 0)));
        if (members.length < 2) continue;
        const fit = fitIntercept(
          Float64Array.from(members, (j) => yi[j]!),
          Float64Array.from(members, (j) => vi[j]!),
          { method },
        );
        expect(g.estimate[s]).toBe(fit.estimate);
        expect(g.tau2[s]).toBe(fit.tau2);
        expect(g.i2[s]).toBe(fit.i2);
        expect(g.q[s]).toBe(fit.q);
      }
    });
  }

  it('gosh(k = 20 studies, { subsets: 2000, seed }) samples reproducibly, never an empty subset', () => {
    const m = singleMeta(20, 3);
    const a = gosh({ effect: m.yi, variance: m.vi }, { subsets: 2000, seed: 5 });
    expect(a.exact).toBe(false);
    expect(a.subsets).toBe(2000);
    expect(a.seed).toBe(5);
    expect(Math.min(...a.subsetK)).toBeGreaterThan(0);
    const b = gosh({ effect: m.yi, variance: m.vi }, { subsets: 2000, seed: 5 });
    expect(b.estimate).toEqual(a.estimate);
    expect(b.incl).toEqual(a.incl);
    const c = gosh({ effect: m.yi, variance: m.vi }, { subsets: 2000, seed: 6 });
    expect(c.incl).not.toEqual(a.incl);
    // Each study joins about half the subsets.
    const share = Array.from({ length: 20 }, (_, j) => a.incl.filter((_, i) => i % 20 === j).reduce((x, y) => x + y, 0) / 2000);
    for (const p of share) expect(Math.abs(p - 0.5)).toBeLessThan(0.06);
  });

  it('gosh(..., { onProgress }) ends at the number of subsets', () => {
    const calls: number[] = [];
    gosh({ effect: escalc.yi.slice(0, 10), variance: escalc.vi.slice(0, 10) }, { onProgress: (d) => calls.push(d) });
    expect(calls.at(-1)).toBe(1023);
  });

  it('gosh rejects k < 2 and bad options', () => {
    expect(() => gosh({ effect: [1], variance: [1] })).toThrow(/at least 2/);
    expect(() => gosh({ effect: [1, 2], variance: [1, 1] }, { subsets: 1 })).toThrow(/subsets/);
  });
});

describe('goshParallel(data, options)', () => {
  it('goshParallel(k = 15, { threads: 2 }) equals gosh() bit for bit (32,767 subsets over two threads)', async () => {
    const m = singleMeta(15, 8);
    const data = { effect: m.yi, variance: m.vi };
    const calls: number[] = [];
    const p = await goshParallel(data, { threads: 2, onProgress: (d) => calls.push(d) });
    const s = gosh(data);
    expect(p.subsets).toBe(32767);
    expect(p.estimate).toEqual(s.estimate);
    expect(p.tau2).toEqual(s.tau2);
    expect(p.i2).toEqual(s.i2);
    expect(p.incl).toEqual(s.incl);
    expect(calls.at(-1)).toBe(32767);
  }, 60_000);
});

type GoshSpec = {
  vconcat: [
    { layer: unknown[] },
    { hconcat: [{ layer: { data: { values: { x: number; y: number; count?: number }[] }; mark: { type: string } }[] }, unknown] },
  ];
  title: { subtitle: string[] };
};

describe('goshPlotSpec(result, options)', () => {
  it('goshPlotSpec(gosh(bcg[1:8])): estimate on x, I² on y (metafor plot.gosh), one point per subset, marginal densities, valid Vega-Lite', () => {
    const g = gosh({ effect: escalc.yi.slice(0, 8), variance: escalc.vi.slice(0, 8) });
    const spec = goshPlotSpec(g) as unknown as GoshSpec;
    expect(schemaErrors(spec)).toEqual([]);
    const main = spec.vconcat[1].hconcat[0].layer[0]!;
    expect(main.mark.type).toBe('circle');
    expect(main.data.values).toHaveLength(255);
    expect(main.data.values[0]).toEqual({ x: Number(g.estimate[0]!.toPrecision(6)), y: Number(g.i2[0]!.toPrecision(6)), k: 1 });
    expect(spec.vconcat[0].layer).toHaveLength(2);
    expect(() => goshPlotSpec(g, { het: 'nope' as never })).toThrow(/het \(nope\)/);
  });

  it('65,535 SYNTHETIC subsets: hexagonal bins whose counts add up to every subset, I² = 0 bins above the axis, a small spec', () => {
    const n = 65535;
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const estimate = Float64Array.from({ length: n }, () => rand() - 0.5);
    const i2 = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : 100 * rand()));
    const zeros = new Float64Array(n);
    const result = {
      k: 16,
      method: 'REML',
      exact: true,
      subsets: n,
      seed: null,
      incl: new Uint8Array(0),
      subsetK: new Int32Array(n).fill(8),
      estimate,
      q: zeros,
      i2,
      h2: zeros,
      tau2: zeros,
      warnings: [],
    } as unknown as Parameters<typeof goshPlotSpec>[0];
    const spec = goshPlotSpec(result, { synthetic: true }) as unknown as GoshSpec;
    expect(schemaErrors(spec)).toEqual([]);
    const main = spec.vconcat[1].hconcat[0].layer[0]!;
    expect(main.mark.type).toBe('point');
    expect(main.data.values.reduce((a, v) => a + v.count!, 0)).toBe(n);
    const bottom = Math.min(...main.data.values.map((v) => v.y));
    expect(bottom).toBeGreaterThan(-4.5); // the I² = 0 row sits inside the padded domain [-4, 104]
    expect(JSON.stringify(spec).length).toBeLessThan(300_000);
  });
});
