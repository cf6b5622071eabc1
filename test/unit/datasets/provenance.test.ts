// Every number of the CIK evidence datasets is traceable: it has a source address and a quote in
// its metadata, the quote is really in the evidence check (or page) copied in the repository, and
// the number is written in the quote, unless the metadata says how it was derived from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../scripts/bundle-datasets.js';
import { loadDataset, normaliseForQuote, numberAppearsInQuote, quoteOccursIn, type QuoteEntry } from '../../../src/datasets/index.js';

/** Aggregator or mirror sites that show a paper's abstract: a row citing one also needs the paper's DOI. */
const MIRROR_HOSTS = ['bohrium.dp.tech', 'chigaco.vukou.com', 'www.lifescience.net'];

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
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(cur);
        cur = '';
      } else cur += ch;
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

  it('every DOI is a bare DOI that the evidence check states (in text or in an address), or a quoted page in doiEvidence states', () => {
    const stated = normaliseForQuote(document.replace(/%2F/gi, '/'));
    for (const r of rows) {
      if (r.doi === '') continue;
      expect(r.doi, `${r[label]}`).toMatch(/^10\.\d{4,9}\/\S+$/);
      const looked = (prov.doiEvidence ?? []).some((e) => e.doi === r.doi && e.rows.includes(r[label]!));
      expect(stated.includes(r.doi!) || looked, `${r[label]}: doi ${r.doi} is neither in ${prov.document} nor in doiEvidence`).toBe(true);
    }
  });

  it('each doiEvidence quote is in its document, writes the DOI, and names rows that carry it', () => {
    for (const e of prov.doiEvidence ?? []) {
      expect(e.source, e.doi).toMatch(/^https?:\/\//);
      expect(quoteOccursIn(read(e.document), e.quote), `${e.doi}: quote not in ${e.document}: ${e.quote}`).toBe(true);
      expect(e.quote.includes(e.doi), `${e.doi} is not written in its quote`).toBe(true);
      for (const row of e.rows) expect(rows.find((r) => r[label] === row)?.doi, `${row}: doi`).toBe(e.doi);
    }
  });

  it('a row whose source is a mirror page carries the primary DOI, or a note says the check states none', () => {
    const notes = ds.metadata.notes.join('\n');
    for (const r of rows) {
      if (!MIRROR_HOSTS.includes(new URL(r.source!).hostname) || r.doi !== '') continue;
      expect(notes, `${r[label]} cites a mirror page without a DOI`).toContain(r[label]!);
    }
  });
});

describe('cik/published-pooled: Wang X 2018 (Medicine), the meta-analysis the first evidence check missed', () => {
  const check = read('datasets/cik/sources/cik-evidence-check.md');
  const row = check.split('\n').find((l) => l.startsWith('| Wang X, Tang S, Cui X, et al., Medicine 2018'))!;
  const rows = rawText('cik/published-pooled').filter((r) => r.meta_analysis!.startsWith('Wang X, Tang S, Cui X, et al., Medicine 2018'));

  it('has its six estimates, each with the DOI and the source the evidence check gives', () => {
    expect(row).toBeDefined();
    const doi = /doi (10\.\S+?)\)/.exec(row)![1]!;
    const source = /(https:\/\/\S+)/.exec(row.split('|').at(-2)!)![1]!;
    expect(rows.map((r) => `${r.outcome} ${r.effect_type}`)).toEqual([
      'OS HR',
      'DFS HR',
      'OS rate at 3 years RR',
      'OS rate at 5 years RR',
      'DFS rate at 3 years RR',
      'DFS rate at 5 years RR',
    ]);
    for (const r of rows) {
      expect(r.doi).toBe(doi);
      expect(r.source).toBe(source);
      // Each printed figure (estimate and CI) is in the evidence check's row for the paper.
      for (const v of [r.estimate!, r.lower!, r.upper!]) expect(numberAppearsInQuote(v, row), `${r.id} ${v}`).toBe(true);
    }
  });

  it('its OS HR is one of the pooled OS hazard ratios (subset os-hr)', () => {
    const os = loadDataset('cik/published-pooled:os-hr').rows.map((r) => r.id);
    expect(os).toContain(rows.find((r) => r.outcome === 'OS' && r.effect_type === 'HR')!.id);
  });
});

describe('cik/verified-trials', () => {
  it("marks derived numbers: Takayama 2000 HR 0.59 = 1 − 0.41 (the evidence check's arithmetic)", () => {
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

  it('Shi et al., Medicine 2016 stays not found as cited, with Wang X 2018 as a plausible garbled origin', () => {
    const shi = ds.rows.filter((r) => String(r.attributed_to).includes('Medicine'));
    expect(shi.length).toBeGreaterThan(0);
    for (const r of shi) {
      expect(r.verdict, String(r.id)).toBe('not-found');
      expect(String(r.evidence), String(r.id)).toMatch(/not found as cited/i);
      expect(String(r.evidence), String(r.id)).toMatch(/Wang X 2018.*plausible garbled origin/);
    }
  });

  it('the gastric 3-year DFS percentages are not found, and their ratio is consistent with Wang X 2018', () => {
    const dfs = ds.rows.filter((r) => /3-year DFS/.test(String(r.claim)) && String(r.page).includes('004_'));
    expect(dfs.length).toBe(2);
    for (const r of dfs) {
      expect(r.verdict).toBe('not-found');
      expect(String(r.evidence)).toMatch(/percentages were not found.*ratio is consistent.*Wang X 2018/);
    }
  });

  it('says "not found" without guessing at fabrication', () => {
    for (const r of rows) expect(`${r.evidence} ${r.evidence_quote}`, r.id).not.toMatch(/fabricat/i);
    expect(JSON.stringify(ds.metadata)).not.toMatch(/fabricat/i);
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
