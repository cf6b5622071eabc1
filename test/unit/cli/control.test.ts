// --control converged|metafor on every command that fits a model (issue 13, item 4).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { COMMANDS } from '../../../src/cli/commands/index.js';
import { main } from '../../../src/cli/main.js';
import { FIXTURE_DIR } from '../../helpers/fixtures.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
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
    cwd: FIXTURE_DIR,
  };
  const code = await main(args, io);
  return { code, out, err };
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'metafor-control', 'control.json'), 'utf8')) as {
  datasets: { dataset: string; intercept: { method: string; I2: number; tau2: number }[] }[];
};
const hackshawPM = fixture.datasets.find((d) => d.dataset === 'dat.hackshaw1998')!.intercept.find((c) => c.method === 'PM')!;

describe('--control', () => {
  it.each(['pool', 'regress', 'subgroup', 'bias', 'sensitivity', 'permutest', 'gosh', 'plot', 'report'])('metasynth %s declares --control', async (name) => {
    const command = await COMMANDS.find((c) => c.name === name)!.load();
    expect(command.options.some((o) => o.name === 'control')).toBe(true);
  });
  it("main(['pool', '--dataset', 'classic/hackshaw1998', '--method', 'PM', '--control', 'metafor', '--json']) gives metafor's default-control I²", async () => {
    const r = await run(['pool', '--dataset', 'classic/hackshaw1998', '--method', 'PM', '--control', 'metafor', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expectClose(doc.i2, hackshawPM.I2, TOL.iterative, 'I2');
    expectClose(doc.tau2, hackshawPM.tau2, TOL.tau2, 'tau2');
  });
  it('prints I² as metafor prints it by default (19.47%), and the converged 19.45% without it', async () => {
    expect((await run(['pool', '--dataset', 'classic/hackshaw1998', '--method', 'PM', '--control', 'metafor'])).out).toMatch(/I² += 19\.47%/);
    expect((await run(['pool', '--dataset', 'classic/hackshaw1998', '--method', 'PM'])).out).toMatch(/I² += 19\.45%/);
    expect((await run(['pool', '--dataset', 'classic/hackshaw1998', '--method', 'PM', '--control', 'converged'])).out).toMatch(/I² += 19\.45%/);
  });
  it('reaches the sensitivity and regression engines', async () => {
    const a = JSON.parse((await run(['sensitivity', 'dat.bcg.csv', '--measure', 'RR', '--method', 'PM', '--control', 'metafor', '--json'])).out);
    const b = JSON.parse((await run(['sensitivity', 'dat.bcg.csv', '--measure', 'RR', '--method', 'PM', '--json'])).out);
    expect(a.leaveOneOut[0].tau2).not.toBe(b.leaveOneOut[0].tau2);
    const c = JSON.parse((await run(['regress', 'dat.bcg.csv', '--measure', 'RR', '--mods', 'ablat', '--method', 'PM', '--control', 'metafor', '--json'])).out);
    const d = JSON.parse((await run(['regress', 'dat.bcg.csv', '--measure', 'RR', '--mods', 'ablat', '--method', 'PM', '--json'])).out);
    expect(c.tau2).not.toBe(d.tau2);
  });
  it('an unknown value exits 2 naming the choices', async () => {
    const r = await run(['pool', 'dat.bcg.csv', '--measure', 'RR', '--control', 'fast']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--control "fast" must be one of converged, metafor/);
  });
});
