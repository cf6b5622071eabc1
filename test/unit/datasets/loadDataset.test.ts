import { describe, expect, it } from 'vitest';
import { MetasynthError } from '../../../src/core/errors.js';
import {
  DATASET_NAMES,
  datasetEffectTable,
  listDatasets,
  loadDataset,
  loadDatasetStudies,
  normaliseForQuote,
  numberAppearsInQuote,
  quoteOccursIn,
} from '../../../src/index.js';

describe('loadDataset(name)', () => {
  it("loadDataset('classic/bcg') types cells by the column dictionary", () => {
    const ds = loadDataset('classic/bcg');
    expect(ds.rows).toHaveLength(13);
    expect(ds.rows[0]).toEqual({ study: 'Aronson, 1948', year: 1948, ai: 4, bi: 119, ci: 11, di: 128, ablat: 44, alloc: 'random' });
    expect(ds.file).toBe('datasets/classic/bcg/data.csv');
    expect(ds.synthetic).toBe(false);
    expect(ds.metadata.citation[0]!.doi).toBe('10.1001/jama.1994.03510330076038');
  });

  it("loadDataset('cik/verified-trials:os') and { subset: 'os' } select the same rows, keeping file row numbers", () => {
    const a = loadDataset('cik/verified-trials:os');
    const b = loadDataset('cik/verified-trials', { subset: 'os' });
    expect(a.rows.map((r) => r.study)).toEqual(['Lee 2019 (OS)', 'Liu 2020 (OS)']);
    expect(b.rows).toEqual(a.rows);
    expect(a.rowNumbers).toEqual([4, 6]);
    expect(a.subset).toBe('os');
  });

  it("loadDataset('cik/verified-trials') warns that rows repeat trials", () => {
    const w = loadDataset('cik/verified-trials').warnings;
    expect(w.map((x) => x.code)).toEqual(['dataset_repeated_units']);
    expect(w[0]!.message).toContain('NCT00699816');
    expect(w[0]!.message).toContain('cik/verified-trials:recurrence');
  });

  it('throws invalid_option naming the available datasets or subsets', () => {
    expect(() => loadDataset('cik/nope')).toThrow(MetasynthError);
    try {
      loadDataset('cik/verified-trials:nope');
    } catch (e) {
      expect((e as MetasynthError).code).toBe('invalid_option');
      expect((e as MetasynthError).issues[0]!.message).toContain('recurrence, recurrence-latest, os, pfs');
    }
    expect(() => loadDataset('classic/bcg:random', { subset: 'other' })).toThrow(/given twice/);
  });

  it('returns fresh rows on every call (a caller mutating them does not change the next load)', () => {
    const first = loadDataset('classic/bcg');
    (first.rows[0] as Record<string, unknown>).ai = 999;
    expect(loadDataset('classic/bcg').rows[0]!.ai).toBe(4);
  });

  it('listDatasets() names every bundled dataset', () => {
    expect(listDatasets().map((d) => d.name)).toEqual([...DATASET_NAMES]);
    expect(
      listDatasets()
        .filter((d) => d.synthetic)
        .map((d) => d.name),
    ).toEqual(['cik/calibrated']);
  });
});

describe('datasetEffectTable(name)', () => {
  it("datasetEffectTable('classic/bcg') uses the dataset's measure (RR) and the foundation's parser", () => {
    const t = datasetEffectTable('classic/bcg');
    expect(t.measure).toBe('RR');
    expect(t.studies).toHaveLength(13);
    expect(t.studies[0]!.effect).toBeCloseTo(-0.8893113339202054, 12);
  });

  it("datasetEffectTable('cik/verified-trials:recurrence') has one row per trial and carries the source column", () => {
    const t = datasetEffectTable('cik/verified-trials:recurrence');
    expect(t.measure).toBe('HR');
    expect(t.studies.map((s) => s.study)).toEqual(['Takayama 2000', 'Lee 2015']);
    expect(t.studies[1]!.source).toMatch(/^https:\/\/link\.springer\.com/);
    expect(t.synthetic).toBe(false);
  });

  it("datasetEffectTable('cik/calibrated') is marked synthetic", () => {
    expect(datasetEffectTable('cik/calibrated').synthetic).toBe(true);
  });

  it('refuses the tables that are not study effects', () => {
    expect(() => loadDatasetStudies('cik/source-claims')).toThrow(/not a table of study effects/);
    expect(() => datasetEffectTable('cik/published-pooled')).toThrow(/read it with loadDataset/);
  });
});

describe('quote matching', () => {
  it('normaliseForQuote maps the mis-decoded page punctuation back', () => {
    expect(normaliseForQuote('+15โ€“20%')).toBe('+15-20%');
    expect(normaliseForQuote('~70โ76%')).toBe('~70-76%');
    expect(normaliseForQuote('ECOG PS โฅ3')).toBe('ECOG PS ≥3');
    expect(quoteOccursIn('a **bold**  claim', 'bold claim')).toBe(true);
  });

  it('numberAppearsInQuote matches whole numbers only', () => {
    expect(numberAppearsInQuote('0.4', 'HR 0.43')).toBe(false);
    expect(numberAppearsInQuote('0.43', 'HR 0.43;')).toBe(true);
    expect(numberAppearsInQuote('2120', '2,120 pts')).toBe(true);
    expect(numberAppearsInQuote('12', '112 patients')).toBe(false);
    expect(numberAppearsInQuote('6', 'at least six types')).toBe(true);
  });
});
