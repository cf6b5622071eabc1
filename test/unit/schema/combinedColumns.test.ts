import { describe, expect, it } from 'vitest';
import { splitCombinedCell, splitEstimateInterval, splitInterval } from '../../../src/schema/combinedColumns.js';

describe('splitInterval', () => {
  it.each([['0.55-0.94'], ['0.55 - 0.94'], ['0.55–0.94'], ['0.55 to 0.94'], ['0.55, 0.94'], ['(0.55-0.94)'], ['[0.55; 0.94]'], ['95% CI 0.55-0.94']])(
    'splitInterval(%j) is 0.55 and 0.94',
    (text) => {
      expect(splitInterval(text)).toEqual({ lower: '0.55', upper: '0.94' });
    },
  );
  it('splitInterval(text, ",") reads decimal commas (a comma is then not a separator)', () => {
    expect(splitInterval('0,55-0,94', ',')).toEqual({ lower: '0.55', upper: '0.94' });
    expect(splitInterval('0,55 to 0,94', ',')).toEqual({ lower: '0.55', upper: '0.94' });
    expect(splitInterval('0,55, 0,94', ',')).toBeUndefined();
  });
  it('splitInterval returns undefined for text that is not an interval', () => {
    for (const t of ['0.55/0.94', '0.55', 'n/a', '0.55-0.94-1', '-0.5-0.3', '']) expect(splitInterval(t), t).toBeUndefined();
  });
});

describe('splitEstimateInterval', () => {
  it.each([
    ['0.72 (0.55-0.94)'],
    ['0.72 (0.55 to 0.94)'],
    ['0.72 [0.55, 0.94]'],
    ['0.72 (95% CI 0.55–0.94)'],
    ['0.72(0.55-0.94)'],
    ['0.72 (95% CI: 0.55 to 0.94)'],
  ])('splitEstimateInterval(%j) is 0.72, 0.55, 0.94', (text) => {
    expect(splitEstimateInterval(text)).toEqual({ estimate: '0.72', lower: '0.55', upper: '0.94' });
  });
  it('splitEstimateInterval rejects a missing bracket, separator or estimate', () => {
    for (const t of ['0.72 0.55-0.94', '0.72 (0.55 0.94)', '(0.55-0.94)', '0.72']) expect(splitEstimateInterval(t), t).toBeUndefined();
    expect(splitEstimateInterval('0,72 (0,55-0,94)', ',')).toEqual({ estimate: '0.72', lower: '0.55', upper: '0.94' });
  });
  it('splitCombinedCell names the parts after the column', () => {
    expect(splitCombinedCell('0.72 (0.55-0.94)', 'hr_ci', 'HR (95% CI)', '.')).toEqual({
      'hr from "HR (95% CI)"': '0.72',
      'lower from "HR (95% CI)"': '0.55',
      'upper from "HR (95% CI)"': '0.94',
    });
  });
});
