// The formula grammar (terms, crossings, removals, intercept) and R's deparse of expressions.
import { parse } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { MetasynthError } from '../../../../src/core/errors.js';
import type { StudyEffect } from '../../../../src/effects/types.js';
import { deparse, rNumber } from '../../../../src/regression/formula/deparse.js';
import { formulaDesign, formulaDesignRow } from '../../../../src/regression/formula/formulaDesign.js';
import { parseFormula } from '../../../../src/regression/formula/parseFormula.js';

describe('parseFormula', () => {
  it("parseFormula('~ a*b - 1') crosses a and b and drops the intercept", () => {
    expect(parseFormula('~ a*b - 1')).toEqual({ intercept: false, terms: [['a'], ['b'], ['a', 'b']], variables: ['a', 'b'] });
  });
  it("parseFormula('~ b:a + a + c') orders terms by degree and variables by first appearance", () => {
    expect(parseFormula('~ b:a + a + c').terms).toEqual([['a'], ['c'], ['b', 'a']]);
  });
  it("parseFormula('~ a*b - a:b + 0') removes the interaction and the intercept", () => {
    const f = parseFormula('~ a*b - a:b + 0');
    expect(f.terms).toEqual([['a'], ['b']]);
    expect(f.intercept).toBe(false);
  });
  it("parseFormula('~ pmin(weeks, 3) + I(a - b)') keeps commas and minus signs inside calls", () => {
    expect(parseFormula('~ pmin(weeks, 3) + I(a - b)').variables).toEqual(['pmin(weeks, 3)', 'I(a - b)']);
  });
  it.each([['~ '], ['~ a + (b + c):d'], ['~ a + '], ['y ~ a ~ b'], ['~ pmin(a, 3']])('parseFormula(%j) throws invalid_option', (f) => {
    expect(() => parseFormula(f)).toThrow(MetasynthError);
  });
});

describe('deparse and rNumber', () => {
  it.each([
    ['year-1950', 'year - 1950'],
    ['a/b', 'a/b'],
    ['x^2', 'x^2'],
    ['-x+1', '-x + 1'],
    ['pmin(a,3)', 'pmin(a, 3)'],
    ['(a+b)*2', '(a + b) * 2'],
    ['a>30', 'a > 30'],
  ])('deparse(parse(%j)) = %j (R spacing)', (text, expected) => {
    expect(deparse(parse(text))).toBe(expected);
  });
  it.each([
    [100000, '1e+05'],
    [1950, '1950'],
    [0.5, '0.5'],
    [1e-5, '1e-05'],
    [123456, '123456'],
    [0.1 + 0.2, '0.3'],
  ])('rNumber(%d) = %j', (x, s) => {
    expect(rNumber(x)).toBe(s);
  });
});

describe('formulaDesign', () => {
  const studies: StudyEffect[] = [
    { study: 'A', effect: 0.1, variance: 0.01, standardError: 0.1, row: 1, moderators: { x: 1, g: 'b' } },
    { study: 'B', effect: 0.2, variance: 0.02, standardError: 0.14, row: 2, moderators: { x: 4, g: 'a' } },
    { study: 'C', effect: 0.3, variance: 0.01, standardError: 0.1, row: 3, moderators: { x: -1, g: 'b' } },
    { study: 'D', effect: 0.4, variance: 0.03, standardError: 0.17, row: 4, moderators: { x: null, g: 'a' } },
  ];
  it("formulaDesign(studies, '~ log(x) + g') leaves out the rows where log(x) or x is not a real number", () => {
    const d = formulaDesign(studies, '~ log(x) + g');
    expect(d.names).toEqual(['intrcpt', 'log(x)', 'gb']);
    expect(d.rows).toEqual([0, 1]);
    expect(d.excluded.map((e) => e.study)).toEqual(['C', 'D']);
  });
  it('formulaDesignRow rebuilds a design row for new values, with the fitted scale() constants', () => {
    const d = formulaDesign(studies.slice(0, 3), '~ scale(x) + g');
    const row = formulaDesignRow(d.spec, { x: 4, g: 'a' });
    const j = 1;
    expect(row[0]).toBe(1);
    expect(row[j]).toBeCloseTo(d.columns[j]![1]!, 12);
    expect(row[2]).toBe(0);
  });
  it('does not change the studies it reads', () => {
    const copy = structuredClone(studies);
    formulaDesign(studies, '~ x*g + I(x^2)');
    expect(studies).toEqual(copy);
  });
});
