// The model plots of `metasynth plot`: bubble (meta-regression on one numeric moderator, --mods),
// caterpillar (many studies, the pooled model of --method) and orchard (a categorical moderator, --by).
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../../core/errors.js';
import type { EffectTable } from '../../effects/types.js';
import { bubbleInput, bubblePlotSpec, caterpillarPlotSpec, forestInput, orchardInput, orchardPlotSpec } from '../../plots/index.js';
import type { PoolResult } from '../../pool/index.js';
import { metaRegression, type MetaRegressionMethod, type RegressionTest, type Tau2Control } from '../../regression/index.js';

export const MODEL_PLOT_KINDS = ['bubble', 'caterpillar', 'orchard'] as const;
export type ModelPlotKind = (typeof MODEL_PLOT_KINDS)[number];

export interface ModelPlotRequest {
  readonly kind: ModelPlotKind;
  readonly table: EffectTable;
  /** The model's settings (MH and Peto already mapped to EE). */
  readonly settings: { readonly method: MetaRegressionMethod; readonly test: RegressionTest; readonly level: number; readonly control?: Tau2Control };
  readonly mods?: string;
  readonly by?: string;
  readonly text: { readonly title?: string; readonly caption?: string };
}

/** Build the spec of a model plot; `result` is the intercept-only fit (caterpillar). */
export function buildModelPlotSpec(r: ModelPlotRequest, result: PoolResult): TopLevelSpec {
  const { table, settings, text } = r;
  const regression = { method: settings.method, test: settings.test, level: settings.level, ...(settings.control ? { control: settings.control } : {}) };
  switch (r.kind) {
    case 'bubble': {
      if (r.mods === undefined) throw new MetasynthError('usage', 'plot bubble: give the numeric moderator with --mods NAME (e.g. --mods ablat)');
      const fit = metaRegression(table, { mods: [r.mods], ...regression });
      return bubblePlotSpec(bubbleInput(table, fit), text);
    }
    case 'caterpillar':
      return caterpillarPlotSpec(forestInput(table, result), text);
    case 'orchard': {
      if (r.by === undefined) throw new MetasynthError('usage', 'plot orchard: give the categorical moderator with --by NAME (e.g. --by alloc)');
      return orchardPlotSpec(orchardInput(table, r.by, regression), text);
    }
  }
}
