// The spreadsheet exports of test/fixtures/input (scripts/make-input-fixtures.ts) pool through the
// real CLI entry without editing, to the same estimate as the CSV they were written from.
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';

function capture(): CliIO & { out: () => string; err: () => string } {
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
    cwd: process.cwd(),
    out: () => out,
    err: () => err,
  };
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

async function pooled(argv: string[]): Promise<{ estimate: number; tau2: number; k: number; warnings: { code: string; message: string }[] }> {
  const r = await run(['pool', ...argv, '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
}

describe('metasynth pool on spreadsheet exports', async () => {
  const reference = await pooled(['datasets/cik/verified-trials/data.csv']);
  it.each([
    ['cik-semicolon-decimal-comma.csv', 'semicolon-separated (found in the header), decimal comma (found in the cells)'],
    ['cik-tab.tsv', 'tab-separated (found in the header), decimal point (default)'],
    ['cik-lower-upper-95.csv', undefined],
    ['cik-hr-ci.csv', undefined],
    ['cik-ci-range.txt', 'tab-separated (found in the header), decimal point (default)'],
    ['cik-bcg.xlsx', 'sheet "Trials"'],
  ])('pool test/fixtures/input/%s --json equals the CIK CSV and says how it was read', async (file, how) => {
    const doc = await pooled([`test/fixtures/input/${file}`]);
    expect(doc.k).toBe(reference.k);
    expect(doc.estimate).toBe(reference.estimate);
    expect(doc.tau2).toBe(reference.tau2);
    const format = doc.warnings.find((w) => w.code === 'input_format');
    if (how === undefined) expect(format).toBeUndefined();
    else expect(format?.message).toContain(how);
  });
  it('pool FILE (text) heads the table with how the file was read; split columns get a note on stderr', async () => {
    const r = await run(['pool', 'test/fixtures/input/cik-semicolon-decimal-comma.csv']);
    expect(r.out.split('\n')[0]).toBe(
      'Input: test/fixtures/input/cik-semicolon-decimal-comma.csv: read as semicolon-separated (found in the header), decimal comma (found in the cells)',
    );
    const s = await run(['pool', 'test/fixtures/input/cik-hr-ci.csv']);
    expect(s.err).toContain('metasynth: note: test/fixtures/input/cik-hr-ci.csv: column "HR (95% CI)" is read as hr, lower, upper');
    expect(s.out.startsWith('Random-effects model')).toBe(true);
  });
  it('pool BOOK --sheet BCG --measure RR equals dat.bcg.csv (formula cells read as cached values)', async () => {
    const bcg = await pooled(['test/fixtures/metafor/dat.bcg.csv', '--measure', 'RR']);
    const book = await pooled(['test/fixtures/input/cik-bcg.xlsx', '--sheet', 'BCG', '--measure', 'RR']);
    expect(book.estimate).toBe(bcg.estimate);
    expect(book.tau2).toBe(bcg.tau2);
  });
  it('plot forest BOOK.xlsx --out reads the workbook too (the plot kind comes first)', async () => {
    const { mkdtempSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = join(mkdtempSync(join(tmpdir(), 'metasynth-xlsx-')), 'forest.svg');
    const r = await run(['plot', 'forest', 'test/fixtures/input/cik-bcg.xlsx', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
  it('--delimiter and --decimal override detection', async () => {
    const doc = await pooled(['test/corpus/files/tab-decimal-comma.tsv', '--decimal', ',', '--method', 'DL']);
    expect(doc.k).toBe(2);
    expect(doc.warnings.find((w) => w.code === 'input_format')?.message).toContain('decimal comma (as given)');
    const forced = await pooled(['test/fixtures/input/cik-tab.tsv', '--delimiter', 'tab']);
    expect(forced.warnings.find((w) => w.code === 'input_format')?.message).toContain('tab-separated (as given)');
  });
});

describe('discoverability', () => {
  it('metasynth pool --help lists the record kinds and points to metasynth columns', async () => {
    const r = await run(['pool', '--help']);
    expect(r.out).toContain('hr           hazard ratios with a confidence interval (hr, lower, upper)');
    expect(r.out).toContain('`metasynth columns`');
  });
  it('every command that reads FILE has --delimiter, --decimal and --sheet and the input help', async () => {
    for (const name of ['effects', 'pool', 'bias', 'sensitivity', 'regress', 'subgroup', 'permutest', 'gosh', 'bayes', 'plot', 'report']) {
      const r = await run([name, '--help']);
      for (const o of ['--delimiter', '--decimal', '--sheet', 'metasynth columns']) expect(r.out, `${name} ${o}`).toContain(o);
    }
  });
  it('metasynth columns [--json] prints the kinds and the alias table', async () => {
    const text = await run(['columns']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/lower\s+ci_lower; ci\.lb; .*Lower 95% CI/);
    const json = JSON.parse((await run(['columns', '--json'])).out);
    expect(json.kinds.map((k: { kind: string }) => k.kind)).toEqual(['hr', 'generic', 'twoByTwo', 'twoByTwoN', 'continuous', 'correlation', 'proportion']);
    expect(json.aliases.hr_ci).toContain('HR (95% CI)');
  });
  it('metasynth datasets [--json] lists every bundled dataset with subsets, k, measure and title', async () => {
    const text = await run(['datasets']);
    expect(text.out).toMatch(/classic\/bcg\s+13\s+RR\s+BCG vaccine/);
    expect(text.out).toMatch(/classic\/bcg:random\s+7\s+RR/);
    const { datasets } = JSON.parse((await run(['datasets', '--json'])).out);
    const bcg = datasets.find((d: { name: string }) => d.name === 'classic/bcg');
    expect(bcg).toMatchObject({ k: 13, measure: 'RR', kind: 'twoByTwo', synthetic: false });
    expect(bcg.subsets).toEqual([{ id: 'random', k: 7, description: 'Trials with random allocation only.' }]);
    expect(datasets.find((d: { name: string }) => d.name === 'cik/source-claims').measure).toBeNull();
    expect(datasets.find((d: { name: string }) => d.name === 'cik/calibrated').synthetic).toBe(true);
    expect(text.out).toMatch(/cik\/calibrated\s+100\s+HR\s+SYNTHETIC/);
  });
  it('a mistyped option or command suggests the nearest name', async () => {
    expect((await run(['pool', 'x.csv', '--metod', 'DL'])).err).toBe(
      'metasynth: pool: unknown option --metod; did you mean --method? (see metasynth pool --help)\n',
    );
    expect((await run(['regress', 'x.csv', '--mod', 'a'])).err).toContain('did you mean --mods?');
    expect((await run(['pool', 'x.csv', '--zzzz'])).err).toBe('metasynth: pool: unknown option --zzzz (see metasynth pool --help)\n');
    expect((await run(['sensitivty'])).err).toContain('unknown command "sensitivty"; did you mean sensitivity?');
  });
});
