import { describe, expect, it } from 'vitest';
import { estimateMissing, roundHalfEven, trimAndFill } from '../../../src/bias/index.js';
import { bcg, expectFiniteJson } from './bcg.js';

describe('estimateMissing(y, centre, estimator)', () => {
  it("estimateMissing([-1, 0.2, 0.5, 2, 3], 0.3, 'L0') is (4·11 − 30)/9", () => {
    expect(estimateMissing(Float64Array.of(-1, 0.2, 0.5, 2, 3), 0.3, 'L0').raw).toBeCloseTo(14 / 9, 15);
  });
  it("estimateMissing(..., 'R0') is k − γ − 1, γ the largest rank of a negative centred value", () => {
    const r = estimateMissing(Float64Array.of(-1, 0.2, 0.5, 2, 3), 0.3, 'R0');
    expect(r.raw).toBe(5 - 3 - 1);
    expect(r.standardError).toBeCloseTo(2, 15);
  });
  it('roundHalfEven rounds halves to even as R', () => {
    expect([0.5, 1.5, 2.5, -0.5, 2.4].map(roundHalfEven)).toEqual([0, 2, 2, -0, 2]);
  });
});

describe('trimAndFill(data, options)', () => {
  it("trimAndFill(bcg RR, { estimator: 'R0', method: 'EE' }) matches trimfill(res, estimator = 'R0')", () => {
    // R: res <- rma.uni(yi, vi, data=dat, method="EE"); trimfill(res, estimator="R0")
    const r = trimAndFill(bcg(), { estimator: 'R0', method: 'EE' });
    expect(r.k0).toBe(4);
    expect(r.side).toBe('right');
    expect(r.k0StandardError).toBeCloseTo(3.1622776601683795, 14);
    expect(r.model!.estimate).toBeCloseTo(-0.2910259921063531, 13);
    expect(r.filled.filter((f) => f.imputed).map((f) => f.effect)).toEqual(
      [0.78929281926007766, 0.85949920580859862, 1.0033366729887239, 1.038846239385685].map((x) => expect.closeTo(x, 12)),
    );
  });
  it("trimAndFill(bcg RR, { side: 'left', method: 'DL' }) uses the given side (R: trimfill(res, side='left'): k0 = 0)", () => {
    const r = trimAndFill(bcg(), { side: 'left', method: 'DL' });
    expect(r.side).toBe('left');
    expect(r.k0).toBe(0);
    expect(r.k0StandardError).toBeCloseTo(2.166659, 6);
    expect(r.model!.tau2).toBeCloseTo(0.30876026286237618, 12);
    expect(r.filled).toHaveLength(13);
  });
  it('too few studies (k = 2): k0 null, a warning, the studies unchanged', () => {
    const r = trimAndFill({ effect: [0.1, 0.2], variance: [0.1, 0.2] });
    expect(r.k0).toBeNull();
    expect(r.model).toBeNull();
    expect(r.warnings[0]?.code).toBe('too_few_studies');
    expect(r.filled).toHaveLength(2);
    expectFiniteJson(r);
  });
  it('rejects an unknown estimator', () => {
    expect(() => trimAndFill(bcg(), { estimator: 'S0' as never })).toThrow(/estimator/);
  });
  it('does not mutate its input', () => {
    const data = bcg();
    const copy = structuredClone(data);
    trimAndFill(data, { method: 'EE' });
    expect(data).toEqual(copy);
  });
});
