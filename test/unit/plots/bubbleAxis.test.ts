// The bubble plot's moderator axis prints years as years: 1985, not vega's default 1,985.
import { describe, expect, it } from 'vitest';
import { datasetEffectTable } from '../../../src/datasets/index.js';
import { bubbleInput, bubblePlotSpec } from '../../../src/plots/index.js';
import { metaRegression } from '../../../src/regression/index.js';
import { renderSvg } from '../../../src/render/index.js';

describe('bubblePlotSpec(input): moderator axis', () => {
  it('hackshaw on year: tick labels 1980 … 2000 without a thousands separator', async () => {
    const table = datasetEffectTable('classic/hackshaw1998');
    const svg = await renderSvg(bubblePlotSpec(bubbleInput(table, metaRegression(table, { mods: ['year'] }))));
    expect(svg).toContain('>1985<');
    expect(svg).not.toMatch(/>1,9\d\d</);
  });
});
