import { describe, expect, it } from 'vitest';
import { MetasynthError } from '../../../src/core/errors.js';
import { failSafeN } from '../../../src/bias/index.js';
import { bcg } from './bcg.js';

describe('failSafeN(data, { type })', () => {
  it("failSafeN(bcg RR, { type }) gives metafor fsn's 598, 13, 370", () => {
    expect(failSafeN(bcg(), { type: 'Rosenthal' }).failSafeN).toBe(598);
    expect(failSafeN(bcg(), { type: 'Orwin' }).failSafeN).toBe(13);
    expect(failSafeN(bcg(), { type: 'Rosenberg' }).failSafeN).toBe(370);
  });
  it('Orwin with a target of the wrong sign is unreachable: null and a warning', () => {
    const r = failSafeN(bcg(), { type: 'Orwin', target: 0.2 });
    expect(r.failSafeN).toBeNull();
    expect(r.warnings[0]?.code).toBe('unreachable');
  });
  it('Orwin with an explicit target: k (mean − target)/target rounded up', () => {
    const r = failSafeN({ effect: [0.4, 0.6], variance: [0.1, 0.1] }, { type: 'Orwin', target: 0.2 });
    expect(r.failSafeN).toBe(3);
  });
  it('rejects unknown types and alpha outside (0, 1)', () => {
    expect(() => failSafeN(bcg(), { type: 'Fisher' as never })).toThrow(MetasynthError);
    expect(() => failSafeN(bcg(), { alpha: 1.5 })).toThrow(/alpha/);
  });
  it('rejects invalid studies, naming them', () => {
    expect(() => failSafeN({ effect: [0.1, NaN], variance: [0.1, -1], study: ['A', 'B'] })).toThrow(/"B"/);
  });
  it('does not mutate its input', () => {
    const data = bcg();
    const copy = structuredClone(data);
    failSafeN(data, { type: 'Rosenberg' });
    expect(data).toEqual(copy);
  });
});
