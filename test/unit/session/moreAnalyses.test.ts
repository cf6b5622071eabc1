// runAnalysis equals the CLI for the selection model, the Bayesian model and the GLMM (pool --method GLMM), on small
// inputs so the fits stay quick: five BCG trials (metafor's dat.bcg) written to a temporary file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliCommandFor } from '../../../src/session/cliCommand.js';
import { runAnalysis } from '../../../src/session/runAnalysis.js';
import type { AnalysisSettings } from '../../../src/session/settings.js';
import { cliJson, fileText } from './cliParity.js';

const BCG = 'test/fixtures/metafor/dat.bcg.csv';
const FIVE = join(mkdtempSync(join(tmpdir(), 'metasynth-session-')), 'bcg5.csv');
writeFileSync(FIVE, `${fileText(BCG).trimEnd().split('\n').slice(0, 6).join('\n')}\n`);

/** The words of a command cliCommandFor wrote (single-quoted words with '\'' for a quote). */
function shellWords(command: string): string[] {
  return [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!));
}

async function expectSame(file: string, settings: AnalysisSettings) {
  const argv = shellWords(cliCommandFor(settings, file)).slice(1);
  const cli = await cliJson([...argv, '--json']);
  expect(cli.code, cli.err).toBe(0);
  const o = runAnalysis({ text: fileText(file), format: 'csv', name: file }, settings);
  if (!o.ok) throw new Error(o.problems.map((p) => p.message).join('\n'));
  expect(o.json).toEqual(cli.json);
  if (settings.exclude) expect((o.json as { excludedStudies?: string[] }).excludedStudies).toEqual(settings.exclude);
}

describe('runAnalysis equals the CLI for selection, bayes and glmm', () => {
  it('selection --type stepfun --steps 0.05,1 (BCG, RR)', async () => {
    await expectSame(BCG, { analysis: 'selection', measure: 'RR', selectionType: 'stepfun', steps: [0.05, 1] });
  });
  it('selection --type halfnorm, ML', async () => {
    await expectSame(BCG, { analysis: 'selection', measure: 'RR', selectionType: 'halfnorm', method: 'ML' });
  });
  it('bayes --tau-prior halfnormal:0.5 (BCG, RR), with the posterior forest plot', async () => {
    await expectSame(BCG, { analysis: 'bayes', measure: 'RR', tauPrior: 'halfnormal:0.5' });
    const o = runAnalysis({ text: fileText(BCG), format: 'csv' }, { analysis: 'bayes', measure: 'RR' });
    expect(o.ok && o.plots.map((p) => p.name)).toEqual(['bayes-forest']);
  });
  it('pool --method GLMM --measure OR (five BCG trials, UM.FS)', async () => {
    await expectSame(FIVE, { analysis: 'glmm', measure: 'OR' });
  });
  it('--exclude in selection, bayes and pool --method GLMM: the same document, with excludedStudies', async () => {
    await expectSame(BCG, { analysis: 'selection', measure: 'RR', selectionType: 'halfnorm', exclude: ['Aronson, 1948'] });
    await expectSame(BCG, { analysis: 'bayes', measure: 'RR', exclude: ['Aronson, 1948'] });
    await expectSame(FIVE, { analysis: 'glmm', measure: 'OR', exclude: ['Aronson, 1948'] });
  });
});
