// linearTicks() on degenerate ranges: empty, subnormal and below the rounding of its magnitude.
// The subnormal case is the counterexample fast-check found in test/property/analyses.property.test.ts
// (effects [0, 5.4e-323] reached radialPlotSpec's arc ticks and made toFixed() throw a RangeError).
import { describe, expect, it } from 'vitest';
import { effectTable } from '../../property/arbitraries.js';
import { linearTicks } from '../../../src/plots/format.js';
import { radialInput, radialPlotSpec } from '../../../src/plots/index.js';

function expectSane({ ticks, domain }: ReturnType<typeof linearTicks>, lo: number, hi: number) {
  expect(ticks.length).toBeGreaterThanOrEqual(2);
  expect(ticks.length).toBeLessThanOrEqual(12);
  for (const t of ticks) expect(Number.isFinite(t)).toBe(true);
  for (let i = 1; i < ticks.length; i++) expect(ticks[i]!).toBeGreaterThan(ticks[i - 1]!);
  expect(domain[0]).toBeLessThanOrEqual(lo);
  expect(domain[1]).toBeGreaterThanOrEqual(hi);
}

describe('linearTicks(lo, hi)', () => {
  it('a readable range keeps its nice steps', () => {
    expect(linearTicks(-0.13, 0.04)).toEqual({ ticks: [-0.15, -0.1, -0.05, 0, 0.05], domain: [-0.15, 0.05] });
  });

  it('linearTicks(0, 5.4e-323): a subnormal range is widened to ±1 instead of throwing', () => {
    const r = linearTicks(0, 5.4e-323, 4);
    expectSane(r, 0, 5.4e-323);
    expect(r.domain).toEqual([-1, 1]);
  });

  it('linearTicks(x, x): an empty range is widened around x (by half of x, or to ±1 at 0)', () => {
    expect(linearTicks(0, 0).domain).toEqual([-1, 1]);
    expectSane(linearTicks(2, 2), 2, 2);
    expectSane(linearTicks(1e-50, 1e-50), 1e-50, 1e-50);
    expectSane(linearTicks(-1e-95, 1e-95), -1e-95, 1e-95);
  });

  it('linearTicks(1, 1 + 2.2e-16): a range below the rounding of its magnitude is treated as empty', () => {
    expectSane(linearTicks(1, 1 + 2.2e-16), 1, 1 + 2.2e-16);
    expectSane(linearTicks(-1e300, -1e300 * (1 - 1e-15)), -1e300, -1e300 * (1 - 1e-15));
  });
});

describe('radialPlotSpec(radialInput(table)) on effects [0, 5.4e-323]', () => {
  it('builds a spec with finite arc ticks', () => {
    const spec = radialPlotSpec(radialInput(effectTable({ effect: [0, 5.4e-323], variance: [1, 1] })));
    expect(JSON.stringify(spec)).not.toMatch(/NaN|Infinity/);
  });
});
