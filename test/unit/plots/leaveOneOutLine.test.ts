// The leave-one-out forest plot's dashed line at the all-studies estimate (metafor users draw it with
// refline = coef(res)); the other forest variants have none.
import { describe, expect, it } from 'vitest';
import { forestPlotSpec } from '../../../src/plots/index.js';
import { bcgCumulative, bcgLeaveOneOut } from './bcgInputs.js';

interface Layer {
  mark?: { type?: string; strokeDash?: number[] };
  data?: { values?: { x?: number; y?: number; y2?: number }[] };
}
const dashedRules = (spec: unknown) => (spec as { layer: Layer[] }).layer.filter((l) => l.mark?.type === 'rule' && l.mark.strokeDash !== undefined);

describe('forestPlotSpec(input, { variant })', () => {
  it('leave-one-out: one dashed line at the all-studies estimate (exp(μ̂) on the RR axis), over the study rows only', () => {
    const input = bcgLeaveOneOut();
    const rules = dashedRules(forestPlotSpec(input, { variant: 'leave-one-out' }));
    expect(rules).toHaveLength(1);
    const v = rules[0]!.data!.values![0]!;
    expect(v.x).toBeCloseTo(Math.exp(input.pooled[0]!.estimate), 12);
    expect(v.y2!).toBeGreaterThan(v.y!);
  });
  it('a narrow ratio axis (estimates 0.62 to 0.71, the null 1 on the axis) gets intermediate ticks, not only 0.5 and 1', () => {
    const l = Math.log;
    const input = {
      measure: 'RR' as const,
      studies: [0.62, 0.66, 0.7].map((e, i) => ({ study: `SYNTHETIC ${i + 1}`, effect: l(e), ciLower: l(e - 0.04), ciUpper: l(e + 0.04) })),
      pooled: [{ label: 'All studies', estimate: l(0.66), ciLower: l(0.63), ciUpper: l(0.7) }],
    };
    const layers = (forestPlotSpec(input, { variant: 'leave-one-out' }) as unknown as { layer: { encoding?: { x?: { axis?: { values?: number[] } } } }[] })
      .layer;
    const ticks = layers.find((x) => x.encoding?.x?.axis?.values)!.encoding!.x!.axis!.values!;
    expect(ticks).toEqual([0.5, 0.6, 0.8, 1]);
  });
  it('cumulative and standard forest plots: no such line', () => {
    expect(dashedRules(forestPlotSpec(bcgCumulative(), { variant: 'cumulative' }))).toHaveLength(0);
    expect(dashedRules(forestPlotSpec(bcgLeaveOneOut()))).toHaveLength(0);
  });
});
