import { describe, expect, it } from 'vitest';
import { MetasynthError } from '../../../src/core/errors.js';
import { parseCsv } from '../../../src/schema/index.js';
import { canonicalColumn, parseStudyRecords, printedDecimals, cellToNumber } from '../../../src/schema/index.js';

function issuesOf(fn: () => unknown): MetasynthError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MetasynthError) return e;
    throw e;
  }
  throw new Error('expected a MetasynthError');
}

describe('parseStudyRecords', () => {
  it('recognises each kind from its columns', () => {
    const kinds = [
      [{ study: 'a', hr: 0.8, lower: 0.6, upper: 1.07 }, 'hr'],
      [{ study: 'a', yi: 0.1, vi: 0.02 }, 'generic'],
      [{ study: 'a', yi: 0.1, sei: 0.2 }, 'generic'],
      [{ study: 'a', ai: 1, bi: 2, ci: 3, di: 4 }, 'twoByTwo'],
      [{ study: 'a', x1i: 1, n1i: 2, x2i: 3, n2i: 4 }, 'twoByTwoN'],
      [{ study: 'a', m1i: 1, sd1i: 2, n1i: 3, m2i: 4, sd2i: 5, n2i: 6 }, 'continuous'],
      [{ study: 'a', ri: 0.1, ni: 20 }, 'correlation'],
      [{ study: 'a', xi: 1, ni: 20 }, 'proportion'],
    ] as const;
    for (const [row, kind] of kinds) expect(parseStudyRecords([row]).kind).toBe(kind);
  });

  it("parseStudyRecords(rows, { file: 'cik.csv' }) reports every problem at once in the documented grammar", () => {
    const csv = 'study,hr,lower,upper\nA,0.8,0.6,1.07\nB,x,0.6,1.07\nC,0.8,,1.07\n"Zhao 2016",0.63,0.50,0.41\n';
    const err = issuesOf(() => parseStudyRecords(parseCsv(csv, { file: 'cik.csv' }), { file: 'cik.csv' }));
    expect(err.code).toBe('invalid_input');
    expect(err.issues.map((i) => i.message)).toEqual([
      'cik.csv row 2 ("B"): hr ("x") must be a number',
      'cik.csv row 3 ("C"): lower is empty',
      'cik.csv row 4 ("Zhao 2016"): upper (0.41) must be greater than hr (0.63) (are lower and upper swapped?)',
    ]);
    expect(err.issues[2]).toMatchObject({ code: 'ci_order', file: 'cik.csv', row: 4, study: 'Zhao 2016', field: 'upper', received: '0.41' });
  });

  it('accepts documented aliases and names the column as written in messages', () => {
    const p = parseStudyRecords([{ Study: 'a', HR: '0.8', ci_lower: '0.6', UCL: '1.07' }]);
    expect(p.kind).toBe('hr');
    expect(p.records[0]).toMatchObject({ hr: 0.8, lower: 0.6, upper: 1.07 });
    const err = issuesOf(() => parseStudyRecords([{ Study: 'a', HR: '0.8', ci_lower: '0.9', UCL: '1.07' }]));
    expect(err.issues[0]!.message).toBe('row 1 ("a"): ci_lower (0.9) must be less than hr (0.8)');
    expect(canonicalColumn('ci.lb')).toBe('lower');
  });

  it('uses an alias only when the canonical column is absent (otherwise it stays a moderator)', () => {
    const p = parseStudyRecords([{ study: 'a', trial: 'NCT1', hr: 0.8, lower: 0.6, upper: 1.07 }]);
    expect(p.records[0]).toMatchObject({ study: 'a', moderators: { trial: 'NCT1' } });
    expect(() => parseStudyRecords([{ study: 'a', yi: 1, se: 0.1, standard_error: 0.2 }])).toThrow(/both mean sei/);
  });

  it('keeps other columns as moderators: numeric, text, or null when empty (NA too)', () => {
    const p = parseStudyRecords(parseCsv('study,yi,vi,year,alloc,score,source\nA,0.1,0.02,1990,random,NA,"Table 2"\nB,0.2,0.03,,systematic,3,\n'));
    expect(p.moderators).toEqual([
      { name: 'year', type: 'number' },
      { name: 'alloc', type: 'text' },
      { name: 'score', type: 'number' },
    ]);
    expect(p.records[0]!.moderators).toEqual({ year: 1990, alloc: 'random', score: null });
    expect(p.records[1]!.moderators).toEqual({ year: null, alloc: 'systematic', score: 3 });
    expect(p.records[0]!.source).toBe('Table 2');
    expect(p.records[1]!.source).toBeUndefined();
  });

  it('warns (does not throw) on duplicate study labels', () => {
    const p = parseStudyRecords(
      [
        { study: 'a', yi: 1, vi: 1 },
        { study: 'a', yi: 2, vi: 1 },
      ],
      { file: 'f.csv' },
    );
    expect(p.warnings).toEqual([
      expect.objectContaining({ code: 'duplicate_study', row: 2, message: 'f.csv row 2 ("a"): duplicate study label (also on row 1)' }),
    ]);
  });

  it('warns when a CI is asymmetric on the log scale beyond print rounding, not when rounding explains it', () => {
    const ok = parseStudyRecords([{ study: 'a', hr: '0.63', lower: '0.41', upper: '0.97' }]);
    expect(ok.warnings).toEqual([]);
    const off = parseStudyRecords([{ study: 'b', hr: '0.50', lower: '0.41', upper: '0.97' }]);
    expect(off.warnings.map((w) => w.code)).toEqual(['ci_asymmetric']);
  });

  it('rejects a level given as a fraction', () => {
    const err = issuesOf(() => parseStudyRecords([{ study: 'a', hr: 0.8, lower: 0.6, upper: 1.07, level: 0.95 }]));
    expect(err.issues[0]!.message).toMatch(/level \(0\.95\) must be a percentage/);
  });

  it('never mutates its input', () => {
    const rows = [{ study: 'a', yi: '0.1', vi: '0.02', g: 'x' }];
    const before = structuredClone(rows);
    parseStudyRecords(rows);
    expect(rows).toEqual(before);
  });

  it('converts strictly: no silent coercion', () => {
    expect(cellToNumber('1,5')).toBeUndefined();
    expect(cellToNumber('12%')).toBeUndefined();
    expect(cellToNumber('0x10')).toBeUndefined();
    expect(cellToNumber('Infinity')).toBeUndefined();
    expect(cellToNumber(' 1e-3 ')).toBe(0.001);
    expect(printedDecimals('0.630')).toBe(3);
    expect(printedDecimals('1.2e-3')).toBe(4);
  });
});
