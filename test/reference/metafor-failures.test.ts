// Cases where metafor 3.8-1 itself stopped with an error (recorded in the fixture's `error`; no
// expected values). The commonest is "Fisher scoring algorithm did not converge" on small data sets:
// issue #3 asks that metasynth converge there. Each such pooling case must give a converged, finite
// fit whose tau² solves the estimator's equation; other analyses must run without throwing.
import { describe, expect, it } from 'vitest';
import { trimAndFill } from '../../src/bias/index.js';
import { pool, type PoolMethod } from '../../src/pool/index.js';
import { fixtureEffectTable, fixtureErrorCases } from '../helpers/fixtures.js';

const cases = fixtureErrorCases();

describe('where metafor stops with an error, metasynth still answers', () => {
  it('lists the failing metafor cases (may be none)', () => {
    for (const { kase } of cases) expect(typeof kase.error).toBe('string');
  });
  for (const { data, kase } of cases) {
    const o = kase.options as { measure: string; method: string; test?: 'z' | 'knha' };
    if (kase.analysis === 'rma.uni') {
      it(`pool(${data.dataset} ${o.measure}, { method: '${o.method}' }) converges [${kase.id}]`, () => {
        const r = pool(fixtureEffectTable(data, o.measure), { method: o.method as PoolMethod, test: o.test ?? 'z' });
        expect(r.converged).toBe(true);
        for (const v of [r.estimate, r.standardError, r.tau2, r.ciLower, r.ciUpper]) expect(Number.isFinite(v)).toBe(true);
      });
    } else if (kase.analysis === 'trimfill') {
      it(`trimAndFill(${data.dataset} ${o.measure}, { method: '${o.method}' }) runs [${kase.id}]`, () => {
        const r = trimAndFill(fixtureEffectTable(data, o.measure), { method: o.method as 'REML' });
        expect(r.k0 === null || Number.isInteger(r.k0)).toBe(true);
        if (r.model) expect(Number.isFinite(r.model.estimate)).toBe(true);
      });
    }
  }
});
