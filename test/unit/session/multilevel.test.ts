// runAnalysis('multilevel') prints exactly what `metasynth multilevel ... --json` prints: the command is
// the one cliCommandFor writes, run through the CLI's own main. Data: metafor's dat.konstantopoulos2011
// (the bundled classic/konstantopoulos2011, schools in districts) and dat.berkey1998 (two outcomes per
// trial with known sampling covariances), both written by test/fixtures/metafor-mv/write-csv.R.
import { describe, expect, it } from 'vitest';
import { cliCommandFor } from '../../../src/session/cliCommand.js';
import { runAnalysis } from '../../../src/session/runAnalysis.js';
import type { AnalysisSettings } from '../../../src/session/settings.js';
import { settingsFromQuery, settingsToQuery } from '../../../src/session/query.js';
import { cliJson, fileText } from './cliParity.js';

const DATASET = 'classic/konstantopoulos2011';

const BERKEY = 'test/fixtures/metafor-mv/dat.berkey1998.csv';

/** Splits a command cliCommandFor wrote (words single-quoted when needed) as a shell would. */
function words(command: string): string[] {
  return [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!));
}

async function expectSame(input: { dataset: string } | string, settings: AnalysisSettings) {
  const argv = words(cliCommandFor(settings, input)).slice(1);
  const cli = await cliJson([...argv, '--json']);
  expect(cli.code, cli.err).toBe(0);
  const o = runAnalysis(typeof input === 'string' ? { text: fileText(input), format: 'csv', name: input } : input, settings);
  if (!o.ok) throw new Error(o.problems.map((p) => p.message).join('\n'));
  expect(o.json).toEqual(cli.json);
  return o;
}

describe('runAnalysis equals `metasynth multilevel --json`', () => {
  it('three-level model ~ 1 | district/school (REML), with the cluster forest plot', async () => {
    const o = await expectSame({ dataset: DATASET }, { analysis: 'multilevel', random: '~ 1 | district/school' });
    const json = o.json as { k: number; sigma2: { name: string; levels: number }[] };
    expect(json.k).toBe(56);
    expect(json.sigma2.map((s) => [s.name, s.levels])).toEqual([
      ['district', 11],
      ['district/school', 56],
    ]);
    expect(o.plots.map((p) => p.name)).toEqual(['cluster-forest']);
  });

  it('moderators as a formula, t tests, CR2 robust tests by district, one study excluded', async () => {
    const o = await expectSame(
      { dataset: DATASET },
      { analysis: 'multilevel', random: '~ 1 | district/school', mods: '~ year', test: 't', robust: 'CR2', cluster: 'district', exclude: ['3'] },
    );
    expect((o.json as { excludedStudies: string[] }).excludedStudies).toEqual(['3']);
    expect((o.json as { robust: { type: string } }).robust.type).toBe('CR2');
    expect(o.plots).toEqual([]);
  });

  it('crossed terms (two random formulas), ML, sampling covariance imputed for rho = 0.4 within districts', async () => {
    await expectSame({ dataset: DATASET }, { analysis: 'multilevel', random: ['~ 1 | district', '~ 1 | school'], method: 'ML', rho: 0.4, cluster: 'district' });
  });

  it('~ outcome | trial with struct UN and known covariances --vcov v1i,v2i (Berkey 1998), CR1', async () => {
    const o = await expectSame(BERKEY, {
      analysis: 'multilevel',
      random: '~ outcome | trial',
      struct: 'UN',
      mods: 'outcome',
      method: 'ML',
      vcov: ['v1i', 'v2i'],
      cluster: 'trial',
      robust: 'CR1',
    });
    expect((o.json as { struct: string }).struct).toBe('UN');
  });

  it('the settings travel in the address: several random formulas, struct, vcov, rho', () => {
    const s: AnalysisSettings = { analysis: 'multilevel', random: ['~ 1 | district', '~ 1 | school'], struct: 'CS', vcov: ['v1i', 'v2i'], rho: 0.4 };
    expect(settingsFromQuery(settingsToQuery(s))).toEqual({ settings: s, problems: [] });
  });

  it('reports a missing random formula, an unknown method and vcov with rho as problems', () => {
    const run = (s: Partial<AnalysisSettings>) => runAnalysis({ dataset: DATASET }, { analysis: 'multilevel', ...s });
    expect(run({}).problems.map((p) => p.message)).toEqual(['multilevel needs the setting random']);
    expect(run({ random: '~ 1 | district', method: 'DL' }).problems[0]?.message).toBe('multilevel: method must be one of REML, ML, received "DL"');
    expect(run({ random: '~ 1 | district', vcov: ['vi'], rho: 0.5, cluster: 'district' }).problems[0]?.message).toMatch(/not both/);
  });
});
