// The CLI options the page's settings now carry (subgroup --common-tau2, bias --predictor/--estimator,
// sensitivity --order, selection --alternative/--delta, GLMM --glmm-method/--nagq, bayes --mu-prior): the command
// cliCommandFor writes, run through the CLI's own main, prints runAnalysis's JSON; the address keeps them.
import { describe, expect, it } from 'vitest';
import { cliCommandFor } from '../../../src/session/cliCommand.js';
import { settingsFromQuery, settingsToQuery } from '../../../src/session/query.js';
import { runAnalysis } from '../../../src/session/runAnalysis.js';
import type { AnalysisSettings } from '../../../src/session/settings.js';
import { cliJson, fileText } from './cliParity.js';

const BCG = 'test/fixtures/metafor/dat.bcg.csv';

const CASES: readonly AnalysisSettings[] = [
  { analysis: 'subgroup', measure: 'RR', by: 'alloc', commonTau2: true },
  { analysis: 'subgroup', measure: 'RR', by: 'alloc', commonTau2: false, method: 'DL' },
  { analysis: 'bias', measure: 'RR', biasPredictor: 'vi', trimFillEstimator: 'R0' },
  { analysis: 'bias', measure: 'OR', biasPredictor: 'sqrtninv', trimFillEstimator: 'Q0', method: 'DL' },
  { analysis: 'sensitivity', measure: 'RR', order: 'year' },
  { analysis: 'selection', measure: 'RR', selectionType: 'stepfun', steps: [0.05, 1], selectionAlternative: 'less' },
  { analysis: 'selection', measure: 'RR', selectionType: 'beta', selectionAlternative: 'two.sided' },
  { analysis: 'glmm', measure: 'OR', glmmMethod: 'EE' },
  { analysis: 'glmm', measure: 'OR', glmmModel: 'UM.RS', nagq: 3 },
  { analysis: 'bayes', measure: 'RR', muPrior: 'normal:0,4' },
  { analysis: 'selection', measure: 'RR', selectionType: 'stepfun', steps: [0.05, 0.5, 1], selectionAlternative: 'less', selectionDelta: [1, null, 0.5] },
  { analysis: 'selection', measure: 'RR', selectionType: 'beta', selectionDelta: [1, null] },
  { analysis: 'selection', measure: 'RR', selectionType: 'power', selectionDelta: [2] },
];

describe('the CLI options of the page: runAnalysis equals the command cliCommandFor writes', () => {
  it.each(CASES.map((s) => [cliCommandFor(s, BCG), s] as const))('%s', async (command, settings) => {
    // No word here needs shell quoting (cliCommand.test.ts checks the quoting): split on spaces.
    const argv = command.split(' ');
    const cli = await cliJson([...argv.slice(1), '--json']);
    expect(cli.code, cli.err).toBe(0);
    const o = runAnalysis({ text: fileText(BCG), format: 'csv', name: BCG }, settings);
    if (!o.ok) throw new Error(o.problems.map((p) => p.message).join('\n'));
    expect(o.json).toEqual(cli.json);
  });

  it('writes each option as the CLI spells it (a switch alone, only when on)', () => {
    expect(cliCommandFor(CASES[0]!, 'b.csv')).toBe('metasynth subgroup b.csv --measure RR --by alloc --common-tau2');
    expect(cliCommandFor(CASES[1]!, 'b.csv')).toBe('metasynth subgroup b.csv --measure RR --method DL --by alloc');
    expect(cliCommandFor(CASES[2]!, 'b.csv')).toBe('metasynth bias b.csv --measure RR --predictor vi --estimator R0');
    expect(cliCommandFor(CASES[8]!, 'b.csv')).toBe('metasynth pool b.csv --method GLMM --measure OR --model UM.RS --nagq 3');
    expect(cliCommandFor(CASES[10]!, 'b.csv')).toBe(
      'metasynth selection b.csv --measure RR --type stepfun --steps 0.05,0.5,1 --alternative less --delta 1,NA,0.5',
    );
  });

  it('the options change the result (the setting reaches the analysis)', () => {
    const json = (s: AnalysisSettings) => {
      const o = runAnalysis({ text: fileText(BCG), format: 'csv' }, s);
      return o.ok ? o.json : null;
    };
    const common = json(CASES[0]!) as { subgroups: { tau2: number }[] };
    const separate = json({ ...CASES[0]!, commonTau2: undefined }) as { subgroups: { tau2: number }[] };
    expect(common.subgroups[0]!.tau2).toBe(common.subgroups[1]!.tau2);
    expect(separate.subgroups[0]!.tau2).not.toBe(separate.subgroups[1]!.tau2);
    expect((json(CASES[2]!) as { egger: { predictor: string } }).egger.predictor).toBe('vi');
    const delta = (s: AnalysisSettings) => (json(s) as { delta: { estimate: number; standardError: number | null; fixed: boolean }[] }).delta;
    const pinned = delta(CASES[10]!);
    expect(pinned.map((d) => d.fixed)).toEqual([true, false, true]);
    expect(pinned[2]).toMatchObject({ estimate: 0.5, standardError: null });
    expect(delta({ ...CASES[10]!, selectionDelta: undefined })[2]!.estimate).not.toBe(0.5);
  });
});

describe('the address keeps the new settings', () => {
  it.each(CASES.map((c) => [settingsToQuery(c), c] as const))('round trip of %s', (query, settings) => {
    const back = settingsFromQuery(query);
    expect(back.problems).toEqual([]);
    expect(back.settings).toEqual(settings);
  });
  it('reports bad values of the new settings and keeps the rest', () => {
    const r = settingsFromQuery('a=bias&bp=xx&tf=L0&ct2=maybe&nq=0.5&sa=less');
    expect(r.settings).toEqual({ analysis: 'bias', trimFillEstimator: 'L0', selectionAlternative: 'less' });
    expect(r.problems.map((p) => p.field)).toEqual(['biasPredictor', 'commonTau2', 'nagq']);
  });
  it('writes fixed δs as the CLI does (NA for an estimated one) and reads NA or an empty entry as estimated', () => {
    expect(settingsToQuery(CASES[10]!)).toContain('sd=1%2CNA%2C0.5');
    expect(settingsFromQuery('a=selection&sd=1,,0.5').settings.selectionDelta).toEqual([1, null, 0.5]);
    expect(settingsFromQuery('a=selection&sd=na,%200.25').settings.selectionDelta).toEqual([null, 0.25]);
  });
  it('reports a δ that is no number and keeps the rest', () => {
    const r = settingsFromQuery('a=selection&st=stepfun&sd=1,abc');
    expect(r.settings).toEqual({ analysis: 'selection', selectionType: 'stepfun' });
    expect(r.problems.map((p) => [p.code, p.field, p.received])).toEqual([['invalid_setting', 'selectionDelta', '1,abc']]);
  });
});

describe('fixed δs the selection model refuses are problems of the page, with the library message', () => {
  const run = (selectionDelta: (number | null)[]) =>
    runAnalysis({ text: fileText(BCG), format: 'csv' }, { analysis: 'selection', measure: 'RR', selectionType: 'stepfun', steps: [0.05, 1], selectionDelta });
  it.each([
    [[1, -1], /delta\[2\] \(-1\) must be a finite number >= 0/],
    [[1, 0.5, 0.5], /delta must give 2 values .*received 3: 1,0.5,0.5/],
    [[1, 0], /delta\[2\] is fixed at 0, but \d+ stud/],
  ] as const)('%j', (delta, message) => {
    const o = run([...delta]);
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.problems).toHaveLength(1);
    expect(o.problems[0]!.message).toMatch(message);
  });
});
