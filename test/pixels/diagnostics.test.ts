// Pixel tests of the diagnostic and model figures (funnel, Baujat, radial, L'Abbé, GOSH, bubble,
// caterpillar, orchard, influence, leave-one-out and cumulative) on BCG (RR), hackshaw (OR, yi/vi) and normand (MD), through the CLI's spec
// builder, against the committed references in test/pixels/reference/ (npm run pixels:update
// rewrites them on purpose).
import { describe, it } from 'vitest';
import { buildPlotSpec, type PlotKind, type PlotRequest } from '../../src/cli/commands/plot.js';
import { gosh } from '../../src/gosh/index.js';
import { goshPlotSpec } from '../../src/plots/index.js';
import { expectPixels } from '../helpers/pixels.js';
import { bcgTable, hackshawTable, normandTable } from './tables.js';

const REML = { method: 'REML', test: 'z', level: 95 } as const;
const plot = (kind: PlotKind, r: Omit<PlotRequest, 'kind' | 'settings'>, settings: PlotRequest['settings'] = REML) => buildPlotSpec({ kind, settings, ...r });
const TABLES = { bcg: bcgTable, hackshaw: hackshawTable, normand: normandTable } as const;

describe('diagnostic plot pixels', () => {
  it('funnel, bcg, contours, trim-and-fill and Egger', async () => {
    await expectPixels('funnel-bcg-contours', plot('funnel', { table: bcgTable(), contours: true, trimFill: true, egger: true }));
  });
  it('funnel, hackshaw, trim-and-fill, PET-PEESE, the 3PSM and the beta selection model', async () => {
    const funnelLines = {
      petPeese: true,
      selection: [
        { type: 'stepfun', alternative: 'greater', steps: [0.025, 1] },
        { type: 'beta', alternative: 'greater' },
      ],
    } as const;
    await expectPixels('funnel-hackshaw-lines', plot('funnel', { table: hackshawTable(), trimFill: true, funnelLines }));
  });
  for (const [name, table] of Object.entries(TABLES)) {
    it(`baujat, ${name}, REML`, async () => {
      await expectPixels(`baujat-${name}`, plot('baujat', { table: table() }));
    });
    it(`radial, ${name}, REML`, async () => {
      await expectPixels(`radial-${name}`, plot('radial', { table: table() }));
    });
    it(`influence, ${name}, REML`, async () => {
      await expectPixels(`influence-${name}`, plot('influence', { table: table() }));
    });
    it(`caterpillar, ${name}`, async () => {
      await expectPixels(`caterpillar-${name}`, plot('caterpillar', { table: table() }));
    });
  }
  it('leave-one-out and cumulative forest plots, bcg, REML', async () => {
    await expectPixels('leave1out-bcg', plot('leave1out', { table: bcgTable() }));
    await expectPixels('cumulative-bcg', plot('cumulative', { table: bcgTable() }));
  });
  it('baujat and radial, bcg, common-effect model (EE)', async () => {
    await expectPixels('baujat-bcg-ee', plot('baujat', { table: bcgTable() }, { ...REML, method: 'EE' }));
    await expectPixels('radial-bcg-ee', plot('radial', { table: bcgTable() }, { ...REML, method: 'EE' }));
  });
  it("L'Abbé, bcg, log risk (RR) and log odds (OR)", async () => {
    await expectPixels('labbe-bcg-rr', plot('labbe', { table: bcgTable() }));
    const { fixtureTable } = await import('./tables.js');
    await expectPixels('labbe-bcg-or', plot('labbe', { table: fixtureTable('metafor/dat.bcg.csv', 'OR') }));
  });
  it('GOSH, bcg first 9 studies (511 subsets, points)', async () => {
    const t = bcgTable();
    const g = gosh({ effect: t.studies.slice(0, 9).map((s) => s.effect), variance: t.studies.slice(0, 9).map((s) => s.variance) });
    await expectPixels('gosh-bcg-9', goshPlotSpec(g, { estimateLabel: 'Estimate (log RR)' }));
  });
  it('bubble, bcg on ablat', async () => {
    await expectPixels('bubble-bcg-ablat', plot('bubble', { table: bcgTable(), mods: 'ablat' }));
  });
  it('orchard, bcg by alloc and hackshaw by design', async () => {
    await expectPixels('orchard-bcg-alloc', plot('orchard', { table: bcgTable(), by: 'alloc' }));
    await expectPixels('orchard-hackshaw-design', plot('orchard', { table: hackshawTable(), by: 'design' }));
  });
});
