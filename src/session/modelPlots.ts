// The model plots of `metasynth plot` (and the web page): bubble (meta-regression on one numeric moderator, --mods),
// caterpillar (many studies, the pooled model of --method), orchard (a categorical moderator, --by)
// and influence (metafor's plot(influence(res)): the case-deletion diagnostics of --method's model).
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import type { EffectTable } from '../effects/types.js';
import {
  bubbleInput,
  bubblePlotSpec,
  caterpillarPlotSpec,
  forestInput,
  influencePlotSpec,
  modelDescription,
  orchardInput,
  orchardPlotSpec,
} from '../plots/index.js';
import { influenceDiagnostics } from '../sensitivity/index.js';
import { pool, type PoolResult } from '../pool/index.js';
import { metaRegression, type MetaRegressionMethod, type RegressionTest, type Tau2Control } from '../regression/index.js';
import { SESSION_MESSAGES } from './messages.js';

export const MODEL_PLOT_KINDS = ['bubble', 'caterpillar', 'orchard', 'influence'] as const;
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

/**
 * Build the spec of a model plot; `result` is the intercept-only fit (caterpillar).
 * @example buildModelPlotSpec({ kind: 'caterpillar', table: bcgTable, settings: { method: 'REML', test: 'z', level: 95 }, text: {} }, pool(bcgTable)).$schema // 'https://vega.github.io/schema/vega-lite/v6.json'
 */
export function buildModelPlotSpec(r: ModelPlotRequest, result: PoolResult): TopLevelSpec {
  const { table, settings, text } = r;
  const regression = { method: settings.method, test: settings.test, level: settings.level, ...(settings.control ? { control: settings.control } : {}) };
  switch (r.kind) {
    case 'bubble': {
      if (r.mods === undefined) throw new MetasynthError('usage', SESSION_MESSAGES.plot_bubble_give_numeric());
      const fit = metaRegression(table, { mods: [r.mods], ...regression });
      return bubblePlotSpec(bubbleInput(table, fit), text);
    }
    case 'caterpillar':
      return caterpillarPlotSpec(forestInput(table, result), text);
    case 'orchard': {
      if (r.by === undefined) throw new MetasynthError('usage', SESSION_MESSAGES.plot_orchard_give_categorical());
      return orchardPlotSpec(orchardInput(table, r.by, regression), text);
    }
    case 'influence':
      return influenceSpec(table, regression, text);
  }
}

/** The influence plot of the intercept-only model of `settings` (its τ² and Q are the reference lines). */
function influenceSpec(table: EffectTable, settings: ModelPlotRequest['settings'], text: ModelPlotRequest['text']): TopLevelSpec {
  const infl = influenceDiagnostics(table, settings);
  const full = pool(table, { method: settings.method, test: settings.test, level: settings.level, ...(settings.control ? { control: settings.control } : {}) });
  return influencePlotSpec(
    { studies: infl.studies, tau2: full.tau2 ?? 0, q: full.q ?? Number.NaN, model: modelDescription(settings.method), synthetic: table.synthetic ?? false },
    text,
  );
}
