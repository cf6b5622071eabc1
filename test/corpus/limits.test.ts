// Inputs that are not errors but limits: a 100 MB file (refused before it is read, so memory stays
// bounded), and data the corpus must not reject (zero events in both arms, an asymmetric CI),
// which give results with structured warnings instead.
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { MAX_STUDY_FILE_BYTES } from '../../src/io/node.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const TMP = join(ROOT, 'test', '.tmp', 'corpus');

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

/** A valid-looking CSV of `bytes` bytes, written in 1 MiB chunks (never held in memory whole). */
function writeLargeCsv(path: string, bytes: number): void {
  const row = 'Study 0000000,0.1234567,0.0345678\n';
  const chunk = Buffer.from(row.repeat(Math.floor((1024 * 1024) / row.length)));
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, 'study,yi,vi\n');
    for (let written = 0; written < bytes; written += chunk.length) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

describe('a 100 MB study file', () => {
  const path = join(TMP, 'hundred-megabytes.csv');
  beforeAll(() => {
    mkdirSync(TMP, { recursive: true });
    writeLargeCsv(path, 100 * 1024 * 1024);
  });
  afterAll(() => rmSync(TMP, { recursive: true, force: true }));

  it.each(['effects', 'pool'])("main(['%s', '100 MB file', '--json']) refuses it with a message, in bounded memory", async (command) => {
    expect(statSync(path).size).toBeGreaterThan(MAX_STUDY_FILE_BYTES);
    // Load the command's code first (pool brings the GLMM, robust and multilevel modules), so that
    // what is measured is the file handling alone.
    await main([command, '--help'], capture());
    const before = process.memoryUsage().rss;
    const io = capture();
    const code = await main([command, path, '--json'], io);
    const grown = process.memoryUsage().rss - before;
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^metasynth: .*hundred-megabytes\.csv: the file is 10\d\.\d MB; metasynth reads study files up to 50\.0 MB/);
    expect(io.out()).toBe('');
    // The file is refused from its size alone: nothing close to its 100 MB is ever allocated.
    expect(grown).toBeLessThan(32 * 1024 * 1024);
  });
});

describe('hard but valid inputs give results with warnings, not errors', () => {
  it("main(['effects', 'zero events in both arms', '--measure', 'OR']) keeps the table with 1/2 added (escalc) and says so", async () => {
    const io = capture();
    const code = await main(['effects', 'test/corpus/files/twobytwo-zero-events-both-arms.csv', '--measure', 'OR', '--json'], io);
    expect(code).toBe(0);
    const doc = JSON.parse(io.out()) as { k: number; warnings: { code: string }[] };
    expect(doc.k).toBe(2);
    expect(doc.warnings.map((w) => w.code)).toContain('zero_cells_adjusted');
  });

  it.each(['MH', 'PETO'])("main(['pool', 'zero events in both arms', '--method', '%s']) pools the informative table and reports no NaN", async (method) => {
    const io = capture();
    const code = await main(['pool', 'test/corpus/files/twobytwo-zero-events-both-arms.csv', '--method', method, '--json'], io);
    expect(code).toBe(0);
    expect(io.out()).not.toMatch(/NaN|Infinity/);
    const doc = JSON.parse(io.out()) as { estimate: number | null; warnings: { code: string }[] };
    expect(doc.estimate).not.toBeNull();
    expect(doc.warnings.map((w) => w.code)).toContain('not_estimable'); // Q, I² from a single informative table
  });

  it("main(['effects', 'asymmetric CI']) accepts it with a ci_asymmetric warning naming the row", async () => {
    const io = capture();
    const code = await main(['effects', 'test/corpus/files/hr-asymmetric-ci.csv', '--json'], io);
    expect(code).toBe(0);
    const doc = JSON.parse(io.out()) as { warnings: { code: string; message: string }[] };
    const w = doc.warnings.find((x) => x.code === 'ci_asymmetric');
    expect(w?.message).toContain('row 1 ("A")');
  });
});
