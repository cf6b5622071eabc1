// cliCommandFor gives the exact command: split as a POSIX shell splits it and run through the CLI's own
// main (in-process), it prints the JSON document runAnalysis returns for the same data and settings.
import { describe, expect, it } from 'vitest';
import { cliCommandFor, shellQuote } from '../../../src/session/cliCommand.js';
import { runAnalysis } from '../../../src/session/runAnalysis.js';
import type { AnalysisSettings } from '../../../src/session/settings.js';
import { cliJson, cliText, fileText } from './cliParity.js';

/** Shell words of a command line: unquoted words, single-quoted text, and `'\''` joins (what shellQuote writes). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '\\') {
      word = (word ?? '') + line[++i];
    } else if (ch === ' ') {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === '#' && word === null) {
      break;
    } else word = (word ?? '') + ch;
  }
  if (word !== null) words.push(word);
  return words;
}

const BCG = 'test/fixtures/metafor/dat.bcg.csv';
const CASES: readonly AnalysisSettings[] = [
  { analysis: 'pool', measure: 'RR', method: 'PM', test: 'knha', level: 90 },
  { analysis: 'pool', measure: 'OR', by: 'alloc', control: 'metafor' },
  { analysis: 'subgroup', measure: 'RR', by: 'alloc', method: 'DL' },
  { analysis: 'regress', measure: 'RR', mods: '~ ablat', robust: 'CR1', cluster: 'alloc' },
  { analysis: 'sensitivity', measure: 'RD', method: 'EE' },
  { analysis: 'pool', measure: 'RR', exclude: ['Aronson, 1948', 'Comstock et al, 1974'] },
  { analysis: 'subgroup', measure: 'RR', by: 'alloc', exclude: ['Hart & Sutherland, 1977'] },
  { analysis: 'regress', measure: 'RR', mods: 'ablat', exclude: ['Vandiviere et al, 1973'] },
  { analysis: 'bias', measure: 'RR', exclude: ['Aronson, 1948'] },
  { analysis: 'sensitivity', measure: 'RR', exclude: ['Aronson, 1948'] },
];

describe('cliCommandFor(settings, file)', () => {
  it.each(CASES.map((s) => [cliCommandFor(s, BCG), s] as const))('%s prints what runAnalysis returns', async (command, settings) => {
    const argv = shellWords(command);
    expect(argv.slice(0, 2)).toEqual(['metasynth', settings.analysis]);
    const cli = await cliJson([...argv.slice(1), '--json']);
    expect(cli.code, cli.err).toBe(0);
    const o = runAnalysis({ text: fileText(BCG), format: 'csv', name: BCG }, settings);
    expect(o.ok && o.json).toEqual(cli.json);
  });

  it('where the CLI refuses, runAnalysis reports the same message as a problem', async () => {
    const settings: AnalysisSettings = { analysis: 'regress', measure: 'RR', mods: '~ ablat + factor(alloc)', robust: 'CR1', cluster: 'alloc' };
    const cli = await cliJson([...shellWords(cliCommandFor(settings, BCG)).slice(1), '--json']);
    const o = runAnalysis({ text: fileText(BCG), format: 'csv', name: BCG }, settings);
    expect(cli.code).toBe(2);
    expect(o.ok).toBe(false);
    expect(cli.err).toBe(`metasynth: ${o.problems[0]?.message}\n`);
  });

  it('quotes every word a shell would read otherwise', () => {
    const label = "x'; rm -rf / #";
    const command = cliCommandFor({ analysis: 'regress', mods: '~ a + b', by: '$(id)', exclude: [label] }, 'my file `x`.csv');
    expect(shellWords(command)).toEqual(['metasynth', 'regress', 'my file `x`.csv', '--mods', '~ a + b', '--exclude', label]);
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellWords(shellQuote("it's"))).toEqual(["it's"]);
  });

  it('--exclude lists the studies left out (JSON excludedStudies, a text line) and refuses a label no study has', async () => {
    const cli = await cliJson(['pool', BCG, '--measure', 'RR', '--exclude', 'Aronson, 1948', '--json']);
    expect((cli.json as { k: number; excludedStudies: string[] }).k).toBe(12);
    expect((cli.json as { excludedStudies: string[] }).excludedStudies).toEqual(['Aronson, 1948']);
    const plain = await cliJson(['pool', BCG, '--measure', 'RR', '--json']);
    expect(plain.json).not.toHaveProperty('excludedStudies');
    const text = await cliText(['pool', BCG, '--measure', 'RR', '--exclude', 'Aronson, 1948', '--exclude', 'Rosenthal et al, 1960']);
    expect(text).toContain('Excluded by --exclude (2 studies): "Aronson, 1948", "Rosenthal et al, 1960"');
    const bad = await cliJson(['subgroup', BCG, '--measure', 'RR', '--by', 'alloc', '--exclude', 'Aronson 1948', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(`metasynth: subgroup: --exclude "Aronson 1948": no study in ${BCG} is labelled so (labels are matched exactly)\n`);
  });

  it('a bundled dataset is --dataset; glmm is pool --method GLMM', () => {
    expect(cliCommandFor({ analysis: 'glmm', measure: 'OR', glmmModel: 'CM.EL' }, { dataset: 'classic/bcg' })).toBe(
      'metasynth pool --dataset classic/bcg --method GLMM --measure OR --model CM.EL',
    );
  });
});
