// One runner per analysis of the page: the settings as the CLI's flags would give them, the analysis
// the CLI command runs (the same function), and the plots `metasynth plot` draws for it.
import { MetasynthError } from '../../core/errors.js';
import type { ProgressCallback } from '../../core/progress.js';
import type { EffectTable, Measure } from '../../effects/types.js';
import { METAFOR_DEFAULT_CONTROL, type Tau2Control } from '../../heterogeneity/index.js';
import type { TopLevelSpec } from 'vega-lite';
import { SESSION_MESSAGES } from '../messages.js';
import { buildPlotSpec, type PlotKind, type PlotSettings } from '../plotSpecs.js';
import type { RobustRequest } from '../robust.js';
import type { Analysis, AnalysisSettings } from '../settings.js';
import { isModelMethod, needsUserWeights, type ModelMethod } from '../../heterogeneity/index.js';
import { runBias } from './bias.js';
import { defaultPoolMeasure, poolAnalysis } from './pool.js';
import { modsTerms, regressAnalysis } from './regress.js';
import { runSensitivity, sensitivityJson } from './sensitivity.js';
import { subgroupRun } from './subgroup.js';
import { selectionJson } from './selection.js';
import { isMetaRegressionMethod } from '../../regression/index.js';
import { selectionModel } from '../../selection/index.js';
import { biasJson } from './bias.js';
import { withInputWarnings, type LoadedStudies } from '../input.js';
import { GLMM_MEASURES, isGlmmMeasure } from '../../glmm/index.js';
import { glmmPoolRun, glmmStudiesOf } from './glmm.js';
import { bayesRun } from './bayes.js';
import { clusterColumnOf, multilevelForestSpec, multilevelRun } from './multilevel.js';

/**
 * A plot of an analysis: its name (the `plot` kind), a title, and its Vega-Lite spec. The spec is built
 * when first read (then kept): a result with k = 10,000 studies comes back before any plot is built, and
 * a plot that is never shown is never built. Reading `spec` throws the builder's MetasynthError when the
 * data do not allow the plot after all.
 */
export interface AnalysisPlot {
  readonly name: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

/**
 * A plot whose spec is built on first read and kept.
 * @example lazyPlot('forest', 'Forest plot', () => ({ mark: 'point' })).spec.mark // 'point'
 */
export function lazyPlot(name: string, title: string, build: () => TopLevelSpec): AnalysisPlot {
  let spec: TopLevelSpec | undefined;
  return {
    name,
    title,
    get spec() {
      spec ??= build();
      return spec;
    },
  };
}

/** How the session runs one analysis. */
export interface AnalysisRunner {
  /** The measure used when the settings give none (before the data's own default). */
  readonly defaultMeasure?: (s: AnalysisSettings) => Measure | undefined;
  /** False for analyses that do not pool (repeated units are then not refused). */
  readonly pools: boolean;
  /** The CLI's JSON document (before the SYNTHETIC label) and the analysis's plots. */
  readonly run: (
    table: EffectTable,
    s: AnalysisSettings,
    onProgress?: ProgressCallback,
  ) => { json: object; plotSettings: PlotSettings; extraPlots?: AnalysisPlot[] };
  /** The plots `metasynth plot` offers for this analysis. */
  readonly plots: readonly PlotKind[];
  /** Analyses of the studies themselves, not their effect sizes (GLMM): replaces `run` and the effect table. */
  readonly runLoaded?: (loaded: LoadedStudies, s: AnalysisSettings) => { json: object };
  /** Plot options beyond the settings (trim-and-fill and Egger's line on the bias funnel). */
  readonly plotOptions?: { readonly trimFill?: boolean; readonly egger?: boolean };
}

/**
 * The control object of a setting: metafor's defaults, or undefined for converged fits.
 * @example controlFor({ analysis: 'pool', control: 'metafor' })?.maxIterations // 100
 */
export function controlFor(s: AnalysisSettings): Tau2Control | undefined {
  return s.control === 'metafor' ? METAFOR_DEFAULT_CONTROL : undefined;
}

/** The robust request of settings (needs a cluster column), or null. */
function robustFor(s: AnalysisSettings): RobustRequest | null {
  if (s.robust === undefined) return null;
  if (s.cluster === undefined) throw new MetasynthError('usage', SESSION_MESSAGES.session_needs_setting(s.analysis, 'cluster'));
  return { type: s.robust, cluster: s.cluster };
}

/** The settings shared by the plots of a pooled analysis. */
function plotSettingsOf(s: AnalysisSettings): PlotSettings {
  const control = controlFor(s);
  return { method: s.method ?? 'REML', test: s.test ?? 'z', level: s.level ?? 95, ...(control ? { control } : {}) };
}

const POOL: AnalysisRunner = {
  defaultMeasure: (s) => defaultPoolMeasure(s.method ?? 'REML'),
  pools: true,
  plots: ['forest', 'funnel', 'baujat', 'radial', 'labbe'],
  run(table, s, onProgress) {
    const settings = plotSettingsOf(s);
    const robust = s.by === undefined ? robustFor(s) : null;
    const run = poolAnalysis(table, {
      ...settings,
      ...(s.weights !== undefined ? { weights: s.weights } : {}),
      ...(s.tau2Ci !== undefined ? { tau2Ci: s.tau2Ci } : {}),
      ...(s.by !== undefined ? { by: s.by } : {}),
      ...(onProgress ? { onProgress } : {}),
      robust,
    });
    return { json: run.json, plotSettings: settings };
  },
};

/** A setting an analysis cannot run without. */
function required(s: AnalysisSettings, key: 'by' | 'mods'): string {
  const value = s[key];
  if (value === undefined) throw new MetasynthError('usage', SESSION_MESSAGES.session_needs_setting(s.analysis, key));
  return value;
}

/** The model method of the subgroup, regression, bias and sensitivity engines (no MH, Peto; no user weights unless allowed). */
function modelMethodOf(s: AnalysisSettings, userWeights: boolean): ModelMethod {
  const method = s.method ?? 'REML';
  if (!isModelMethod(method) || (!userWeights && needsUserWeights(method))) {
    throw new MetasynthError('invalid_option', SESSION_MESSAGES.session_method_not_here(s.analysis, method));
  }
  return method;
}

const SUBGROUP: AnalysisRunner = {
  pools: true,
  plots: ['forest', 'funnel'],
  run(table, s) {
    const settings = { ...plotSettingsOf(s), method: modelMethodOf(s, false) };
    const { control, ...rest } = settings;
    const run = subgroupRun(table, { by: required(s, 'by'), ...rest, commonTau2: s.commonTau2 === true, ...(control ? { control } : {}) });
    return { json: run.json, plotSettings: settings };
  },
};

const REGRESS: AnalysisRunner = {
  pools: true,
  plots: ['bubble'],
  run(table, s) {
    const settings = { ...plotSettingsOf(s), method: modelMethodOf(s, true) };
    const run = regressAnalysis(table, {
      ...settings,
      mods: modsTerms(required(s, 'mods')),
      ...(s.weights !== undefined ? { weights: s.weights } : {}),
      ...(s.tau2Ci !== undefined ? { tau2Ci: s.tau2Ci } : {}),
      robust: robustFor(s),
      predict: true,
    });
    return { json: run.json, plotSettings: settings };
  },
};

const BIAS: AnalysisRunner = {
  pools: true,
  plots: ['funnel'],
  plotOptions: { trimFill: true, egger: true },
  run(table, s) {
    const settings = { ...plotSettingsOf(s), method: modelMethodOf(s, false) };
    const analyses = runBias(table, { ...settings, predictor: s.biasPredictor ?? 'sei', estimator: s.trimFillEstimator ?? 'L0' });
    return { json: withInputWarnings(biasJson(analyses), table), plotSettings: settings };
  },
};

const SENSITIVITY: AnalysisRunner = {
  pools: true,
  plots: ['leave1out', 'cumulative', 'baujat'],
  run(table, s) {
    const settings = { ...plotSettingsOf(s), method: modelMethodOf(s, false) };
    const analyses = runSensitivity(table, settings, s.order);
    return { json: withInputWarnings(sensitivityJson(analyses), table), plotSettings: settings };
  },
};

const SELECTION: AnalysisRunner = {
  pools: true,
  plots: ['funnel'],
  run(table, s) {
    const method = s.method ?? 'REML';
    if (!isMetaRegressionMethod(method)) throw new MetasynthError('invalid_option', SESSION_MESSAGES.session_method_not_here(s.analysis, method));
    if (s.selectionType === undefined) throw new MetasynthError('usage', SESSION_MESSAGES.session_needs_setting(s.analysis, 'selectionType'));
    const mods =
      s.mods === undefined
        ? []
        : s.mods
            .split(',')
            .map((m) => m.trim())
            .filter((m) => m !== '');
    const level = s.level ?? 95;
    const res = selectionModel(table, {
      type: s.selectionType,
      alternative: s.selectionAlternative ?? 'greater',
      method,
      level,
      mods,
      ...(s.steps ? { steps: s.steps } : {}),
      ...(s.selectionDelta ? { delta: s.selectionDelta } : {}),
    });
    return { json: withInputWarnings(selectionJson(res), table), plotSettings: { method, test: 'z', level } };
  },
};

const GLMM: AnalysisRunner = {
  pools: true,
  plots: [],
  run() {
    throw new MetasynthError('internal', SESSION_MESSAGES.session_analysis_not_ready('glmm'));
  },
  runLoaded(loaded, s) {
    const measure = s.measure ?? 'OR';
    if (!isGlmmMeasure(measure)) throw new MetasynthError('invalid_option', SESSION_MESSAGES.session_glmm_measure(GLMM_MEASURES, measure));
    const model = s.glmmModel;
    if (model !== undefined && (model === 'CM.EL' || model === 'CM.AL') && measure !== 'OR' && measure !== 'IRR') {
      throw new MetasynthError('invalid_option', SESSION_MESSAGES.session_glmm_measure(['OR', 'IRR'], measure));
    }
    const options = { measure, ...(model !== undefined ? { model } : {}), method: s.glmmMethod ?? 'ML', nagq: s.nagq ?? 7, drop00: true, level: s.level ?? 95 };
    return { json: glmmPoolRun(loaded, glmmStudiesOf(loaded, measure, 'pool'), options).json };
  },
};

const MULTILEVEL: AnalysisRunner = {
  // Rows sharing a unit are what this model is for: no refusal of repeated units.
  pools: false,
  plots: [],
  run(table, s) {
    const run = multilevelRun(table, s);
    const cluster = clusterColumnOf(run.options, s.cluster);
    // The cluster forest plot draws the pooled estimate: intercept-only models only (as `multilevel --plot`).
    const forest =
      run.result.coefficients.length === 1
        ? [lazyPlot('cluster-forest', 'Cluster forest plot', () => multilevelForestSpec(table, run.options, run.result, cluster)!)]
        : [];
    return {
      json: withInputWarnings(run.json, table),
      plotSettings: { method: run.result.method, test: run.result.test, level: run.result.level },
      extraPlots: forest,
    };
  },
};

const BAYES: AnalysisRunner = {
  pools: true,
  plots: [],
  run(table, s) {
    const level = s.level ?? 95;
    const run = bayesRun(table, {
      ...(s.tauPrior !== undefined ? { tauPrior: s.tauPrior } : {}),
      ...(s.muPrior !== undefined ? { muPrior: s.muPrior } : {}),
      level,
    });
    return {
      json: run.json,
      plotSettings: { method: 'REML', test: 'z', level },
      extraPlots: [{ name: 'bayes-forest', title: 'Posterior forest plot', spec: run.forest }],
    };
  },
};

/** The runner of each analysis the session offers so far (the others are for the CLI only, for now). */
export const RUNNERS: Partial<Readonly<Record<Analysis, AnalysisRunner>>> = {
  pool: POOL,
  subgroup: SUBGROUP,
  regress: REGRESS,
  bias: BIAS,
  sensitivity: SENSITIVITY,
  multilevel: MULTILEVEL,
  selection: SELECTION,
  glmm: GLMM,
  bayes: BAYES,
};

/** The largest k for which the leave-one-out plots (Baujat) are drawn: each refits the model k times. */
export const LEAVE_ONE_OUT_PLOT_MAX_K = 500;

const PLOT_TITLES: Readonly<Record<PlotKind, string>> = {
  forest: 'Forest plot',
  funnel: 'Funnel plot',
  baujat: 'Baujat plot',
  radial: 'Radial (Galbraith) plot',
  labbe: "L'Abbé plot",
  leave1out: 'Leave-one-out forest plot',
  cumulative: 'Cumulative forest plot',
  bubble: 'Bubble plot',
  caterpillar: 'Caterpillar plot',
  orchard: 'Orchard plot',
  influence: 'Influence diagnostics plot',
};

/** A moderator given as one plain column name (the bubble plot needs exactly one numeric moderator). */
const PLAIN_COLUMN = /^~?\s*([A-Za-z_.][\w.]*)\s*$/;

/**
 * Whether the data allow a plot, by the cheap checks that need no fit: the leave-one-out plots up to
 * LEAVE_ONE_OUT_PLOT_MAX_K, the L'Abbé plot of 2x2 counts, the bubble plot of one numeric moderator.
 */
function plotAllowed(kind: PlotKind, table: EffectTable, extra: { readonly mods?: string }): boolean {
  if ((kind === 'baujat' || kind === 'leave1out') && table.studies.length > LEAVE_ONE_OUT_PLOT_MAX_K) return false;
  if (kind === 'labbe') return table.studies.some((st) => st.counts !== undefined);
  if (kind === 'bubble') {
    const column = PLAIN_COLUMN.exec(extra.mods ?? '')?.[1];
    return column !== undefined && table.studies.some((st) => typeof st.moderators[column] === 'number');
  }
  return true;
}

/**
 * The plots of an analysis, built (when their spec is first read) by the same spec builders as
 * `metasynth plot`; a plot the data do not allow (an L'Abbé plot of effect sizes, a bubble plot of a
 * formula) is left out, and the leave-one-out plots above LEAVE_ONE_OUT_PLOT_MAX_K.
 * @example analysisPlots(['funnel', 'labbe'], bcgTable, { method: 'REML', test: 'z', level: 95 }, {}).map((p) => p.name) // ['funnel', 'labbe']
 */
export function analysisPlots(
  kinds: readonly PlotKind[],
  table: EffectTable,
  settings: PlotSettings,
  extra: { readonly by?: string; readonly mods?: string; readonly trimFill?: boolean; readonly egger?: boolean },
): AnalysisPlot[] {
  return kinds
    .filter((kind) => plotAllowed(kind, table, extra))
    .map((kind) => lazyPlot(kind, PLOT_TITLES[kind], () => buildPlotSpec({ kind, table, settings, ...extra })));
}
