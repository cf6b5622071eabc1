// Study characteristics of the report: expected values from R 4.2.2 on metafor's dat.bcg,
// quantile(x, type = 7) and mean(x) of ablat, year and the total sample size tpos+tneg+cpos+cneg.
import { describe, expect, it } from 'vitest';
import { studyCharacteristics } from '../../../src/report/studyCharacteristics.js';
import { fixtureEffectTable, fixtureFiles } from '../../helpers/fixtures.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';

describe('studyCharacteristics(table)', () => {
  const bcg = fixtureFiles().find((f) => f.dataset === 'dat.bcg')!;
  const table = fixtureEffectTable(bcg, 'RR');
  const rows = studyCharacteristics(table);
  const row = (name: string) => rows.find((r) => r.characteristic === name)!;

  it('lists sample size, effect, standard error and each numeric moderator (not the text column alloc)', () => {
    expect(rows.map((r) => r.characteristic)).toEqual(['Sample size', 'Effect (yi)', 'Standard error', 'year', 'ablat']);
  });
  it.each([
    ['ablat', [13, 19, 33, 44, 55], 33.46153846153846],
    ['year', [1948, 1960, 1969, 1974, 1980], 1966.2307692307693],
    ['Sample size', [262, 2992, 4839, 26465, 176782], 27488.23076923077],
  ] as const)("%s: min, quartiles, max and mean equal R's quantile(type = 7) and mean()", (name, five, mean) => {
    const r = row(name);
    expect(r.k).toBe(13);
    expect([r.min, r.q1, r.median, r.q3, r.max]).toEqual(five);
    expectClose(r.mean, mean, TOL.closedForm, `${name} mean`);
  });
  it('interpolates between order statistics (type 7) and does not touch the table', () => {
    const studies = [4, 1, 3, 2].map((x) => ({ study: `S${x}`, effect: x, variance: 1, standardError: 1, moderators: { dose: x, arm: x === 1 ? null : 'a' } }));
    const copy = JSON.stringify(studies);
    const out = studyCharacteristics({ measure: 'GEN', excluded: [], warnings: [], studies });
    expect(out.find((r) => r.characteristic === 'dose')).toEqual({ characteristic: 'dose', k: 4, min: 1, q1: 1.75, median: 2.5, q3: 3.25, max: 4, mean: 2.5 });
    expect(out.some((r) => r.characteristic === 'arm')).toBe(false);
    expect(JSON.stringify(studies)).toBe(copy);
  });
});
