// metasynth selection: one JSON document with exactly the documented keys, the text report, and
// bad input (steps, type, too few studies, an empty interval) as usage errors with exit 2.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const HACKSHAW = 'test/fixtures/metafor/dat.hackshaw1998.csv';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
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
  return { code, out, err };
}

const KEYS = [
  'type',
  'alternative',
  'steps',
  'k',
  'method',
  'estimate',
  'standardError',
  'statistic',
  'pValue',
  'ciLower',
  'ciUpper',
  'tau2',
  'tau2StandardError',
  'delta',
  'lrt',
  'lrtTau2',
  'intervalCounts',
  'logLik',
  'converged',
  'warnings',
];

describe('metasynth selection', () => {
  it('selection FILE --type stepfun --steps 0.025,1 --json: the documented keys, metafor figures', async () => {
    const r = await run(['selection', HACKSHAW, '--type', 'stepfun', '--steps', '0.025,1', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc).filter((key) => key !== 'measure' && key !== 'synthetic')).toEqual(KEYS);
    expect(doc.intervalCounts.map((c: { k: number }) => c.k)).toEqual([7, 30]); // metafor ptable
    expect(doc.delta[0]).toEqual({ estimate: 1, standardError: null, ciLower: null, ciUpper: null, fixed: true });
    expect(doc.delta[1].fixed).toBe(false);
    expect(doc.method).toBe('ML');
    expect(doc.converged).toBe(true);
    // metafor 3.8-1 selmodel(rma(yi, vi, method = "ML"), type = "stepfun", steps = c(0.025, 1)): beta 0.19440150463
    expect(doc.estimate).toBeCloseTo(0.1944015, 6);
  });

  it('selection FILE --type beta --mods year --method EE --json: coefficients[] and no tau² test', async () => {
    const r = await run(['selection', HACKSHAW, '--type', 'negexp', '--mods', 'year', '--method', 'EE', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.coefficients.map((c: { name: string }) => c.name)).toEqual(['intrcpt', 'year']);
    expect(doc.estimate).toBeNull();
    expect(doc.lrtTau2).toBeNull();
    expect(doc.tau2).toBe(0);
  });

  it('selection FILE --type stepfun prints the interval table', async () => {
    const r = await run(['selection', HACKSHAW, '--type', 'stepfun', '--steps', '0.025,0.5,1']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('0.025 < p <= 0.5');
    expect(r.out).toContain('Test for selection model parameters: LRT(df = 2)');
  });

  it('selection FILE --type stepfun --delta 1,0.5,NA --json: the fixed δ without SE, the LRT over the free one', async () => {
    const r = await run(['selection', HACKSHAW, '--type', 'stepfun', '--steps', '0.025,0.5,1', '--delta', '1,0.5,NA', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.delta[1]).toEqual({ estimate: 0.5, standardError: null, ciLower: null, ciUpper: null, fixed: true });
    expect(doc.delta[2].fixed).toBe(false);
    expect(doc.delta[2].standardError).toBeGreaterThan(0);
    expect(doc.lrt.df).toBe(1);
  });

  it('selection FILE --delta with every δ fixed: LRT df 0 and no p-value; an empty interval with a fixed δ is fitted', async () => {
    const all = JSON.parse((await run(['selection', HACKSHAW, '--type', 'stepfun', '--steps', '0.025,0.5,1', '--delta', '1,0.8,0.6', '--json'])).out);
    expect(all.lrt.df).toBe(0);
    expect(all.lrt.pValue).toBeNull();
    expect(all.delta.every((d: { fixed: boolean; standardError: number | null }) => d.fixed && d.standardError === null)).toBe(true);
    const r = await run(['selection', HACKSHAW, '--type', 'stepfun', '--steps', '0.025,0.0250001,1', '--delta', '1,0.5,', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).intervalCounts[1].k).toBe(0);
  });

  it('selection FILE --delta prints fixed δ rows with ---', async () => {
    const r = await run(['selection', HACKSHAW, '--type', 'beta', '--delta', 'NA,2']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/delta\.2 +2\.0+ +--- +--- +---/);
    expect(r.out).toContain('LRT(df = 1)');
  });

  const bad: [string, string[], RegExp][] = [
    ['a --delta of the wrong length', ['--type', 'stepfun', '--steps', '0.025,0.5,1', '--delta', '1,0.5'], /delta must give 3 values .*received 2: 1,0\.5/],
    ['a negative --delta', ['--type', 'stepfun', '--steps', '0.025,1', '--delta', '1,-0.5'], /delta\[2\] \(-0\.5\) must be a finite number >= 0/],
    ['a beta --delta of 0', ['--type', 'beta', '--delta', '0,NA'], /delta\[1\] \(0\) must be a finite number > 0/],
    ['a --delta that is not a number', ['--type', 'beta', '--delta', '1,x'], /--delta value 2 \("x"\) is neither a number nor NA/],
    ['a weight fixed at 0 on studies', ['--type', 'stepfun', '--steps', '0.025,0.5,1', '--delta', '1,0,NA'], /delta\[2\] is fixed at 0, but \d+ studies/],
    ['steps that do not increase', ['--type', 'stepfun', '--steps', '0.5,0.025,1'], /steps must increase; step 2 \(0\.025\)/],
    ['steps that do not end at 1', ['--type', 'stepfun', '--steps', '0.025,0.5'], /last step must be 1/],
    ['a step that is not a number', ['--type', 'stepfun', '--steps', '0.025,x,1'], /--steps value 2 \("x"\) is not a number/],
    ['stepfun without steps', ['--type', 'stepfun'], /give the cut-points/],
    ['an unknown type', ['--type', 'cauchy'], /--type, one of beta/],
    ['an empty interval', ['--type', 'stepfun', '--steps', '0.025,0.0250001,1'], /no observed p-value lies in 0\.025 < p <= 0\.0250001/],
  ];
  for (const [what, args, message] of bad) {
    it(`${what}: exit 2 with a clear message`, async () => {
      const r = await run(['selection', HACKSHAW, ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    });
  }
});
