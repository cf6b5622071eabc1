import { describe, expect, it } from 'vitest';
import { MetasynthError } from '../../../src/core/errors.js';
import { formatFixed, formatNumber, formatPValue, formatTable, toJsonText, writeJson } from '../../../src/cli/format.js';

describe('src/cli/format', () => {
  it("formatNumber(-0.889311333920205) // '-0.8893'", () => {
    expect(formatNumber(-0.889311333920205)).toBe('-0.8893');
    expect(formatNumber(123.456, 4)).toBe('123.5');
    expect(formatNumber(0.000012345, 3)).toBe('1.23e-5');
    expect(formatNumber(null)).toBe('NA');
    expect(formatNumber(NaN)).toBe('NA');
    expect(formatNumber(0)).toBe('0');
  });
  it("formatFixed(-0.00001, 4) // '0.0000' (no negative zero)", () => {
    expect(formatFixed(-0.00001, 4)).toBe('0.0000');
    expect(formatFixed(0.32558476)).toBe('0.3256');
  });
  it("formatPValue(1e-7) // '<.0001'", () => {
    expect(formatPValue(1e-7)).toBe('<.0001');
    expect(formatPValue(0.0123)).toBe('0.0123');
  });
  it('formatTable aligns columns', () => {
    expect(
      formatTable(
        [{ header: 'study' }, { header: 'yi', align: 'right' }],
        [
          ['A', '0.1'],
          ['Bb', '-0.25'],
        ],
      ),
    ).toBe('study     yi\n-----  -----\nA        0.1\nBb     -0.25');
  });
  it('toJsonText refuses NaN and Infinity with an internal error', () => {
    expect(() => toJsonText({ a: [1, NaN] })).toThrow(MetasynthError);
    expect(() => toJsonText({ a: Infinity })).toThrow(/non-finite/);
    try {
      toJsonText({ a: -Infinity });
    } catch (e) {
      expect((e as MetasynthError).code).toBe('internal');
    }
    expect(toJsonText({ a: null, b: 1 })).toBe('{\n  "a": null,\n  "b": 1\n}');
  });
  it('writeJson(io, value) prints exactly one document', () => {
    let out = '';
    writeJson(
      {
        stdout: (t) => {
          out += t;
        },
        stderr: () => {},
        isTTY: false,
        cwd: '.',
      },
      { k: 1 },
    );
    expect(JSON.parse(out)).toEqual({ k: 1 });
    expect(out.endsWith('}\n')).toBe(true);
  });
});
