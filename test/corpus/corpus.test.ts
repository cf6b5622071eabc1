// The bad-input corpus (test/corpus/manifest.json): every file goes through the real CLI entry,
// `main(['effects', FILE, ...args, '--json'])`. Each must exit 2 with its own one-message error.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
interface CorpusCase { file: string; args: string[]; expect: string; exit: number; covers: string }
const manifest = JSON.parse(readFileSync(join(HERE, 'manifest.json'), 'utf8')) as { cases: CorpusCase[] };

function capture(): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTTY: false, cwd: ROOT, out: () => out, err: () => err };
}

describe('bad-input corpus through metasynth effects', () => {
  it('has at least 30 files', () => {
    expect(new Set(manifest.cases.map((c) => c.file)).size).toBeGreaterThanOrEqual(30);
  });
  for (const c of manifest.cases) {
    it(`main(['effects', '${c.file}', ${c.args.map((a) => `'${a}'`).join(', ')}]) exits ${c.exit}: ${c.covers}`, async () => {
      const io = capture();
      const code = await main(['effects', `test/corpus/files/${c.file}`, ...c.args, '--json'], io);
      expect(code).toBe(c.exit);
      expect(io.err()).toContain(c.expect);
      expect(io.err().startsWith('metasynth: ')).toBe(true);
      expect(io.err()).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(io.err()).not.toMatch(/internal error/);
      expect(io.out()).toBe('');
      expect(io.err()).not.toMatch(/\bNaN\b/);
    });
  }
});
