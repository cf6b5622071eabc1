// The CLI side of the measure registry and of R formula moderators: `metasynth measures`, the
// commands with new measures, per-study conversion notes, and `regress --mods "~ ..."`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { TOL, expectAllClose } from '../../helpers/tolerance.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const FORMULAS = join(ROOT, 'test', 'fixtures', 'metafor-escalc', 'formulas.json');

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

describe('metasynth measures', () => {
  it("main(['measures', '--json']) lists at least 60 measures, each with columns, scale and back-transform", async () => {
    const io = capture();
    expect(await main(['measures', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out()) as { count: number; measures: { name: string; columns: string[][]; scale: string; backTransform: string }[] };
    expect(doc.count).toBeGreaterThanOrEqual(60);
    for (const m of doc.measures) {
      expect(m.columns[0]!.length, m.name).toBeGreaterThan(0);
      expect(m.scale, m.name).not.toBe('');
      expect(m.backTransform, m.name).toMatch(/\w/);
    }
    expect(new Set(doc.measures.map((m) => m.name)).size).toBe(doc.count);
  });
  it("main(['pool', '--help']) points to metasynth measures", async () => {
    const io = capture();
    expect(await main(['pool', '--help'], io)).toBe(0);
    expect(io.out()).toContain('metasynth measures');
  });
  it("main(['measures', 'nope']) exits 2 naming the measure", async () => {
    const io = capture();
    expect(await main(['measures', 'nope'], io)).toBe(2);
    expect(io.err()).toContain('"nope"');
  });
});

describe('regress with an R formula', () => {
  const fixture = (JSON.parse(readFileSync(FORMULAS, 'utf8')) as { cases: { id: string; expected: { names: string[]; estimate: number[]; se: number[] } }[] })
    .cases;
  it("main(['regress', 'dat.raudenbush1985.csv', '--mods', '~ pmin(weeks, 3)', '--json']) reproduces metafor's coefficients", async () => {
    const io = capture();
    const code = await main(['regress', 'test/fixtures/metafor-escalc/dat.raudenbush1985.csv', '--mods', '~ pmin(weeks, 3)', '--json'], io);
    expect(code).toBe(0);
    const doc = JSON.parse(io.out()) as { coefficients: { name: string; estimate: number; standardError: number }[] };
    const expected = fixture.find((c) => c.id === 'raudenbush1985.pmin')!.expected;
    expect(doc.coefficients.map((c) => c.name)).toEqual(expected.names);
    expectAllClose(
      doc.coefficients.map((c) => c.estimate),
      expected.estimate,
      TOL.iterative,
      'estimate',
    );
    expectAllClose(
      doc.coefficients.map((c) => c.standardError),
      expected.se,
      TOL.iterative,
      'se',
    );
  });
  it.each([
    ['~ pmin(wekks, 3)', 'unknown column "wekks"'],
    ['~ pmn(weeks, 3)', 'unknown function "pmn"'],
    ['~ poly(weeks, 2)', 'only raw polynomials'],
  ])("main(['regress', FILE, '--mods', '%s']) exits 2: %s", async (mods, message) => {
    const io = capture();
    expect(await main(['regress', 'test/fixtures/metafor-escalc/dat.raudenbush1985.csv', '--mods', mods], io)).toBe(2);
    expect(io.err()).toContain(message);
  });
});

describe('README', () => {
  it('the table of measures lists every measure of metasynth measures', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const io = capture();
    await main(['measures', '--json'], io);
    const names = (JSON.parse(io.out()) as { measures: { name: string }[] }).measures.map((m) => m.name);
    expect(names.filter((n) => !readme.includes(`| \`${n}\` |`))).toEqual([]);
  });
});
