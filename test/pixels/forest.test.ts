// Pixel tests of the forest plots: every preset on BCG (2x2, RR), hackshaw (OR from yi/vi) and
// normand (continuous, MD), with subgroups, through the CLI's spec builder and the PNG edge, against
// the committed references in test/pixels/reference/ (npm run pixels:update rewrites them on purpose).
import { describe, it } from 'vitest';
import { buildPlotSpec, type PlotRequest } from '../../src/cli/commands/plot.js';
import { FOREST_PRESETS } from '../../src/plots/index.js';
import { expectPixels } from '../helpers/pixels.js';
import { bcgTable, hackshawTable, normandTable } from './tables.js';

const REML = { method: 'REML', test: 'z', level: 95 } as const;
const forest = (r: Omit<PlotRequest, 'kind' | 'settings'>) => buildPlotSpec({ kind: 'forest', settings: REML, ...r });

describe('forest plot pixels', () => {
  for (const preset of FOREST_PRESETS) {
    it(`bcg, preset ${preset}, both models`, async () => {
      await expectPixels(`forest-bcg-${preset}`, forest({ table: bcgTable(), preset, common: true, favours: { left: 'vaccine', right: 'control' } }));
    });
    it(`bcg by alloc, preset ${preset}`, async () => {
      await expectPixels(`forest-bcg-subgroups-${preset}`, forest({ table: bcgTable(), preset, by: 'alloc' }));
    });
    it(`normand (MD), preset ${preset}`, async () => {
      await expectPixels(`forest-normand-${preset}`, forest({ table: normandTable(), preset }));
    });
  }
  it('hackshaw (OR, 37 studies), preset default', async () => {
    await expectPixels('forest-hackshaw-default', forest({ table: hackshawTable(), preset: 'default' }));
  });
  it('bcg with SYNTHETIC RoB 2 judgements, preset revman5', async () => {
    const t = bcgTable();
    const j = ['low', 'some concerns', 'high'];
    // SYNTHETIC judgements made up for the picture (dat.bcg has no risk-of-bias assessment).
    const table = {
      ...t,
      studies: t.studies.map((s, i) => ({
        ...s,
        moderators: {
          ...s.moderators,
          rob_d1: j[i % 3]!,
          rob_d2: j[(i + 1) % 3]!,
          rob_d3: 'low',
          rob_d4: 'low',
          rob_d5: j[(i + 2) % 3]!,
          rob_overall: j[(i + 2) % 3]!,
        },
      })),
    };
    await expectPixels('forest-bcg-rob-revman5', forest({ table, preset: 'revman5', title: 'Risk-of-bias judgements: SYNTHETIC, for illustration' }));
  });
  it('hackshaw (OR, 37 studies), preset revman5 by design', async () => {
    await expectPixels('forest-hackshaw-revman5', forest({ table: hackshawTable(), preset: 'revman5', by: 'design' }));
  });
});
