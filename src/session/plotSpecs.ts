// The Vega-Lite specs of the plots `metasynth plot` draws (forest, funnel, Baujat, radial, L'Abbé,
// leave-one-out, cumulative, and the model plots), from an EffectTable and the analysis settings: the
// pure part the CLI and the web page share (rendering to SVG/PNG stays at the edge).
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import type { EffectTable } from '../effects/types.js';
import type { ModelMethod, Tau2Control } from '../heterogeneity/index.js';
import { isCommonEffectMethod, pool, type PoolMethod, type PoolResult, type PoolTest } from '../pool/index.js';
import { subgroupAnalysis, type SubgroupAnalysisResult } from '../regression/index.js';
import { baujat, cumulative, leaveOneOut } from '../sensitivity/index.js';
import {
  baujatPlotSpec,
  modelDescription,
  forestInput,
  forestPlotPages,
  forestPlotSpec,
  labbeInput,
  labbePlotSpec,
  radialInput,
  radialPlotSpec,
  sensitivityForestInput,
  subgroupI2,
  type ForestPlotInput,
  type ForestPlotOptions,
  type ForestPreset,
  type ForestSortKey,
  type ForestSubgroupTest,
  type PooledFigures,
  type SubgroupTestKind,
} from '../plots/index.js';
import { SESSION_MESSAGES } from './messages.js';
import { buildFunnelSpec, type FunnelLineRequest } from './funnelSpec.js';
import { buildModelPlotSpec, MODEL_PLOT_KINDS } from './modelPlots.js';

export const PLOT_KINDS = ['forest', 'funnel', 'baujat', 'radial', 'labbe', 'leave1out', 'cumulative', ...MODEL_PLOT_KINDS] as const;
export type PlotKind = (typeof PLOT_KINDS)[number];
/**
 * True for a plot kind of PLOT_KINDS.
 * @example isPlotKind('forest') // true
 */
export function isPlotKind(x: unknown): x is PlotKind {
  return typeof x === 'string' && (PLOT_KINDS as readonly string[]).includes(x);
}

/** The analysis settings shared by plot and report. */
export interface PlotSettings {
  readonly method: PoolMethod;
  readonly test: PoolTest;
  readonly level: number;
  /** `--control metafor`: metafor's default control for every fit; absent: converged. */
  readonly control?: Tau2Control;
}

/**
 * The control of the settings as an options fragment for the engines (nothing when converged).
 * @example controlOf({ method: 'REML', test: 'z', level: 95 }) // {}
 */
export function controlOf(settings: PlotSettings): { control?: Tau2Control } {
  return settings.control ? { control: settings.control } : {};
}

/**
 * Methods the bias, sensitivity and subgroup engines take (no MH/Peto: those fall back to EE).
 * @example modelMethod('MH') // 'EE'
 */
export function modelMethod(method: PoolMethod): ModelMethod {
  return method === 'MH' || method === 'PETO' ? 'EE' : method;
}

export interface PlotRequest {
  readonly kind: PlotKind;
  readonly table: EffectTable;
  readonly settings: PlotSettings;
  readonly preset?: ForestPreset;
  readonly sortBy?: ForestSortKey;
  readonly by?: string;
  /** bubble: the numeric moderator. */
  readonly mods?: string;
  readonly common?: boolean;
  readonly contours?: boolean;
  readonly trimFill?: boolean;
  readonly egger?: boolean;
  /** funnel: PET-PEESE and selection-model lines. */
  readonly funnelLines?: FunnelLineRequest;
  readonly title?: string;
  readonly caption?: string;
  readonly favours?: { left: string; right: string };
  /** forest: which test of subgroup differences (default separate, as RevMan). */
  readonly subgroupTest?: SubgroupTestKind;
  /** forest: at most this many rows per page (the spec then has one page per concatenated view). */
  readonly maxRows?: number;
}

/**
 * The test of subgroup differences the plot prints: Q between (separate τ², RevMan) or the mixed-effects QM (metafor).
 * @example subgroupTestOf(subgroupAnalysis(bcgTable, { by: 'alloc' }), 'mixed').test // 'mixed'
 */
export function subgroupTestOf(sg: SubgroupAnalysisResult, kind: SubgroupTestKind): ForestSubgroupTest {
  if (kind === 'separate')
    return { q: sg.between.q, df: sg.between.df, pValue: sg.between.pValue, i2: subgroupI2(sg.between.q, sg.between.df), test: 'separate' };
  const m = sg.moderatorTest;
  return { q: m.qm, df: m.df, dfDenominator: m.dfDenominator, pValue: m.pValue, i2: m.dfDenominator === null ? subgroupI2(m.qm, m.df) : null, test: 'mixed' };
}

/** The forest plot's input and options for a request (subgroups and the common-effect model when asked). */
function forestRequest(r: PlotRequest, result: PoolResult): { input: ForestPlotInput; options: ForestPlotOptions } {
  const { table, settings } = r;
  const mm = modelMethod(settings.method);
  const common = r.common && !isCommonEffectMethod(settings.method) ? pool(table, { ...settings, method: 'EE' }) : null;
  let subgroups: { group: string; result: PooledFigures }[] | undefined;
  let subgroupTest: ForestSubgroupTest | undefined;
  if (r.by !== undefined) {
    const sg = subgroupAnalysis(table, { by: r.by, method: mm, test: settings.test, level: settings.level, ...controlOf(settings) });
    subgroups = sg.subgroups.map((g) => ({ group: g.level, result: { ...g, method: mm, test: sg.test, level: sg.level } }));
    subgroupTest = subgroupTestOf(sg, r.subgroupTest ?? 'separate');
  }
  const input = forestInput(table, result, { common, preset: r.preset ?? 'default', ...(r.by !== undefined ? { by: r.by, subgroups, subgroupTest } : {}) });
  const options: ForestPlotOptions = {
    preset: r.preset ?? 'default',
    sortBy: r.sortBy ?? 'input',
    ...(r.favours ? { favours: r.favours } : {}),
    ...(r.title !== undefined ? { title: r.title } : {}),
    ...(r.caption !== undefined ? { caption: r.caption } : {}),
  };
  return { input, options };
}

/**
 * The pages of a plot: a forest plot with `maxRows` splits into pages; every other plot is one page.
 * @example buildPlotPages({ kind: 'forest', table: bcgTable, settings: { method: 'REML', test: 'z', level: 95 }, maxRows: 5 }).length > 1 // true
 */
export function buildPlotPages(r: PlotRequest, pooled?: PoolResult): TopLevelSpec[] {
  if (r.kind !== 'forest' || r.maxRows === undefined) return [buildPlotSpec(r, pooled)];
  const f = forestRequest(r, pooled ?? pool(r.table, r.settings));
  return forestPlotPages(f.input, { ...f.options, maxRows: r.maxRows });
}

/**
 * Run the analyses a plot needs and build its Vega-Lite spec.
 * @example buildPlotSpec({ kind: 'funnel', table: bcgTable, settings: { method: 'REML', test: 'z', level: 95 } }).$schema // 'https://vega.github.io/schema/vega-lite/v6.json'
 */
export function buildPlotSpec(r: PlotRequest, pooled?: PoolResult): TopLevelSpec {
  const { table, settings } = r;
  const result = pooled ?? pool(table, settings);
  const mm = modelMethod(settings.method);
  const text = { ...(r.title !== undefined ? { title: r.title } : {}), ...(r.caption !== undefined ? { caption: r.caption } : {}) };
  switch (r.kind) {
    case 'forest': {
      const f = forestRequest(r, result);
      return forestPlotSpec(f.input, f.options);
    }
    case 'funnel':
      return buildFunnelSpec(
        {
          table,
          method: mm,
          level: settings.level,
          ...controlOf(settings),
          contours: r.contours ?? false,
          trimFill: r.trimFill ?? false,
          egger: r.egger ?? false,
          ...(r.funnelLines ? { lines: r.funnelLines } : {}),
          text,
        },
        result,
      );
    case 'baujat':
      return baujatSpec(table, settings, text);
    case 'radial':
      return radialPlotSpec(radialInput(table, result), text);
    case 'labbe': {
      const input = labbeInput(table, result);
      if (input.points.length === 0) throw new MetasynthError('invalid_input', SESSION_MESSAGES.labbe_l_abb_plot());
      return labbePlotSpec(input, text);
    }
    case 'leave1out': {
      const loo = leaveOneOut(table, { method: mm, test: settings.test, level: settings.level, ...controlOf(settings) });
      return forestPlotSpec(sensitivityForestInput(table.measure, loo.steps, result, { synthetic: table.synthetic ?? false }), {
        variant: 'leave-one-out',
        preset: r.preset ?? 'default',
        ...text,
      });
    }
    case 'bubble':
    case 'caterpillar':
    case 'orchard':
    case 'influence':
      return buildModelPlotSpec(
        {
          kind: r.kind,
          table,
          settings: { ...settings, method: mm },
          ...(r.mods !== undefined ? { mods: r.mods } : {}),
          ...(r.by !== undefined ? { by: r.by } : {}),
          text,
        },
        result,
      );
    case 'cumulative': {
      const cu = cumulative(table, { method: mm, test: settings.test, level: settings.level, ...controlOf(settings) });
      return forestPlotSpec(sensitivityForestInput(table.measure, cu.steps, result, { synthetic: table.synthetic ?? false }), {
        variant: 'cumulative',
        preset: r.preset ?? 'default',
        ...text,
      });
    }
  }
}

/**
 * The Baujat plot under the analysis's method (metafor's baujat() refits the chosen model without
 * each study). Mantel–Haenszel and Peto have no leave-one-out refit of their own here: their plot
 * uses the inverse-variance common-effect model, and the caption says so.
 */
function baujatSpec(table: EffectTable, settings: PlotSettings, text: { title?: string; caption?: string }): TopLevelSpec {
  const method = modelMethod(settings.method);
  const b = baujat(table, { method, test: settings.test, level: settings.level, ...controlOf(settings) });
  const points = b.studies.filter((s) => s.influence !== null).map((s) => ({ study: s.study, contributionQ: s.contributionQ, influence: s.influence! }));
  const fallback = method !== settings.method ? ` (${settings.method} has no leave-one-out refit here)` : '';
  return baujatPlotSpec(points, {
    synthetic: table.synthetic ?? false,
    model: `${modelDescription(method)}${fallback}`,
    randomEffects: !isCommonEffectMethod(method),
    ...text,
  });
}
