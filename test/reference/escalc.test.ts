// Per-study effect sizes against metafor 3.8-1: every `escalc` and `derive` case of every fixture
// file (test/fixtures/metafor/*.json, including reference files added later). Records are built
// exactly as a user's file would be: the fixture's CSV goes through parseCsv and parseStudyRecords.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effectSizes, isMeasure, MEASURES_BY_KIND } from '../../src/effects/index.js';
import { parseCsv } from '../../src/schema/index.js';
import { parseStudyRecords } from '../../src/schema/index.js';
import { fixtureCases, fixtureCsvPath } from '../helpers/fixtures.js';
import { TOL, expectClose } from '../helpers/tolerance.js';

const cases = fixtureCases(['escalc', 'derive']);

describe('effectSizes reproduces metafor escalc', () => {
  it('finds the fixture cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(11);
  });

  for (const { data, kase } of cases) {
    it(`effectSizes(${data.dataset}, { measure: '${String(kase.options.measure)}' }) [${kase.id}]`, () => {
      const table = parseCsv(readFileSync(fixtureCsvPath(data), 'utf8'), { file: data.csv });
      const parsed = parseStudyRecords(table, { file: data.csv });
      const wanted = kase.options.measure;
      const measure = isMeasure(wanted) && MEASURES_BY_KIND[parsed.kind].includes(wanted) ? wanted : undefined;
      const add = typeof kase.options.add === 'number' ? kase.options.add : undefined;
      const to = typeof kase.options.to === 'string' ? (kase.options.to as 'only0') : undefined;
      const drop00 = typeof kase.options.drop00 === 'boolean' ? kase.options.drop00 : undefined;
      const result = effectSizes(parsed, { measure, add, to, drop00 });

      const expected = kase.expected!;
      const yi = expected.yi as (number | null)[];
      const vi = expected.vi as (number | null)[];
      expect(yi.length, 'rows').toBe(table.rows.length);
      const byRow = new Map(result.studies.map((s) => [s.row, s]));
      const excludedRows = new Set(result.excluded.map((e) => e.row));
      table.rows.forEach((_, i) => {
        const row = table.rowNumbers?.[i] ?? i + 1;
        const s = byRow.get(row);
        if (yi[i] === null || vi[i] === null) {
          expect(excludedRows.has(row), `row ${row} should be excluded`).toBe(true);
          return;
        }
        expect(s, `row ${row} should have an effect`).toBeDefined();
        expectClose(s!.effect, yi[i], TOL.closedForm, `${kase.id} yi[${i}]`);
        expectClose(s!.variance, vi[i], TOL.closedForm, `${kase.id} vi[${i}]`);
        expectClose(s!.standardError, Math.sqrt(vi[i]!), TOL.closedForm, `${kase.id} sei[${i}]`);
      });
      if (typeof expected.k === 'number') expect(result.studies.length + result.excluded.length).toBe(expected.k);
    });
  }
});
