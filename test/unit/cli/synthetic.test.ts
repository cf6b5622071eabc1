// SYNTHETIC on every output (issue 12): every command run on the synthetic base cik/calibrated, as
// text and as --json, says so; the label is a property of the data set, written by src/cli/output.ts.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { COMMANDS } from '../../../src/cli/commands/index.js';
import { main } from '../../../src/cli/main.js';
import { labelDocument, labelText, SYNTHETIC_BANNER } from '../../../src/cli/output.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
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
    cwd: ROOT,
    out: () => out,
    err: () => err,
  };
}

const DIR = mkdtempSync(join(tmpdir(), 'metasynth-synthetic-'));
const DATA = ['--dataset', 'cik/calibrated'];
/** One run per command; small iteration counts keep the suite fast (the label does not depend on them). */
const RUNS: Readonly<Record<string, readonly string[]>> = {
  effects: ['effects', ...DATA],
  pool: ['pool', ...DATA],
  'pool --group': ['pool', ...DATA, '--group', 'cancer'],
  regress: ['regress', ...DATA, '--mods', 'year'],
  subgroup: ['subgroup', ...DATA, '--by', 'cancer'],
  bias: ['bias', ...DATA],
  sensitivity: ['sensitivity', ...DATA],
  selection: ['selection', ...DATA, '--type', 'stepfun', '--steps', '0.025,1'],
  permutest: ['permutest', ...DATA, '--iterations', '20'],
  gosh: ['gosh', ...DATA, '--subsets', '50', '--threads', '1'],
  bayes: ['bayes', ...DATA, '--tau-prior', 'halfnormal:0.5'],
  multilevel: ['multilevel', ...DATA, '--random', '~ 1 | cancer', '--skip-confint'],
  plot: ['plot', 'forest', ...DATA, '--out', join(DIR, 'forest.svg')],
  report: ['report', ...DATA, '--out', join(DIR, 'report.html')],
  reproduce: ['reproduce', 'cik', '--out', join(DIR, 'cik')],
};
const WRITES: Readonly<Record<string, string>> = { plot: join(DIR, 'forest.svg'), report: join(DIR, 'report.html') };

describe('every command on cik/calibrated says SYNTHETIC', () => {
  it('covers every command of the CLI but check (which reads expectation files, not data) and the listings (columns, datasets, measures)', () => {
    // columns and datasets read no study data; datasets marks the synthetic dataset in its listing
    // (test/unit/cli/spreadsheetInput.test.ts).
    const names = new Set(Object.values(RUNS).map((argv) => argv[0]));
    expect(COMMANDS.map((c) => c.name).filter((n) => !['check', 'columns', 'datasets', 'measures'].includes(n) && !names.has(n))).toEqual([]);
  });

  it.each(Object.entries(RUNS))(
    '%s (text)',
    async (name, argv) => {
      const io = capture();
      expect(await main(argv, io), io.err()).toBe(0);
      const file = WRITES[name];
      if (file === undefined) {
        expect(io.out()).toContain('SYNTHETIC');
        if (name !== 'reproduce') {
          // The banner opens and closes the text, so neither end of a long table loses it.
          expect(io.out().startsWith(`${SYNTHETIC_BANNER}\n`)).toBe(true);
          expect(io.out().endsWith(`${SYNTHETIC_BANNER}\n`)).toBe(true);
        }
      } else {
        expect(io.err()).toContain('(SYNTHETIC DATA)');
        expect(readFileSync(file, 'utf8')).toContain('SYNTHETIC DATA');
      }
    },
    60_000,
  );

  it.each(Object.entries(RUNS))(
    '%s --json',
    async (name, argv) => {
      const io = capture();
      expect(await main([...argv, '--json'], io), io.err()).toBe(0);
      const doc = JSON.parse(io.out()) as Record<string, unknown>;
      expect(io.out()).toContain('"synthetic": true');
      // The reproduction mixes SYNTHETIC part (a) with real parts (b) and (c): the label is on part (a).
      const labelled = name === 'reproduce' ? (doc.synthetic as Record<string, unknown>) : doc;
      expect(labelled.synthetic).toBe(true);
      if (name !== 'reproduce') expect(Object.keys(doc)[0]).toBe('synthetic');
      if (WRITES[name] !== undefined) expect(readFileSync(WRITES[name]!, 'utf8')).toContain('SYNTHETIC DATA');
    },
    60_000,
  );

  it('real data carry no label (classic/bcg)', async () => {
    for (const json of [false, true]) {
      const io = capture();
      expect(await main(['pool', '--dataset', 'classic/bcg', '--measure', 'RR', ...(json ? ['--json'] : [])], io)).toBe(0);
      expect(io.out()).not.toContain('SYNTHETIC');
      expect(io.out()).not.toContain('"synthetic"');
    }
  });
});

describe('labelDocument / labelText', () => {
  it('label synthetic data only, and leave the input unchanged', () => {
    const doc = { k: 3 };
    expect(labelDocument(doc, { synthetic: true })).toEqual({ synthetic: true, k: 3 });
    expect(labelDocument(doc, {})).toBe(doc);
    expect(doc).toEqual({ k: 3 });
    expect(labelText('k = 3\n', { synthetic: true })).toBe(`${SYNTHETIC_BANNER}\nk = 3\n${SYNTHETIC_BANNER}\n`);
    expect(labelText('k = 3', { synthetic: false })).toBe('k = 3');
  });
});
