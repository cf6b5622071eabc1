// The fitted selection function of a selection model: the relative likelihood that a study with
// p-value p is published, w(p), over 0 ≤ p ≤ 1 (as metafor's plot() of a selmodel fit).
import type { TopLevelSpec } from 'vega-lite';
import type { SelectionModelResult } from '../selection/index.js';
import { selectionWeight } from '../selection/index.js';
import { captioned } from './funnel.js';
import { baseConfig, INK, titleBlock, VEGA_LITE_SCHEMA, type Json } from './spec.js';
import type { PlotOptions } from './types.js';

const FS = 11;

/**
 * Points of w(p) on a grid (a fine one, plus both sides of every step of a step function).
 * @example selectionFunctionPoints({ type: 'stepfun', steps: [0.025, 1], delta: [{ estimate: 1 }, { estimate: 0.5 }] }, 3).at(-1) // { p: 1, w: 0.5 }
 */
export function selectionFunctionPoints(fit: Pick<SelectionModelResult, 'type' | 'delta' | 'steps'>, n = 201): { p: number; w: number }[] {
  const delta = fit.delta.map((d) => d.estimate);
  const grid = Array.from({ length: n }, (_, i) => i / (n - 1));
  if (fit.type === 'stepfun') for (const s of fit.steps ?? []) grid.push(s, Math.min(1, s + 1e-9));
  return [...new Set(grid)]
    .sort((a, b) => a - b)
    .map((p) => ({ p, w: selectionWeight(fit.type, Math.min(Math.max(p, 1e-5), 1 - 1e-5), delta, fit.steps) }))
    .filter((pt) => Number.isFinite(pt.w));
}

/**
 * Vega-Lite spec of the estimated selection function w(p) (metafor `plot(sel)`), the step
 * function drawn as steps.
 * @example selectionFunctionPlotSpec(selectionModel(bcgTable, { type: 'beta' }), { title: 'Beta selection' }).title.text // 'Beta selection'
 */
export function selectionFunctionPlotSpec(fit: SelectionModelResult, options: PlotOptions = {}): TopLevelSpec {
  const width = options.width ?? 380;
  const values = selectionFunctionPoints(fit) as unknown as Json[];
  return captioned(
    {
      $schema: VEGA_LITE_SCHEMA,
      description: `Estimated ${fit.type} selection function of a selection model (k = ${fit.k})`,
      title: titleBlock({ title: options.title ?? `Selection function (${fit.type})`, subtitle: options.subtitle }, FS),
      width,
      height: options.height ?? 260,
      padding: 16,
      config: baseConfig(FS),
      data: { values },
      mark: { type: 'line', color: INK, strokeWidth: 2, interpolate: fit.type === 'stepfun' ? 'step-after' : 'linear' },
      encoding: {
        x: { field: 'p', type: 'quantitative', title: 'p-value', scale: { domain: [0, 1] } },
        y: { field: 'w', type: 'quantitative', title: 'relative likelihood of selection', scale: { zero: true } },
      },
    },
    options.caption ? [options.caption] : [],
    FS,
  );
}
