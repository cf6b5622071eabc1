// Every registry measure goes through the analysis commands (item 5 of issue 15): for each measure,
// the metadat case of test/fixtures/metafor-escalc/escalc.json with the most usable rows is written
// as a CSV with a numeric and a text moderator, and pool, regress, subgroup, sensitivity and bias run
// on it with --json; a few measures also go through plot and report.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';

interface EscalcCase {
  id: string;
  measure: string;
  synthetic: boolean;
  rows: Record<string, string | number>[];
  yi: (number | null)[];
}
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'metafor-escalc', 'escalc.json');
const cases = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: EscalcCase[] }).cases;
const dir = mkdtempSync(join(tmpdir(), 'metasynth-measures-'));

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
    cwd: dir,
    out: () => out,
    err: () => err,
  };
}

/** The measure's case with the most usable rows, as a CSV with moderators `x` (numeric) and `g` (text). */
function csvFor(measure: string): string {
  const usable = (c: EscalcCase) => c.yi.filter((y) => y !== null).length;
  const best = cases.filter((c) => c.measure === measure && usable(c) >= 3).sort((a, b) => usable(b) - usable(a))[0]!;
  const rows = best.rows.filter((_, i) => best.yi[i] !== null);
  const columns = Object.keys(rows[0]!);
  const quote = (v: string | number) => (typeof v === 'number' ? String(v) : `"${String(v).replace(/"/g, '""')}"`);
  const lines = [
    [...columns, 'x', 'g'].join(','),
    ...rows.map((r, i) => [...columns.map((c) => quote(r[c]!)), String(i + 1), i % 2 === 0 ? 'even' : 'odd'].join(',')),
  ];
  const file = `${measure}.csv`;
  writeFileSync(join(dir, file), `${lines.join('\n')}\n`);
  return file;
}

const MEASURES = [...new Set(cases.map((c) => c.measure))];
const COMMANDS: readonly (readonly string[])[] = [['pool'], ['regress', '--mods', '~ x + g'], ['subgroup', '--by', 'g'], ['sensitivity'], ['bias']];

describe.each(MEASURES)('measure %s through the analysis commands', (measure) => {
  const file = csvFor(measure);
  it.each(COMMANDS)(`main(['%s', '${measure}.csv', '--measure', '${measure}', ..., '--json']) exits 0 with finite figures`, async (command, ...rest) => {
    const io = capture();
    const code = await main([command, file, '--measure', measure, ...rest, '--json'], io);
    expect(code, io.err()).toBe(0);
    expect(io.out()).not.toMatch(/\bNaN\b/);
    expect(JSON.parse(io.out())).toBeTypeOf('object');
  });
});

describe('plot and report with registry measures', () => {
  it.each(['IRR', 'SMCR', 'PFT', 'ZPCOR'])(
    "main(['plot', 'forest', '%s.csv', ...]) and main(['report', ...]) write their files",
    async (measure) => {
      const file = csvFor(measure);
      const io = capture();
      expect(await main(['plot', 'forest', file, '--measure', measure, '--out', `${measure}.svg`], io), io.err()).toBe(0);
      expect(readFileSync(join(dir, `${measure}.svg`), 'utf8')).toContain('<svg');
      expect(await main(['report', file, '--measure', measure, '--out', `${measure}.html`], io), io.err()).toBe(0);
      expect(readFileSync(join(dir, `${measure}.html`), 'utf8')).toContain(measure);
    },
    60_000,
  );
});
