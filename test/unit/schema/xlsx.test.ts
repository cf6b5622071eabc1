// Workbooks: test/fixtures/input/cik-bcg.xlsx is written by scripts/make-input-fixtures.ts from the
// CIK verified trials and metafor's dat.bcg; its rows must read as the same records as those CSVs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseXlsx } from '../../../src/schema/parseXlsx.js';
import { readStudiesFile, readStudiesFileAsync, readTableFile, readTableFileAsync } from '../../../src/io/node.js';
import { columnLetter, sheetToRawTable } from '../../../src/schema/sheetTable.js';
import type { MetasynthError } from '../../../src/core/errors.js';

const BOOK = 'test/fixtures/input/cik-bcg.xlsx';
// The data of each record (moderators, sources and the default level differ between the files by design).
const strip = (records: readonly object[]) => records.map((r) => ({ ...r, moderators: undefined, level: undefined, source: undefined }));

describe('sheetToRawTable', () => {
  it('sheetToRawTable(rows) keeps numbers as numbers, turns dates into ISO dates and skips empty rows', () => {
    const t = sheetToRawTable(
      [
        [null, null],
        ['study', 'yi', 'vi', 'when'],
        ['A', 0.1, 0.02, new Date(Date.UTC(2016, 4, 1))],
        [null, null, null],
        ['B', 0.2, 0.03, null],
      ],
      { file: 'a.xlsx', sheet: 'S' },
    );
    expect(t.columns).toEqual(['study', 'yi', 'vi', 'when']);
    expect(t.rows[0]).toEqual(Object.assign(Object.create(null), { study: 'A', yi: 0.1, vi: 0.02, when: '2016-05-01' }));
    expect(t.rowNumbers).toEqual([1, 3]);
    expect(t.sheet).toBe('S');
  });
  it('drops empty columns without a header but refuses a nameless column holding values (an empty or merged header cell)', () => {
    expect(
      sheetToRawTable([
        ['study', 'yi', 'vi', null],
        ['A', 0.1, 0.02, null],
      ]).columns,
    ).toEqual(['study', 'yi', 'vi']);
    try {
      sheetToRawTable(
        [
          ['study', '95% CI', null],
          ['A', 0.55, 0.94],
        ],
        { file: 'm.xlsx', sheet: 'T' },
      );
      expect.unreachable();
    } catch (e) {
      expect((e as MetasynthError).issues[0]!.message).toBe(
        'm.xlsx (sheet "T"): column C of the header is empty but has values below it (an empty header cell, or one merged into its neighbour): give every column its own name in one cell',
      );
    }
  });
  it('refuses an empty sheet, a header without rows and duplicate names', () => {
    expect(() => sheetToRawTable([], { file: 'e.xlsx' })).toThrow('e.xlsx is empty');
    expect(() => sheetToRawTable([['study', 'yi']], { file: 'h.xlsx' })).toThrow('has a header but no data rows');
    expect(() =>
      sheetToRawTable([
        ['a', 'a'],
        [1, 2],
      ]),
    ).toThrow(/the header is not usable/);
  });
  it('sheetToRawTable(rows, { decimal: "," }) lets numbers typed as text with decimal commas be read', async () => {
    const { parseStudyRecords } = await import('../../../src/schema/parseStudyRecords.js');
    const t = sheetToRawTable(
      [
        ['study', 'yi', 'vi'],
        ['A', '0,5', 0.1],
      ],
      { decimal: ',' },
    );
    expect(parseStudyRecords(t).records[0]).toMatchObject({ yi: 0.5, vi: 0.1 });
    expect(() =>
      parseStudyRecords(
        sheetToRawTable([
          ['study', 'yi', 'vi'],
          ['A', '0,5', 0.1],
        ]),
      ),
    ).toThrow(/yi \("0,5"\) must be a number \(a decimal comma/);
  });
  it('columnLetter(index) names columns as spreadsheets do', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('parseXlsx', () => {
  it('parseXlsx(bytes) reads the first sheet with typed numbers', async () => {
    const t = await parseXlsx(readFileSync(BOOK), { file: 'book.xlsx' });
    expect(t.sheet).toBe('Trials');
    expect(t.columns).toEqual(['Study', 'HR', 'Lower 95% CI', 'Upper 95% CI', 'Year']);
    expect(typeof t.rows[0]!.HR).toBe('number');
  });
  it('parseXlsx(bytes, { sheet }) reads formula cells as their cached values', async () => {
    const t = await parseXlsx(readFileSync(BOOK), { sheet: 'BCG' });
    // di is a formula (=n2 - ci) in the workbook; its cached values are dat.bcg's di.
    const bcg = readTableFile('test/fixtures/metafor/dat.bcg.csv');
    expect(t.rows.map((r) => r.di)).toEqual(bcg.rows.map((r) => Number(r.di)));
  });
  it('parseXlsx refuses an unknown sheet (listing the sheets) and a file that is not a workbook', async () => {
    await expect(parseXlsx(readFileSync(BOOK), { file: 'b.xlsx', sheet: 'Nope' })).rejects.toThrow('b.xlsx: no sheet "Nope"; the workbook has "Trials", "BCG"');
    await expect(parseXlsx(new TextEncoder().encode('study,yi\n'), { file: 'x.xlsx' })).rejects.toThrow(
      'x.xlsx: cannot read the workbook: it is not an Excel .xlsx workbook',
    );
  });
});

describe('reading spreadsheet exports', () => {
  const cik = readStudiesFile('datasets/cik/verified-trials/data.csv');
  it.each([
    ['test/fixtures/input/cik-semicolon-decimal-comma.csv'],
    ['test/fixtures/input/cik-tab.tsv'],
    ['test/fixtures/input/cik-lower-upper-95.csv'],
    ['test/fixtures/input/cik-hr-ci.csv'],
    ['test/fixtures/input/cik-ci-range.txt'],
    [BOOK],
  ])('readStudiesFileAsync(%j) gives the records of the CIK CSV', async (path) => {
    const p = await readStudiesFileAsync(path);
    expect(p.kind).toBe('hr');
    expect(strip(p.records)).toEqual(strip(cik.records));
  });
  it('the BCG sheet gives the records of dat.bcg.csv', async () => {
    const bcg = readStudiesFile('test/fixtures/metafor/dat.bcg.csv');
    const p = await readStudiesFileAsync(BOOK, { sheet: 'BCG' });
    expect(strip(p.records)).toEqual(strip(bcg.records));
  });
  it('readTableFile refuses a workbook (read asynchronously) and an old .xls', async () => {
    expect(() => readTableFile(BOOK)).toThrow(/cannot be read here .*readTableFileAsync/);
    await expect(readTableFileAsync('old.xls')).rejects.toThrow('old binary Excel (.xls) files are not read');
  });
});
