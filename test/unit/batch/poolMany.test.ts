// poolMany must give, for every group, exactly the figures pool() gives for that group alone.
import { describe, expect, it } from 'vitest';
import { poolMany, poolManyRows, POOL_MANY_FIGURES } from '../../../src/batch/index.js';
import { poolByGroup } from '../../../src/batch/index.js';
import { MetasynthError } from '../../../src/core/errors.js';
import type { EffectTable } from '../../../src/effects/types.js';
import { pool, type PoolResult } from '../../../src/pool/index.js';
import { batch } from '../../../bench/workload.mjs';

/** The pool() figure behind each poolMany figure (null in pool() where the batch holds NaN). */
const POOL_KEY: Record<(typeof POOL_MANY_FIGURES)[number], keyof PoolResult> = {
  estimate: 'estimate',
  standardError: 'standardError',
  statistic: 'statistic',
  df: 'df',
  pValue: 'pValue',
  ciLower: 'ciLower',
  ciUpper: 'ciUpper',
  tau2: 'tau2',
  tau2StandardError: 'tau2StandardError',
  q: 'q',
  qPValue: 'qPValue',
  i2: 'i2',
  h2: 'h2',
  piLower: 'piLower',
  piUpper: 'piUpper',
};

/** A small batch whose groups are interleaved, of different sizes (one of a single study), with string and number keys. */
function mixedBatch() {
  const b = batch(6, 7, 11);
  const effect: number[] = [];
  const variance: number[] = [];
  const group: (number | string)[] = [];
  const keys = ['trial-a', 2, 'trial-c', 4, 'trial-e', 6];
  for (let i = 0; i < 7; i++) {
    for (let g = 0; g < 6; g++) {
      if (g === 5 && i > 0) continue; // group 6 has one study
      if (g === 3 && i > 2) continue; // group 4 has three
      effect.push(b.yi[g * 7 + i]!);
      variance.push(b.vi[g * 7 + i]!);
      group.push(keys[g]!);
    }
  }
  return { effect, variance, group, keys };
}

describe('poolMany(columns, options)', () => {
  for (const options of [
    { method: 'DL' as const },
    { method: 'REML' as const },
    { method: 'REML' as const, test: 'knha' as const },
    { method: 'PM' as const, level: 90 },
    { method: 'FE' as const },
  ]) {
    it(`poolMany(mixed groups, ${JSON.stringify(options)}) equals pool() of each group`, () => {
      const { effect, variance, group, keys } = mixedBatch();
      const r = poolMany({ effect, variance, group }, options);
      expect(r.groups).toEqual(keys); // first-seen order
      keys.forEach((key, g) => {
        const rows = group.map((x, i) => (x === key ? i : -1)).filter((i) => i >= 0);
        const single = pool({ effect: rows.map((i) => effect[i]!), variance: rows.map((i) => variance[i]!) }, options);
        expect(r.k[g]).toBe(rows.length);
        for (const name of POOL_MANY_FIGURES) {
          const expected = single[POOL_KEY[name]] as number | null;
          const actual = r[name][g]!;
          if (expected === null) expect(Number.isFinite(actual), `${String(key)} ${name}`).toBe(false);
          else expect(actual, `${String(key)} ${name}`).toBe(expected);
        }
        expect(r.converged[g]).toBe(single.converged ? 1 : 0);
      });
      expect(r.warnings.some((w) => w.group === 6 && w.code === 'not_estimable')).toBe(true);
    });
  }

  it('poolMany(a contiguous batch of 200 × 10) equals pool() per group', () => {
    const b = batch(200, 10, 5);
    const r = poolMany({ effect: b.yi, variance: b.vi, group: b.group }, { method: 'REML', test: 'knha' });
    expect(r.groups.length).toBe(200);
    for (let g = 0; g < 200; g += 37) {
      const single = pool({ effect: b.yi.subarray(g * 10, g * 10 + 10), variance: b.vi.subarray(g * 10, g * 10 + 10) }, { method: 'REML', test: 'knha' });
      expect(r.estimate[g]).toBe(single.estimate);
      expect(r.tau2[g]).toBe(single.tau2);
      expect(r.pValue[g]).toBe(single.pValue);
    }
  });

  it('poolMany does not mutate its input', () => {
    const { effect, variance, group } = mixedBatch();
    const copies = [effect.slice(), variance.slice(), group.slice()];
    poolMany({ effect, variance, group });
    expect([effect, variance, group]).toEqual(copies);
  });

  it('poolMany rejects bad rows all at once, naming row, group and value', () => {
    try {
      poolMany({ effect: [0.1, NaN, 0.3], variance: [0.01, 0.02, -1], group: [1, 1, 2] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MetasynthError);
      const err = e as MetasynthError;
      expect(err.code).toBe('invalid_input');
      expect(err.issues.map((i) => i.message)).toEqual([
        'row 2 (group 1): effect (NaN) must be a finite number',
        'row 3 (group 2): variance (-1) must be a positive finite number',
      ]);
    }
    expect(() => poolMany({ effect: [1], variance: [1, 2], group: [1] })).toThrow(/same length/);
    expect(() => poolMany({ effect: [1], variance: [1], group: [1] }, { method: 'MH' as never })).toThrow(MetasynthError);
  });

  it('poolManyRows(result) gives plain JSON with null for figures that cannot be computed', () => {
    const rows = poolManyRows(poolMany({ effect: [0.1, 0.3, 0.2, 0.5], variance: [0.01, 0.02, 0.015, 0.02], group: ['a', 'a', 'a', 'b'] }, { method: 'DL' }));
    expect(rows.map((r) => r.group)).toEqual(['a', 'b']);
    expect(rows[1]!.tau2).toBeNull();
    expect(rows[1]!.estimate).toBe(0.5);
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });

  it('poolMany(..., { onProgress }) reports progress ending at the number of groups', () => {
    const b = batch(1000, 5, 1);
    const calls: [number, number][] = [];
    poolMany({ effect: b.yi, variance: b.vi, group: b.group }, { method: 'DL', onProgress: (d, n) => calls.push([d, n]) });
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.at(-1)).toEqual([1000, 1000]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
  });
});

describe('poolByGroup(table, { by })', () => {
  const study = (name: string, effect: number, variance: number, rep: number | string | null) => ({
    study: name,
    effect,
    variance,
    standardError: Math.sqrt(variance),
    moderators: { rep },
  });
  const table: EffectTable = {
    measure: 'SMD',
    studies: [
      study('A', 0.1, 0.01, 1),
      study('B', 0.3, 0.02, 2),
      study('C', 0.2, 0.015, 1),
      study('D', 0.5, 0.02, 2),
      study('E', 0.4, 0.03, null),
      study('F', 0.25, 0.02, 1),
    ],
    excluded: [],
    warnings: [],
  };

  it("poolByGroup(table, { by: 'rep', method: 'DL' }) equals pool() of each group's studies", () => {
    const r = poolByGroup(table, { by: 'rep', method: 'DL' });
    expect(r.groups.map((g) => g.group)).toEqual([1, 2]);
    expect(r.groups[0]!.result).toEqual(pool({ ...table, studies: [table.studies[0]!, table.studies[2]!, table.studies[5]!] }, { method: 'DL' }));
    expect(r.groups[1]!.result).toEqual(pool({ ...table, studies: [table.studies[1]!, table.studies[3]!] }, { method: 'DL' }));
    expect(r.excluded).toEqual([{ study: 'E', reason: 'no value in the grouping column "rep"' }]);
  });

  it('poolByGroup names the columns when `by` is unknown', () => {
    expect(() => poolByGroup(table, { by: 'replicate' })).toThrow(/no column "replicate".*columns: rep/);
  });
});
