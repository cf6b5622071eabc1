import { describe, expect, it } from 'vitest';
import { decimalOfCells, describeDialect, detectDelimiter, hasDecimalComma, hasDecimalPoint, toPointDecimal } from '../../../src/schema/dialect.js';
import { parseCsv } from '../../../src/schema/parseCsv.js';

describe('detectDelimiter', () => {
  it('detectDelimiter(header) picks the separator most frequent outside quotes, comma on a tie or none', () => {
    expect(detectDelimiter('study;hr;lower;upper')).toBe(';');
    expect(detectDelimiter('study\thr\tlower')).toBe('\t');
    expect(detectDelimiter('study,hr,lower')).toBe(',');
    expect(detectDelimiter('"a;b;c",d')).toBe(',');
    expect(detectDelimiter('study')).toBe(',');
    expect(detectDelimiter('a;b,c')).toBe(',');
  });
});

describe('decimal marks', () => {
  it('hasDecimalComma / hasDecimalPoint recognise whole number cells only', () => {
    expect(['0,72', '-1,5E-3', ',5', '12,'].map(hasDecimalComma)).toEqual([true, true, true, true]);
    expect(['Smith, 2001', '1,2,3', '0.72', '12'].map(hasDecimalComma)).toEqual([false, false, false, false]);
    expect(['0.72', '.5', '1.2e-3', '12', 'v1.2'].map(hasDecimalPoint)).toEqual([true, true, true, false, false]);
  });
  it('decimalOfCells(";", rows) is the comma when a cell has a decimal comma (also inside an interval), else the point', () => {
    expect(decimalOfCells(';', [['A', '0,72']])).toEqual({ decimal: ',', source: 'cells' });
    expect(decimalOfCells(';', [['A', '0,72 (0,55-0,94)']])).toEqual({ decimal: ',', source: 'cells' });
    expect(decimalOfCells(';', [['A', '0.72', 'Smith, 2001']])).toEqual({ decimal: '.', source: 'cells' });
    expect(decimalOfCells('\t', [['A', '0,72']])).toEqual({ decimal: '.', source: 'default' });
  });
  it('toPointDecimal(text, ",") rewrites decimal commas and flags decimal points', () => {
    expect(toPointDecimal('0,72', ',')).toEqual({ text: '0.72', mixed: false });
    expect(toPointDecimal(' 1,5e-3 ', ',')).toEqual({ text: '1.5e-3', mixed: false });
    expect(toPointDecimal('1.234', ',')).toEqual({ text: '1.234', mixed: true });
    expect(toPointDecimal('12', ',')).toEqual({ text: '12', mixed: false });
    expect(toPointDecimal('0,72', '.')).toEqual({ text: '0,72', mixed: false });
  });
});

describe('parseCsv dialects', () => {
  it('parseCsv(semicolon text) reports the dialect it used and how it was chosen', () => {
    const t = parseCsv('study;hr;lower;upper\r\n"A; B";0,72;0,55;0,94\r\n', { file: 'a.csv' });
    expect(t.columns).toEqual(['study', 'hr', 'lower', 'upper']);
    expect(t.rows[0]!.study).toBe('A; B');
    expect(t.rows[0]!.hr).toBe('0,72');
    expect(t.decimal).toBe(',');
    expect(t.dialect).toEqual({ delimiter: ';', decimal: ',', delimiterSource: 'header', decimalSource: 'cells' });
    expect(describeDialect(t.dialect!)).toBe('semicolon-separated (found in the header), decimal comma (found in the cells)');
  });
  it('parseCsv(text, { delimiter, decimal }) uses the options given', () => {
    const t = parseCsv('study,yi,vi\nA,"0,1","0,02"\n', { delimiter: ',', decimal: ',' });
    expect(t.dialect).toEqual({ delimiter: ',', decimal: ',', delimiterSource: 'option', decimalSource: 'option' });
    expect(parseCsv('study\tyi\tvi\nA\t0.1\t0.02\n').dialect).toEqual({ delimiter: '\t', decimal: '.', delimiterSource: 'header', decimalSource: 'default' });
  });
  it('parseCsv(comma text) keeps plain CSV as before (comma, point, default)', () => {
    expect(parseCsv('study,yi,vi\nA,0.1,0.02\n').dialect).toEqual({ delimiter: ',', decimal: '.', delimiterSource: 'default', decimalSource: 'default' });
  });
  it('parseCsv(semicolon text, { delimiter: "," }) names the real separator of a one-column header', () => {
    expect(() => parseCsv('study;yi;vi\nA;1;2\n', { delimiter: ',' })).toThrow();
    try {
      parseCsv('study;yi;vi\nA;1;2\n', { delimiter: ',' });
    } catch (e) {
      expect((e as { issues: { message: string }[] }).issues[0]!.message).toMatch(/separated by semicolons or tabs\? give --delimiter/);
    }
  });
});
