// Determinism: the same input gives byte-identical output on every run — every `--json` command,
// and the SVG, PNG, Vega-Lite, HTML plot files and the HTML report (no timestamps, random ids or
// iteration-order effects). Each output is made twice in this process and once more in a fresh
// Node process (tsx), so per-process state (caches, warm-started solvers) cannot hide a difference.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const TMP = join(ROOT, 'test', '.tmp', 'determinism');
const BCG = 'test/fixtures/metafor/dat.bcg.csv';

/** Every CLI command that prints JSON, on data that exercises it (moderators, 2x2 counts). */
const JSON_COMMANDS: readonly (readonly string[])[] = [
  ['effects', BCG, '--measure', 'RR'],
  ['effects', 'test/fixtures/metafor/dat.molloy2014.csv'],
  ['pool', BCG, '--measure', 'RR'],
  ['pool', BCG, '--measure', 'RR', '--method', 'PM', '--test', 'knha'],
  ['pool', BCG, '--method', 'MH'],
  ['pool', BCG, '--method', 'PETO'],
  ['regress', BCG, '--measure', 'RR', '--mods', 'ablat,alloc'],
  ['subgroup', BCG, '--measure', 'RR', '--by', 'alloc'],
  ['bias', BCG, '--measure', 'RR'],
  ['sensitivity', BCG, '--measure', 'RR', '--order', 'year'],
  ['pool', '--dataset', 'classic/bcg'],
  ['permutest', BCG, '--measure', 'RR', '--method', 'DL', '--exact'],
  ['permutest', BCG, '--measure', 'RR', '--mods', 'ablat', '--seed', '7'],
  ['gosh', BCG, '--measure', 'RR', '--method', 'DL'],
];

/** Plot and report files (the extension picks the format). */
const FILE_COMMANDS: readonly (readonly string[])[] = [
  ['plot', 'forest', BCG, '--measure', 'RR', '--by', 'alloc', '--out', 'forest.svg'],
  ['plot', 'forest', BCG, '--measure', 'RR', '--out', 'forest.vl.json'],
  ['plot', 'forest', BCG, '--measure', 'RR', '--out', 'forest.png'],
  ['plot', 'funnel', BCG, '--measure', 'RR', '--contours', '--trimfill', '--egger', '--out', 'funnel.svg'],
  ['plot', 'baujat', BCG, '--measure', 'RR', '--out', 'baujat.svg'],
  ['plot', 'radial', BCG, '--measure', 'RR', '--out', 'radial.svg'],
  ['plot', 'labbe', BCG, '--measure', 'RR', '--out', 'labbe.svg'],
  ['plot', 'forest', BCG, '--measure', 'RR', '--out', 'forest.html'],
  ['report', BCG, '--measure', 'RR', '--by', 'alloc', '--out', 'report.html'],
];

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

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Run a command in this process; its JSON text, or the bytes of the file it wrote (to `dir`). */
async function runHere(args: readonly string[], dir: string): Promise<string> {
  const a = args.map((x, i) => (args[i - 1] === '--out' ? join(dir, x) : x));
  const io = capture();
  const code = await main([...a, ...(args.includes('--out') ? [] : ['--json'])], io);
  expect(code, io.err()).toBe(0);
  if (!args.includes('--out')) return sha(io.out());
  return sha(readFileSync(a[a.indexOf('--out') + 1]!));
}

describe('determinism', () => {
  beforeAll(() => mkdirSync(TMP, { recursive: true }));
  afterAll(() => rmSync(TMP, { recursive: true, force: true }));
  const here = new Map<string, string>();

  it.each(JSON_COMMANDS.map((c) => [c.join(' ')] as const))('metasynth %s --json twice gives byte-identical JSON', async (joined) => {
    const args = joined.split(' ');
    const first = await runHere(args, join(TMP, 'a'));
    const second = await runHere(args, join(TMP, 'b'));
    expect(second).toBe(first);
    here.set(joined, first);
  });

  it.each(FILE_COMMANDS.map((c) => [c.join(' ')] as const))('metasynth %s twice writes byte-identical files', async (joined) => {
    const args = joined.split(' ');
    const first = await runHere(args, join(TMP, 'a'));
    const second = await runHere(args, join(TMP, 'b'));
    expect(second).toBe(first);
    here.set(joined, first);
  });

  it('a fresh Node process gives the same bytes for every command', () => {
    const script = `
      import { createHash } from 'node:crypto';
      import { readFileSync } from 'node:fs';
      import { join } from 'node:path';
      import { main } from './src/cli/main.ts';
      const commands = JSON.parse(process.env.METASYNTH_COMMANDS);
      const dir = process.env.METASYNTH_DIR;
      const out = {};
      for (const args of commands) {
        let text = '';
        const a = args.map((x, i) => (args[i - 1] === '--out' ? join(dir, x) : x));
        const io = { stdout: (t) => { text += t; }, stderr: () => {}, isTTY: false, cwd: process.cwd() };
        const code = await main([...a, ...(args.includes('--out') ? [] : ['--json'])], io);
        const data = args.includes('--out') ? readFileSync(a[a.indexOf('--out') + 1]) : text;
        out[args.join(' ')] = code + ':' + createHash('sha256').update(data).digest('hex');
      }
      process.stdout.write(JSON.stringify(out));`;
    const all = [...JSON_COMMANDS, ...FILE_COMMANDS];
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, METASYNTH_COMMANDS: JSON.stringify(all), METASYNTH_DIR: join(TMP, 'c') },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(res.status, res.stderr).toBe(0);
    const fresh = JSON.parse(res.stdout) as Record<string, string>;
    for (const args of all) {
      const key = args.join(' ');
      expect(fresh[key], key).toBe(`0:${here.get(key)}`);
    }
  }, 120_000);
});
