// Pixel test of the cluster forest plot: the three-level school data of Konstantopoulos 2011
// (56 schools in 11 districts; metadat's dat.konstantopoulos2011), ~ 1 | district/school, REML.
import { describe, it } from 'vitest';
import { multilevel, clusterForestInput } from '../../src/multilevel/index.js';
import { clusterForestPlotSpec } from '../../src/plots/index.js';
import { expectPixels } from '../helpers/pixels.js';
import { konstantopoulosTable } from './tables.js';

describe('cluster forest plot pixels', () => {
  it('konstantopoulos2011 by district', async () => {
    const table = konstantopoulosTable();
    const options = { random: ['~ 1 | district/school'] };
    const input = clusterForestInput(table, options, multilevel(table, options), 'district');
    await expectPixels('cluster-forest-konstantopoulos2011', clusterForestPlotSpec(input, { title: 'Konstantopoulos 2011: effects by district' }));
  });
});
