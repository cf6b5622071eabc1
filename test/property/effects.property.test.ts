// Property-based tests of effectSizes() (metafor escalc): symmetries every measure must obey, no
// NaN or Infinity in any study, and records never mutated. NUM_RUNS (200) inputs per property.
// The symmetries are exact algebra, up to rounding: compared to 1e-12 of the effect's scale.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectSizes } from '../../src/effects/index.js';
import type { Measure } from '../../src/effects/types.js';
import type { StudyRecord } from '../../src/schema/index.js';
import { assertClose, RUNS } from './arbitraries.js';

const REL = 1e-12;
const base = (i: number) => ({ study: `S${i + 1}`, row: i + 1, moderators: {} });

const count = fc.integer({ min: 0, max: 500 });
const table2x2 = fc.record({ ai: count, bi: count, ci: count, di: count }).filter((t) => t.ai + t.bi > 0 && t.ci + t.di > 0);
const tables = fc.array(table2x2, { minLength: 1, maxLength: 12 });

function twoByTwo(ts: readonly { ai: number; bi: number; ci: number; di: number }[]): StudyRecord[] {
  return ts.map((t, i) => ({ kind: 'twoByTwo', ...base(i), ...t }));
}

function effectsOf(records: StudyRecord[], measure: Measure) {
  const table = effectSizes(records, { measure });
  expect(JSON.stringify(table)).not.toMatch(/NaN|Infinity/);
  for (const s of table.studies) {
    expect(Number.isFinite(s.effect)).toBe(true);
    expect(s.variance).toBeGreaterThan(0);
  }
  return table;
}

describe('effectSizes(2x2 tables)', () => {
  for (const measure of ['OR', 'RR', 'RD', 'PETO'] as const) {
    it(`{ measure: '${measure}' }: swapping the two groups negates the effect and keeps its variance`, () => {
      fc.assert(
        fc.property(tables, (ts) => {
          const a = effectsOf(twoByTwo(ts), measure);
          const b = effectsOf(twoByTwo(ts.map((t) => ({ ai: t.ci, bi: t.di, ci: t.ai, di: t.bi }))), measure);
          expect(b.studies.length + b.excluded.length).toBe(ts.length);
          a.studies.forEach((s, i) => {
            const t = b.studies[i]!;
            assertClose(t.effect, -s.effect, REL, Math.abs(s.effect) + 1, `${s.study} effect`);
            assertClose(t.variance, s.variance, REL, s.variance, `${s.study} variance`);
          });
        }),
        RUNS,
      );
    });
  }

  for (const measure of ['OR', 'PETO'] as const) {
    it(`{ measure: '${measure}' }: swapping events and non-events in both groups negates the log odds ratio`, () => {
      fc.assert(
        fc.property(tables, (ts) => {
          const a = effectsOf(twoByTwo(ts), measure);
          const b = effectsOf(twoByTwo(ts.map((t) => ({ ai: t.bi, bi: t.ai, ci: t.di, di: t.ci }))), measure);
          a.studies.forEach((s, i) => {
            assertClose(b.studies[i]!.effect, -s.effect, REL, Math.abs(s.effect) + 1, `${s.study} effect`);
          });
        }),
        RUNS,
      );
    });
  }

  it("{ measure: 'OR' } gives the same effects for the x1i/n1i form of the same tables", () => {
    fc.assert(
      fc.property(tables, (ts) => {
        const a = effectsOf(twoByTwo(ts), 'OR');
        const b = effectsOf(
          ts.map((t, i) => ({ kind: 'twoByTwoN', ...base(i), x1i: t.ai, n1i: t.ai + t.bi, x2i: t.ci, n2i: t.ci + t.di })),
          'OR',
        );
        expect(b.studies.map((s) => s.effect)).toEqual(a.studies.map((s) => s.effect));
        expect(b.studies.map((s) => s.counts)).toEqual(a.studies.map((s) => s.counts));
      }),
      RUNS,
    );
  });

  it('never mutates the records and reports every row as a study or an exclusion (drop00 too)', () => {
    fc.assert(
      fc.property(
        tables,
        fc.constantFrom('OR', 'RR', 'RD', 'PETO'),
        fc.constantFrom('only0', 'all', 'if0all', 'none'),
        fc.boolean(),
        (ts, measure, to, drop00) => {
          const records = twoByTwo(ts);
          const copy = structuredClone(records);
          records.forEach((r) => {
            Object.freeze(r);
          });
          const out = effectSizes(Object.freeze(records), { measure, to, drop00 });
          expect(records).toEqual(copy);
          expect(out.studies.length + out.excluded.length).toBe(ts.length);
          expect(JSON.stringify(out)).not.toMatch(/NaN|Infinity/);
          for (const e of out.excluded) expect(e.reason.length).toBeGreaterThan(0);
        },
      ),
      RUNS,
    );
  });
});

describe('effectSizes(other kinds)', () => {
  const group = fc.record({
    m: fc.double({ min: 0.1, max: 100, noNaN: true }),
    sd: fc.double({ min: 0.01, max: 50, noNaN: true }),
    n: fc.integer({ min: 2, max: 1000 }),
  });
  for (const measure of ['MD', 'SMD', 'ROM'] as const) {
    it(`{ measure: '${measure}' }: swapping the two groups negates the effect`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(group, group), { minLength: 1, maxLength: 10 }), (pairs) => {
          const rec = (swap: boolean) =>
            pairs.map(([g1, g2], i): StudyRecord => {
              const [a, b] = swap ? [g2, g1] : [g1, g2];
              return { kind: 'continuous', ...base(i), m1i: a.m, sd1i: a.sd, n1i: a.n, m2i: b.m, sd2i: b.sd, n2i: b.n };
            });
          const a = effectsOf(rec(false), measure);
          const b = effectsOf(rec(true), measure);
          a.studies.forEach((s, i) => {
            assertClose(b.studies[i]!.effect, -s.effect, 1e-10, Math.abs(s.effect) + 1, `${s.study} effect`);
            assertClose(b.studies[i]!.variance, s.variance, 1e-10, s.variance, `${s.study} variance`);
          });
        }),
        RUNS,
      );
    });
  }

  it("{ measure: 'ZCOR' | 'COR' }: the correlation −r gives the effect −z (−r)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ r: fc.double({ min: -0.999, max: 0.999, noNaN: true }), n: fc.integer({ min: 4, max: 5000 }) }), { minLength: 1, maxLength: 10 }),
        fc.constantFrom('ZCOR', 'COR'),
        (rs, measure) => {
          const rec = (sign: number) => rs.map((x, i): StudyRecord => ({ kind: 'correlation', ...base(i), ri: sign * x.r, ni: x.n }));
          const a = effectsOf(rec(1), measure);
          const b = effectsOf(rec(-1), measure);
          a.studies.forEach((s, i) => {
            assertClose(b.studies[i]!.effect, -s.effect, REL, Math.abs(s.effect) + 1, `${s.study} effect`);
          });
        },
      ),
      RUNS,
    );
  });

  it("{ measure: 'PLO' | 'PR' }: counting non-events instead of events negates the logit (PR: p → 1 − p)", () => {
    const prop = fc.integer({ min: 1, max: 2000 }).chain((n) => fc.record({ n: fc.constant(n), x: fc.integer({ min: 0, max: n }) }));
    fc.assert(
      fc.property(fc.array(prop, { minLength: 1, maxLength: 10 }), fc.constantFrom('PLO', 'PR'), (ps, measure) => {
        const a = effectsOf(
          ps.map((p, i): StudyRecord => ({ kind: 'proportion', ...base(i), xi: p.x, ni: p.n })),
          measure,
        );
        const b = effectsOf(
          ps.map((p, i): StudyRecord => ({ kind: 'proportion', ...base(i), xi: p.n - p.x, ni: p.n })),
          measure,
        );
        a.studies.forEach((s, i) => {
          const expected = measure === 'PLO' ? -s.effect : 1 - s.effect;
          assertClose(b.studies[i]!.effect, expected, REL, Math.abs(s.effect) + 1, `${s.study} effect`);
          assertClose(b.studies[i]!.variance, s.variance, 1e-10, s.variance, `${s.study} variance`);
        });
      }),
      RUNS,
    );
  });

  it("{ measure: 'HR' }: the reciprocal hazard ratio with the reciprocal interval negates the effect", () => {
    const hr = fc.record({ hr: fc.double({ min: 0.05, max: 20, noNaN: true }), lo: fc.double({ min: 1.01, max: 5, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(hr, { minLength: 1, maxLength: 10 }), (hs) => {
        const a = effectsOf(
          hs.map((h, i): StudyRecord => ({ kind: 'hr', ...base(i), hr: h.hr, lower: h.hr / h.lo, upper: h.hr * h.lo })),
          'HR',
        );
        const b = effectsOf(
          hs.map((h, i): StudyRecord => ({ kind: 'hr', ...base(i), hr: 1 / h.hr, lower: 1 / (h.hr * h.lo), upper: 1 / (h.hr / h.lo) })),
          'HR',
        );
        a.studies.forEach((s, i) => {
          assertClose(b.studies[i]!.effect, -s.effect, 1e-12, Math.abs(s.effect) + 1, `${s.study} effect`);
          assertClose(b.studies[i]!.variance, s.variance, 1e-9, s.variance, `${s.study} variance`);
        });
      }),
      RUNS,
    );
  });
});
