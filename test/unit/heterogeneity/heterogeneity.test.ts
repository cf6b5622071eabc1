import { describe, expect, it } from 'vitest';
import { fixtureCases } from '../../helpers/fixtures.js';
import { heterogeneityStatistics, qProfileInterval } from '../../../src/heterogeneity/index.js';

// BCG vaccine trials, log risk ratios: metafor's escalc("RR") output in the dat.bcg fixture.
const bcg = fixtureCases('escalc').find(({ data, kase }) => data.dataset === 'dat.bcg' && kase.options.measure === 'RR')!.kase.expected!;
const yi = Float64Array.from(bcg.yi as number[]);
const vi = Float64Array.from(bcg.vi as number[]);

describe('heterogeneityStatistics()', () => {
  it('heterogeneityStatistics(bcg RR, tau2 = REML) gives metafor QE, I2, H2', () => {
    // metafor (dat.bcg.json, RR/rma.uni/REML/z): QE 152.2330080823733, I2 92.22138452126907, H2 12.855758235309356
    const h = heterogeneityStatistics(yi, vi, 0.3132432581364859);
    expect(h.q).toBeCloseTo(152.2330080823733, 9);
    expect(h.i2).toBeCloseTo(92.22138452126907, 7);
    expect(h.h2).toBeCloseTo(12.855758235309356, 7);
    expect(h.qPValue / 1.9967645908459738e-26).toBeCloseTo(1, 8);
  });
  it('heterogeneityStatistics(…, null) uses the equal-effects definitions', () => {
    const h = heterogeneityStatistics(yi, vi, null);
    expect(h.i2).toBeCloseTo((100 * (h.q - 12)) / h.q, 12);
    expect(h.h2).toBeCloseTo(h.q / 12, 12);
  });
});

describe('qProfileInterval()', () => {
  it('qProfileInterval(bcg RR, { tau2 }) matches metafor confint()', () => {
    // metafor: confint(res): tau^2 0.11971836114115214 .. 1.1114790840609292
    const ci = qProfileInterval(yi, vi, { tau2: 0.3132432581364859 });
    expect(ci.tau2.lower / 0.11971836114115214).toBeCloseTo(1, 9);
    expect(ci.tau2.upper / 1.1114790840609292).toBeCloseTo(1, 9);
    expect(ci.tau.upper).toBeCloseTo(Math.sqrt(ci.tau2.upper), 14);
    expect(ci.warnings).toEqual([]);
  });
  it('censors an upper bound above tau2Max as metafor, with a warning', () => {
    const ci = qProfileInterval(yi, vi, { tau2: 0.31, tau2Max: 0.5 });
    expect(ci.tau2.upper).toBe(0.5);
    expect(ci.warnings.map((w) => w.code)).toContain('confint_bound_censored');
  });
  it('reports [0, 0] (the null set) when Q(0) is below the lower quantile', () => {
    const ci = qProfileInterval(Float64Array.of(0.3, 0.3, 0.3), Float64Array.of(0.1, 0.2, 0.3), { tau2: 0 });
    expect([ci.tau2.lower, ci.tau2.upper]).toEqual([0, 0]);
    expect(ci.warnings.map((w) => w.code)).toContain('confint_null_set');
  });
});
