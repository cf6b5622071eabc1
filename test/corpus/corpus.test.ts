// The bad-input corpus (test/corpus/manifest.json): every file goes through the real CLI entry,
// `main([command, FILE, ...args, '--json'])` (command `effects` unless the case names another).
// Each must exit 2 with its own one-message error, and none may touch Object.prototype.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
interface CorpusCase {
  command?: string;
  file: string;
  args: string[];
  expect: string;
  exit: number;
  covers: string;
}
const manifest = JSON.parse(readFileSync(join(HERE, 'manifest.json'), 'utf8')) as { cases: CorpusCase[] };

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

describe('bad-input corpus through the metasynth CLI', () => {
  it('has at least 60 files, each present on disk (but the one that must be missing)', () => {
    const files = new Set(manifest.cases.map((c) => c.file));
    expect(files.size).toBeGreaterThanOrEqual(60);
    for (const f of files) if (f !== 'does-not-exist.csv') expect(existsSync(join(HERE, 'files', f)), f).toBe(true);
  });
  // Keys such as __proto__, constructor and prototype are refused; this proves that none of the
  // files reached Object.prototype on the way to that refusal.
  afterAll(() => {
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    expect(Object.getOwnPropertyNames(Array.prototype)).not.toContain('polluted');
  });
  for (const c of manifest.cases) {
    const command = c.command ?? 'effects';
    it(`main(['${command}', '${c.file}', ${c.args.map((a) => `'${a}'`).join(', ')}]) exits ${c.exit}: ${c.covers}`, async () => {
      const io = capture();
      const code = await main([command, `test/corpus/files/${c.file}`, ...c.args, '--json'], io);
      expect(code).toBe(c.exit);
      expect(io.err()).toContain(c.expect);
      expect(io.err().startsWith('metasynth: ')).toBe(true);
      expect(io.err()).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(io.err()).not.toMatch(/internal error/);
      expect(io.out()).toBe('');
      // A computed NaN never reaches a message; the text "NaN" echoed back from the input (quoted) may.
      expect(io.err()).not.toMatch(/(?<!")\bNaN\b(?!")/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});
