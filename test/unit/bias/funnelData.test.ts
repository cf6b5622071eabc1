import { describe, expect, it } from 'vitest';
import { funnelData } from '../../../src/bias/index.js';
import { bcg, expectFiniteJson } from './bcg.js';

describe('funnelData(data, options)', () => {
  it("funnelData({ effect: [0.1, 0.5], variance: [0.04, 0.01] }, { method: 'EE' }) centres at 0.42", () => {
    const f = funnelData({ effect: [0.1, 0.5], variance: [0.04, 0.01] }, { method: 'EE' });
    expect(f.estimate).toBeCloseTo(0.42, 15);
    expect(f.seMax).toBeCloseTo(0.2, 15);
    expect(f.pseudoCi!.critical).toBeCloseTo(1.959963984540054, 14);
    expect(f.pseudoCi!.edges[1].lower).toBeCloseTo(0.42 - 1.959963984540054 * 0.2, 14);
    expect(f.studies[1]).toEqual({ study: 'Study 2', effect: 0.5, standardError: 0.1 });
  });
  it('contours at p = 0.10, 0.05, 0.01 are centred at 0 with z 1.645, 1.960, 2.576', () => {
    const f = funnelData(bcg());
    expect(f.contours.map((c) => c.pValue)).toEqual([0.1, 0.05, 0.01]);
    expect(f.contours.map((c) => c.critical)).toEqual([1.6448536269514729, 1.959963984540054, 2.5758293035489004].map((x) => expect.closeTo(x, 13)));
    expect(f.contours[2]!.edges[1].upper).toBeCloseTo(2.5758293035489004 * f.seMax, 13);
    expectFiniteJson(f);
  });
  it('does not mutate its input', () => {
    const data = bcg();
    const copy = structuredClone(data);
    funnelData(data);
    expect(data).toEqual(copy);
  });
});
