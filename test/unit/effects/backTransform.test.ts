// The registry of back-transformations (src/effects/backTransform.ts): one entry per measure, the
// kernels of metafor's transf functions, and what pool() and the CLI documents carry.
import { describe, expect, it } from 'vitest';
import {
  BACK_TRANSFORMS,
  MEASURE_BACK_TRANSFORMS,
  applyBackTransform,
  backTransform,
  measureBackTransform,
  overflowedFigures,
} from '../../../src/effects/backTransform.js';
import { MEASURES, RATIO_MEASURES } from '../../../src/effects/types.js';
import { pool } from '../../../src/pool/index.js';

describe('MEASURE_BACK_TRANSFORMS', () => {
  it('has one entry per measure, each naming a known transformation', () => {
    expect(Object.keys(MEASURE_BACK_TRANSFORMS).sort()).toEqual([...MEASURES].sort());
    for (const t of Object.values(MEASURE_BACK_TRANSFORMS)) if (t !== null) expect(BACK_TRANSFORMS).toContain(t.scale);
  });
  it('exp for every ratio measure, ilogit for PLO, tanh for ZCOR, none for the rest', () => {
    for (const m of RATIO_MEASURES) expect(measureBackTransform(m)?.scale, m).toBe('exp');
    expect(measureBackTransform('PLO')?.scale).toBe('ilogit');
    expect(measureBackTransform('ZCOR')?.scale).toBe('tanh');
    for (const m of ['GEN', 'RD', 'MD', 'SMD', 'COR', 'PR'] as const) expect(measureBackTransform(m), m).toBeNull();
  });
});

describe('applyBackTransform(scale, x)', () => {
  it('computes exp, the inverse logit and tanh (metafor exp, transf.ilogit, transf.ztor)', () => {
    expect(applyBackTransform('exp', Math.log(0.5))).toBeCloseTo(0.5, 15);
    expect(applyBackTransform('ilogit', 0)).toBe(0.5);
    expect(applyBackTransform('ilogit', Math.log(3))).toBeCloseTo(0.75, 15);
    expect(applyBackTransform('tanh', 0.5493061443340549)).toBeCloseTo(0.5, 15);
  });
  it('never gives NaN: ilogit of ±800 is 0 or 1; exp overflow, NaN and null give null', () => {
    expect(applyBackTransform('ilogit', -800)).toBe(0);
    expect(applyBackTransform('ilogit', 800)).toBe(1);
    expect(applyBackTransform('exp', 800)).toBeNull();
    expect(applyBackTransform('exp', NaN)).toBeNull();
    expect(applyBackTransform('tanh', null)).toBeNull();
  });
});

describe('backTransform(measure, figures)', () => {
  it('maps every figure and names the scale; null for a measure without one', () => {
    expect(backTransform('RR', { estimate: 0, ciLower: null, ciUpper: 800 })).toEqual({ scale: 'exp', estimate: 1, ciLower: null, ciUpper: null });
    expect(backTransform('MD', { estimate: 1 })).toBeNull();
  });
  it('overflowedFigures names figures that were finite but overflowed', () => {
    const figures = { estimate: 0, ciUpper: 800, ciLower: null };
    expect(overflowedFigures(figures, backTransform('OR', figures)!)).toEqual(['ciUpper']);
  });
  it('does not modify its input', () => {
    const figures = Object.freeze({ estimate: 0.2, ciLower: 0.1 });
    backTransform('ZCOR', figures);
    expect(figures).toEqual({ estimate: 0.2, ciLower: 0.1 });
  });
});

describe('pool(...).transformed', () => {
  const yi = [-0.5, 0.1, 0.4, -0.2];
  const vi = [0.04, 0.09, 0.05, 0.06];
  it('is the inverse logit for PLO and tanh for ZCOR, estimate, CI and PI alike', () => {
    for (const [measure, f] of [
      ['PLO', (x: number) => 1 / (1 + Math.exp(-x))],
      ['ZCOR', Math.tanh],
    ] as const) {
      const r = pool({ effect: yi, variance: vi }, { measure, method: 'DL' });
      expect(r.transformed?.scale).toBe(measure === 'PLO' ? 'ilogit' : 'tanh');
      for (const key of ['estimate', 'ciLower', 'ciUpper', 'piLower', 'piUpper'] as const) expect(r.transformed?.[key], key).toBeCloseTo(f(r[key]!), 15);
    }
  });
  it('is null for a measure read on the model scale', () => {
    expect(pool({ effect: yi, variance: vi }, { measure: 'MD' }).transformed).toBeNull();
  });
});
