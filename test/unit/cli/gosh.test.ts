// metasynth gosh: the same fits as the library, a summary document (rows only on request), the
// GOSH scatter through the plot command's writer, never over the input, usage errors with exit 2.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { fiveNumbers, quantileSorted } from '../../../src/cli/commands/gosh.js';
import { loadEffectTable } from '../../../src/cli/input.js';
import { main } from '../../../src/cli/main.js';
import { gosh } from '../../../src/gosh/index.js';
import { schemaErrors } from '../plots/schema.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/metafor/dat.bcg.csv', import.meta.url));
let dir = '';

function capture(options: { isTTY?: boolean } = {}): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY: options.isTTY ?? false,
    cwd: dir,
    out: () => out,
    err: () => err,
  };
}

async function run(argv: string[], options: { isTTY?: boolean } = {}): Promise<{ code: number; out: string; err: string }> {
  const io = capture(options);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const DOCUMENT_KEYS = ['k', 'measure', 'method', 'exact', 'subsets', 'seed', 'fits', 'failed', 'studies', 'summary', 'out', 'warnings'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'metasynth-gosh-'));
  copyFileSync(FIXTURE, join(dir, 'bcg.csv'));
  // The first five BCG trials: 2^5 − 1 = 31 subsets.
  const lines = readFileSync(FIXTURE, 'utf8').trim().split('\n');
  writeFileSync(join(dir, 'small.csv'), `${lines.slice(0, 6).join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('metasynth gosh', () => {
  it("main(['gosh', 'small.csv', '--measure', 'RR', '--out', 'g.vl.json']) writes a valid Vega-Lite spec with one point per subset", async () => {
    const r = await run(['gosh', 'small.csv', '--measure', 'RR', '--out', 'g.vl.json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('metasynth: wrote g.vl.json\n');
    const spec = JSON.parse(readFileSync(join(dir, 'g.vl.json'), 'utf8')) as {
      vconcat: [unknown, { hconcat: [{ layer: { data: { values: unknown[] }; encoding: { x: { title: string } } }[] }] }];
    };
    expect(schemaErrors(spec)).toEqual([]);
    const points = spec.vconcat[1].hconcat[0].layer[0]!;
    expect(points.data.values).toHaveLength(31);
    // As metafor's plot(gosh(res)): the estimate on the x axis.
    expect(points.encoding.x.title).toBe('Estimate (log RR)');
    expect(r.out).toContain('GOSH: all 31 subsets of k = 5 studies (tau² estimator: REML; measure RR)');
    expect(r.out).toContain('GOSH plot: g.vl.json');
  });

  it("main(['gosh', 'small.csv', '--measure', 'RR', '--json']) is one summary document of the library's fits", async () => {
    const r = await run(['gosh', 'small.csv', '--measure', 'RR', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(DOCUMENT_KEYS);
    expect(doc).toMatchObject({ k: 5, measure: 'RR', method: 'REML', exact: true, subsets: 31, seed: null, fits: 31, failed: 0, out: null, warnings: [] });
    expect(doc.studies[0]).toBe('Aronson, 1948');
    expect(Object.keys(doc.summary)).toEqual(['estimate', 'i2', 'tau2', 'h2', 'q']);
    const table = loadEffectTable({ positionals: [join(dir, 'small.csv')], options: { measure: 'RR' } }, capture(), 'gosh');
    const lib = gosh(table);
    expect(doc.summary.estimate).toEqual(fiveNumbers(lib.estimate));
    expect(doc.summary.i2).toEqual(fiveNumbers(lib.i2));
    expect(doc.summary.tau2.min).toBe(0);
  });

  it("main(['gosh', 'small.csv', '--measure', 'RR', '--json', '--rows']) adds one row per subset in metafor's order", async () => {
    const doc = JSON.parse((await run(['gosh', 'small.csv', '--measure', 'RR', '--method', 'DL', '--json', '--rows'])).out);
    expect(doc.rows).toHaveLength(31);
    expect(Object.keys(doc.rows[0])).toEqual(['incl', 'k', 'estimate', 'q', 'i2', 'h2', 'tau2']);
    // Subset s holds study j when bit j of s + 1 is set: first {1}, then {2}, then {1, 2}.
    expect(doc.rows.slice(0, 3).map((r: { incl: string }) => r.incl)).toEqual(['10000', '01000', '11000']);
    expect(doc.rows[0]).toMatchObject({ k: 1, q: 0, i2: 0, h2: 1, tau2: 0 });
    expect(doc.rows[30]).toMatchObject({ incl: '11111', k: 5 });
    const table = loadEffectTable({ positionals: [join(dir, 'small.csv')], options: { measure: 'RR' } }, capture(), 'gosh');
    expect(doc.rows.map((r: { estimate: number }) => r.estimate)).toEqual(Array.from(gosh(table, { method: 'DL' }).estimate));
  });

  it("main(['gosh', 'bcg.csv', '--measure', 'RR', '--subsets', '500', '--seed', '5']) samples reproducibly, whatever the threads", async () => {
    const a = await run(['gosh', 'bcg.csv', '--measure', 'RR', '--subsets', '500', '--seed', '5', '--threads', '1', '--json']);
    const b = await run(['gosh', 'bcg.csv', '--measure', 'RR', '--subsets', '500', '--seed', '5', '--threads', '2', '--json']);
    expect(a.code).toBe(0);
    expect(b.out).toBe(a.out);
    expect(JSON.parse(a.out)).toMatchObject({ k: 13, exact: false, subsets: 500, seed: 5, fits: 500 });
    const c = await run(['gosh', 'bcg.csv', '--measure', 'RR', '--subsets', '500', '--seed', '6', '--json']);
    expect(c.out).not.toBe(a.out);
  });

  it("main(['gosh', 'bcg.csv', '--measure', 'RR']) fits all 8,191 subsets and prints a summary for people", async () => {
    const r = await run(['gosh', 'bcg.csv', '--measure', 'RR']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('GOSH: all 8191 subsets of k = 13 studies');
    expect(r.out).toContain('8191 fits');
    expect(r.out).toMatch(/estimate \(log RR\)\s+-1\.6209/);
    expect(r.out).toMatch(/I² \(%\)\s+0\.00/);
  });

  it('draws no progress bar with --json on a terminal', async () => {
    expect((await run(['gosh', 'bcg.csv', '--measure', 'RR', '--json'], { isTTY: true })).err).toBe('');
  });

  it('refuses to write the plot over the input file (exit 2, input unchanged)', async () => {
    const before = readFileSync(join(dir, 'small.csv'), 'utf8');
    const r = await run(['gosh', 'small.csv', '--measure', 'RR', '--out', 'small.csv']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is the input file; refusing to overwrite it/);
    expect(readFileSync(join(dir, 'small.csv'), 'utf8')).toBe(before);
  });

  it.each([
    [['--subsets', '1'], /--subsets \("1"\) must be a whole number from 2/],
    [['--subsets', 'all'], /--subsets/],
    [['--threads', '0'], /--threads/],
    [['--seed', 'x'], /--seed/],
    [['--method', 'PETO'], /unknown --method "PETO"/],
    [['--rows'], /--rows adds the subsets to the JSON document/],
    [['--out', 'g.txt'], /extension must be one of/],
    [['--level', '90'], /unknown option --level/],
  ])('main(["gosh", "small.csv", "--measure", "RR", %j]) exits 2 with one message', async (extra, message) => {
    const r = await run(['gosh', 'small.csv', '--measure', 'RR', ...extra]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });
});

describe('src/cli/commands/gosh helpers', () => {
  it('quantileSorted(Float64Array.of(1, 2, 3, 4), 0.25) // 1.75 (R quantile type 7)', () => {
    expect(quantileSorted(Float64Array.of(1, 2, 3, 4), 0.25)).toBe(1.75);
    expect(quantileSorted(Float64Array.of(1, 2, 3, 4), 1)).toBe(4);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNull();
  });
  it('fiveNumbers leaves out non-finite values and does not touch its input', () => {
    const x = Float64Array.of(3, NaN, 1, 2);
    expect(fiveNumbers(x)).toEqual({ min: 1, q1: 1.5, median: 2, q3: 2.5, max: 3 });
    expect(Array.from(x)).toEqual([3, NaN, 1, 2]);
  });
});

describe('the GOSH summary reproduces R quantile(type = 7) of metafor gosh()', () => {
  // test/fixtures/gosh/gosh-summary.R: metafor 3.8-1 gosh() over the 255 subsets of dat.bcg[1:8]
  // (RR), quartiles by R's quantile(type = 7). DL is closed form (TOL.closedForm); REML converged
  // to 1e-12 on both sides (TOL.iterative).
  type Five = Record<'min' | 'q1' | 'median' | 'q3' | 'max', number>;
  const ref = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/gosh/gosh-summary.bcg.json', import.meta.url)), 'utf8')) as {
    yi: number[];
    vi: number[];
    methods: Record<'DL' | 'REML', { subsets: number; summary: Record<'estimate' | 'i2' | 'tau2' | 'h2' | 'q', Five> }>;
  };
  const compare = (method: 'DL' | 'REML', figure: 'estimate' | 'i2' | 'tau2' | 'h2' | 'q'): void => {
    const g = gosh({ effect: ref.yi, variance: ref.vi }, { method });
    const expected = ref.methods[method];
    expect(g.subsets).toBe(expected.subsets);
    const mine = fiveNumbers(g[figure]);
    const tol = method === 'DL' ? TOL.closedForm : TOL.iterative;
    for (const key of ['min', 'q1', 'median', 'q3', 'max'] as const) expectClose(mine[key], expected.summary[figure][key], tol, `${method} ${figure}.${key}`);
  };
  it.each(['estimate', 'i2', 'tau2', 'h2', 'q'] as const)("fiveNumbers(gosh(bcg[1:8], { method: 'REML' }).%s) equals R's quantiles", (figure) =>
    compare('REML', figure),
  );
  it.each(['estimate', 'i2', 'tau2', 'q'] as const)("fiveNumbers(gosh(bcg[1:8], { method: 'DL' }).%s) equals R's quantiles", (figure) => compare('DL', figure));
  // Known difference: for DL, metafor's gosh() reports H² = QE/(k − 1) without truncation (0.0030 for
  // a two-study subset with QE = 0.0030), where rma() and metasynth give H² = 1 + τ²/ṽ = 1 once τ²
  // is truncated at 0. Marked as failing so that this test tells when the two agree.
  it.fails("fiveNumbers(gosh(bcg[1:8], { method: 'DL' }).h2) equals R's quantiles (metafor's gosh H² is QE/(k − 1))", () => compare('DL', 'h2'));
});
