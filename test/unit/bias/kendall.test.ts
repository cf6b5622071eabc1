import { describe, expect, it } from 'vitest';
import { kendallCounts, kendallExactCdf } from '../../../src/bias/index.js';

function bruteForce(x: number[], y: number[]) {
  let s = 0;
  for (let i = 0; i < x.length; i++) for (let j = i + 1; j < x.length; j++) s += Math.sign(x[i]! - x[j]!) * Math.sign(y[i]! - y[j]!);
  return s;
}

describe('kendallCounts(x, y)', () => {
  it('kendallCounts([1, 2, 3], [1, 3, 2]) gives tau 1/3', () => {
    expect(kendallCounts([1, 2, 3], [1, 3, 2]).tau).toBeCloseTo(1 / 3, 15);
  });
  it('agrees with the O(n²) pair count, with and without ties', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let trial = 0; trial < 50; trial++) {
      const n = 2 + Math.floor(rnd() * 40);
      const ties = trial % 2 === 0;
      const x = Array.from({ length: n }, () => (ties ? Math.floor(rnd() * 5) : rnd()));
      const y = Array.from({ length: n }, () => (ties ? Math.floor(rnd() * 5) : rnd()));
      const c = kendallCounts(x, y);
      expect(c.s).toBe(bruteForce(x, y));
    }
  });
  it('reports tie groups', () => {
    const c = kendallCounts([1, 1, 2, 3, 3, 3], [1, 2, 3, 4, 5, 5]);
    expect([...c.xTies].sort()).toEqual([2, 3]);
    expect(c.yTies).toEqual([2]);
  });
});

describe('kendallExactCdf(q, n)', () => {
  it('kendallExactCdf(2, 4) is 9/24 (inversion counts of S4: 1 3 5 6 5 3 1)', () => {
    expect(kendallExactCdf(2, 4)).toBeCloseTo(9 / 24, 15);
  });
  it('is a distribution: symmetric and summing to 1', () => {
    const n = 9;
    const pairs = (n * (n - 1)) / 2;
    expect(kendallExactCdf(pairs, n)).toBe(1);
    for (let q = 0; q < pairs; q++) {
      expect(kendallExactCdf(q, n) + kendallExactCdf(pairs - q - 1, n)).toBeCloseTo(1, 13);
    }
  });
});
