// metasynth plot / report: formats by extension, writes only --out, never over the input.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('metasynth plot funnel bcg.csv --pet-peese --selection stepfun,beta --steps 0.025,1 draws both models and PET-PEESE', async () => {
    const args = ['plot', 'funnel', 'bcg.csv', '--measure', 'RR', '--trimfill', '--pet-peese', '--selection', 'stepfun,beta', '--steps', '0.025,1'];
    const r = await run([...args, '--out', 'lines.vl.json']);
    expect(r).toEqual({ code: 0, stderr: 'metasynth: wrote lines.vl.json\n' });
    const spec = JSON.parse(readFileSync(join(dir, 'lines.vl.json'), 'utf8')) as object;
    expect(schemaErrors(spec)).toEqual([]);
    const text = JSON.stringify(spec);
    for (const name of [
      '"Pooled estimate: ',
      '"Trim-and-fill: ',
      '"PET (at SE = 0: ',
      '"PEESE (at SE = 0: ',
      '"3PSM (step at p = 0.025): ',
      '"Beta selection model',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('"shape":"diamond"');
  });

  it.each([
    [
      'an unknown selection type',
      ['--selection', 'stepfun,cauchy', '--steps', '0.025,1'],
      /--selection takes selection types separated by commas, each one of beta, .*; received "stepfun,cauchy"/,
    ],
    ['--steps without stepfun', ['--selection', 'beta', '--steps', '0.025,1'], /--steps sets the cut-points of the step function; add stepfun to --selection/],
    ['stepfun without --steps', ['--selection', 'stepfun'], /give the cut-points of the step function/],
    ['steps that do not end at 1', ['--selection', 'stepfun', '--steps', '0.025,0.5'], /last step must be 1/],
    ['a step that is not a number', ['--selection', 'stepfun', '--steps', '0.025,x,1'], /plot funnel: --steps value 2 \("x"\) is not a number/],
    ['an unknown --alternative', ['--selection', 'beta', '--alternative', 'up'], /plot funnel: --alternative "up" must be one of greater, less, two.sided/],
  ])('plot funnel with %s: exit 2, a clear message, no file', async (_what, extra, message) => {
    const r = await run(['plot', 'funnel', 'bcg.csv', '--measure', 'RR', ...extra, '--out', 'bad-lines.svg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(join(dir, 'bad-lines.svg'))).toBe(false);
  });

  it('plot funnel --pet-peese on two studies: exit 2 naming what PET-PEESE needs', async () => {
    const lines = readFileSync(join(dir, 'bcg.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'two.csv'), `${lines.slice(0, 3).join('\n')}\n`);
    const r = await run(['plot', 'funnel', 'two.csv', '--measure', 'RR', '--pet-peese', '--out', 'two.svg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PET-PEESE needs at least 3 studies with at least 2 distinct standard errors; received 2 studies with 2 distinct standard errors/);
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
