// Property: for every registry measure and any inputs, effectSizes either throws a MetasynthError
// (an input outside the measure's domain) or returns finite yi and vi > 0 for every study it keeps,
// with every other row in `excluded` with a reason: NaN never leaks into a result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetasynthError } from '../../src/core/errors.js';
import { effectSizes } from '../../src/effects/effectSizes.js';
import { REGISTRY_MEASURES } from '../../src/effects/measures/registry.js';
import type { Measure } from '../../src/effects/types.js';
import { parseMeasureRecords } from '../../src/schema/parseMeasureRecords.js';

/** Values of a column, as escalc's arguments range (including edge and invalid ones). */
function arbitraryFor(column: string): fc.Arbitrary<number> {
  if (['ai', 'bi', 'ci', 'di', 'xi', 'x1i', 'x2i'].includes(column)) return fc.integer({ min: -1, max: 40 });
  if (column === 'ri') return fc.double({ min: -1.1, max: 1.1, noNaN: true });
  if (column === 'r2i') return fc.double({ min: -0.1, max: 1.1, noNaN: true });
  if (column.startsWith('n') || (column.startsWith('t') && column !== 'ti')) return fc.integer({ min: 0, max: 60 });
  if (column.startsWith('sd')) return fc.double({ min: -0.5, max: 10, noNaN: true });
  if (column === 'mi') return fc.integer({ min: 0, max: 12 });
  return fc.double({ min: -50, max: 50, noNaN: true });
}

describe('registry measures never leak NaN', () => {
  for (const def of REGISTRY_MEASURES) {
    it(`effectSizes(records, { measure: '${def.name}' }) keeps only finite studies`, () => {
      const row = fc.record(Object.fromEntries(def.columns.map((c) => [c, arbitraryFor(c)])) as Record<string, fc.Arbitrary<number>>);
      fc.assert(
        fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), (rows) => {
          const input = rows.map((r, i) => ({ study: `S${i + 1}`, ...r }));
          try {
            const t = effectSizes(parseMeasureRecords(input, def), { measure: def.name as Measure });
            for (const s of t.studies) {
              expect(Number.isFinite(s.effect)).toBe(true);
              expect(s.variance > 0 && Number.isFinite(s.variance)).toBe(true);
            }
            expect(t.studies.length + t.excluded.length).toBe(rows.length);
            for (const e of t.excluded) expect(e.reason).not.toMatch(/\bNaN\b/);
          } catch (err) {
            expect(err).toBeInstanceOf(MetasynthError);
            expect((err as Error).message).not.toMatch(/\bNaN\b/);
          }
        }),
        { numRuns: 60, seed: 15 },
      );
    });
  }
});
