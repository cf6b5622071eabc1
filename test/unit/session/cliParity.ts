// Helpers of the session tests: run the CLI's own main in-process (as the CLI tests do) and read its
// --json document, to compare with runAnalysis on the same data and settings.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

/** The JSON document `metasynth ARGV` prints (ARGV must include --json), with its exit code and stderr. */
export async function cliJson(argv: readonly string[]): Promise<{ code: number; json: unknown; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY: false,
    cwd: ROOT,
  };
  const code = await main(argv, io);
  return { code, json: out === '' ? undefined : JSON.parse(out), err };
}

/** The text `metasynth ARGV` prints for people (stdout). */
export async function cliText(argv: readonly string[]): Promise<string> {
  let out = '';
  const io: CliIO = {
    stdout: (t) => {
      out += t;
    },
    stderr: () => {},
    isTTY: false,
    cwd: ROOT,
  };
  await main(argv, io);
  return out;
}

/** A repository file's text (or an absolute path's). */
export function fileText(path: string): string {
  return readFileSync(isAbsolute(path) ? path : join(ROOT, path), 'utf8');
}
