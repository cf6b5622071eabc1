// Adapters from meta-regression fits to the bubble and orchard plot inputs: the fitted line and the
// subgroup estimates come from metafor-style predictions (predict(res, newmods = ...)).
import { MetasynthError } from '../core/errors.js';
import type { EffectTable } from '../effects/types.js';
import type { Tau2Control } from '../heterogeneity/index.js';
import { metaRegression, predictMetaRegression, type MetaRegressionMethod, type MetaRegressionResult, type RegressionTest } from '../regression/index.js';
import type { BubblePlotInput, OrchardPlotInput } from './types.js';
import { PLOTS_MESSAGES } from './messages.js';

/** Points of the fitted line of a bubble plot. */
const LINE_POINTS = 81;

function numericValue(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Bubble plot input for a meta-regression on one numeric moderator (as metafor's `regplot(res)`):
 * each study's moderator value, effect and weight 1/(vᵢ + τ̂²) in percent, and the fitted line with
 * its confidence and prediction limits at 81 points across the moderator's range.
 * @example bubbleInput(bcgRR, metaRegression(bcgRR, { mods: ['ablat'] })).line.length // 81
 */
export function bubbleInput(table: EffectTable, fit: MetaRegressionResult): BubblePlotInput {
  const numeric = fit.moderators.filter((m) => m.kind === 'numeric');
  if (fit.moderators.length !== 1 || numeric.length !== 1) {
    throw new MetasynthError('invalid_option', PLOTS_MESSAGES.bubble_plot_model_needs(fit.mods));
  }
  const mod = numeric[0]!.moderator;
  const tau2 = fit.tau2 ?? 0;
  const used = table.studies.filter((s) => numericValue(s.moderators[mod]) !== null);
  const sumW = used.reduce((a, s) => a + 1 / (s.variance + tau2), 0);
  const points = used.map((s) => ({ study: s.study, x: numericValue(s.moderators[mod])!, effect: s.effect, weight: 100 / (s.variance + tau2) / sumW }));
  const lo = Math.min(...points.map((p) => p.x));
  const hi = Math.max(...points.map((p) => p.x));
  const grid = Array.from({ length: LINE_POINTS }, (_, i) => lo + ((hi - lo) * i) / (LINE_POINTS - 1));
  const pred = predictMetaRegression(
    fit,
    grid.map((x) => ({ [mod]: x })),
  );
  const line = grid.flatMap((x, i) => {
    const p = pred[i]!;
    if (p.estimate === null || p.ciLower === null || p.ciUpper === null) return [];
    return [{ x, estimate: p.estimate, ciLower: p.ciLower, ciUpper: p.ciUpper, piLower: p.piLower, piUpper: p.piUpper }];
  });
  return {
    measure: table.measure,
    moderator: mod,
    points,
    line,
    level: fit.level,
    model: `meta-regression on ${mod} (${fit.method})`,
    ...(table.synthetic ? { synthetic: true } : {}),
  };
}

/**
 * Orchard plot input for a categorical moderator, as the orchaRd package builds it: the model
 * rma(yi, vi, mods = ~ factor(by)) with one τ² for all subgroups, each level's predicted estimate
 * with its confidence and prediction interval, and every study with its level.
 * @example orchardInput(bcgRR, 'alloc').groups.map((g) => g.group) // ['alternate', 'random', 'systematic']
 */
export function orchardInput(
  table: EffectTable,
  by: string,
  options: { readonly method?: MetaRegressionMethod; readonly test?: RegressionTest; readonly level?: number; readonly control?: Tau2Control } = {},
): OrchardPlotInput {
  const first = table.studies.find((s) => s.moderators[by] !== undefined && s.moderators[by] !== null);
  if (!first) throw new MetasynthError('invalid_option', PLOTS_MESSAGES.orchard_plot_study_value(by));
  const term = typeof first.moderators[by] === 'number' ? `factor(${by})` : by;
  const fit = metaRegression(table, { mods: [term], ...options });
  const spec = fit.moderators[0];
  if (spec?.kind !== 'factor') throw new MetasynthError('invalid_option', PLOTS_MESSAGES.orchard_plot_categorical(by));
  const pred = predictMetaRegression(
    fit,
    spec.levels.map((l) => ({ [spec.moderator]: typeof first.moderators[by] === 'number' ? Number(l) : l })),
  );
  const points = table.studies
    .filter((s) => s.moderators[by] !== undefined && s.moderators[by] !== null)
    .map((s) => ({ study: s.study, group: String(s.moderators[by]), effect: s.effect, standardError: s.standardError }));
  const groups = spec.levels.flatMap((level, i) => {
    const p = pred[i]!;
    if (p.estimate === null || p.ciLower === null || p.ciUpper === null) return [];
    return [
      {
        group: level,
        k: points.filter((q) => q.group === level).length,
        estimate: p.estimate,
        ciLower: p.ciLower,
        ciUpper: p.ciUpper,
        piLower: p.piLower,
        piUpper: p.piUpper,
      },
    ];
  });
  return {
    measure: table.measure,
    moderator: by,
    groups,
    points,
    level: fit.level,
    model: `meta-regression on ${term}, one \u03c4\u00b2 (${fit.method})`,
    ...(table.synthetic ? { synthetic: true } : {}),
  };
}
