// The settings in the address: short stable keys, a round trip that gives the settings back, and every
// unknown key or bad value reported as a problem (never thrown), the rest kept.
import { describe, expect, it } from 'vitest';
import { settingsFromQuery, settingsToQuery } from '../../../src/session/query.js';
import { analysisSettingsSchema, type AnalysisSettings } from '../../../src/session/settings.js';

const CASES: readonly AnalysisSettings[] = [
  { analysis: 'pool' },
  { analysis: 'pool', measure: 'RR', method: 'DL', test: 'knha', level: 90, by: 'alloc', control: 'metafor' },
  { analysis: 'regress', measure: 'OR', mods: '~ ablat + factor(alloc)', robust: 'CR2', cluster: 'site & more' },
  { analysis: 'selection', selectionType: 'stepfun', steps: [0.025, 0.5, 1] },
  { analysis: 'glmm', measure: 'OR', glmmModel: 'CM.EL' },
  { analysis: 'multilevel', random: '~ 1 | district/school', weights: 'w', tau2Ci: 'PL' },
  { analysis: 'pool', exclude: ['Aronson, 1948', 'Ferguson & Simes, 1949', '<img src=x onerror=alert(1)>', 'a=b&c'] },
  { analysis: 'bayes', tauPrior: 'halfnormal:0.5' },
];

describe('settingsToQuery / settingsFromQuery', () => {
  it.each(CASES.map((c) => [settingsToQuery(c), c] as const))('round trip of %s', (query, settings) => {
    const back = settingsFromQuery(query);
    expect(back.problems).toEqual([]);
    expect(back.settings).toEqual(settings);
    expect(analysisSettingsSchema.parse(back.settings)).toEqual(settings);
  });

  it('writes short keys in a fixed order', () => {
    expect(settingsToQuery({ level: 90, measure: 'RR', analysis: 'pool' })).toBe('a=pool&m=RR&l=90');
    expect(settingsToQuery({ analysis: 'pool', exclude: ['A', 'B'] })).toBe('a=pool&ex=A&ex=B');
  });

  it('reads with or without "?"; the analysis defaults to pool', () => {
    expect(settingsFromQuery('?m=OR').settings).toEqual({ analysis: 'pool', measure: 'OR' });
    expect(settingsFromQuery('').settings).toEqual({ analysis: 'pool' });
  });

  it('reports unknown keys and bad values, keeps the rest, never throws', () => {
    const r = settingsFromQuery('a=pool&m=XYZ&l=abc&zz=1&me=REML&s=0.5,,1&st=nope');
    expect(r.settings).toEqual({ analysis: 'pool', method: 'REML' });
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([
      ['invalid_setting', 'measure'],
      ['invalid_setting', 'level'],
      ['unknown_setting', 'zz'],
      ['invalid_setting', 'steps'],
      ['invalid_setting', 'selectionType'],
    ]);
    expect(r.problems[0]?.message).toContain('"XYZ"');
    expect(settingsFromQuery('a=nothing').problems[0]?.field).toBe('analysis');
    expect(() => settingsFromQuery('%%%&&&==')).not.toThrow();
  });
});
