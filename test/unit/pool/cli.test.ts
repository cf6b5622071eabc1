import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { fixtureFiles } from '../../helpers/fixtures.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
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
const bcg = fixtureFiles().find((f) => f.dataset === 'dat.bcg')!;

describe('metasynth pool', () => {
  it("main(['pool', bcg, '--measure', 'RR', '--test', 'knha', '--json']) prints one JSON document with metafor's figures", async () => {
    const io = capture();
    const code = await main(['pool', 'test/fixtures/metafor/dat.bcg.csv', '--measure', 'RR', '--test', 'knha', '--json'], io);
    expect(code).toBe(0);
    expect(io.err()).toBe('');
    const doc = JSON.parse(io.out());
    const e = bcg.cases.find((c) => c.id === 'RR/rma.uni/REML/knha')!.expected!;
    expect(doc.k).toBe(13);
    expect(doc.df).toBe(12);
    expectClose(doc.estimate, e.estimate, TOL.iterative, 'estimate');
    expectClose(doc.tau2, e.tau2, TOL.iterative, 'tau2');
    expectClose(doc.piUpper, e.predict['pi.ub'], TOL.iterative, 'pi.ub');
    expectClose(doc.transformed.estimate, e.predict_transf.pred, TOL.iterative, 'exp(estimate)');
    expect(io.out()).not.toMatch(/NaN|Infinity/);
  });

  it("main(['pool', bcg, '--method', 'MH']) pools odds ratios by default and prints the MH tests", async () => {
    const io = capture();
    const code = await main(['pool', 'test/fixtures/metafor/dat.bcg.csv', '--method', 'MH'], io);
    expect(code).toBe(0);
    expect(io.out()).toContain('Mantel–Haenszel');
    expect(io.out()).toContain('OR = 0.6229');
    expect(io.out()).toContain('Breslow–Day');
  });

  it("main(['pool', bcg, '--measure', 'RR']) prints a summary for people, back-transformed", async () => {
    const io = capture();
    expect(await main(['pool', 'test/fixtures/metafor/dat.bcg.csv', '--measure', 'RR'], io)).toBe(0);
    const out = io.out();
    expect(out).toContain('tau² estimator: REML');
    expect(out).toContain('Q(df = 12) = 152.2330, p < .0001');
    expect(out).toContain('RR = 0.4894');
    expect(out).toContain('prediction interval');
  });

  it("main(['pool', FILE, '--method', 'XX']) is a usage error (exit 2)", async () => {
    const io = capture();
    expect(await main(['pool', 'test/fixtures/metafor/dat.bcg.csv', '--measure', 'RR', '--method', 'XX'], io)).toBe(2);
    expect(io.err()).toMatch(/--method "XX"/);
  });
});
