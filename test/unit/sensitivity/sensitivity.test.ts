import { describe, expect, it } from 'vitest';
import { pool } from '../../../src/pool/index.js';
import { cumulative, influenceDiagnostics, leaveOneOut } from '../../../src/sensitivity/index.js';
import { BCG_RR, bcg, expectFiniteJson } from '../bias/bcg.js';

describe('leaveOneOut(data, options)', () => {
  it('each warm-started refit equals a cold pool() of the remaining studies', () => {
    const data = bcg();
    const r = leaveOneOut(data, { method: 'REML' });
    expect(r.steps).toHaveLength(13);
    for (const i of [0, 5, 12]) {
      const cold = pool({ effect: data.effect.filter((_, j) => j !== i), variance: data.variance.filter((_, j) => j !== i) }, { method: 'REML' });
      expect(r.steps[i]!.study).toBe(data.study[i]);
      expect(r.steps[i]!.estimate).toBeCloseTo(cold.estimate!, 10);
      expect(r.steps[i]!.tau2).toBeCloseTo(cold.tau2!, 10);
    }
  });
  it("leaveOneOut(bcg RR, { method: 'DL', test: 'knha' }) matches leave1out(rma.uni(..., method='DL', test='knha'))", () => {
    const r = leaveOneOut(bcg(), { method: 'DL', test: 'knha' });
    expect(r.steps[0]!.estimate).toBeCloseTo(-0.70512519841745114, 12);
    expect(r.steps[1]!.ciLower).toBeCloseTo(-1.0541412780414907, 12);
    expect(r.steps[0]!.pValue).toBeCloseTo(0.0038434322920047671, 12);
  });
  it('too few studies (k = 1): no steps and a too_few_studies warning', () => {
    const r = leaveOneOut({ effect: [0.1], variance: [0.1] });
    expect(r.steps).toEqual([]);
    expect(r.warnings[0]?.code).toBe('too_few_studies');
  });
  it('k = 2 leaves single studies: their own estimate, tau² 0, Q 0, I² 0, H² 1 (metafor)', () => {
    const r = leaveOneOut({ effect: [0.1, 0.3], variance: [0.04, 0.09] });
    expect(r.steps[0]).toMatchObject({ estimate: 0.3, tau2: 0, q: 0, qPValue: 1, i2: 0, h2: 1 });
    expect(r.steps[0]!.standardError).toBeCloseTo(0.3, 15);
    expectFiniteJson(r);
  });
  it('does not mutate its input', () => {
    const data = bcg();
    const copy = structuredClone(data);
    leaveOneOut(data);
    expect(data).toEqual(copy);
  });
});

describe('cumulative(data, options)', () => {
  it("cumulative(bcg RR, { method: 'DL', orderBy: year }) matches cumul(res, order = year)", () => {
    // R: res <- rma.uni(yi, vi, data=dat, method="DL"); cumul(res, order=dat$year)
    const r = cumulative(bcg(), { method: 'DL', orderBy: [...BCG_RR.year] });
    expect(r.steps.map((s) => s.estimate).slice(0, 4)).toEqual(
      [-0.88931133392020523, -1.3250034422448751, -0.96153532186821022, -0.95239474261544843].map((x) => expect.closeTo(x, 12)),
    );
    expect(r.steps[3]!.tau2).toBeCloseTo(0.042551518827813897, 12);
    expect(r.steps[2]!.study).toBe('S6 1953');
  });
  it('decreasing order keeps missing keys last and ties in input order', () => {
    const r = cumulative(
      { effect: [1, 2, 3, 4], variance: [1, 1, 1, 1], study: ['a', 'b', 'c', 'd'] },
      { orderBy: [1, null, 2, 1], decreasing: true, method: 'EE' },
    );
    expect(r.steps.map((s) => s.study)).toEqual(['c', 'a', 'd', 'b']);
  });
  it('rejects orderBy of the wrong length or an unknown column', () => {
    expect(() => cumulative(bcg(), { orderBy: [1, 2] })).toThrow(/keys/);
    expect(() => cumulative(bcg(), { orderBy: 'latitude' })).toThrow(/latitude/);
  });
  it('does not mutate its input', () => {
    const data = bcg();
    const copy = structuredClone(data);
    cumulative(data, { orderBy: [...BCG_RR.year] });
    expect(data).toEqual(copy);
  });
});

describe('influenceDiagnostics(data, options)', () => {
  it("influenceDiagnostics(bcg RR, { method: 'DL', test: 'knha' }) matches influence(rma.uni(..., method='DL', test='knha'))", () => {
    const r = influenceDiagnostics(bcg(), { method: 'DL', test: 'knha' });
    const s = r.studies;
    expect(s.slice(0, 3).map((x) => x.rstudent)).toEqual([-0.21414035323985423, -1.2880789870917815, -0.73930667753829138].map((x) => expect.closeTo(x, 12)));
    expect(s.slice(0, 3).map((x) => x.dffits)).toEqual([-0.047807570425680519, -0.3381980162816414, -0.1589058552291814].map((x) => expect.closeTo(x, 12)));
    expect(s.slice(0, 3).map((x) => x.dfbetas)).toEqual([-0.047724584868887095, -0.3391395431164934, -0.15892852035707924].map((x) => expect.closeTo(x, 12)));
    expect(s.slice(0, 3).map((x) => x.covRatio)).toEqual([1.1451276296761923, 1.0096523200703562, 1.0871641073392893].map((x) => expect.closeTo(x, 12)));
    expect(s.slice(0, 3).map((x) => x.cooksDistance)).toEqual(
      [0.0024763657196703948, 0.10879578038316642, 0.026248697272687537].map((x) => expect.closeTo(x, 12)),
    );
  });
  it('too few studies (k = 1): no rows and a warning', () => {
    const r = influenceDiagnostics({ effect: [0.1], variance: [0.1] });
    expect(r.studies).toEqual([]);
    expect(r.warnings[0]?.code).toBe('too_few_studies');
  });
  it('k = 2 under knha: figures that cannot be computed are null, never NaN', () => {
    const r = influenceDiagnostics({ effect: [0.1, 0.3], variance: [0.04, 0.09] }, { test: 'knha' });
    expect(r.studies).toHaveLength(2);
    expectFiniteJson(r);
  });
  it('does not mutate its input', () => {
    const data = bcg();
    const copy = structuredClone(data);
    influenceDiagnostics(data);
    expect(data).toEqual(copy);
  });
});
