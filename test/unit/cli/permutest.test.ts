// metasynth permutest: metafor's exact p-values through the CLI, seeded reproducibility, one JSON
// document, usage errors with exit 2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { moderatorPermutationTest } from '../../../src/permutation/index.js';
import { FIXTURE_DIR, fixtureFiles } from '../../helpers/fixtures.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BCG = 'test/fixtures/metafor/dat.bcg.csv';

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
    cwd: ROOT,
    out: () => out,
    err: () => err,
  };
}

async function run(argv: string[], options: { isTTY?: boolean } = {}): Promise<{ code: number; out: string; err: string }> {
  const io = capture(options);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

interface PermutestCase {
  readonly id: string;
  readonly options: { readonly measure: string; readonly method: string; readonly test: string; readonly exact: boolean };
  readonly expected: { readonly permutations: number; readonly pval: number; readonly statistic: number };
}
// metafor 3.8-1: permutest(rma(yi, vi, data = escalc("RR", ..., data = dat.bcg), method, test), exact = TRUE)
const fixture = JSON.parse(readFileSync(join(FIXTURE_DIR, 'permutest.dat.bcg.json'), 'utf8')) as { cases: PermutestCase[] };

const DOCUMENT_KEYS = [
  'analysis',
  'k',
  'measure',
  'method',
  'test',
  'level',
  'mods',
  'exact',
  'permutations',
  'seed',
  'statistic',
  'pValue',
  'coefficients',
  'transformed',
  'qm',
  'qmDf',
  'qmPValue',
  'failed',
  'moderators',
  'excluded',
  'kExcluded',
  'warnings',
];

describe('metasynth permutest', () => {
  it('reads the four metafor cases', () => expect(fixture.cases).toHaveLength(4));

  for (const kase of fixture.cases) {
    const { measure, method, test } = kase.options;
    it(`main(['permutest', BCG, '--measure', '${measure}', '--method', '${method}', '--test', '${test}', '--exact', '--json']) equals metafor's permutest(exact = TRUE)`, async () => {
      const r = await run(['permutest', BCG, '--measure', measure, '--method', method, '--test', test, '--exact', '--json']);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      const doc = JSON.parse(r.out);
      expect(doc.analysis).toBe('intercept');
      expect(doc.exact).toBe(true);
      expect(doc.seed).toBeNull();
      expect(doc.permutations).toBe(kase.expected.permutations);
      // A count over 8,192: equal, not close.
      expect(doc.pValue).toBe(kase.expected.pval);
      expect(doc.coefficients[0].pValue).toBe(kase.expected.pval);
      expectClose(doc.statistic, kase.expected.statistic, method === 'REML' ? TOL.iterative : TOL.closedForm, 'statistic');
      expect(doc.failed).toBe(0);
    });
  }

  it("main(['permutest', BCG, '--measure', 'RR', '--json']) prints exactly one document with the documented keys", async () => {
    const r = await run(['permutest', BCG, '--measure', 'RR', '--json']);
    expect(r.code).toBe(0);
    expect(r.out.endsWith('}\n')).toBe(true);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(DOCUMENT_KEYS);
    // 2^13 > 1000: a random test of 1000 sign flips with seed 1 (metafor's rule).
    expect(doc).toMatchObject({ analysis: 'intercept', k: 13, measure: 'RR', method: 'REML', test: 'z', exact: false, permutations: 1000, seed: 1 });
    expect(doc.coefficients.map((c: { name: string }) => c.name)).toEqual(['intrcpt']);
    // The pooled log RR back-transformed with exp (the registry's transformation for RR).
    expect(doc.transformed.scale).toBe('exp');
    expect(doc.transformed.estimate).toBeCloseTo(Math.exp(doc.coefficients[0].estimate), 14);
  });

  it("main(['permutest', BCG, '--measure', 'RR', '--seed', '7']) gives the same output on every run; another seed its own", async () => {
    const a = await run(['permutest', BCG, '--measure', 'RR', '--iterations', '400', '--seed', '7', '--json']);
    const b = await run(['permutest', BCG, '--measure', 'RR', '--iterations', '400', '--seed', '7', '--json']);
    expect(a.code).toBe(0);
    expect(b.out).toBe(a.out);
    const doc = JSON.parse(a.out);
    expect(doc.seed).toBe(7);
    expect(doc.permutations).toBe(400);
    // The p-value is a count over 400 permutations.
    expect(doc.pValue * 400).toBeCloseTo(Math.round(doc.pValue * 400), 9);
    const c = JSON.parse((await run(['permutest', BCG, '--measure', 'RR', '--iterations', '400', '--seed', '8', '--json'])).out);
    expect(c.seed).toBe(8);
    expect(c.statistic).toBe(doc.statistic);
  });

  it("main(['permutest', BCG, '--measure', 'RR', '--mods', 'ablat', '--seed', '9', '--json']) equals moderatorPermutationTest on the regress design", async () => {
    const r = await run(['permutest', BCG, '--measure', 'RR', '--mods', 'ablat', '--iterations', '200', '--seed', '9', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(DOCUMENT_KEYS);
    expect(doc).toMatchObject({ analysis: 'moderators', k: 13, mods: ['ablat'], exact: false, permutations: 200, seed: 9, qmDf: 1 });
    const bcg = fixtureFiles().find((f) => f.dataset === 'dat.bcg')!;
    const escalc = bcg.cases.find((c) => c.id === 'RR/escalc')!.expected as { yi: number[]; vi: number[] };
    const ablat = bcg.studies.map((s) => s.ablat as number);
    const lib = moderatorPermutationTest(
      { yi: escalc.yi, vi: escalc.vi, columns: [ablat.map(() => 1), ablat], names: ['intrcpt', 'ablat'] },
      { iterations: 200, seed: 9 },
    );
    expect(doc.coefficients.map((c: { name: string }) => c.name)).toEqual(['intrcpt', 'ablat']);
    expect(doc.coefficients.map((c: { pValue: number }) => c.pValue)).toEqual(lib.coefficients.map((c) => c.pValue));
    expect(doc.pValue).toBe(lib.qmPValue);
    expect(doc.statistic).toBe(doc.qm);
    expectClose(doc.qm, lib.qm, TOL.iterative, 'qm');
    const again = await run(['permutest', BCG, '--measure', 'RR', '--mods', 'ablat', '--iterations', '200', '--seed', '9', '--json']);
    expect(again.out).toBe(r.out);
  });

  it("main(['permutest', BCG, '--measure', 'RR', '--method', 'DL', '--exact']) prints a table for people", async () => {
    const r = await run(['permutest', BCG, '--measure', 'RR', '--method', 'DL', '--exact']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('Permutation test of the pooled estimate (k = 13; tau² estimator: DL; z tests; measure RR)');
    expect(r.out).toContain('Exact: all 8192 sign flips');
    expect(r.out).toMatch(/intrcpt \(intercept\)\s+-0\.7141\s+-3\.9952\s+0\.0017/);
  });

  it("main(['permutest', BCG, '--measure', 'RR', '--mods', 'alloc', '--test', 'knha']) prints the F test of moderators and the random sample's seed", async () => {
    const r = await run(['permutest', BCG, '--measure', 'RR', '--mods', 'alloc', '--test', 'knha', '--iterations', '100', '--seed', '3']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Random: 100 permutations of the moderator rows (seed 3');
    expect(r.out).toMatch(/Test of moderators: F\(df1 = 2, df2 = 10\) = \d+\.\d{4}, permutation p = /);
    expect(r.out).toContain('tval');
  });

  it('draws no progress bar with --json on a terminal, nor off a terminal', async () => {
    expect((await run(['permutest', BCG, '--measure', 'RR', '--exact', '--json'], { isTTY: true })).err).toBe('');
    expect((await run(['permutest', BCG, '--measure', 'RR', '--exact'], { isTTY: false })).err).toBe('');
  });

  it.each([
    [['--iterations', '1'], /--iterations \("1"\) must be a whole number from 2/],
    [['--iterations', '1e3'], /--iterations/],
    [['--seed', '-1'], /--seed/],
    [['--seed', '4294967296'], /--seed/],
    [['--seed', '1.5'], /--seed/],
    [['--method', 'MH'], /unknown --method "MH"/],
    [['--test', 'wald'], /unknown --test "wald"/],
    [['--mods', ''], /--mods needs moderator column names/],
    [['--mods', 'latitude'], /unknown moderator "latitude"/],
    [['--mods', 'ablat', '--exact'], /--exact needs more than 16777216 refits/],
    [['--exact=yes'], /--exact takes no value/],
    [['--subsets', '10'], /unknown option --subsets/],
  ])('main(["permutest", BCG, "--measure", "RR", %j]) exits 2 with one message', async (extra, message) => {
    const r = await run(['permutest', BCG, '--measure', 'RR', ...extra]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('main(["permutest"]) without a FILE exits 2; --help lists the options', async () => {
    expect((await run(['permutest'])).code).toBe(2);
    const help = await run(['permutest', '--help']);
    expect(help.code).toBe(0);
    for (const o of ['--mods', '--iterations', '--seed', '--exact', '--json']) expect(help.out).toContain(o);
  });
});
