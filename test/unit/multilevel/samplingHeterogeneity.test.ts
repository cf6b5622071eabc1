// QE's sampling sums of an intercept-only model (heterogeneity.ts): the saturated log-likelihood
// −½·k·log 2π − ½·Σ log v_i against the sum taken row by row, for ordinary variances and for
// variances whose products of 16 would leave the range of a double. Data here are SYNTHETIC.
import { describe, expect, it } from 'vitest';
import type { StudyEffect } from '../../../src/effects/types.js';
import { samplingHeterogeneity } from '../../../src/multilevel/heterogeneity.js';
import { planBlocks } from '../../../src/multilevel/likelihood.js';
import { buildModelData } from '../../../src/multilevel/modelData.js';
import { parseRandomTerm } from '../../../src/multilevel/randomTerms.js';

function rows(variance: (i: number) => number): StudyEffect[] {
  return Array.from({ length: 120 }, (_, i) => {
    const v = variance(i);
    return { study: `S${i}`, effect: Math.sin(i), variance: v, standardError: Math.sqrt(v), moderators: { study: i >> 2, es: i } };
  });
}

describe('samplingHeterogeneity (intercept only)', () => {
  it.each([
    ['ordinary variances', (i: number) => 0.01 + 0.001 * (i % 7)],
    ['variances near 1e30', (i: number) => 1e30 * (1 + (i % 3))],
    ['variances near 1e-30', (i: number) => 1e-30 * (1 + (i % 3))],
  ])('%s: the saturated log-likelihood is −½k·log 2π − ½Σ log v', (_, variance) => {
    const data = buildModelData(rows(variance), { random: [parseRandomTerm('~ 1 | study/es')], mods: [] });
    const het = samplingHeterogeneity(data, planBlocks(data), 2);
    let logs = 0;
    for (const v of data.v) logs += Math.log(v);
    const want = -0.5 * data.v.length * Math.log(2 * Math.PI) - 0.5 * logs;
    expect(Math.abs(het.logLikSaturated - want)).toBeLessThan(1e-12 * Math.abs(want));
  });
});
