// Pixel test of a tall forest plot: k = 200 SYNTHETIC studies (made up here from a fixed formula,
// not evidence), to catch squares, labels or columns that break at large k. Slow (a tall image):
// in the full suite.
import { describe, it } from 'vitest';
import { buildPlotSpec } from '../../../src/cli/commands/plot.js';
import type { EffectTable, StudyEffect } from '../../../src/effects/types.js';
import { expectPixels } from '../../helpers/pixels.js';

/** SYNTHETIC: 200 log risk ratios with variances spread over two orders of magnitude. */
function syntheticLarge(k = 200): EffectTable {
  const studies: StudyEffect[] = Array.from({ length: k }, (_, i) => {
    const v = 0.004 + (0.4 * ((i * 37) % 101)) / 100;
    const y = -0.4 + 0.5 * Math.sin(i * 1.3) + 0.2 * Math.cos(i * 0.7);
    return { study: `Synthetic study ${i + 1}`, effect: y, variance: v, standardError: Math.sqrt(v), row: i + 1, moderators: {} };
  });
  return { measure: 'RR', studies, excluded: [], warnings: [], file: 'synthetic-200', synthetic: true };
}

describe('forest plot pixels at k = 200', () => {
  it('default preset', async () => {
    await expectPixels(
      'forest-synthetic-k200-default',
      buildPlotSpec({ kind: 'forest', table: syntheticLarge(), settings: { method: 'REML', test: 'z', level: 95 }, preset: 'default' }),
    );
  });
});
