// The caterpillar plot: a forest plot for many studies, without the text columns. Studies are
// ranked by effect, one thin interval each, so that 200 or 2,000 studies read as a curve; the
// pooled estimate is a vertical line over its confidence band (and prediction band when given).
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import { countOf } from '../core/plural.js';
import { frame } from './diagnosticsFrame.js';
import { type EffectAxis, effectAxis } from './effectAxis.js';
import { formatLevel, formatNumber } from './format.js';
import { INK, type Json } from './spec.js';
import type { ForestPlotInput, ForestPooled, ForestStudy, PlotOptions } from './types.js';
import { PLOTS_MESSAGES } from './messages.js';

/** Pixels per study row: from 1.5 (thousands of studies) to 8 (a few). */
function rowHeight(k: number): number {
  return Math.min(8, Math.max(1.5, 640 / k));
}

/** The studies with a finite effect and CI (at least one, else an error), from the smallest to the largest effect. */
function rankedStudies(input: ForestPlotInput): ForestStudy[] {
  const studies = input.studies.filter((s) => [s.effect, s.ciLower, s.ciUpper].every(Number.isFinite)).sort((a, b) => a.effect - b.effect);
  if (studies.length === 0) throw new MetasynthError('invalid_input', PLOTS_MESSAGES.caterpillarplotspec_study_finite_effect());
  return studies;
}

/** One row per study: its rank, effect and CI on the display scale, and the text of its tooltip. */
function studyRows(studies: readonly ForestStudy[], axis: EffectAxis): Json[] {
  return studies.map((s, i) => ({
    study: s.study,
    rank: i + 1,
    est: axis.display(s.effect),
    lo: axis.display(s.ciLower),
    hi: axis.display(s.ciUpper),
    text: `${formatNumber(axis.ratio ? Math.exp(s.effect) : s.effect, 2)} [${formatNumber(axis.ratio ? Math.exp(s.ciLower) : s.ciLower, 2)}, ${formatNumber(axis.ratio ? Math.exp(s.ciUpper) : s.ciUpper, 2)}]`,
  }));
}

/** The vertical axis of the k ranks, titled with k and without ticks or labels. */
function rankAxis(k: number): Json {
  return {
    field: 'rank',
    type: 'quantitative',
    title: `Studies (k = ${k})`,
    scale: { domain: [0, k + 1], nice: false, zero: false },
    axis: { values: [], ticks: false, domain: false, labels: false },
  };
}

/** The pooled estimate's layers (its PI band when given, its CI band, its red line) and their caption. */
function pooledLayers(pooled: ForestPooled, axis: EffectAxis, level: string): { layers: Json[]; caption: string } {
  const x = (field: string) => axis.encoding(field);
  const layers: Json[] = [];
  const band = (lo: number, hi: number, colour: string): Json => ({
    data: { values: [{ lo: axis.display(lo), hi: axis.display(hi) }] },
    mark: { type: 'rect', color: colour, opacity: 1 },
    encoding: { x: x('lo'), x2: { field: 'hi' } },
  });
  if (pooled.piLower != null && pooled.piUpper != null) layers.push(band(pooled.piLower, pooled.piUpper, '#eef1f5'));
  layers.push(band(pooled.ciLower, pooled.ciUpper, '#cdd5e0'));
  layers.push({
    data: { values: [{ v: axis.display(pooled.estimate) }] },
    mark: { type: 'rule', color: '#b3261e', strokeWidth: 1.2 },
    encoding: { x: x('v') },
  });
  const disp = (v: number) => formatNumber(axis.ratio ? Math.exp(v) : v, 2);
  const caption = `Red line: ${pooled.label}, ${disp(pooled.estimate)}; dark band: its ${level}% CI [${disp(pooled.ciLower)}, ${disp(pooled.ciUpper)}]${pooled.piLower != null && pooled.piUpper != null ? `; light band: ${level}% prediction interval [${disp(pooled.piLower)}, ${disp(pooled.piUpper)}]` : ''}.`;
  return { layers, caption };
}

/** The studies' layers: one CI line and one effect dot per rank, both thinner and smaller the more studies there are. */
function studyLayers(values: Json[], k: number, axis: EffectAxis, level: string): Json[] {
  const x = (field: string) => axis.encoding(field);
  const rank = rankAxis(k);
  const stroke = Math.min(1.2, Math.max(0.6, rowHeight(k) / 3));
  return [
    {
      data: { values },
      mark: { type: 'rule', color: INK, strokeWidth: stroke },
      encoding: {
        y: rank,
        x: x('lo'),
        x2: { field: 'hi' },
        tooltip: [
          { field: 'study', title: 'Study' },
          { field: 'text', title: `Effect [${level}% CI]` },
        ],
      },
    },
    {
      data: { values },
      mark: { type: 'point', shape: 'circle', filled: true, color: INK, size: Math.max(4, Math.min(24, rowHeight(k) ** 2 * 0.6)) },
      encoding: {
        y: rank,
        x: x('est'),
        tooltip: [
          { field: 'study', title: 'Study' },
          { field: 'text', title: `Effect [${level}% CI]` },
        ],
      },
    },
  ];
}

/**
 * Caterpillar plot of a meta-analysis with many studies: each study's effect and confidence
 * interval, ranked from the smallest to the largest effect, with the pooled estimate (the first
 * of `input.pooled`) as a vertical line over its CI band and, when given, its prediction interval.
 * Study names are in the tooltips. Ratio measures on a log axis.
 * @example caterpillarPlotSpec({ measure: 'RR', studies: [{ study: 'A', effect: -0.9, ciLower: -2, ciUpper: 0.2 }], pooled: [{ label: 'RE', estimate: -0.7, ciLower: -1.1, ciUpper: -0.3 }] }).description // 'Caterpillar plot of 1 study'
 */
export function caterpillarPlotSpec(input: ForestPlotInput, options: PlotOptions = {}): TopLevelSpec {
  const studies = rankedStudies(input);
  const pooled = input.pooled[0];
  const axis = effectAxis(input.measure, [
    ...studies.flatMap((s) => [s.ciLower, s.ciUpper]),
    ...(pooled ? [pooled.piLower ?? NaN, pooled.piUpper ?? NaN, pooled.ciLower, pooled.ciUpper] : []),
  ]);
  const k = studies.length;
  const height = options.height ?? Math.round(Math.max(160, k * rowHeight(k)));
  const level = formatLevel(input.level ?? 95);
  const layers: Json[] = [];
  const caption: string[] = [];
  if (pooled) {
    const band = pooledLayers(pooled, axis, level);
    layers.push(...band.layers);
    caption.push(band.caption);
  }
  layers.push({
    data: { values: [{ v: axis.ratio ? 1 : 0 }] },
    mark: { type: 'rule', color: '#9aa0a6', strokeDash: [3, 3], strokeWidth: 0.8 },
    encoding: { x: axis.encoding('v') },
  });
  layers.push(...studyLayers(studyRows(studies, axis), k, axis, level));
  caption.push(`Each line: one study's effect and ${level}% CI, ranked from the smallest to the largest effect.`);
  return frame({ ...options, width: options.width ?? 420, height }, input.synthetic, `Caterpillar plot of ${countOf(k, 'study', 'studies')}`, layers, caption);
}
