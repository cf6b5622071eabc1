// Every registry measure against metafor 3.8-1 escalc(): the cases of
// test/fixtures/metafor-escalc/escalc.json (made by generate-escalc.R beside it) on metadat
// datasets and SYNTHETIC tables. Rows where escalc gives NA must be left out with a reason.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { effectSizes } from '../../../../src/effects/effectSizes.js';
import { REGISTRY_MEASURES, registryMeasure } from '../../../../src/effects/measures/registry.js';
import type { Measure } from '../../../../src/effects/types.js';
import type { ZeroCellRule } from '../../../../src/effects/zeroCells.js';
import { parseMeasureRecords } from '../../../../src/schema/parseMeasureRecords.js';
import { TOL, expectClose, type Tolerance } from '../../../helpers/tolerance.js';

interface EscalcCase {
  id: string;
  measure: string;
  dataset: string;
  synthetic: boolean;
  options: { add?: number; to?: ZeroCellRule } | [];
  rows: Record<string, string | number>[];
  yi: (number | null)[];
  vi: (number | null)[];
}
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'metafor-escalc', 'escalc.json');
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: EscalcCase[] };

/**
 * RTET: metafor maximises the likelihood with R's Nelder–Mead (reltol 1e-8) and takes the variance
 * from optimHess's finite differences, so its figures sit about 1e-4 from the exact maximum that
 * metasynth solves for; the issue asks 1e-3 for it. UCOR sums a hypergeometric series that GSL
 * evaluates with its own recurrences: the same value to ~1e-13, checked as a closed form.
 */
const RTET_TOLERANCE: Tolerance = { rel: 1e-3, abs: 1e-3 };

describe('registry measures reproduce metafor 3.8-1 escalc', () => {
  it('the fixtures cover every registry measure', () => {
    const covered = new Set(fixture.cases.map((c) => c.measure));
    expect(REGISTRY_MEASURES.map((m) => m.name).filter((m) => !covered.has(m))).toEqual([]);
  });
  for (const c of fixture.cases) {
    it(`effectSizes(${c.id}) [${c.dataset}]`, () => {
      const def = registryMeasure(c.measure)!;
      const parsed = parseMeasureRecords(c.rows, def, { file: `${c.id}.json` });
      const options = Array.isArray(c.options) ? {} : c.options;
      const table = effectSizes(parsed, { measure: c.measure as Measure, ...options });
      const tol = c.measure === 'RTET' ? RTET_TOLERANCE : TOL.closedForm;
      c.rows.forEach((row, i) => {
        const study = String(row.study);
        const got = table.studies.find((s) => s.row === i + 1);
        const yi = c.yi[i];
        const vi = c.vi[i];
        if (yi === null || yi === undefined || vi === null || vi === undefined || !(vi > 0)) {
          // escalc: NA (or a zero variance no analysis can weight); metasynth leaves the row out.
          expect(got, `${study}: expected to be left out`).toBeUndefined();
          expect(table.excluded.find((e) => e.row === i + 1)?.reason, `${study}: reason`).toMatch(/\w/);
          return;
        }
        expect(got, `${study}: expected an effect`).toBeDefined();
        expectClose(got!.effect, yi, tol, `${c.id} ${study} yi`);
        expectClose(got!.variance, vi, tol, `${c.id} ${study} vi`);
      });
    });
  }
});

describe('registry measures: inputs and options', () => {
  const rows = [
    { study: 'A', ai: 0, bi: 10, ci: 4, di: 6 },
    { study: 'B', ai: 3, bi: 7, ci: 5, di: 5 },
  ];
  it('parseMeasureRecords and effectSizes do not change the rows or records they read', () => {
    const copy = structuredClone(rows);
    const parsed = parseMeasureRecords(rows, registryMeasure('YUQ')!);
    const records = structuredClone(parsed.records);
    effectSizes(parsed, { measure: 'YUQ' });
    expect(rows).toEqual(copy);
    expect(parsed.records).toEqual(records);
  });
  it("effectSizes(rows, { measure: 'AS' }) uses escalc's add = 0 for AS, and the add given when there is one", () => {
    const parsed = parseMeasureRecords(rows, registryMeasure('AS')!);
    expect(effectSizes(parsed, { measure: 'AS' }).settings?.add).toBe(0);
    const t = effectSizes(parsed, { measure: 'AS', add: 0.5 });
    expect(t.settings?.add).toBe(0.5);
    expect(t.warnings.map((w) => w.code)).toContain('zero_cells_adjusted');
  });
  it('a measure read for one name refuses another', () => {
    const parsed = parseMeasureRecords(rows, registryMeasure('YUQ')!);
    expect(() => effectSizes(parsed, { measure: 'YUY' })).toThrow(/read for measure YUQ, not YUY/);
  });
  it("records of a kind with the measure's columns are computed by the registry (2x2 kind, measure PHI)", async () => {
    const { parseStudyRecords } = await import('../../../../src/schema/parseStudyRecords.js');
    const t = effectSizes(parseStudyRecords(rows), { measure: 'PHI' });
    const u = effectSizes(parseMeasureRecords(rows, registryMeasure('PHI')!), { measure: 'PHI' });
    expect(t.studies.map((s) => s.effect)).toEqual(u.studies.map((s) => s.effect));
  });
});
