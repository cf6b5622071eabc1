// The intercept-only row pass (interceptRowPass.ts) against the sums taken row by row: Σα^r·y^j and
// Σ log(v_i + s), for ordinary sampling variances and for variances spread over 1e±40 (the runs
// whose products could leave the range of a double take their logarithms one by one).
// Data here are SYNTHETIC (made up in the test).
import { describe, expect, it } from 'vitest';
import { interceptRowPass } from '../../../src/multilevel/interceptRowPass.js';

/** 300 rows in parents of 1 to 40 rows (sorted), v from `variance(i)`, y made up. */
function rows(variance: (i: number) => number) {
  const parent: number[] = [];
  for (let g = 0; parent.length < 300; g++) for (let j = 0; j < 1 + ((g * 7) % 40) && parent.length < 300; j++) parent.push(g);
  const v = Float64Array.from(parent, (_, i) => variance(i));
  const y = Float64Array.from(parent, (_, i) => Math.sin(i * 0.37) * 2);
  return { parent: Int32Array.from(parent), v, y, groups: parent[parent.length - 1]! + 1 };
}

describe('interceptRowPass', () => {
  const cases: [string, (i: number) => number, number][] = [
    ['ordinary variances', (i) => 0.01 + (0.09 * ((i * 13) % 11)) / 11, 0.05],
    ['variances over 1e±40', (i) => 10 ** (((i * 17) % 81) - 40), 0.05],
    ['variances over 1e±40, no added variance', (i) => 10 ** (((i * 17) % 81) - 40), 0],
    // Products of 16 such factors leave the range of a double (1e480, 1e-480).
    ['variances near 1e30', (i) => 1e30 * (1 + (i % 3)), 0.05],
    ['variances near 1e-30, no added variance', (i) => 1e-30 * (1 + (i % 3)), 0],
  ];
  it.each(cases)('%s (s = %d): the same sums and Σ log(v + s) as row by row', (_, variance, s) => {
    const { parent, v, y, groups } = rows(variance);
    const dst = new Float64Array(groups * 8);
    const m = new Float64Array(groups * 21);
    const logs = interceptRowPass(parent, s, v, y, dst, m);
    let direct = 0;
    const want = new Float64Array(groups * 3);
    for (let i = 0; i < v.length; i++) {
      direct += Math.log(v[i]! + s);
      const a = 1 / (v[i]! + s);
      want[parent[i]! * 3] = want[parent[i]! * 3]! + a;
      want[parent[i]! * 3 + 1] = want[parent[i]! * 3 + 1]! + a * y[i]!;
      want[parent[i]! * 3 + 2] = want[parent[i]! * 3 + 2]! + a * a * a * y[i]! * y[i]!;
    }
    expect(Math.abs(logs - direct)).toBeLessThan(1e-12 * Math.abs(direct) + 1e-12);
    for (let g = 0; g < groups; g++) {
      // Σα, Σα·y (group cells 0 and 3) and Σα³·y² (third moment block, cell 6).
      expect(Math.abs(dst[g * 8]! - want[g * 3]!)).toBeLessThan(1e-12 * want[g * 3]!);
      expect(Math.abs(dst[g * 8 + 3]! - want[g * 3 + 1]!)).toBeLessThan(1e-12 * Math.abs(want[g * 3]!));
      expect(Math.abs(m[g * 21 + 20]! - want[g * 3 + 2]!)).toBeLessThan(1e-12 * Math.abs(want[g * 3 + 2]!) + 1e-300);
    }
  });
});
