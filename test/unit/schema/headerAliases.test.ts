import { describe, expect, it } from 'vitest';
import { COLUMN_ALIASES, canonicalColumn, headerKey, headerLevel } from '../../../src/schema/columns.js';
import { parseStudyRecords } from '../../../src/schema/parseStudyRecords.js';
import { parseCsv } from '../../../src/schema/parseCsv.js';
import { MetasynthError } from '../../../src/core/errors.js';

function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof MetasynthError) return e.issues.map((i) => i.message);
    throw e;
  }
  throw new Error('expected an error');
}

describe('header aliases', () => {
  it('headerKey ignores case, spaces, dots and underscores and any percentage', () => {
    expect(headerKey(' Lower 95% CI ')).toBe('lower%ci');
    expect(headerKey('lower_90.5%_ci')).toBe('lower%ci');
    expect(headerKey('CI.LB')).toBe('cilb');
    expect(headerLevel('Upper 90% CI')).toBe(90);
    expect(headerLevel('upper')).toBeUndefined();
  });
  it.each([
    ['CI Lower', 'lower'],
    ['Lower 95% CI', 'lower'],
    ['lower ci', 'lower'],
    ['LCI', 'lower'],
    ['lower_CI', 'lower'],
    ['Ci.Lower', 'lower'],
    ['CI Upper', 'upper'],
    ['Upper 95% CI', 'upper'],
    ['upper ci', 'upper'],
    ['UCI', 'upper'],
    ['95% CI', 'ci_range'],
    ['95 % CI', 'ci_range'],
    ['CI 95%', 'ci_range'],
    ['HR (95% CI)', 'hr_ci'],
    ['hr(95%ci)', 'hr_ci'],
    ['Hazard Ratio', 'hr'],
    ['HR', 'hr'],
    ['Standard Error', 'sei'],
    ['M1I', 'm1i'],
  ])('canonicalColumn(%j) is %s', (header, canonical) => {
    expect(canonicalColumn(header)).toBe(canonical);
  });
  it('no spelling is claimed by two columns, and every listed spelling maps to its column', () => {
    for (const [canonical, spellings] of Object.entries(COLUMN_ALIASES)) {
      for (const s of spellings) expect(canonicalColumn(s), s).toBe(canonical);
    }
    // "CI" alone stays the 2x2 count column ci, not an interval.
    expect(canonicalColumn('CI')).toBe('ci');
    expect(canonicalColumn('ablat')).toBeUndefined();
  });
});

describe('parseStudyRecords with spreadsheet headers', () => {
  const expected = { hr: 0.72, lower: 0.55, upper: 0.94 };
  it('reads Lower/Upper 95% CI headers', () => {
    expect(parseStudyRecords(parseCsv('Study,HR,Lower 95% CI,Upper 95% CI\nA,0.72,0.55,0.94\n')).records[0]).toMatchObject({ ...expected, level: 95 });
  });
  it('takes the level from the headers when there is no level column, with a note when it is not 95', () => {
    const p = parseStudyRecords(parseCsv('Study,HR,Lower 90% CI,Upper 90% CI\nA,0.72,0.55,0.94\n'));
    expect(p.records[0]).toMatchObject({ ...expected, level: 90 });
    expect(p.warnings.map((w) => w.code)).toEqual(['level_from_header']);
    const q = parseStudyRecords(parseCsv('Study,HR,Lower 90% CI,Upper 90% CI,level\nA,0.72,0.55,0.94,95\n'));
    expect(q.records[0]).toMatchObject({ level: 95 });
  });
  it('splits "95% CI" cells into lower and upper, with a note', () => {
    const p = parseStudyRecords(parseCsv('Study,HR,95% CI,year\nA,0.72,0.55-0.94,2001\nB,0.72,0.55 to 0.94,2002\n'));
    expect(p.records.map((r) => ({ ...r }))).toMatchObject([
      { ...expected, moderators: { year: 2001 } },
      { ...expected, moderators: { year: 2002 } },
    ]);
    expect(p.moderators).toEqual([{ name: 'year', type: 'number' }]);
    expect(p.warnings[0]).toMatchObject({ code: 'interval_split', field: '95% CI' });
  });
  it('splits "HR (95% CI)" cells into hr, lower and upper, also with decimal commas', () => {
    expect(parseStudyRecords(parseCsv('Study,HR (95% CI)\nA,0.72 (0.55-0.94)\n')).records[0]).toMatchObject(expected);
    expect(parseStudyRecords(parseCsv('Study;HR (95% CI)\nA;0,72 (0,55-0,94)\n')).records[0]).toMatchObject(expected);
  });
  it('names the combined column, the part and the value in messages', () => {
    expect(problems(() => parseStudyRecords(parseCsv('Study,HR (95% CI)\nA,0.72 (0.94-0.55)\nB,\nC,0.7\n', { file: 'x.csv' })))).toEqual([
      'x.csv row 1 ("A"): lower from "HR (95% CI)" (0.94) must be less than hr (0.72) (are lower and upper swapped?)',
      'x.csv row 1 ("A"): upper from "HR (95% CI)" (0.55) must be greater than hr (0.72) (are lower and upper swapped?)',
      'x.csv row 2 ("B"): HR (95% CI) is empty',
      'x.csv row 3 ("C"): HR (95% CI) (0.7) must be an estimate with its interval such as 0.72 (0.55-0.94)',
    ]);
  });
  it('keeps interval columns as moderators in files of another kind', () => {
    const p = parseStudyRecords(parseCsv('study,yi,vi,95% CI,Lower 90% CI\nA,0.1,0.02,0.55-0.94,0.5\n'));
    expect(p.kind).toBe('generic');
    expect(p.moderators).toEqual([
      { name: '95% CI', type: 'text' },
      { name: 'Lower 90% CI', type: 'number' },
    ]);
    expect(p.warnings).toEqual([]);
  });
  it('refuses ambiguous headers, naming both', () => {
    expect(problems(() => parseStudyRecords(parseCsv('Study,HR,HR (95% CI)\nA,0.72,0.72 (0.55-0.94)\n')))).toEqual([
      'input: columns "HR" and "HR (95% CI)" both give hr; keep one',
    ]);
    expect(problems(() => parseStudyRecords(parseCsv('Study,HR,lower,upper,95% CI\nA,0.72,0.55,0.94,0.55-0.94\n')))).toEqual([
      'input: columns "lower" and "95% CI" both give lower; keep one',
      'input: columns "upper" and "95% CI" both give upper; keep one',
    ]);
    expect(problems(() => parseStudyRecords(parseCsv('Study,HR,Lower CI,LCL,upper\nA,0.72,0.55,0.55,0.94\n')))).toEqual([
      'input: columns "Lower CI" and "LCL" both mean lower; keep one',
    ]);
  });
});

describe('parseStudyRecords with decimal commas', () => {
  it('reads decimal commas in data and moderator cells, never in study labels', () => {
    const p = parseStudyRecords(parseCsv('study;yi;vi;dose\n1,5;0,5;0,1;2,5\n'));
    expect(p.records[0]).toMatchObject({ study: '1,5', yi: 0.5, vi: 0.1, moderators: { dose: 2.5 } });
  });
  it('refuses a decimal point in a table whose decimal mark is the comma, and hints at --decimal for commas', () => {
    expect(problems(() => parseStudyRecords(parseCsv('study;yi;vi\nA;0,5;0.1\n', { file: 'm.csv' })))).toEqual([
      'm.csv row 1 ("A"): vi (0.1) has a decimal point, but the decimal mark of this file is the comma (0,72); write decimal commas throughout, or read the file with decimal points (--decimal .)',
    ]);
    expect(problems(() => parseStudyRecords(parseCsv('study\tyi\tvi\nA\t0,5\t0.1\n')))[0]).toMatch(
      /yi \("0,5"\) must be a number \(a decimal comma: read the file with --decimal ,/,
    );
    expect(parseStudyRecords(parseCsv('study\tyi\tvi\nA\t0,5\t0,1\n', { decimal: ',' })).records[0]).toMatchObject({ yi: 0.5, vi: 0.1 });
  });
  it('does not change the rows it is given', () => {
    const table = parseCsv('study;yi;vi\nA;0,5;0,1\n');
    const before = JSON.stringify(table);
    parseStudyRecords(table);
    expect(JSON.stringify(table)).toBe(before);
  });
});

describe('README', () => {
  it('the Input formats section documents every spelling of COLUMN_ALIASES', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('## Input formats');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 3)).toLowerCase();
    const missing = Object.entries(COLUMN_ALIASES).flatMap(([canonical, spellings]) =>
      spellings.filter((s) => s !== canonical && !section.includes(`\`${s.toLowerCase()}\``)),
    );
    expect(missing).toEqual([]);
  });
});
