import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { loadEffectTable, parseLevelOption, parseMeasureOption, inputSource } from '../../../src/cli/input.js';
import { main } from '../../../src/cli/main.js';
import { fixtureFiles } from '../../helpers/fixtures.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

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

describe('metasynth effects', () => {
  it("main(['effects', 'test/fixtures/metafor/dat.bcg.csv', '--measure', 'RR', '--json']) prints metafor's yi/vi for 13 studies", async () => {
    const io = capture();
    const code = await main(['effects', 'test/fixtures/metafor/dat.bcg.csv', '--measure', 'RR', '--json'], io);
    expect(code).toBe(0);
    expect(io.err()).toBe('');
    const doc = JSON.parse(io.out());
    expect(Object.keys(doc)).toEqual(['measure', 'k', 'studies', 'excluded', 'warnings']);
    expect(doc.measure).toBe('RR');
    expect(doc.k).toBe(13);
    const bcg = fixtureFiles().find((f) => f.dataset === 'dat.bcg')!;
    const expected = bcg.cases.find((c) => c.id === 'RR/escalc')!.expected!;
    doc.studies.forEach((s: { study: string; effect: number; variance: number; standardError: number }, i: number) => {
      expect(s.study).toBe(bcg.studies[i]!.study);
      expectClose(s.effect, expected.yi[i], TOL.closedForm, `yi[${i}]`);
      expectClose(s.variance, expected.vi[i], TOL.closedForm, `vi[${i}]`);
      expectClose(s.standardError, Math.sqrt(expected.vi[i]), TOL.closedForm, `sei[${i}]`);
    });
    expect(io.out().trim().split('\n').at(-1)).toBe('}');
  });

  it("main(['effects', FILE, '--measure', 'OR']) prints an aligned table for people", async () => {
    const io = capture();
    expect(await main(['effects', 'test/fixtures/metafor/dat.bcg.csv', '--measure', 'OR'], io)).toBe(0);
    expect(io.out()).toMatch(/^OR: log odds ratio; k = 13/);
    expect(io.out()).toContain('Aronson, 1948');
    expect(io.out()).toContain('95% CI');
  });

  it('reads a JSON file with { studies, meta } and hazard ratios without --measure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metasynth-'));
    writeFileSync(join(dir, 'hr.json'), JSON.stringify({ studies: [{ study: 'A', hr: 0.8, lower: 0.6, upper: 1.07 }], meta: { synthetic: true } }));
    const io = capture(dir);
    expect(await main(['effects', 'hr.json', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out());
    expect(doc.measure).toBe('HR');
    expect(doc.synthetic).toBe(true);
    expectClose(doc.studies[0].effect, Math.log(0.8), TOL.closedForm);
  });

  it('metasynth effects --help lists the shared input options', async () => {
    const io = capture();
    expect(await main(['effects', '--help'], io)).toBe(0);
    for (const o of ['--dataset', '--measure', '--level', '--json']) expect(io.out()).toContain(o);
  });
});

describe('src/cli/input', () => {
  it("parseMeasureOption('rr') // 'RR'", () => {
    expect(parseMeasureOption('rr')).toBe('RR');
    expect(parseMeasureOption(undefined)).toBeUndefined();
    expect(() => parseMeasureOption('foo')).toThrow(/unknown measure/);
  });
  it("parseLevelOption('90') // 90", () => {
    expect(parseLevelOption('90')).toBe(90);
    expect(parseLevelOption(undefined)).toBe(95);
    expect(() => parseLevelOption('0.95')).toThrow(/percentage/);
  });
  it('inputSource needs exactly one of FILE and --dataset', () => {
    expect(() => inputSource({ positionals: [], options: {} }, 'pool')).toThrow(/give a study FILE/);
    expect(() => inputSource({ positionals: ['a.csv'], options: { dataset: 'x' } }, 'pool')).toThrow(/not both/);
    expect(inputSource({ positionals: [], options: { dataset: 'classic/bcg' } }, 'pool')).toEqual({ type: 'dataset', name: 'classic/bcg' });
  });
  it('loadEffectTable(args, io) from a file asks for --measure on 2x2 data', () => {
    const io = capture();
    expect(() => loadEffectTable({ positionals: ['test/fixtures/metafor/dat.bcg.csv'], options: {} }, io, 'pool')).toThrow(/--measure OR\|RR\|RD\|PETO/);
    const t = loadEffectTable({ positionals: ['test/fixtures/metafor/dat.bcg.csv'], options: { measure: 'RR' } }, io, 'pool');
    expect(t.studies).toHaveLength(13);
    expect(t.file).toBe('test/fixtures/metafor/dat.bcg.csv');
    expect(t.studies[0]!.moderators).toEqual({ year: 1948, ablat: 44, alloc: 'random' });
  });
  it('loadEffectTable rejects a dataset name that tries to leave datasets/', () => {
    expect(() => loadEffectTable({ positionals: [], options: { dataset: '../package' } }, capture())).toThrow(/not a dataset name/);
    expect(() => loadEffectTable({ positionals: [], options: { dataset: 'no-such-dataset-xyz' } }, capture())).toThrow(/no bundled dataset/);
  });
});
