// Pixel tests of the diagnostic and model figures at k = 200 SYNTHETIC studies (the same made-up
// table as the tall forest plot, not evidence): labels must not pile up, nothing may leave the panel.
import { describe, it } from 'vitest';
import { buildPlotSpec, type PlotKind } from '../../../src/cli/commands/plot.js';
import type { EffectTable, StudyEffect } from '../../../src/effects/types.js';
import { expectPixels } from '../../helpers/pixels.js';
import { gosh } from '../../../src/gosh/index.js';
import { goshPlotSpec } from '../../../src/plots/index.js';
import { bcgTable } from '../tables.js';

/** SYNTHETIC: 200 log risk ratios (the formula of forestLarge.test.ts) with a numeric moderator `dose` and a four-level `region`. */
function syntheticLarge(k = 200): EffectTable {
  const studies: StudyEffect[] = Array.from({ length: k }, (_, i) => {
    const v = 0.004 + (0.4 * ((i * 37) % 101)) / 100;
    const y = -0.4 + 0.5 * Math.sin(i * 1.3) + 0.2 * Math.cos(i * 0.7);
    return {
      study: `Synthetic study ${i + 1}`,
      effect: y,
      variance: v,
      standardError: Math.sqrt(v),
      row: i + 1,
      moderators: { dose: (i * 13) % 50, region: ['north', 'south', 'east', 'west'][i % 4]! },
    };
  });
  return { measure: 'RR', studies, excluded: [], warnings: [], file: 'synthetic-200', synthetic: true };
}

describe('diagnostic plot pixels at k = 200', () => {
  const table = syntheticLarge();
  const cases: [PlotKind, Record<string, string>][] = [
    ['funnel', {}],
    ['baujat', {}],
    ['radial', {}],
    ['caterpillar', {}],
    ['bubble', { mods: 'dose' }],
    ['orchard', { by: 'region' }],
    ['influence', {}],
    ['leave1out', {}],
  ];
  it('GOSH, bcg (8,191 subsets, hexagonal bins)', async () => {
    const t = bcgTable();
    const g = gosh({ effect: t.studies.map((s) => s.effect), variance: t.studies.map((s) => s.variance) });
    await expectPixels('gosh-bcg', goshPlotSpec(g, { estimateLabel: 'Estimate (log RR)' }));
  });
  for (const [kind, extra] of cases) {
    it(kind, async () => {
      await expectPixels(`${kind}-synthetic-k200`, buildPlotSpec({ kind, table, settings: { method: 'REML', test: 'z', level: 95 }, ...extra }));
    });
  }
});
