// Every number of the CIK evidence datasets is traceable: it has a source address and a quote in
// its metadata, the quote is really in the evidence check (or page) copied in the repository, and
// the number is written in the quote, unless the metadata says how it was derived from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../scripts/bundle-datasets.js';
import { loadDataset, numberAppearsInQuote, quoteOccursIn, type QuoteEntry } from '../../../src/datasets/index.js';

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const csvCells = (name: string) => {
  // Raw cell text as written in data.csv, so the printed form (0.40, 0.700) is what is checked.
  const ds = loadDataset(name);
  return { ds, text: (row: number, column: string) => String(ds.rows[row]![column] ?? '') };
};
const rawText = (name: string): Record<string, string>[] => {
  const lines = read(`datasets/${name}/data.csv`);
  // d3-dsv through loadDataset types the cells; re-read the text cells for printed forms.
  return loadDataset(name).rows.map((_, i) => rawRows(lines)[i]!);
};
function rawRows(csv: string): Record<string, string>[] {
  // Minimal RFC 4180 reader for the test: quoted fields with doubled quotes, no embedded newlines.
  const [head, ...body] = csv.trimEnd().split('\n');
  const split = (line: string) => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
        else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') out.push(cur), (cur = '');
      else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const header = split(head!);
  return body.map((line) => Object.fromEntries(split(line).map((c, j) => [header[j]!, c])));
}

describe.each(['cik/verified-trials', 'cik/published-pooled'])('%s: per-field provenance', (name) => {
  const { ds } = csvCells(name);
  const prov = ds.metadata.provenance;
  if (prov.kind !== 'fields') throw new Error(`${name}: expected per-field provenance`);
  const document = read(prov.document);
  const label = ds.metadata.columns.find((c) => c.role === 'label')!.name;
  const numeric = ds.metadata.columns.filter((c) => c.type === 'number' || c.type === 'integer').map((c) => c.name);
  const rows = rawText(name);

  it.each(rows.map((r) => [r[label]!, r] as const))('%s: every number has a source address and a quote that holds it', (study, row) => {
    const entries: QuoteEntry[] = prov.rows.find((r) => r.row === study)?.entries ?? [];
    for (const field of numeric) {
      const value = row[field] ?? '';
      if (value === '') continue;
      const backing = entries.filter((e) => e.fields.includes(field));
      expect(backing.length, `${study} ${field}=${value} has no provenance entry`).toBeGreaterThan(0);
      for (const e of backing) {
        expect(e.source, `${study} ${field}`).toMatch(/^https?:\/\//);
        expect(quoteOccursIn(document, e.quote), `${study} ${field}: quote not in ${prov.document}: ${e.quote}`).toBe(true);
        if (e.derived === undefined) {
          expect(numberAppearsInQuote(value, e.quote), `${study} ${field}=${value} is not written in its quote: ${e.quote}`).toBe(true);
        }
      }
    }
  });

  it('has no provenance for rows or fields that do not exist', () => {
    const labels = new Set(rows.map((r) => r[label]));
    for (const r of prov.rows) {
      expect(labels.has(r.row), r.row).toBe(true);
      for (const e of r.entries) for (const f of e.fields) expect(numeric, `${r.row}: ${f}`).toContain(f);
    }
  });

  it('the source and quote columns repeat the provenance of the main estimate', () => {
    for (const r of rows) {
      const entry = prov.rows.find((p) => p.row === r[label])!.entries[0]!;
      expect(r.source).toBe(entry.source);
      expect(r.quote).toBe(entry.quote);
    }
  });
});

describe('cik/verified-trials', () => {
  it('marks derived numbers: Takayama 2000 HR 0.59 = 1 − 0.41 (the evidence check\'s arithmetic)', () => {
    const prov = loadDataset('cik/verified-trials').metadata.provenance;
    if (prov.kind !== 'fields') throw new Error('expected fields');
    const takayama = prov.rows.find((r) => r.row === 'Takayama 2000')!.entries[0]!;
    expect(takayama.fields).toEqual(['hr', 'lower', 'upper']);
    expect(takayama.derived).toMatch(/1 − 0\.41/);
  });

  it('each subset for analysis holds one row per trial (no trial counts twice)', () => {
    for (const subset of ['recurrence', 'recurrence-latest', 'os', 'pfs']) {
      const ds = loadDataset(`cik/verified-trials:${subset}`);
      const trials = ds.rows.map((r) => r.trial_id);
      expect(new Set(trials).size, subset).toBe(trials.length);
      expect(new Set(ds.rows.map((r) => r.outcome_group)).size, subset).toBe(1);
      expect(ds.warnings).toEqual([]);
    }
  });

  it('each trial has exactly one primary row per outcome group', () => {
    const rows = loadDataset('cik/verified-trials').rows.filter((r) => r.primary === true);
    const keys = rows.map((r) => `${r.trial_id}|${r.outcome_group}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('cik/source-claims', () => {
  const ds = loadDataset('cik/source-claims');
  const prov = ds.metadata.provenance;
  if (prov.kind !== 'columns') throw new Error('expected column provenance');
  const rows = rawText('cik/source-claims');
  const check = read(prov.evidenceDocument!);

  it.each(rows.map((r) => [r.id!, r] as const))('%s: its numbers are written in a verbatim quote of its page, and its verdict cites the check', (id, row) => {
    const page = read(row[prov.documentColumn]!);
    const quote = row[prov.quoteColumn]!;
    expect(quoteOccursIn(page, quote), `${id}: quote not on ${row.page}: ${quote}`).toBe(true);
    expect(row.value, `${id} has no value`).not.toBe('');
    for (const column of prov.valueColumns) {
      const value = row[column] ?? '';
      if (value !== '') expect(numberAppearsInQuote(value, quote), `${id} ${column}=${value} not in: ${quote}`).toBe(true);
    }
    expect(numberAppearsInQuote(row.value!, row.value_as_stated!), `${id}: value vs value_as_stated`).toBe(true);
    const evidenceQuote = row[prov.evidenceQuoteColumn!] ?? '';
    if (row.verdict !== 'not-checked') {
      expect(evidenceQuote, `${id}: a verdict needs a quote of the check`).not.toBe('');
      expect(row[prov.evidenceSourceColumn!], `${id}: a verdict needs a source address`).toMatch(/^https?:\/\//);
    }
    if (evidenceQuote !== '') {
      expect(quoteOccursIn(check, evidenceQuote), `${id}: evidence quote not in the check: ${evidenceQuote}`).toBe(true);
      expect(row[prov.evidenceSourceColumn!]).toMatch(/^https?:\/\//);
    }
  });

  it('lists the headline claims: HR ~0.75 and 50+ RCTs not found, Lee HR 0.63 confirmed, the journal misattributed', () => {
    const verdictOf = (valueAsStated: string) => ds.rows.filter((r) => r.value_as_stated === valueAsStated).map((r) => r.verdict);
    expect(verdictOf('HR ~0.75')).toEqual(['not-found']);
    expect(verdictOf('50+ RCTs')).toEqual(['not-found']);
    expect(verdictOf('HR 0.63')).toEqual(['confirmed']);
    expect(verdictOf('2015')).toEqual(['real-but-misattributed']);
  });
});

describe('cik/calibrated: calibration', () => {
  it('quotes a page statement for every parameter it calibrates, verbatim', () => {
    const prov = loadDataset('cik/calibrated').metadata.provenance;
    if (prov.kind !== 'generator') throw new Error('expected generator provenance');
    for (const c of prov.calibration) {
      if (c.pageStatement === null) continue;
      expect(quoteOccursIn(read(c.pageStatement.document), c.pageStatement.quote), `${c.parameter}: ${c.pageStatement.quote}`).toBe(true);
    }
  });
});

describe.each(['classic/bcg', 'classic/hackshaw1998'])('%s: published results', (name) => {
  it('each published figure has a source address and a quote; undeclared numbers are written in it', () => {
    const m = loadDataset(name).metadata;
    for (const r of m.publishedResults) {
      expect(r.source).toMatch(/^https?:\/\//);
      expect(r.quote.length).toBeGreaterThan(0);
      if (r.derived === undefined) expect(numberAppearsInQuote(String(r.estimate), r.quote)).toBe(true);
    }
  });

  it('the data are an unchanged copy of the metafor fixture', () => {
    const m = loadDataset(name).metadata;
    if (m.provenance.kind !== 'published-data') throw new Error('expected published-data provenance');
    expect(read(`datasets/${name}/data.csv`)).toBe(read(m.provenance.copiedFrom));
  });
});
