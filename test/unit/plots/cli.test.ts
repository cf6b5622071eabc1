// metasynth plot / report: formats by extension, writes only --out, never over the input.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { schemaErrors } from './schema.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/metafor/dat.bcg.csv', import.meta.url));
let dir = '';

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  const err: string[] = [];
  const io: CliIO = { stdout: () => undefined, stderr: (t) => void err.push(t), isTTY: false, cwd: dir };
  const code = await main(args, io);
  return { code, stderr: err.join('') };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'metasynth-plot-'));
  copyFileSync(FIXTURE, join(dir, 'bcg.csv'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('metasynth plot', () => {
  it('metasynth plot forest bcg.csv --measure RR --out f.vl.json writes a valid Vega-Lite spec', async () => {
    const r = await run(['plot', 'forest', 'bcg.csv', '--measure', 'RR', '--out', 'f.vl.json']);
    expect(r).toEqual({ code: 0, stderr: 'metasynth: wrote f.vl.json\n' });
    const spec = JSON.parse(readFileSync(join(dir, 'f.vl.json'), 'utf8')) as object;
    expect(schemaErrors(spec)).toEqual([]);
    expect(JSON.stringify(spec)).toContain('0.49 [0.34, 0.70]');
  });

  it.each([
    ['forest', 'forest.svg', ['--by', 'alloc', '--common']],
    ['forest', 'forest.png', ['--preset', 'revman5']],
    ['funnel', 'funnel.svg', ['--trimfill', '--egger', '--contours']],
    ['baujat', 'baujat.svg', []],
    ['radial', 'radial.svg', []],
    ['labbe', 'labbe.svg', []],
    ['leave1out', 'loo.svg', []],
    ['cumulative', 'cumulative.html', []],
    ['bubble', 'bubble.svg', ['--mods', 'ablat']],
    ['caterpillar', 'caterpillar.svg', []],
    ['orchard', 'orchard.svg', ['--by', 'alloc']],
    ['influence', 'influence.svg', []],
  ])('metasynth plot %s bcg.csv --out %s', async (kind, out, extra) => {
    const r = await run(['plot', kind, 'bcg.csv', '--measure', 'RR', ...extra, '--out', join('out', out)]);
    expect(r.stderr).toBe(`metasynth: wrote ${join('out', out)}\n`);
    expect(r.code).toBe(0);
    const bytes = readFileSync(join(dir, 'out', out));
    if (out.endsWith('.png')) expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    else if (out.endsWith('.svg')) expect(bytes.toString().startsWith('<svg')).toBe(true);
    else expect(bytes.toString()).toContain('vegaEmbed');
  });

  it('bubble needs --mods with one numeric moderator, orchard needs --by (exit 2, no stack trace)', async () => {
    const a = await run(['plot', 'bubble', 'bcg.csv', '--measure', 'RR', '--out', 'b.svg']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--mods NAME/);
    const b = await run(['plot', 'bubble', 'bcg.csv', '--measure', 'RR', '--mods', 'alloc', '--out', 'b.svg']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/exactly one numeric moderator/);
    const c = await run(['plot', 'orchard', 'bcg.csv', '--measure', 'RR', '--out', 'o.svg']);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/--by NAME/);
    expect(existsSync(join(dir, 'b.svg')) || existsSync(join(dir, 'o.svg'))).toBe(false);
  });

  it('refuses to overwrite the input file and writes nothing else', async () => {
    const before = readFileSync(join(dir, 'bcg.csv'), 'utf8');
    const files = readdirSync(dir).sort();
    const r = await run(['plot', 'forest', 'bcg.csv', '--measure', 'RR', '--out', './bcg.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is the input file; refusing to overwrite it/);
    expect(readFileSync(join(dir, 'bcg.csv'), 'utf8')).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(files);
  });

  it('needs --out with a known extension and a known plot kind', async () => {
    expect((await run(['plot', 'forest', 'bcg.csv', '--measure', 'RR'])).stderr).toMatch(/--out PATH is required/);
    expect((await run(['plot', 'forest', 'bcg.csv', '--measure', 'RR', '--out', 'x.pdf'])).stderr).toMatch(/extension must be one of/);
    expect((await run(['plot', 'violin', 'bcg.csv', '--out', 'x.svg'])).stderr).toMatch(/plot kind/);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });
});

describe('metasynth report', () => {
  it('metasynth report bcg.csv --measure RR --out r.html writes one self-contained page', async () => {
    const r = await run(['report', 'bcg.csv', '--measure', 'RR', '--by', 'alloc', '--out', 'r.html']);
    expect(r).toEqual({ code: 0, stderr: 'metasynth: wrote r.html\n' });
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    // No external resource: no src/href attribute pointing anywhere, the libraries are inline.
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).toContain("default-src 'none'");
    for (const id of ['summary', 'characteristics', 'forest', 'subgroups', 'funnel', 'bias', 'leave-one-out', 'influence', 'cumulative'])
      expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('Trim-and-fill');
  });
});
