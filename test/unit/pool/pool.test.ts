import { describe, expect, it } from 'vitest';
import { fixtureCases } from '../../helpers/fixtures.js';
import { MetasynthError } from '../../../src/core/errors.js';
import type { EffectTable } from '../../../src/effects/types.js';
import { POOL_METHODS, TESTS, fitIntercept, pool } from '../../../src/pool/index.js';
import { needsUserWeights } from '../../../src/heterogeneity/tau2/index.js';

// BCG vaccine trials, log risk ratios: metafor's escalc("RR") output in the dat.bcg fixture.
const bcg = fixtureCases('escalc').find(({ data, kase }) => data.dataset === 'dat.bcg' && kase.options.measure === 'RR')!.kase.expected!;
const effect = bcg.yi as number[];
const variance = bcg.vi as number[];

const KEYS = [
  'k',
  'measure',
  'method',
  'test',
  'level',
  'estimate',
  'standardError',
  'statistic',
  'df',
  'pValue',
  'ciLower',
  'ciUpper',
  'tau2',
  'tau2StandardError',
  'tau',
  'i2',
  'h2',
  'q',
  'qDf',
  'qPValue',
  'piLower',
  'piUpper',
  'transformed',
  'weights',
  'confint',
  'fit',
  'tests',
  'converged',
  'iterations',
  'warnings',
];

describe('pool()', () => {
  it('pool(bcg) returns exactly the contract keys, REML and z by default, as plain JSON', () => {
    const r = pool({ effect, variance, measure: 'RR' });
    expect(Object.keys(r)).toEqual(KEYS);
    expect([r.method, r.test, r.level, r.measure]).toEqual(['REML', 'z', 95, 'RR']);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.transformed?.estimate).toBeCloseTo(Math.exp(r.estimate!), 14);
  });

  it("pool(bcg, { method: 'FE' }) is the EE fit, echoing FE", () => {
    const fe = pool({ effect, variance }, { method: 'FE' });
    const ee = pool({ effect, variance }, { method: 'EE' });
    expect(fe.method).toBe('FE');
    expect(fe.estimate).toBe(ee.estimate);
    expect(fe.confint).toBeNull();
    expect(fe.transformed).toBeNull(); // GEN is not a ratio measure
  });

  it('pool(table) does not mutate its input', () => {
    const table: EffectTable = {
      measure: 'RR',
      studies: effect.map((e, i) => ({ study: `S${i}`, effect: e, variance: variance[i]!, standardError: Math.sqrt(variance[i]!), moderators: {} })),
      excluded: [],
      warnings: [],
    };
    const before = JSON.stringify(table);
    const arrays = { effect: [...effect], variance: [...variance] };
    for (const method of POOL_METHODS.filter((m) => m !== 'MH' && m !== 'PETO'))
      for (const test of TESTS) pool(table, { method, test, ...(needsUserWeights(method) ? { weights: table.studies.map(() => 1) } : {}) });
    pool(arrays);
    expect(JSON.stringify(table)).toBe(before);
    expect(arrays).toEqual({ effect, variance });
  });

  it('pool() rejects invalid data with every problem listed', () => {
    try {
      pool({ effect: [0.1, Number.NaN, 0.3], variance: [0.1, 0.2, 0], study: ['A', 'B', 'C'] });
      expect.fail('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(MetasynthError);
      const err = e as MetasynthError;
      expect(err.code).toBe('invalid_input');
      expect(err.issues.map((i) => i.study)).toEqual(['B', 'C']);
      expect(err.issues[1]!.message).toContain('("C"): variance (0)');
    }
  });

  it('pool() rejects unknown options', () => {
    expect(() => pool({ effect, variance }, { method: 'XX' as never })).toThrow(/method/);
    expect(() => pool({ effect, variance }, { test: 'wald' as never })).toThrow(/test/);
    expect(() => pool({ effect, variance }, { level: 0.95 * 0 })).toThrow(/level/);
    expect(() => pool({ effect, variance, measure: 'OR' }, { method: 'MH' })).toThrow(/counts/);
    expect(() => pool({ effect, variance, measure: 'MD' }, { method: 'MH' })).toThrow(/OR, RR or RD/);
  });

  it('pool(…, { level: 90 }) narrows the intervals', () => {
    const a = pool({ effect, variance }, { level: 95 });
    const b = pool({ effect, variance }, { level: 90 });
    expect(b.ciUpper! - b.ciLower!).toBeLessThan(a.ciUpper! - a.ciLower!);
    expect(b.confint!.tau2.upper!).toBeLessThan(a.confint!.tau2.upper!);
  });

  it('pool() handles very large and very small effect scales alike (scale invariance)', () => {
    for (const c of [1e-6, 1e6]) {
      const r = pool({ effect: effect.map((x) => x * c), variance: variance.map((x) => x * c * c) });
      const base = pool({ effect, variance });
      expect(r.estimate! / (base.estimate! * c)).toBeCloseTo(1, 9);
      expect(r.tau2! / (base.tau2! * c * c)).toBeCloseTo(1, 9);
      expect(r.i2!).toBeCloseTo(base.i2!, 7);
    }
  });
});

describe('fitIntercept()', () => {
  it('fitIntercept(yi, vi) equals pool() figures and leaves its arrays untouched', () => {
    const y = Float64Array.from(effect);
    const v = Float64Array.from(variance);
    for (const method of ['EE', 'DL', 'REML', 'PM'] as const) {
      for (const test of TESTS) {
        const f = fitIntercept(y, v, { method, test });
        const p = pool({ effect, variance }, { method, test });
        expect(f.estimate).toBe(p.estimate);
        expect(f.standardError).toBe(p.standardError);
        expect(f.tau2).toBe(p.tau2);
        expect(f.i2).toBe(p.i2);
      }
    }
    expect(Array.from(y)).toEqual(effect);
    expect(Array.from(v)).toEqual(variance);
  });

  it('fitIntercept(…, { control: { tau2Start } }) warm-starts REML', () => {
    const y = Float64Array.from(effect);
    const v = Float64Array.from(variance);
    const cold = fitIntercept(y, v);
    const warm = fitIntercept(y, v, { control: { tau2Start: cold.tau2 } });
    expect(warm.tau2).toBeCloseTo(cold.tau2, 12);
    expect(warm.iterations).toBeLessThanOrEqual(cold.iterations);
  });

  it('fitIntercept() never throws: NaN in, NaN out', () => {
    const f = fitIntercept(Float64Array.of(0.1, Number.NaN), Float64Array.of(0.1, 0.2));
    expect(f.estimate).toBeNaN();
  });

  it('fitIntercept() pools a million studies', () => {
    const k = 1_000_000;
    const y = new Float64Array(k);
    const v = new Float64Array(k);
    let s = 12345;
    const rand = () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648;
    };
    for (let i = 0; i < k; i++) {
      v[i] = 0.01 + rand() * 0.2;
      y[i] = 0.3 + Math.sqrt(0.05) * (rand() - 0.5) * 3.4641 + Math.sqrt(v[i]!) * (rand() - 0.5) * 3.4641;
    }
    const f = fitIntercept(y, v);
    expect(f.converged).toBe(true);
    expect(f.tau2).toBeGreaterThan(0.04);
    expect(f.tau2).toBeLessThan(0.06);
  });
});
