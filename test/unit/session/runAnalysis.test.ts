// runAnalysis prints what the CLI prints: for the same data and settings, its `json` equals, key for key
// and number for number, the document of `metasynth <analysis> FILE ... --json` (run in-process here).
import { describe, expect, it } from 'vitest';
import { lazyPlot } from '../../../src/session/analyses/runners.js';
import { effectTableOf } from '../../../src/session/input.js';
import { buildPlotSpec } from '../../../src/session/plotSpecs.js';
import { loadedStudiesOf, rawTableOf } from '../../../src/session/readInput.js';
import { runAnalysis } from '../../../src/session/runAnalysis.js';
import type { AnalysisSettings } from '../../../src/session/settings.js';
import { cliJson, fileText } from './cliParity.js';

const BCG = 'test/fixtures/metafor/dat.bcg.csv';

async function expectSame(file: string, settings: AnalysisSettings, argv: readonly string[]) {
  const cli = await cliJson([settings.analysis, file, ...argv, '--json']);
  expect(cli.code, cli.err).toBe(0);
  const format = file.endsWith('.json') ? 'json' : 'csv';
  const outcome = runAnalysis({ text: fileText(file), format, name: file }, settings);
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join('\n'));
  expect(outcome.json).toEqual(cli.json);
  return outcome;
}

describe('runAnalysis(input, { analysis: "pool", ... }) equals metasynth pool --json', () => {
  it('BCG, RR, REML, z', async () => {
    const o = await expectSame(BCG, { analysis: 'pool', measure: 'RR' }, ['--measure', 'RR']);
    expect(o.plots.map((p) => p.name)).toEqual(['forest', 'funnel', 'baujat', 'radial', 'labbe']);
  });
  it('BCG, OR, DL, knha, level 90', async () => {
    await expectSame(BCG, { analysis: 'pool', measure: 'OR', method: 'DL', test: 'knha', level: 90 }, [
      '--measure',
      'OR',
      '--method',
      'DL',
      '--test',
      'knha',
      '--level',
      '90',
    ]);
  });
  it('BCG, MH (odds ratios by default)', async () => {
    await expectSame(BCG, { analysis: 'pool', method: 'MH' }, ['--method', 'MH']);
  });
  it('BCG by allocation (pool --group)', async () => {
    await expectSame(BCG, { analysis: 'pool', measure: 'RR', by: 'alloc' }, ['--measure', 'RR', '--group', 'alloc']);
  });
  it('BCG with metafor control and a tau² profile CI', async () => {
    await expectSame(BCG, { analysis: 'pool', measure: 'RR', control: 'metafor', tau2Ci: 'PL' }, [
      '--measure',
      'RR',
      '--control',
      'metafor',
      '--tau2-ci',
      'PL',
    ]);
  });
  it('the bundled dataset equals --dataset (SYNTHETIC label first on synthetic data)', async () => {
    const cli = await cliJson(['pool', '--dataset', 'cik/calibrated', '--json']);
    const o = runAnalysis({ dataset: 'cik/calibrated' }, { analysis: 'pool' });
    expect(o.ok && o.json).toEqual(cli.json);
    expect(o.ok && Object.keys(o.json)[0]).toBe('synthetic');
  });
});

describe('runAnalysis equals the CLI for subgroup, regress, bias and sensitivity', () => {
  it('subgroup --by alloc, RR, DL, knha', async () => {
    const o = await expectSame(BCG, { analysis: 'subgroup', measure: 'RR', by: 'alloc', method: 'DL', test: 'knha' }, [
      '--measure',
      'RR',
      '--by',
      'alloc',
      '--method',
      'DL',
      '--test',
      'knha',
    ]);
    expect(o.plots.map((p) => p.name)).toEqual(['forest', 'funnel']);
  });
  it('regress with a formula (mods), RR', async () => {
    await expectSame(BCG, { analysis: 'regress', measure: 'RR', mods: '~ ablat + factor(alloc)' }, ['--measure', 'RR', '--mods', '~ ablat + factor(alloc)']);
  });
  it('regress on one column, cluster-robust CR2, level 90', async () => {
    const o = await expectSame(BCG, { analysis: 'regress', measure: 'RR', mods: 'ablat', robust: 'CR2', cluster: 'alloc', level: 90 }, [
      '--measure',
      'RR',
      '--mods',
      'ablat',
      '--robust',
      'CR2',
      '--cluster',
      'alloc',
      '--level',
      '90',
    ]);
    expect(o.plots.map((p) => p.name)).toEqual(['bubble']);
  });
  it('bias, OR, ML', async () => {
    await expectSame(BCG, { analysis: 'bias', measure: 'OR', method: 'ML' }, ['--measure', 'OR', '--method', 'ML']);
  });
  it('sensitivity, RR, metafor control', async () => {
    const o = await expectSame(BCG, { analysis: 'sensitivity', measure: 'RR', control: 'metafor' }, ['--measure', 'RR', '--control', 'metafor']);
    expect(o.plots.map((p) => p.name)).toEqual(['leave1out', 'cumulative', 'baujat']);
  });
  it('a method the analysis does not take is a problem, as the CLI refuses it', async () => {
    const o = runAnalysis({ text: fileText(BCG), format: 'csv' }, { analysis: 'bias', measure: 'OR', method: 'MH' });
    expect(o.ok === false && o.problems[0]?.field === undefined && o.problems[0]?.message).toContain('MH');
    expect((await cliJson(['bias', BCG, '--measure', 'OR', '--method', 'MH', '--json'])).code).toBe(2);
  });
});

describe('runAnalysis reports problems, never throws', () => {
  it('a negative variance is a problem on its cell', () => {
    const o = runAnalysis({ text: 'study,yi,vi\nA,0.1,-1\nB,0.2,0.01\n', format: 'csv' }, { analysis: 'pool' });
    expect(o.ok).toBe(false);
    expect(o.table?.cellProblems.map((c) => [c.row, c.column])).toEqual([[0, 'vi']]);
    expect(o.problems[0]?.message).toContain('row 1');
  });
  it('2x2 counts without a measure: a problem naming the measures to choose', () => {
    const o = runAnalysis({ text: fileText(BCG), format: 'csv' }, { analysis: 'pool' });
    expect(o.ok).toBe(false);
    expect(o.problems[0]?.message).toContain('--measure');
    expect(o.table?.kind).toBeNull();
    expect(o.table?.rows).toHaveLength(13);
  });
  it('an empty paste, bad settings', () => {
    expect(runAnalysis({ text: '', format: 'csv' }, { analysis: 'pool' }).ok).toBe(false);
    const bad = runAnalysis({ dataset: 'bcg' }, { analysis: 'pool', level: 300 } as AnalysisSettings);
    expect(bad.ok === false && bad.problems[0]?.field).toBe('level');
  });
  it('excluding a study equals the CLI on the file without its row, plus the list of excluded studies', async () => {
    const lines = fileText(BCG).trimEnd().split('\n');
    const label = String(rawTableOf({ text: fileText(BCG), format: 'csv' }).rows[0]!.study);
    const o = runAnalysis({ text: fileText(BCG), format: 'csv' }, { analysis: 'pool', measure: 'RR', exclude: [label] });
    const rest = runAnalysis({ text: [lines[0], ...lines.slice(2)].join('\n'), format: 'csv' }, { analysis: 'pool', measure: 'RR' });
    expect(o.ok && o.json).toEqual(rest.ok && { ...rest.json, excludedStudies: [label] });
    expect(o.ok && (o.json as { k: number }).k).toBe(12);
  });
});

describe('the plots of runAnalysis are built when first read', () => {
  it('lazyPlot(name, title, build) builds once, on the first read of spec', () => {
    let builds = 0;
    const plot = lazyPlot('forest', 'Forest plot', () => {
      builds += 1;
      return { mark: 'point' } as never;
    });
    expect(builds).toBe(0);
    expect(plot.spec).toBe(plot.spec);
    expect(builds).toBe(1);
  });
  it("a plot's spec equals buildPlotSpec's for the same table and settings", () => {
    const o = runAnalysis({ text: fileText(BCG), format: 'csv' }, { analysis: 'pool', measure: 'RR', method: 'DL' });
    if (!o.ok) throw new Error('BCG did not pool');
    const table = effectTableOf(loadedStudiesOf({ text: fileText(BCG), format: 'csv' }, 'RR'), 'RR', { command: 'pool', pools: true });
    const funnel = o.plots.find((p) => p.name === 'funnel');
    expect(funnel?.spec).toEqual(buildPlotSpec({ kind: 'funnel', table, settings: { method: 'DL', test: 'z', level: 95 } }));
  });
  it('regress: a bubble plot for one numeric moderator, none for a formula or a text column', () => {
    const names = (mods: string) => {
      const o = runAnalysis({ text: fileText(BCG), format: 'csv' }, { analysis: 'regress', measure: 'RR', mods });
      return o.ok ? o.plots.map((p) => p.name) : o.problems;
    };
    expect(names('ablat')).toEqual(['bubble']);
    expect(names('~ ablat + factor(alloc)')).toEqual([]);
    expect(names('alloc')).toEqual([]);
  });
});
