import { describe, expect, it } from 'vitest';
import { eggerTest } from '../../../src/bias/index.js';
import { bcg, expectFiniteJson } from './bcg.js';

describe('eggerTest(data, options)', () => {
  it("eggerTest(bcg RR, { model: 'lm' }) matches regtest(res, model = 'lm'): t = -1.40128 on 11 df", () => {
    const r = eggerTest(bcg(), { model: 'lm' });
    expect(r.df).toBe(11);
    expect(r.statistic).toBeCloseTo(-1.4012820022893326, 12);
    expect(r.limitEstimate).toBeCloseTo(-0.19092864235982013, 12);
  });
  it("eggerTest(bcg RR, { method: 'DL', test: 'knha' }) matches regtest on rma.uni(..., method='DL', test='knha')", () => {
    // R: res <- rma.uni(yi, vi, data=dat, method="DL", test="knha"); regtest(res)
    const r = eggerTest(bcg(), { method: 'DL', test: 'knha' });
    expect(r.df).toBe(11);
    expect(r.statistic).toBeCloseTo(-0.7936381278471677, 10);
    expect(r.pValue).toBeCloseTo(0.44418927838181999, 10);
    expect(r.limitEstimate).toBeCloseTo(-0.50634903874546466, 10);
    expect(r.limitCiLower).toBeCloseTo(-1.2042685956948618, 10);
    expect(r.limitCiUpper).toBeCloseTo(0.19157051820393234, 10);
  });
  it('too few studies (k = 2): null figures and a warning, for both models', () => {
    for (const model of ['rma', 'lm'] as const) {
      const r = eggerTest({ effect: [0.1, 0.2], variance: [0.1, 0.2] }, { model });
      expect(r.statistic).toBeNull();
      expect(r.warnings[0]?.code).toBe('too_few_studies');
      expectFiniteJson(r);
    }
  });
  it('equal standard errors: not estimable, no NaN', () => {
    const r = eggerTest({ effect: [0.1, 0.2, 0.5], variance: [0.1, 0.1, 0.1] }, { model: 'lm' });
    expect(r.statistic).toBeNull();
    expect(r.warnings[0]?.code).toBe('not_estimable');
  });
  it('does not mutate its input', () => {
    const data = bcg();
    const copy = structuredClone(data);
    eggerTest(data);
    eggerTest(data, { model: 'lm' });
    expect(data).toEqual(copy);
  });
});
