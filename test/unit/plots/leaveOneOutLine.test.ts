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
  it("leave-one-out: one dashed line at the all-studies estimate (exp(μ̂) on the RR axis), over the study rows only", () => {
    const input = bcgLeaveOneOut();
    const rules = dashedRules(forestPlotSpec(input, { variant: 'leave-one-out' }));
    expect(rules).toHaveLength(1);
    const v = rules[0]!.data!.values![0]!;
    expect(v.x).toBeCloseTo(Math.exp(input.pooled[0]!.estimate), 12);
    expect(v.y2!).toBeGreaterThan(v.y!);
  });
  it('cumulative and standard forest plots: no such line', () => {
    expect(dashedRules(forestPlotSpec(bcgCumulative(), { variant: 'cumulative' }))).toHaveLength(0);
    expect(dashedRules(forestPlotSpec(bcgLeaveOneOut()))).toHaveLength(0);
  });
});
