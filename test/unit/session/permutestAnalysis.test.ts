// permutestAnalysis prints what `metasynth permutest --json` prints for the page's pool and regress
// analyses (same input, measure, model settings, iterations and seed; the CLI run in-process).
import { describe, expect, it } from 'vitest';
import { permutestCommandFor } from '../../../src/session/cliCommand.js';
import { permutestAnalysis } from '../../../src/session/permutestAnalysis.js';
import type { AnalysisSettings } from '../../../src/session/settings.js';
import { cliJson, fileText } from './cliParity.js';

const BCG = 'test/fixtures/metafor/dat.bcg.csv';
const input = { text: fileText(BCG), format: 'csv' as const, name: BCG };

describe('permutestAnalysis(input, settings, { iterations, seed }) equals metasynth permutest --json', () => {
  it('pool: the sign-flip test of the pooled RR (DL, knha; all 2^13 flips for 10,000 iterations)', async () => {
    const cli = await cliJson(['permutest', BCG, '--measure', 'RR', '--method', 'DL', '--test', 'knha', '--iterations', '10000', '--json']);
    expect(cli.code, cli.err).toBe(0);
    const o = permutestAnalysis(input, { analysis: 'pool', measure: 'RR', method: 'DL', test: 'knha' }, { iterations: 10_000 });
    expect(o.ok && o.json).toEqual(cli.json);
  });
  it('pool: random sign flips with a seed, level 90, a study left out (--exclude); the command permutestCommandFor writes', async () => {
    const settings: AnalysisSettings = { analysis: 'pool', measure: 'OR', level: 90, exclude: ['Aronson, 1948'] };
    const command = permutestCommandFor(settings, BCG, { iterations: 300, seed: 7 });
    expect(command).toBe(`metasynth permutest ${BCG} --measure OR --level 90 --iterations 300 --seed 7 --exclude 'Aronson, 1948'`);
    const cli = await cliJson([
      'permutest',
      BCG,
      '--measure',
      'OR',
      '--level',
      '90',
      '--iterations',
      '300',
      '--seed',
      '7',
      '--exclude',
      'Aronson, 1948',
      '--json',
    ]);
    expect(cli.code, cli.err).toBe(0);
    const o = permutestAnalysis(input, settings, { iterations: 300, seed: 7 });
    expect(o.ok && (o.json as { k: number }).k).toBe(12);
    expect(o.ok && (o.json as { excludedStudies: string[] }).excludedStudies).toEqual(['Aronson, 1948']);
    expect(o.ok && o.json).toEqual(cli.json);
  });
  it('regress: the moderators ablat and factor(alloc) by permuted rows, seed 3', async () => {
    const cli = await cliJson(['permutest', BCG, '--measure', 'RR', '--mods', 'ablat,factor(alloc)', '--iterations', '200', '--seed', '3', '--json']);
    expect(cli.code, cli.err).toBe(0);
    const o = permutestAnalysis(input, { analysis: 'regress', measure: 'RR', mods: 'ablat, factor(alloc)' }, { iterations: 200, seed: 3 });
    expect(o.ok && o.json).toEqual(cli.json);
  });
  it('reports progress, and refuses what permutest cannot refit (MH, subgroups by group, bad iterations) as problems', () => {
    const seen: number[] = [];
    const ok = permutestAnalysis(input, { analysis: 'pool', measure: 'RR' }, { iterations: 50 }, (done) => seen.push(done));
    expect(ok.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    const codes = (o: ReturnType<typeof permutestAnalysis>) => (o.ok ? [] : o.problems.map((p) => p.message));
    expect(codes(permutestAnalysis(input, { analysis: 'pool', method: 'MH' }))[0]).toContain('MH');
    expect(codes(permutestAnalysis(input, { analysis: 'pool', measure: 'RR', by: 'alloc' }))[0]).toContain('by');
    expect(codes(permutestAnalysis(input, { analysis: 'pool', measure: 'RR' }, { iterations: 1 }))[0]).toContain('iterations');
    expect(codes(permutestAnalysis(input, { analysis: 'bias', measure: 'RR' }))[0]).toContain('pool or regress');
  });
});
