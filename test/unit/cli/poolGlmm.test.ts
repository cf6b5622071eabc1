import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { glmmPool } from '../../../src/glmm/index.js';

function capture(cwd: string): CliIO & { out: () => string; err: () => string } {
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
    cwd,
    out: () => out,
    err: () => err,
  };
}

// SYNTHETIC 2x2 tables (made up for these tests), one double zero.
const dir = mkdtempSync(join(tmpdir(), 'metasynth-glmm-'));
writeFileSync(join(dir, 'rare.csv'), 'study,x1i,n1i,x2i,n2i\nS1,2,100,5,100\nS2,0,50,3,50\nS3,0,40,0,40\nS4,4,120,9,118\n');
writeFileSync(join(dir, 'over.csv'), 'study,x1i,n1i,x2i,n2i\nS1,2,100,5,100\nS2,60,50,3,50\n');
writeFileSync(join(dir, 'means.csv'), 'study,m1i,sd1i,n1i,m2i,sd2i,n2i\nS1,1,1,10,2,1,10\n');

describe('metasynth pool --method GLMM', () => {
  it("main(['pool', 'rare.csv', '--method', 'GLMM', '--model', 'CM.EL', '--glmm-method', 'EE', '--json']) prints glmmPool's result with the pool keys and the GLMM keys", async () => {
    const io = capture(dir);
    expect(await main(['pool', 'rare.csv', '--measure', 'OR', '--method', 'GLMM', '--model', 'CM.EL', '--glmm-method', 'EE', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out());
    for (const key of [
      'estimate',
      'standardError',
      'statistic',
      'pValue',
      'ciLower',
      'ciUpper',
      'tau2',
      'i2',
      'h2',
      'piLower',
      'piUpper',
      'transformed',
      'model',
      'nagq',
      'sigma2',
      'tests',
      'dropped',
    ])
      expect(doc).toHaveProperty(key);
    expect(Object.keys(doc.tests.wald)).toEqual(['statistic', 'df', 'pValue']);
    expect(doc.dropped).toEqual([{ study: 'S3', row: 3, reason: 'no events in either group (double zero)' }]);
    const direct = glmmPool(
      [
        { study: 'S1', ai: 2, bi: 98, ci: 5, di: 95 },
        { study: 'S2', ai: 0, bi: 50, ci: 3, di: 47 },
        { study: 'S3', ai: 0, bi: 40, ci: 0, di: 40 },
        { study: 'S4', ai: 4, bi: 116, ci: 9, di: 109 },
      ],
      { model: 'CM.EL', method: 'EE' },
    );
    expect(doc.estimate).toBe(direct.estimate);
  });
  it('prints a summary for people without --json', async () => {
    const io = capture(dir);
    expect(await main(['pool', 'rare.csv', '--method', 'GLMM', '--model', 'UM.FS', '--glmm-method', 'EE'], io)).toBe(0);
    expect(io.out()).toMatch(/GLMM UM.FS, EE/);
    expect(io.out()).toMatch(/S3: no events in either group/);
  });
  it('CM.EL asked for RR: exit 2 with a clear message', async () => {
    const io = capture(dir);
    expect(await main(['pool', 'rare.csv', '--measure', 'RR', '--method', 'GLMM', '--model', 'CM.EL'], io)).toBe(2);
    expect(io.err()).toMatch(/needs --measure OR \(received RR\)/);
  });
  it('events above n: exit 2 naming the row, study and value', async () => {
    const io = capture(dir);
    expect(await main(['pool', 'over.csv', '--method', 'GLMM'], io)).toBe(2);
    expect(io.err()).toMatch(/row 2 \("S2"\): x1i \(60\) must not exceed n1i \(50\)/);
  });
  it('a file without 2x2 counts, an unknown model, a bad --nagq: exit 2', async () => {
    for (const argv of [
      ['pool', 'means.csv', '--method', 'GLMM'],
      ['pool', 'rare.csv', '--method', 'GLMM', '--model', 'CM.XX'],
      ['pool', 'rare.csv', '--method', 'GLMM', '--nagq', '0'],
    ]) {
      const io = capture(dir);
      expect(await main(argv, io)).toBe(2);
      expect(io.err()).not.toMatch(/internal error|at .*\.ts/);
    }
  });
});

// SYNTHETIC single-group and person-time data (made up for these tests).
writeFileSync(join(dir, 'plo.csv'), 'study,xi,ni,dose\nP1,3,40,1\nP2,5,60,2\nP3,1,35,3\nP4,8,70,4\n');
writeFileSync(join(dir, 'irr.csv'), 'study,x1i,t1i,x2i,t2i,dose\nR1,4,1200,9,1100,1\nR2,2,800,6,900,2\nR3,0,500,0,450,3\nR4,7,2000,12,1900,4\n');

describe('metasynth pool/regress --method GLMM for IRR, PLO and IRLN', () => {
  it("main(['pool', 'plo.csv', '--measure', 'PLO', '--method', 'GLMM', '--json']) equals glmmPool on the same studies, model null", async () => {
    const io = capture(dir);
    expect(await main(['pool', 'plo.csv', '--measure', 'PLO', '--method', 'GLMM', '--glmm-method', 'EE', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out());
    const direct = glmmPool(
      [
        { study: 'P1', measure: 'PLO', xi: 3, ni: 40 },
        { study: 'P2', measure: 'PLO', xi: 5, ni: 60 },
        { study: 'P3', measure: 'PLO', xi: 1, ni: 35 },
        { study: 'P4', measure: 'PLO', xi: 8, ni: 70 },
      ],
      { method: 'EE' },
    );
    expect(doc.estimate).toBe(direct.estimate);
    expect(doc.model).toBeNull();
    expect(doc.transformed.estimate).toBeCloseTo(1 / (1 + Math.exp(-direct.estimate)), 12);
  });
  it('IRR UM.RS with ML: nagq as used is 1 (the Laplace approximation) with a note saying why; sigma2 reported; the double-zero study dropped', async () => {
    const io = capture(dir);
    expect(await main(['pool', 'irr.csv', '--measure', 'IRR', '--method', 'GLMM', '--model', 'UM.RS', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out());
    expect(doc.nagq).toBe(1);
    expect(doc.warnings.map((w: { code: string }) => w.code)).toContain('nagq_laplace');
    expect(typeof doc.sigma2).toBe('number');
    expect(doc.dropped).toEqual([{ study: 'R3', row: 3, reason: 'no events in either group (double zero)' }]);
  });
  it("main(['regress', 'irr.csv', '--measure', 'IRR', '--method', 'GLMM', '--model', 'CM.EL', '--mods', 'dose', '--json']) gives the intercept and slope", async () => {
    const io = capture(dir);
    expect(
      await main(['regress', 'irr.csv', '--measure', 'IRR', '--method', 'GLMM', '--model', 'CM.EL', '--glmm-method', 'EE', '--mods', 'dose', '--json'], io),
    ).toBe(0);
    const doc = JSON.parse(io.out());
    expect(doc.coefficients.map((c: { name: string }) => c.name)).toEqual(['intrcpt', 'dose']);
    expect(doc.moderatorTest.df).toBe(1);
  });
  it('a two-group model given one group per study, and CM.AL asked for IRR: exit 2 with a clear message', async () => {
    let io = capture(dir);
    expect(await main(['pool', 'plo.csv', '--measure', 'OR', '--method', 'GLMM'], io)).toBe(2);
    expect(io.err()).toMatch(/needs two groups per study/);
    io = capture(dir);
    expect(await main(['pool', 'irr.csv', '--measure', 'IRR', '--method', 'GLMM', '--model', 'CM.AL'], io)).toBe(2);
    expect(io.err()).toMatch(/CM.AL is defined for odds ratios only/);
  });
});
