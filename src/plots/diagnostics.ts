// Baujat and L'Abbé plots: scatter plots with reference lines; the studies that stand out are
// labelled where a label fits, every study is named in its tooltip.
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import { frame } from './diagnosticsFrame.js';
import { formatNumber, linearTicks, MEASURE_NAMES, toDisplay } from './format.js';
import type { Measure } from '../effects/types.js';
import { labelLayers, placeLabels } from './pointLabels.js';
import { INK, MUTED, type Json } from './spec.js';
import type { BaujatPoint, LabbePlotInput, LabbeScale, PlotOptions } from './types.js';
import { countOf } from '../core/plural.js';
import { PLOTS_MESSAGES } from './messages.js';

const FS = 11;
/** Baujat: a study stands out when its contribution or its influence is at least this share of the largest. */
const STANDOUT_SHARE = 0.25;

function finitePoints<T>(what: string, points: readonly T[], values: (p: T) => readonly number[]): T[] {
  const ok = points.filter((p) => values(p).every(Number.isFinite));
  if (ok.length === 0) throw new MetasynthError('invalid_input', PLOTS_MESSAGES.no_study_has_finite(what));
  return ok;
}

/**
 * An axis that spans the data plus `share` of its range on each side (as R's default axes), with
 * readable ticks inside it; markers then never sit on an axis line.
 */
function paddedTicks(lo: number, hi: number, share: number): { domain: [number, number]; ticks: number[] } {
  const range = hi - lo > 0 ? hi - lo : Math.max(Math.abs(hi), 1);
  const domain: [number, number] = [lo - share * range, hi + share * range];
  const ticks = linearTicks(domain[0], domain[1]).ticks.filter((v) => v >= domain[0] - 1e-12 && v <= domain[1] + 1e-12);
  return { domain, ticks };
}

/** Options of the Baujat plot: the model its coordinates come from. */
export interface BaujatPlotOptions extends PlotOptions {
  readonly synthetic?: boolean;
  /** The model in words for the caption, e.g. "random-effects model, REML"; default: common-effect. */
  readonly model?: string;
  /** True when the coordinates come from a random-effects model: the x axis is then the squared Pearson residual. */
  readonly randomEffects?: boolean;
}

/**
 * Baujat plot: each study's contribution to heterogeneity (x: its squared Pearson residual, under
 * the common-effect model its share of Cochran's Q) against its influence on the pooled estimate
 * (y); studies at the top right drive both. The studies whose x or y is at least a quarter of the
 * largest are labelled where a label fits. Baujat, B., et al. (2002). Statistics in Medicine, 21,
 * 2641–2652. As metafor's `baujat()`; coordinates from `baujat(table, { method })`.
 * @example baujatPlotSpec([{ study: 'A', contributionQ: 1.2, influence: 0.8 }]).description // 'Baujat plot of 1 study'
 */
export function baujatPlotSpec(points: readonly BaujatPoint[], options: BaujatPlotOptions = {}): TopLevelSpec {
  const ok = finitePoints('baujatPlotSpec', points, (p) => [p.contributionQ, p.influence]);
  const values = ok.map((p) => ({
    study: p.study,
    x: p.contributionQ,
    y: p.influence,
    xText: formatNumber(p.contributionQ, 2),
    yText: formatNumber(p.influence, 2),
  }));
  const width = options.width ?? 380;
  const height = options.height ?? 320;
  const xt = paddedTicks(Math.min(...values.map((v) => v.x)), Math.max(...values.map((v) => v.x)), 0.04);
  const yt = paddedTicks(Math.min(...values.map((v) => v.y)), Math.max(...values.map((v) => v.y)), 0.04);
  const xTitle = options.randomEffects ? 'Squared Pearson residual' : 'Contribution to overall heterogeneity (Q)';
  const x: Json = { field: 'x', type: 'quantitative', title: xTitle, scale: { domain: xt.domain, nice: false }, axis: { values: xt.ticks, grid: false } };
  const y: Json = {
    field: 'y',
    type: 'quantitative',
    title: 'Influence on overall result',
    scale: { domain: yt.domain, nice: false },
    axis: { values: yt.ticks, grid: false },
  };
  const xMax = Math.max(...values.map((v) => v.x));
  const yMax = Math.max(...values.map((v) => v.y));
  const score = (v: { x: number; y: number }) => Math.max(xMax > 0 ? v.x / xMax : 0, yMax > 0 ? v.y / yMax : 0);
  const standouts = values.filter((v) => score(v) >= STANDOUT_SHARE).sort((a, b) => score(b) - score(a));
  const labels = placeLabels(
    standouts.map((v) => ({ x: v.x, y: v.y, text: v.study })),
    { width, height, xDomain: xt.domain, yDomain: yt.domain, fontSize: FS - 2, markers: values },
  );
  const points_: Json = {
    data: { values },
    mark: { type: 'point', filled: true, color: INK, size: 36 },
    encoding: {
      x,
      y,
      tooltip: [
        { field: 'study', title: 'Study' },
        { field: 'xText', title: options.randomEffects ? 'Squared Pearson residual' : 'Contribution to Q' },
        { field: 'yText', title: 'Influence' },
      ],
    },
  };
  return frame(
    { ...options, width, height },
    options.synthetic,
    `Baujat plot of ${countOf(values.length, 'study', 'studies')}`,
    [points_, ...labelLayers(labels, x, y, FS - 2, MUTED)],
    [
      `Model: ${options.model ?? 'common-effect model, inverse variance'}; influence = squared change of the pooled estimate when the study is left out, over its variance.`,
      `Labelled: studies whose contribution or influence is at least a quarter of the largest (${standouts.length}), where a label fits without overlap.`,
    ],
  );
}

const LABBE_AXES: Readonly<Record<LabbeScale, { readonly title: string; readonly measure: Measure }>> = {
  'log-risk': { title: 'Log risk', measure: 'RR' },
  'log-odds': { title: 'Log odds', measure: 'OR' },
  risk: { title: 'Risk', measure: 'RD' },
  arcsine: { title: 'Arcsine square-root risk', measure: 'AS' },
};
/** L'Abbé circle diameters in px: linear in precision from the least to the most precise study (metafor's plim = 0.5, 3.5 cex). */
const LABBE_DIAMETER = [5, 26] as const;

/** The part of the line y = x + shift inside the square [lo, hi]², or nothing. */
function diagonal(lo: number, hi: number, shift: number): { x: number; y: number }[] {
  const a = Math.max(lo, lo - shift);
  const b = Math.min(hi, hi - shift);
  return a < b
    ? [
        { x: a, y: a + shift },
        { x: b, y: b + shift },
      ]
    : [];
}

/**
 * L'Abbé plot as metafor's `labbe(res)`: each study's treatment arm (y) against its control arm (x)
 * on the measure's scale (log risk for RR, log odds for OR, risk for RD), one circle per study whose
 * diameter grows linearly with its precision; the solid diagonal is no effect, the dashed line the
 * pooled effect (y = x + estimate). Both axes share one domain wide enough for every circle.
 * L'Abbé, K. A., Detsky, A. S., & O'Rourke, K. (1987). Annals of Internal Medicine, 107, 224–233.
 * @example labbePlotSpec({ scale: 'log-risk', points: [{ study: 'A', treatment: -3.4, control: -2.5 }] }).description // "L'Abbé plot of 1 study"
 */
export function labbePlotSpec(input: LabbePlotInput, options: PlotOptions = {}): TopLevelSpec {
  const ok = finitePoints('labbePlotSpec', input.points, (p) => [p.treatment, p.control]);
  const size = options.width ?? 380;
  const w = ok.map((p) => (p.variance != null && p.variance > 0 ? 1 / Math.sqrt(p.variance) : NaN));
  const wMin = Math.min(...w.filter(Number.isFinite));
  const wMax = Math.max(...w.filter(Number.isFinite));
  const diameter = (wi: number) =>
    !Number.isFinite(wi) || !(wMax - wMin > 1e-8)
      ? (LABBE_DIAMETER[0] + LABBE_DIAMETER[1]) / 2
      : LABBE_DIAMETER[0] + ((wi - wMin) / (wMax - wMin)) * (LABBE_DIAMETER[1] - LABBE_DIAMETER[0]);
  const values = ok
    .map((p, i) => ({
      study: p.study,
      x: p.control,
      y: p.treatment,
      size: diameter(w[i]!) ** 2,
      xText: formatNumber(p.control, 3),
      yText: formatNumber(p.treatment, 3),
      tText: p.treatmentText ?? '',
      cText: p.controlText ?? '',
    }))
    .sort((a, b) => b.size - a.size); // large circles first, so small ones stay on top (as metafor)
  const all = values.flatMap((v) => [v.x, v.y]);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  // Room for half the largest circle on every side, so that no circle crosses an axis.
  const margin = (((LABBE_DIAMETER[1] / 2 + 2) / size) * (hi - lo || 1)) / (1 - (LABBE_DIAMETER[1] + 4) / size);
  const t = paddedTicks(lo - margin, hi + margin, 0);
  const axes = LABBE_AXES[input.scale];
  const scale: Json = { domain: t.domain, nice: false, zero: false };
  const x: Json = { field: 'x', type: 'quantitative', title: `${axes.title}, control (group 2)`, scale, axis: { values: t.ticks, grid: false } };
  const y: Json = { field: 'y', type: 'quantitative', title: `${axes.title}, treatment (group 1)`, scale, axis: { values: t.ticks, grid: false } };
  const line = (values: Json[], dash: number[] | null): Json => ({
    data: { values },
    mark: { type: 'line', color: INK, strokeWidth: 1, ...(dash ? { strokeDash: dash } : {}) },
    encoding: { x, y },
  });
  const layers: Json[] = [line(diagonal(t.domain[0], t.domain[1], 0), null)];
  const caption = [
    'Solid line: no effect (treatment = control). Circle diameter grows linearly with the precision 1/\u221a(v\u2081 + v\u2082) of the two arms.',
  ];
  const pooled = input.pooled;
  if (pooled != null && Number.isFinite(pooled)) {
    const seg = diagonal(t.domain[0], t.domain[1], pooled);
    if (seg.length > 0) layers.push(line(seg, [5, 3]));
    const m = input.measure ?? axes.measure;
    caption.push(`Dashed line: pooled effect, ${MEASURE_NAMES[m].short} ${formatNumber(toDisplay(m, pooled), 2)}${input.model ? ` (${input.model})` : ''}.`);
  }
  layers.push({
    data: { values },
    mark: { type: 'point', shape: 'circle', filled: true, color: '#9aa0a6', opacity: 0.85, stroke: INK, strokeWidth: 0.8 },
    encoding: {
      x,
      y,
      size: { field: 'size', type: 'quantitative', scale: null, legend: null },
      tooltip: [
        { field: 'study', title: 'Study' },
        { field: 'tText', title: 'Events/total, treatment' },
        { field: 'cText', title: 'Events/total, control' },
        { field: 'yText', title: `${axes.title}, treatment` },
        { field: 'xText', title: `${axes.title}, control` },
      ],
    },
  });
  return frame(
    { ...options, width: size, height: options.height ?? size },
    input.synthetic,
    `L'Abb\u00e9 plot of ${countOf(values.length, 'study', 'studies')}`,
    layers,
    caption,
  );
}
