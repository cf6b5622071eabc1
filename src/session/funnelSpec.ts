// The funnel plot of `metasynth plot funnel` (and the web page) with its optional lines: trim-and-fill,
// Egger, PET-PEESE and selection models. The analyses run here; the spec builder only draws their results.
import type { TopLevelSpec } from 'vega-lite';
import { eggerTest, petPeese, trimAndFill } from '../bias/index.js';
import { MetasynthError } from '../core/errors.js';
import type { EffectTable } from '../effects/types.js';
import type { ModelMethod, Tau2Control } from '../heterogeneity/index.js';
import { funnelInput, funnelPlotSpec } from '../plots/index.js';
import type { PoolResult } from '../pool/index.js';
import { selectionModel, type SelectionAlternative, type SelectionType } from '../selection/index.js';
import { SESSION_MESSAGES } from './messages.js';

/** One selection model to fit for the funnel. */
export interface FunnelSelectionRequest {
  readonly type: SelectionType;
  readonly alternative: SelectionAlternative;
  readonly steps?: readonly number[];
}

/** The lines the funnel options ask for. */
export interface FunnelLineRequest {
  readonly petPeese: boolean;
  readonly selection: readonly FunnelSelectionRequest[];
}

/** What the funnel needs to know of the analysis. */
export interface FunnelRequest {
  readonly table: EffectTable;
  readonly method: ModelMethod;
  readonly level: number;
  readonly control?: Tau2Control;
  readonly contours?: boolean;
  readonly trimFill?: boolean;
  readonly egger?: boolean;
  readonly lines?: FunnelLineRequest;
  readonly text: { readonly title?: string; readonly caption?: string };
}

/** PET-PEESE for the funnel, refusing data where it has no estimate (too few studies, equal SEs). */
function petPeeseFor(table: EffectTable, level: number) {
  const pp = petPeese(table, { level });
  if (pp.pet.estimate === null || pp.petSlope.estimate === null) {
    const distinct = new Set(table.studies.map((s) => s.standardError)).size;
    throw new MetasynthError('invalid_input', SESSION_MESSAGES.plot_funnel_pet_peese_not_estimable(table.studies.length, distinct));
  }
  return pp;
}

/**
 * Run the analyses the funnel's lines need (trim-and-fill, Egger, PET-PEESE, each selection model
 * under the request's method: EE fits the fixed-effects model, any other τ² by ML) and draw it.
 * @example buildFunnelSpec({ table: bcgTable, method: 'REML', level: 95, egger: true, text: {} }, pool(bcgTable)).$schema // 'https://vega.github.io/schema/vega-lite/v6.json'
 */
export function buildFunnelSpec(r: FunnelRequest, result: PoolResult): TopLevelSpec {
  const { table, method, level } = r;
  const model = { method, level, ...(r.control ? { control: r.control } : {}) };
  const tf = r.trimFill ? trimAndFill(table, model) : null;
  const eg = r.egger ? eggerTest(table, model) : null;
  const pp = r.lines?.petPeese ? petPeeseFor(table, level) : null;
  const selection = (r.lines?.selection ?? []).map((s) => selectionModel(table, { ...s, method, level }));
  const input = funnelInput(table, result, { trimFill: tf, egger: eg, petPeese: pp, selection });
  return funnelPlotSpec(input, { contours: r.contours ?? false, level, ...r.text });
}
