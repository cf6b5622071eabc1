import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFigure, figureAt, parseExpectations, runExpectations } from '../../../src/check/index.js';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { MetasynthError } from '../../../src/core/errors.js';
import { datasetEffectTable, datasetMetadata, isDatasetName } from '../../../src/datasets/index.js';
import { pool } from '../../../src/pool/index.js';
import '../../helpers/expectation.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const EXPECTATIONS = join(ROOT, 'expectations');
function capture(cwd = ROOT): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY: false,
    cwd,
    out: () => out,
    err: () => err,
  };
}
function tmpFile(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'metasynth-check-'));
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
const bcgEntry = {
  id: 'bcg-reml-rr',
  analysis: 'pool',
  dataset: 'classic/bcg',
  measure: 'RR',
  method: 'REML',
  expect: { 'transformed.estimate': { value: 0.489, abs: 0.0005 } },
};

describe("the repository's expectations (expectations/*.json)", () => {
  const files = readdirSync(EXPECTATIONS).filter((f) => f.endsWith('.json'));

  it('lists the calibrated CIK range, the BCG REML RR and the published Hackshaw figure', () => {
    expect(files).toEqual(expect.arrayContaining(['bcg.json', 'cik-calibrated.json', 'published.json']));
  });

  for (const file of files) {
    it(`runExpectations(${file}) passes every figure`, () => {
      const entries = parseExpectations(readFileSync(join(EXPECTATIONS, file), 'utf8'), { file });
      const report = runExpectations(entries, { file });
      const failed = report.entries.flatMap((e) => e.checks.filter((c) => !c.pass).map((c) => `${e.name} ${c.path}: ${c.expected}, got ${String(c.actual)}`));
      expect(failed).toEqual([]);
      expect(report.pass).toBe(true);
    });

    it(`${file}: every published value carries the source, quote and numbers of its dataset's publishedResults`, () => {
      const entries = parseExpectations(readFileSync(join(EXPECTATIONS, file), 'utf8'), { file });
      for (const e of entries.filter((x) => x.source !== undefined)) {
        const name = (e.dataset ?? '').split(':')[0]!;
        expect(isDatasetName(name)).toBe(true);
        if (!isDatasetName(name)) continue;
        const published = datasetMetadata(name).publishedResults.find((p) => p.source === e.source && p.quote === e.quote);
        expect(published, `${e.id}: no publishedResults entry with this source and quote`).toBeDefined();
        const expected = e.expect as Record<string, { value?: number }>;
        expect(expected['transformed.estimate']?.value).toBe(published!.estimate);
        expect(expected['transformed.ciLower']?.value).toBe(published!.lower);
        expect(expected['transformed.ciUpper']?.value).toBe(published!.upper);
      }
    });
  }

  it('bcg.json: the 0.489 [0.344, 0.696] figures are the referenceResults of classic/bcg rounded to 3 decimals', () => {
    const ref = datasetMetadata('classic/bcg').referenceResults.find((r) => r.method === 'REML' && r.measure === 'RR')!;
    const round = (x: number) => Math.round(x * 1000) / 1000;
    expect([round(ref.estimate), round(ref.lower), round(ref.upper)]).toEqual([0.489, 0.344, 0.696]);
  });
});

describe('toMatchExpectation', () => {
  it("expect(pool(bcg, { method: 'REML' })).toMatchExpectation(...) passes with metafor's figures", () => {
    const result = pool(datasetEffectTable('classic/bcg', { measure: 'RR' }), { method: 'REML' });
    expect(result).toMatchExpectation({
      'transformed.estimate': { value: 0.489, abs: 0.0005 },
      'transformed.ciLower': { value: 0.344, abs: 0.0005 },
      'transformed.ciUpper': { value: 0.696, abs: 0.0005 },
      k: { equals: 13 },
    });
    expect(result).not.toMatchExpectation({ 'transformed.estimate': { value: 0.5, abs: 0.0005 } });
  });

  it('pool(cik/calibrated) gives a SYNTHETIC REML pooled HR within 0.72-0.78', () => {
    const table = datasetEffectTable('cik/calibrated');
    expect(table).toMatchExpectation({ synthetic: { equals: true } });
    expect(pool(table, { method: 'REML' })).toMatchExpectation({ 'transformed.estimate': { min: 0.72, max: 0.78 } });
  });

  it('a failing matcher names the figure, the expectation and the value', () => {
    expect(() => expect({ a: 1 }).toMatchExpectation({ a: { value: 2, abs: 0.1 } })).toThrow(/a: expected 2 ± 0.1 \(abs 0.1\), got 1/);
  });
});

describe('figureAt, compareFigure', () => {
  it("figureAt(result, 'subgroups[level=HCC].k') selects an array item by key", () => {
    expect(
      figureAt(
        {
          subgroups: [
            { level: 'HCC', k: 20 },
            { level: 'renal', k: 13 },
          ],
        },
        'subgroups[level=renal].k',
      ),
    ).toEqual({ found: true, value: 13 });
    expect(figureAt({ studies: [{ effect: 1 }] }, 'studies.0.effect')).toEqual({ found: true, value: 1 });
    expect(figureAt({ a: 1 }, 'b').found).toBe(false);
  });

  it('compareFigure uses max(abs, rel·|value|), inclusive ranges, and equality', () => {
    expect(compareFigure(1.04, { value: 1, rel: 0.05 }).pass).toBe(true);
    expect(compareFigure(1.06, { value: 1, rel: 0.05, abs: 0.001 }).pass).toBe(false);
    expect(compareFigure(0.72, { min: 0.72, max: 0.78 }).pass).toBe(true);
    expect(compareFigure(null, { min: 0 }).pass).toBe(false);
    expect(compareFigure('HR', { equals: 'HR' }).pass).toBe(true);
  });

  it('parseExpectations reports every problem at once, naming the entry and the field', () => {
    const bad = [
      { ...bcgEntry, expect: { x: { value: 1 } } },
      { id: 'two', analysis: 'subgroup', dataset: 'classic/bcg', expect: { k: { equals: 1 } } },
    ];
    let error: unknown;
    try {
      parseExpectations(JSON.stringify(bad), { file: 'bad.json' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MetasynthError);
    const message = (error as MetasynthError).message;
    expect(message).toContain('bad.json: expectation 1 ("bcg-reml-rr"): expect.x');
    expect(message).toContain('bad.json: expectation 2 ("two"): by: a subgroup analysis needs by');
  });

  it('runExpectations does not mutate the entries it is given', () => {
    const entries = parseExpectations(JSON.stringify([bcgEntry]));
    const copy = structuredClone(entries);
    runExpectations(entries);
    expect(entries).toEqual(copy);
  });
});

describe('metasynth check', () => {
  it("main(['check', 'expectations/bcg.json']) prints a pass table and exits 0", async () => {
    const io = capture();
    const code = await main(['check', 'expectations/bcg.json', 'expectations/cik-calibrated.json', 'expectations/published.json'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toContain('bcg-reml-rr');
    expect(io.out()).toContain('dataset cik/calibrated (SYNTHETIC)');
    expect(io.out()).toMatch(/All files: (\d+) of \1 figures passed/);
    expect(io.out()).not.toContain('FAIL');
  });

  it('a figure outside its tolerance prints FAIL and exits 1', async () => {
    const path = tmpFile('miss.json', { expectations: [{ ...bcgEntry, expect: { 'transformed.estimate': { value: 0.5, abs: 0.0005 }, k: { equals: 13 } } }] });
    const io = capture();
    const code = await main(['check', path], io);
    expect(code).toBe(1);
    expect(io.out()).toMatch(/transformed\.estimate .*FAIL \(off by/);
    expect(io.out()).toContain('2 figures in 1 expectation: 1 passed, 1 failed');
  });

  it('--json prints one document with every figure', async () => {
    const path = tmpFile('ok.json', [bcgEntry]);
    const io = capture();
    const code = await main(['check', path, '--json'], io);
    expect(code).toBe(0);
    const doc = JSON.parse(io.out());
    expect(doc.pass).toBe(true);
    expect(doc.files[0].entries[0].checks[0]).toMatchObject({ path: 'transformed.estimate', pass: true });
  });

  it('an entry with a study file reads it relative to the expectations file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metasynth-check-'));
    writeFileSync(join(dir, 'bcg.csv'), readFileSync(join(ROOT, 'test/fixtures/metafor/dat.bcg.csv')));
    writeFileSync(join(dir, 'e.json'), JSON.stringify([{ ...bcgEntry, dataset: undefined, file: 'bcg.csv' }]));
    const io = capture();
    expect(await main(['check', join(dir, 'e.json')], io)).toBe(0);
  });

  const badCases: [string, string, RegExp][] = [
    ['invalid JSON', '{ "expectations": [', /not valid JSON/],
    [
      'no tolerance',
      JSON.stringify([{ ...bcgEntry, expect: { 'transformed.estimate': { value: 0.489 } } }]),
      /expectation 1 \("bcg-reml-rr"\): expect\.transformed\.estimate.*give a tolerance/s,
    ],
    ['unknown dataset', JSON.stringify([{ ...bcgEntry, dataset: 'classic/nope' }]), /expectation 1 \("bcg-reml-rr"\).*classic\/nope/s],
    [
      'a figure the result does not have',
      JSON.stringify([{ ...bcgEntry, expect: { 'transformed.estimat': { value: 0.489, abs: 0.001 } } }]),
      /expectation 1 \("bcg-reml-rr"\): the pool result has no figure "transformed\.estimat"/,
    ],
    ['both dataset and file', JSON.stringify([{ ...bcgEntry, file: 'x.csv' }]), /give exactly one of dataset and file/],
  ];
  for (const [what, content, message] of badCases) {
    it(`a bad expectations file (${what}) exits 2 with a message naming the entry`, async () => {
      const path = tmpFile('bad.json', content);
      const io = capture();
      const code = await main(['check', path], io);
      expect(code).toBe(2);
      expect(io.err()).toMatch(message);
      expect(io.err()).not.toMatch(/at .*\.ts:\d+/);
    });
  }

  it('a missing expectations file exits 2', async () => {
    const io = capture();
    expect(await main(['check', 'expectations/nope.json'], io)).toBe(2);
    expect(io.err()).toContain('expectations/nope.json: no such file');
  });
});
