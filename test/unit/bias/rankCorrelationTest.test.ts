import { describe, expect, it } from 'vitest';
import { rankCorrelationTest } from '../../../src/bias/index.js';
import { bcg, expectFiniteJson } from './bcg.js';

describe('rankCorrelationTest(data)', () => {
  it('rankCorrelationTest(bcg RR) is exact without ties (metafor ranktest: tau 0.02564, p 0.95236)', () => {
    const r = rankCorrelationTest(bcg());
    expect(r.pValueMethod).toBe('exact');
    expect(r.kendallTau).toBeCloseTo(0.02564102564102564, 14);
    expect(r.pValue).toBeCloseTo(0.9523619079608663, 12);
  });
  it('uses the normal approximation with a warning when variances tie', () => {
    const r = rankCorrelationTest({ effect: [0.1, 0.5, 0.2, 0.9, 0.4], variance: [0.1, 0.1, 0.2, 0.3, 0.05] });
    expect(r.pValueMethod).toBe('normal');
    expect(r.warnings.map((w) => w.code)).toContain('ties');
    expectFiniteJson(r);
  });
  it('too few studies (k = 2): null figures and a too_few_studies warning', () => {
    const r = rankCorrelationTest({ effect: [0.1, 0.2], variance: [0.1, 0.2] });
    expect(r.kendallTau).toBeNull();
    expect(r.pValue).toBeNull();
    expect(r.warnings[0]?.code).toBe('too_few_studies');
  });
  it('does not mutate its input', () => {
    const data = bcg();
    const copy = structuredClone(data);
    rankCorrelationTest(data);
    expect(data).toEqual(copy);
  });
});
