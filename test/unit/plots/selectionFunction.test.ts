// selectionFunctionPlotSpec: a valid Vega-Lite spec whose line is w(p) of the fitted model.
import { describe, expect, it } from 'vitest';
import { selectionFunctionPlotSpec, selectionFunctionPoints } from '../../../src/plots/index.js';
import { selectionModel } from '../../../src/selection/index.js';
import { schemaErrors } from './schema.js';

// SYNTHETIC effects and variances.
const data = { effect: [0.42, 0.1, 0.65, -0.05, 0.31, 0.8, 0.22, 0.05, 0.5, 0.12], variance: [0.04, 0.01, 0.09, 0.02, 0.03, 0.12, 0.015, 0.05, 0.06, 0.025] };

describe('selectionFunctionPlotSpec(fit)', () => {
  it('stepfun: a valid spec drawn as steps, w = δ_j on each interval', () => {
    const fit = selectionModel(data, { type: 'stepfun', steps: [0.025, 1], method: 'EE' });
    const spec = selectionFunctionPlotSpec(fit);
    expect(schemaErrors(spec)).toEqual([]);
    const pts = selectionFunctionPoints(fit);
    expect(pts.find((q) => q.p === 0.5)!.w).toBe(fit.delta[1]!.estimate);
    expect(pts.find((q) => q.p === 0.01)!.w).toBe(1);
    expect(JSON.stringify(spec)).toContain('step-after');
  });
  it('negexp: w(p) = exp(−δp), decreasing from 1', () => {
    const fit = selectionModel(data, { type: 'negexp', method: 'EE' });
    const pts = selectionFunctionPoints(fit);
    const d = fit.delta[0]!.estimate;
    expect(pts[100]!.w).toBeCloseTo(Math.exp(-d * pts[100]!.p), 12);
    expect(schemaErrors(selectionFunctionPlotSpec(fit))).toEqual([]);
  });
});
