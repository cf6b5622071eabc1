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
    expect(doc.delta[0]).toEqual({ estimate: 1, standardError: null, ciLower: null, ciUpper: null });
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

  const bad: [string, string[], RegExp][] = [
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
