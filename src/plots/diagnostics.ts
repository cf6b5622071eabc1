// Baujat, radial (Galbraith) and L'Abbé plots: scatter plots with reference lines, each study
// labelled or in the tooltip.
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import { normalQuantile } from '../distributions/index.js';
import type { Measure } from '../effects/types.js';
import { formatNumber, linearTicks, MEASURE_NAMES, wrapText } from './format.js';
import { captioned } from './funnel.js';
import { baseConfig, INK, MUTED, titleBlock, VEGA_LITE_SCHEMA, type Json } from './spec.js';
import { textWidth, truncateText } from './textMetrics.js';
import type { BaujatPoint, LabbePoint, PlotOptions, RadialPoint } from './types.js';
import { countOf } from '../core/plural.js';
import { PLOTS_MESSAGES } from './messages.js';

const FS = 11;

function finitePoints<T>(what: string, points: readonly T[], values: (p: T) => readonly number[]): T[] {
  const ok = points.filter((p) => values(p).every(Number.isFinite));
  if (ok.length === 0) throw new MetasynthError('invalid_input', PLOTS_MESSAGES.no_study_has_finite(what));
  return ok;
}

function frame(options: PlotOptions, synthetic: boolean | undefined, description: string, layers: Json[], caption: string[]): TopLevelSpec {
  const width = options.width ?? 380;
  const lines = [...caption, ...(options.caption ? [options.caption] : [])].flatMap((c) => wrapText(c, width, (s) => textWidth(s, FS - 1)));
  return captioned(
    {
      $schema: VEGA_LITE_SCHEMA,
      description,
      title: titleBlock({ title: options.title, subtitle: options.subtitle, synthetic }, FS),
      width,
      height: options.height ?? 320,
      padding: 16,
      config: baseConfig(FS),
      layer: layers,
    },
    lines,
    FS,
  );
}

/** The `n` values with the largest `score`, in their original order. */
function standouts<T>(values: readonly T[], score: (v: T) => number, n: number): T[] {
  const ranked = values.map((v, i) => ({ i, s: score(v) })).sort((a, b) => b.s - a.s || a.i - b.i).slice(0, n);
  const keep = new Set(ranked.map((r) => r.i));
  return values.filter((_, i) => keep.has(i));
}

/** Short labels beside points (full text in the tooltip). */
function labelled(values: readonly Record<string, Json>[], x: Json, y: Json): Json {
  return {
    data: { values: values as Json[] },
    mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, fontSize: FS - 2, color: MUTED },
    encoding: { x, y, text: { field: 'short', type: 'nominal' } },
  };
}

/**
 * Baujat plot: each study's contribution to Cochran's Q (x) against its influence on the pooled
 * estimate (y); studies at the top right drive both heterogeneity and the result.
 * Baujat, B., et al. (2002). A graphical method for exploring heterogeneity in meta-analyses:
 * application to a meta-analysis of 65 trials. Statistics in Medicine, 21, 2641–2652. As metafor's `baujat()`.
 * @example baujatPlotSpec([{ study: 'A', contributionQ: 1.2, influence: 0.8 }]).description // 'Baujat plot of 1 study'
 */
export function baujatPlotSpec(points: readonly BaujatPoint[], options: PlotOptions & { readonly synthetic?: boolean } = {}): TopLevelSpec {
  const ok = finitePoints('baujatPlotSpec', points, (p) => [p.contributionQ, p.influence]);
  const values = ok.map((p) => ({
    study: p.study,
    short: truncateText(p.study, 120, FS - 2),
    x: p.contributionQ,
    y: p.influence,
    xText: formatNumber(p.contributionQ, 2),
    yText: formatNumber(p.influence, 2),
  }));
  const xMax = Math.max(1e-300, ...values.map((v) => v.x));
  const yMax = Math.max(1e-300, ...values.map((v) => v.y));
  const x: Json = { field: 'x', type: 'quantitative', title: 'Contribution to overall heterogeneity (Q)', axis: { grid: false } };
  const y: Json = { field: 'y', type: 'quantitative', title: 'Influence on overall result', axis: { grid: false } };
  return frame(
    options,
    options.synthetic,
    `Baujat plot of ${countOf(values.length, 'study', 'studies')}`,
    [
      {
        data: { values },
        mark: { type: 'point', filled: true, color: INK, size: 40 },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'study', title: 'Study' },
            { field: 'xText', title: 'Contribution to Q' },
            { field: 'yText', title: 'Influence' },
          ],
        },
      },
      // Only the studies that stand out are labelled (the five largest on either axis, relative to
      // its maximum), so labels never pile up near the origin; every point has its tooltip.
      labelled(standouts(values, (v) => Math.max(v.x / xMax, v.y / yMax), 5), x, y),
    ],
    ['Labelled: the five studies with the largest contribution or influence.'],
  );
}

/**
 * Radial (Galbraith) plot: z = effect / SE against precision 1 / SE. Under the common-effect model the
 * studies scatter around the line through the origin whose slope is the pooled estimate, 95% of them
 * within ±1.96 of it. Galbraith, R. F. (1988). A note on graphical presentation of estimated odds
 * ratios from several clinical trials. Statistics in Medicine, 7, 889–894. As metafor's `radial()`
 * (without the arc of the effect scale: the slope is printed instead).
 * @example radialPlotSpec({ measure: 'RR', estimate: -0.43, points: [{ study: 'A', effect: -0.89, standardError: 0.57 }] }).description // 'Radial (Galbraith) plot of 1 study'
 */
export function radialPlotSpec(
  input: { readonly measure: Measure; readonly estimate: number; readonly points: readonly RadialPoint[]; readonly synthetic?: boolean; readonly level?: number },
  options: PlotOptions = {},
): TopLevelSpec {
  const ok = finitePoints('radialPlotSpec', input.points, (p) => [p.effect, p.standardError]).filter((p) => p.standardError > 0);
  if (!Number.isFinite(input.estimate)) throw new MetasynthError('invalid_input', PLOTS_MESSAGES.radial_plot_spec_pooled());
  const z = -normalQuantile((1 - (input.level ?? 95) / 100) / 2);
  const values = ok.map((p) => ({
    study: p.study,
    short: truncateText(p.study, 120, FS - 2),
    x: 1 / p.standardError,
    y: p.effect / p.standardError,
    effect: formatNumber(p.effect, 3),
    se: formatNumber(p.standardError, 3),
  }));
  const xMax = linearTicks(0, Math.max(...values.map((v) => v.x))).domain[1];
  const lineAt = (offset: number, label: string) => [0, xMax].map((x) => ({ x, y: input.estimate * x + offset, line: label }));
  const lines = [...lineAt(0, 'pooled'), ...lineAt(z, 'upper'), ...lineAt(-z, 'lower')];
  const ys = [...values.map((v) => v.y), ...lines.map((l) => l.y), 0];
  const yt = linearTicks(Math.min(...ys), Math.max(...ys));
  const x: Json = { field: 'x', type: 'quantitative', title: 'Precision (1 / SE)', scale: { domain: [0, xMax], nice: false }, axis: { grid: false } };
  const y: Json = { field: 'y', type: 'quantitative', title: 'Standardised effect (effect / SE)', scale: { domain: yt.domain, nice: false }, axis: { grid: false } };
  const name = MEASURE_NAMES[input.measure];
  return frame(
    options,
    input.synthetic,
    `Radial (Galbraith) plot of ${countOf(values.length, 'study', 'studies')}`,
    [
      {
        data: { values: [{ y: 0 }] },
        mark: { type: 'rule', color: MUTED, strokeWidth: 0.6 },
        encoding: { y: { field: 'y', type: 'quantitative', scale: { domain: yt.domain, nice: false } } },
      },
      {
        data: { values: lines },
        mark: { type: 'line', strokeWidth: 1 },
        encoding: {
          x,
          y,
          detail: { field: 'line', type: 'nominal' },
          strokeDash: { field: 'line', type: 'nominal', scale: { domain: ['pooled', 'upper', 'lower'], range: [[1, 0], [4, 3], [4, 3]] }, legend: null },
          color: { value: INK },
        },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, color: '#2f4f7f', size: 40 },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'study', title: 'Study' },
            { field: 'effect', title: `${name.short} (analysis scale)` },
            { field: 'se', title: 'SE' },
          ],
        },
      },
      // Studies outside the band are the ones to name; the rest stay unlabelled (tooltips).
      labelled(values.filter((v) => Math.abs(v.y - input.estimate * v.x) > z), x, y),
    ],
    [`Labelled: studies outside the band. Solid line: pooled estimate ${formatNumber(input.estimate, 3)} (slope, analysis scale); dashed: \u00b1${formatNumber(z, 2)}.`],
  );
}

/**
 * L'Abbé plot: event risk in the treatment arm against the control arm, one circle per study sized
 * by its sample size; the diagonal is no effect, and the dashed line the pooled risk ratio or odds
 * ratio when given. L'Abbé, K. A., Detsky, A. S., & O'Rourke, K. (1987). Meta-analysis in clinical
 * research. Annals of Internal Medicine, 107, 224–233. As metafor's `labbe()` on the risk scale.
 * @example labbePlotSpec({ points: [{ study: 'A', riskTreatment: 0.03, riskControl: 0.08, size: 262 }] }).description // "L'Abbé plot of 1 study"
 */
export function labbePlotSpec(
  input: {
    readonly points: readonly LabbePoint[];
    /** The pooled effect on the display scale, drawn as a curve: risk ratio (`RR`) or odds ratio (`OR`). */
    readonly pooled?: { readonly measure: 'RR' | 'OR'; readonly value: number } | null;
    readonly synthetic?: boolean;
  },
  options: PlotOptions = {},
): TopLevelSpec {
  const ok = finitePoints('labbePlotSpec', input.points, (p) => [p.riskTreatment, p.riskControl]);
  const values = ok.map((p) => ({
    study: p.study,
    short: truncateText(p.study, 120, FS - 2),
    x: p.riskControl,
    y: p.riskTreatment,
    size: p.size ?? 1,
    xText: formatNumber(p.riskControl, 3),
    yText: formatNumber(p.riskTreatment, 3),
    n: p.size == null ? '' : String(p.size),
  }));
  const top = Math.min(1, linearTicks(0, Math.max(...values.flatMap((v) => [v.x, v.y]))).domain[1]);
  const scale: Json = { domain: [0, top], nice: false, padding: 0 };
  const x: Json = { field: 'x', type: 'quantitative', title: 'Event risk, control', scale, axis: { grid: false } };
  const y: Json = { field: 'y', type: 'quantitative', title: 'Event risk, treatment', scale, axis: { grid: false } };
  const layers: Json[] = [
    {
      data: { values: [{ x: 0, y: 0 }, { x: top, y: top }] },
      mark: { type: 'line', color: MUTED, strokeWidth: 0.8 },
      encoding: { x, y },
    },
  ];
  const caption = ['Diagonal: no effect. Circle area proportional to sample size.'];
  const pooled = input.pooled;
  if (pooled && Number.isFinite(pooled.value) && pooled.value > 0) {
    const curve = Array.from({ length: 41 }, (_, i) => {
      const pc = (top * i) / 40;
      const pt = pooled.measure === 'RR' ? pooled.value * pc : (pooled.value * pc) / (1 - pc + pooled.value * pc);
      return { x: pc, y: pt };
    }).filter((p) => p.y <= top);
    layers.push({ data: { values: curve }, mark: { type: 'line', color: '#b3261e', strokeDash: [5, 3], strokeWidth: 1.2 }, encoding: { x, y } });
    caption.push(`Dashed: pooled ${MEASURE_NAMES[pooled.measure].name.toLowerCase()} ${formatNumber(pooled.value, 2)}.`);
  }
  layers.push({
    data: { values },
    mark: { type: 'point', filled: true, color: '#2f4f7f', opacity: 0.55, stroke: INK, strokeWidth: 0.6 },
    encoding: {
      x,
      y,
      size: { field: 'size', type: 'quantitative', scale: { range: [30, 600], zero: true }, legend: null },
      tooltip: [
        { field: 'study', title: 'Study' },
        { field: 'yText', title: 'Risk, treatment' },
        { field: 'xText', title: 'Risk, control' },
        { field: 'n', title: 'N' },
      ],
    },
  });
  return frame(options, input.synthetic, `L'Abb\u00e9 plot of ${countOf(values.length, 'study', 'studies')}`, layers, caption);
}
