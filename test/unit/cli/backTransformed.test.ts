// Back-transformed figures beside the model-scale ones in the text and --json of subgroup and
// regress (bias, sensitivity and permutest are covered by their command tests). Expected values
// are metafor 3.8-1's, printed by the R call quoted beside each (dat: escalc("RR") of dat.bcg),
// converged with control = list(threshold = 1e-12) as the fixtures are.
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { FIXTURE_DIR } from '../../helpers/fixtures.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIO = {
    stdout: (t) => {
      out += t;
    },
    stderr: () => undefined,
    isTTY: false,
    cwd: FIXTURE_DIR,
  };
  const code = await main(args, io);
  return { code, out };
}

describe('back-transformed figures in the CLI', () => {
  it("main(['subgroup', 'dat.bcg.csv', '--measure', 'RR', '--by', 'alloc', '--json']) carries each subgroup's RR", async () => {
    const r = await run(['subgroup', 'dat.bcg.csv', '--measure', 'RR', '--by', 'alloc', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    const random = doc.subgroups.find((s: { level: string }) => s.level === 'random');
    expect(random.transformed.scale).toBe('exp');
    // predict(rma(yi, vi, data = dat, subset = alloc == "random", control = ctl), transf = exp), ctl = list(threshold = 1e-12, maxiter = 1000)
    expectClose(random.transformed.estimate, 0.3787175114213983, TOL.iterative, 'random RR');
    expectClose(random.transformed.ciLower, 0.2205063629922811, TOL.iterative, 'random RR ci.lb');
  });
  it("main(['subgroup', ...]) prints an RR column beside the log-scale estimate", async () => {
    const r = await run(['subgroup', 'dat.bcg.csv', '--measure', 'RR', '--by', 'alloc']);
    expect(r.out).toMatch(/RR \[95% CI\]/);
    expect(r.out).toMatch(/random +7 +-0\.9710 .* 0\.3787 \[0\.2205, 0\.6504\]/);
  });
  it("main(['regress', 'dat.bcg.csv', '--measure', 'RR', '--mods', 'ablat', '--json']) carries every study's fitted RR", async () => {
    const r = await run(['regress', 'dat.bcg.csv', '--measure', 'RR', '--mods', 'ablat', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.predictions).toHaveLength(13);
    const p = doc.predictions[4];
    expect(p.study).toBe('Frimodt-Moller et al, 1973');
    expect(p.transformed.scale).toBe('exp');
    // predict(rma(yi, vi, mods = ~ ablat, data = dat, control = ctl), transf = exp)[5], converged as above
    expectClose(p.transformed.estimate, 0.8808620795881053, TOL.iterative, 'pred');
    expectClose(p.transformed.ciLower, 0.6320805978467101, TOL.iterative, 'ci.lb');
    expectClose(p.transformed.ciUpper, 1.2275618107873869, TOL.iterative, 'ci.ub');
    expectClose(p.transformed.piLower, 0.4667230345058944, TOL.iterative, 'pi.lb');
    expectClose(p.transformed.piUpper, 1.6624806274619004, TOL.iterative, 'pi.ub');
    expect(p.estimate).toBeCloseTo(Math.log(p.transformed.estimate), 14);
  });
  it("main(['regress', ..., '--predict']) prints the fitted effects with RR columns; without it, no table", async () => {
    const withTable = await run(['regress', 'dat.bcg.csv', '--measure', 'RR', '--mods', 'ablat', '--predict']);
    expect(withTable.out).toMatch(/Fitted effects \(predict\)/);
    expect(withTable.out).toMatch(/Frimodt-Moller et al, 1973 .* 0\.8809 +0\.6321 to 1\.2276 +0\.4667 to 1\.6625/);
    const without = await run(['regress', 'dat.bcg.csv', '--measure', 'RR', '--mods', 'ablat']);
    expect(without.out).not.toMatch(/Fitted effects/);
  });
  it('a measure read on the model scale (MD) has transformed: null and no back-transformed column', async () => {
    const r = await run(['subgroup', 'dat.bcg.csv', '--measure', 'RD', '--by', 'alloc', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).subgroups.every((s: { transformed: unknown }) => s.transformed === null)).toBe(true);
  });
});
