import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../../src/core/closestName.js';

describe('editDistance', () => {
  it('editDistance(a, b) counts insertions, deletions, substitutions and adjacent transpositions', () => {
    expect(editDistance('metod', 'method')).toBe(1);
    expect(editDistance('mesaure', 'measure')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('closestName', () => {
  const names = ['method', 'measure', 'level', 'json', 'dataset', 'mods', 'test'];
  it('closestName(typo, names) finds the intended name', () => {
    expect(closestName('metod', names)).toBe('method');
    expect(closestName('METHOD', names)).toBe('method');
    expect(closestName('leve', names)).toBe('level');
    expect(closestName('jsn', names)).toBe('json');
    expect(closestName('datset', names)).toBe('dataset');
    expect(closestName('meas', names)).toBe('measure');
  });
  it('closestName returns undefined when nothing is close or two names are equally close', () => {
    expect(closestName('zzzz', names)).toBeUndefined();
    expect(closestName('tests', ['test', 'tesst'])).toBeUndefined();
    expect(closestName('x', names)).toBeUndefined();
  });
});

describe('countOf', () => {
  it('countOf(n, noun) is singular for exactly 1', async () => {
    const { countOf } = await import('../../../src/core/plural.js');
    expect(countOf(1, 'expectation')).toBe('1 expectation');
    expect(countOf(0, 'expectation')).toBe('0 expectations');
    expect(countOf(2, 'study', 'studies')).toBe('2 studies');
  });
});
