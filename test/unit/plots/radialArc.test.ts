// The radial plot's effect arc carries about as many readable ticks as metafor's (7 for dat.bcg),
// and its labels never overlap each other.
import { describe, expect, it } from 'vitest';
import { radialPlotSpec } from '../../../src/plots/index.js';
import { bcgRadial } from './bcgInputs.js';

interface Layer {
  mark?: { type?: string; fontSize?: number };
  data?: { values?: { y2: number; label: string }[] };
  encoding?: { text?: { field?: string }; y?: { scale?: { domain?: [number, number] } } };
}

function arcLabels(spec: unknown): { labels: string[]; pxY: number[]; fontSize: number } {
  const chart = (spec as { vconcat: [{ height: number; layer: Layer[] }] }).vconcat[0];
  const text = chart.layer.find((l) => l.mark?.type === 'text' && l.encoding?.text?.field === 'label')!;
  const [lo, hi] = text.encoding!.y!.scale!.domain!;
  const values = text.data!.values!;
  return {
    labels: values.map((v) => v.label),
    pxY: values.map((v) => ((hi - v.y2) / (hi - lo)) * chart.height),
    fontSize: text.mark!.fontSize!,
  };
}

describe('radialPlotSpec(input): the arc ticks', () => {
  it('bcg (RR 0.20 to 1.56): at least five readable ratios, in order, none overlapping', () => {
    const { labels, pxY, fontSize } = arcLabels(radialPlotSpec(bcgRadial({ random: true })));
    expect(labels.length).toBeGreaterThanOrEqual(5);
    const values = labels.map(Number);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const gaps = pxY.slice(1).map((y, i) => Math.abs(y - pxY[i]!));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(fontSize);
  });
});
