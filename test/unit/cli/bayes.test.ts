import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function capture(cwd = ROOT): CliIO & { out: () => string; err: () => string } {
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

describe('metasynth bayes', () => {
  it("main(['bayes', '--dataset', 'classic/bcg', '--measure', 'RR', '--tau-prior', 'halfnormal:0.5', '--mu-prior', 'normal:0,4', '--json']) prints the documented keys", async () => {
    const io = capture();
    const code = await main(
      ['bayes', '--dataset', 'classic/bcg', '--measure', 'RR', '--tau-prior', 'halfnormal:0.5', '--mu-prior', 'normal:0,4', '--json'],
      io,
    );
    expect(code).toBe(0);
    const doc = JSON.parse(io.out());
    expect(Object.keys(doc)).toEqual([
      'k',
      'measure',
      'level',
      'mu',
      'tau',
      'prediction',
      'shrinkage',
      'marginalLikelihood',
      'logMarginalLikelihood',
      'bayesFactors',
      'averaging',
      'priors',
      'transformed',
      'converged',
      'warnings',
    ]);
    for (const key of ['mu', 'tau', 'prediction'])
      expect(Object.keys(doc[key])).toEqual(['mean', 'median', 'mode', 'sd', 'lower', 'upper', 'shortestLower', 'shortestUpper']);
    expect(Object.keys(doc.shrinkage[0])).toEqual(['study', 'mean', 'median', 'sd', 'lower', 'upper']);
    expect(doc.k).toBe(13);
    expect(doc.transformed.scale).toBe('exp');
    expect(doc.transformed.mu.median).toBeCloseTo(Math.exp(doc.mu.median), 12);
    expect(doc.averaging.models.map((m: { name: string }) => m.name)).toEqual(['fixed, no effect', 'fixed, effect', 'random, no effect', 'random, effect']);
    expect(io.out()).not.toMatch(/NaN|Infinity/);
  });

  it('prints a table for people, marked SYNTHETIC for the calibrated CIK base', async () => {
    const io = capture();
    expect(await main(['bayes', '--dataset', 'cik/calibrated', '--tau-prior', 'halfnormal:0.5'], io)).toBe(0);
    expect(io.out()).toMatch(/^SYNTHETIC DATA: simulated studies, not evidence; do not cite the results\.\nBayesian random-effects meta-analysis/);
    expect(io.out()).toContain('HR (exp of mu): median');
    const json = capture();
    expect(await main(['bayes', '--dataset', 'cik/calibrated', '--tau-prior', 'halfnormal:0.5', '--json'], json)).toBe(0);
    expect(JSON.parse(json.out()).synthetic).toBe(true);
  });

  it('writes the density and forest figures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metasynth-bayes-'));
    for (const figure of ['densities', 'joint', 'forest']) {
      const io = capture();
      const out = join(dir, `${figure}.vl.json`);
      expect(await main(['bayes', '--dataset', 'classic/bcg', '--measure', 'RR', '--tau-prior', 'halfcauchy:0.5', '--out', out, '--figure', figure], io)).toBe(
        0,
      );
      const spec = JSON.parse(readFileSync(out, 'utf8'));
      expect(spec.$schema).toContain('vega-lite');
    }
  });

  it.each([
    [['--tau-prior', 'halfnormal:0'], 'tau prior halfnormal: scale must be a positive number (got 0)'],
    [['--tau-prior', 'lognormal:0,-1'], 'tau prior lognormal: sigma must be a positive number (got -1)'],
    [['--tau-prior', 'cauchy:1'], '--tau-prior "cauchy:1": unknown prior; choose one of'],
    [['--mu-prior', 'normal:0'], '--mu-prior "normal:0": give normal:MEAN,SD'],
    [['--figure', 'caterpillar', '--out', 'x.svg'], 'bayes: --figure "caterpillar" is not one of densities, joint, forest'],
  ])('exits 2 with a clear message for %j', async (extra, message) => {
    const io = capture();
    expect(await main(['bayes', '--dataset', 'classic/bcg', '--measure', 'RR', ...extra], io)).toBe(2);
    expect(io.err()).toContain(message);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  it('refuses an improper prior for tau with one study', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metasynth-bayes-'));
    const io = capture(dir);
    const file = join(dir, 'one.csv');
    (await import('node:fs')).writeFileSync(file, 'study,yi,vi\nA,0.3,0.04\n');
    expect(await main(['bayes', file, '--tau-prior', 'jeffreys'], io)).toBe(2);
    expect(io.err()).toContain('one study carries no information on tau');
  });
});
