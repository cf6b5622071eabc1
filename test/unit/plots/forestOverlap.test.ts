// No text of a forest plot overlaps another or leaves the figure, at every preset, for BCG
// (with both models, with subgroups, with SYNTHETIC risk-of-bias judgements), normand, hackshaw and
// k = 200 SYNTHETIC studies. Text boxes come from Arimo's advance widths (the same metrics the
// renderer is given), so this checks the layout the PNG shows at 100 %.
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { buildPlotSpec, type PlotRequest } from '../../../src/cli/commands/plot.js';
import type { EffectTable, StudyEffect } from '../../../src/effects/types.js';
import { FOREST_PRESETS } from '../../../src/plots/index.js';
import { textWidth } from '../../../src/plots/textMetrics.js';
import { bcgTable, hackshawTable, normandTable } from '../../pixels/tables.js';

interface Box {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

type Layer = { data?: { values?: Record<string, unknown>[] }; mark?: Record<string, unknown>; encoding?: { x?: { value?: number } } };

/** The box of every text of a spec: x from the layer (or the datum), alignment, Arimo widths. */
function textBoxes(spec: TopLevelSpec): Box[] {
  const layers = (spec as unknown as { layer: Layer[] }).layer;
  return layers.flatMap((l) => {
    if (l.mark?.type !== 'text') return [];
    const size = Number(l.mark.fontSize ?? 11);
    const weight = l.mark.fontWeight === 'bold' ? 'bold' : 'regular';
    return (l.data?.values ?? []).map((v) => {
      const text = String(v.text);
      const x = Number(l.encoding?.x?.value ?? v.x);
      const w = textWidth(text, size, weight);
      const x0 = l.mark!.align === 'right' ? x - w : l.mark!.align === 'center' ? x - w / 2 : x;
      const y = Number(v.y);
      return { text, x0, x1: x0 + w, y0: y - size * 0.45, y1: y + size * 0.45 };
    });
  });
}

function overlaps(boxes: readonly Box[]): string[] {
  const found: string[] = [];
  const sorted = [...boxes].sort((a, b) => a.y0 - b.y0);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j]!.y0 < sorted[i]!.y1; j++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      if (a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5) found.push(`${JSON.stringify(a.text)} overlaps ${JSON.stringify(b.text)}`);
    }
  }
  return found;
}

/** SYNTHETIC: k log risk ratios (not evidence). */
function synthetic(k: number): EffectTable {
  const studies: StudyEffect[] = Array.from({ length: k }, (_, i) => {
    const v = 0.004 + (0.4 * ((i * 37) % 101)) / 100;
    return {
      study: `Synthetic study ${i + 1}`,
      effect: -0.4 + 0.5 * Math.sin(i * 1.3),
      variance: v,
      standardError: Math.sqrt(v),
      row: i + 1,
      moderators: { g: i % 3 === 0 ? 'a' : 'b' },
    };
  });
  return { measure: 'RR', studies, excluded: [], warnings: [], synthetic: true };
}

function withRob(t: EffectTable): EffectTable {
  const j = ['low', 'some concerns', 'high'];
  // SYNTHETIC judgements (dat.bcg has no risk-of-bias assessment).
  return {
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
}

const REML = { method: 'REML', test: 'z', level: 95 } as const;
const CASES: Record<string, Omit<PlotRequest, 'kind' | 'settings' | 'preset'>> = {
  'bcg, both models': { table: bcgTable(), common: true, favours: { left: 'vaccine', right: 'control' } },
  'bcg by alloc': { table: bcgTable(), by: 'alloc' },
  'bcg with RoB 2': { table: withRob(bcgTable()) },
  'normand (MD)': { table: normandTable() },
  'hackshaw by design': { table: hackshawTable(), by: 'design' },
  'k = 200 by g': { table: synthetic(200), by: 'g' },
};

describe('forest plot text layout', () => {
  for (const preset of FOREST_PRESETS) {
    for (const [name, r] of Object.entries(CASES)) {
      it(`${preset}, ${name}: no two texts overlap, none leaves the figure`, () => {
        const spec = buildPlotSpec({ kind: 'forest', settings: REML, preset, ...r });
        const boxes = textBoxes(spec);
        expect(overlaps(boxes)).toEqual([]);
        const width = (spec as unknown as { width: number }).width;
        expect(boxes.filter((b) => b.x0 < -0.5 || b.x1 > width + 0.5).map((b) => b.text)).toEqual([]);
      });
    }
  }
});

describe('textBoxes and the overlap check', () => {
  it('finds two texts drawn over each other', () => {
    const spec = {
      layer: [
        { data: { values: [{ y: 10, text: 'Left text' }] }, mark: { type: 'text', align: 'left', fontSize: 11 }, encoding: { x: { value: 0 } } },
        { data: { values: [{ y: 12, text: 'Right' }] }, mark: { type: 'text', align: 'right', fontSize: 11 }, encoding: { x: { value: 40 } } },
      ],
    } as unknown as TopLevelSpec;
    expect(overlaps(textBoxes(spec))).toEqual(['"Left text" overlaps "Right"']);
  });
});
