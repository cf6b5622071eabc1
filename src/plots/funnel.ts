// Funnel plot: effect against standard error, the SE axis inverted (precise studies on top).
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import { isRatioMeasure, type Measure } from '../effects/types.js';
import { normalQuantile } from '../distributions/index.js';
import { formatLevel, formatNumber, linearTicks, logBounds, logTicks, MEASURE_NAMES, toDisplay, wrapText } from './format.js';
import { baseConfig, finish, INK, MUTED, px, titleBlock, VEGA_LITE_SCHEMA, type Json } from './spec.js';
import { textWidth } from './textMetrics.js';
import type { FunnelPlotInput, FunnelPlotOptions, FunnelPoint } from './types.js';
import { countOf } from '../core/plural.js';
import { PLOTS_MESSAGES } from './messages.js';
import { funnelLegendLayers, funnelLineExtent, funnelLinesCaption, hasLegendLines } from './funnelLines.js';

/**
 * Contour p-values of the contour-enhanced funnel (Peters et al. 2008, J Clin Epidemiol 61:991):
 * white where p ≥ 0.10, light grey 0.05–0.10, darker grey 0.01–0.05 (Peters' two greys), and the
 * darkest grey where p < 0.01, so that the most significant region is never mistaken for the white
 * one. The shades darken with significance; black points stay legible on all four (contrast above 6:1).
 */
export const CONTOUR_BANDS = [
  { label: 'p < 0.01', z: Infinity, fill: '#a6a6a6' },
  { label: '0.01 \u2264 p < 0.05', z: -normalQuantile(0.005), fill: '#c9c9c9' },
  { label: '0.05 \u2264 p < 0.10', z: -normalQuantile(0.025), fill: '#e8e8e8' },
  { label: 'p \u2265 0.10', z: -normalQuantile(0.05), fill: '#ffffff' },
] as const;

/**
 * A funnel plot: each study's effect against its standard error on an inverted axis, the pooled
 * estimate as a vertical line, and either the pseudo confidence region (estimate ± z·SE) or, with
 * `contours: true`, the significance contours p = 0.10, 0.05, 0.01 around the null (Peters et al.
 * 2008, J Clin Epidemiol 61:991). Studies imputed by trim-and-fill are drawn as open circles with the
 * adjusted estimate dashed; Egger's regression line is drawn when given. As metafor's `funnel()`.
 * Ratio measures use a log axis labelled on the ratio scale.
 * @example funnelPlotSpec({ measure: 'RR', estimate: -0.71, points: [{ study: 'A', effect: -0.89, standardError: 0.57 }] }).description // 'Funnel plot of 1 study (Risk ratio)'
 */
export function funnelPlotSpec(input: FunnelPlotInput, options: FunnelPlotOptions = {}): TopLevelSpec {
  validateFunnel(input);
  const g = funnelGeometry(input, options);
  const enc = funnelEncoders(g);
  const layers: Json[] = [...regionLayers(g, enc), ...estimateLayers(input, g, enc), ...pointLayers(g, enc)];
  const fs = 11;
  const captionLines = funnelCaption(input, options, g).flatMap((c) => wrapText(c, g.width, (s) => textWidth(s, fs - 1)));
  const spec: Record<string, Json | undefined> = {
    $schema: VEGA_LITE_SCHEMA,
    description: `Funnel plot of ${countOf(g.points.length, 'study', 'studies')} (${g.names.name})`,
    title: titleBlock({ title: options.title, subtitle: options.subtitle, synthetic: input.synthetic }, fs),
    width: g.width,
    height: g.height,
    padding: 16,
    config: baseConfig(fs),
    layer: layers,
  };
  return captioned(spec, captionLines, fs);
}

function validateFunnel(input: FunnelPlotInput): void {
  if (!Number.isFinite(input.estimate)) {
    throw new MetasynthError('invalid_input', PLOTS_MESSAGES.funnel_plot_spec_pooled(), [
      { code: 'not_a_number', field: 'estimate', message: PLOTS_MESSAGES.not_a_number_estimate().text, received: input.estimate },
    ]);
  }
}

/** Sizes, axes and the region centre of one funnel plot. */
interface FunnelGeometry {
  readonly measure: Measure;
  readonly ratio: boolean;
  readonly names: (typeof MEASURE_NAMES)[Measure];
  /** The studies with a finite effect and a positive standard error. */
  readonly points: readonly FunnelPoint[];
  readonly level: number;
  readonly width: number;
  readonly height: number;
  /** z of the pseudo confidence region at `level`. */
  readonly zLevel: number;
  readonly contours: boolean;
  /** The null with contours, else the pooled estimate (analysis scale). */
  readonly centre: number;
  readonly seMax: number;
  readonly seTicks: readonly number[];
  readonly domain: [number, number];
  readonly ticks: readonly number[];
}

/** The x domain covers every study, the region at the bottom of the plot, the estimate and the null. */
function effectDomain(points: readonly FunnelPoint[], ratio: boolean, xs: number[]): { domain: [number, number]; ticks: number[] } {
  xs.push(...points.map((p) => p.effect));
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  if (ratio) {
    const domain = logBounds(Math.max(1e-3, Math.exp(lo)), Math.min(1e3, Math.exp(hi)));
    return { domain, ticks: logTicks(domain[0], domain[1]) };
  }
  const t = linearTicks(lo, hi);
  return { domain: t.domain, ticks: t.ticks };
}

function funnelGeometry(input: FunnelPlotInput, options: FunnelPlotOptions): FunnelGeometry {
  const points = input.points.filter((p) => Number.isFinite(p.effect) && Number.isFinite(p.standardError) && p.standardError > 0);
  const ratio = isRatioMeasure(input.measure);
  const level = options.level ?? 95;
  const zLevel = -normalQuantile((1 - level / 100) / 2);
  const seMaxData = Math.max(0, ...points.map((p) => p.standardError));
  const seTicks = linearTicks(0, seMaxData > 0 ? seMaxData : 1, 4);
  const seMax = seTicks.domain[1];
  const contours = options.contours ?? false;
  const centre = contours ? 0 : input.estimate;
  const zWide = contours ? -normalQuantile(0.005) : zLevel;
  const lines = funnelLineExtent(input, seMax);
  const { domain, ticks } = effectDomain(points, ratio, [centre - zWide * seMax, centre + zWide * seMax, input.estimate, 0, ...lines]);
  return {
    measure: input.measure,
    ratio,
    names: MEASURE_NAMES[input.measure],
    points,
    level,
    width: options.width ?? 420,
    height: options.height ?? 320,
    zLevel,
    contours,
    centre,
    seMax,
    seTicks: seTicks.ticks,
    domain,
    ticks,
  };
}

/** Encodings of the effect (x, display scale) and the inverted standard-error axis (y). */
interface FunnelEncoders {
  x(field: string, axis?: boolean): Json;
  y(field: string, axis?: boolean): Json;
  /** An effect on the display scale, clipped to the x domain. */
  display(v: number): number;
}

function funnelEncoders(g: FunnelGeometry): FunnelEncoders {
  const clip = (v: number) => Math.min(g.domain[1], Math.max(g.domain[0], v));
  const xScale: Json = { type: g.ratio ? 'log' : 'linear', domain: g.domain, nice: false, ...(g.ratio ? {} : { zero: false }) };
  return {
    x: (field, axis = false) => ({
      field,
      type: 'quantitative',
      scale: xScale,
      title: `${g.names.name}${g.ratio ? ' (log scale)' : ''}`,
      ...(axis ? { axis: { values: g.ticks, format: '.6~g', grid: false, labelFlush: false } } : {}),
    }),
    y: (field, axis = false) => ({
      field,
      type: 'quantitative',
      scale: { domain: [0, g.seMax], reverse: true, nice: false, zero: true },
      title: 'Standard error',
      ...(axis ? { axis: { values: g.seTicks, grid: false } } : {}),
    }),
    display: (v) => clip(toDisplay(g.measure, v)),
  };
}

/** A region centre ± z·SE as the two rows of an area (straight on a log axis too: exp(c ± z·se)); z = ∞ fills the panel. */
function band(g: FunnelGeometry, enc: FunnelEncoders, z: number, extra: Record<string, Json>): Json[] {
  const [l, r] = Number.isFinite(z) ? [g.centre - z * g.seMax, g.centre + z * g.seMax] : [-Infinity, Infinity];
  return [
    { se: 0, lo: Number.isFinite(z) ? enc.display(g.centre) : g.domain[0], hi: Number.isFinite(z) ? enc.display(g.centre) : g.domain[1], ...extra },
    { se: g.seMax, lo: Number.isFinite(l) ? enc.display(l) : g.domain[0], hi: Number.isFinite(r) ? enc.display(r) : g.domain[1], ...extra },
  ];
}

/** The significance contours around the null with its line, or the pseudo confidence region with its dashed edges. */
function regionLayers(g: FunnelGeometry, enc: FunnelEncoders): Json[] {
  const { x, y } = enc;
  if (g.contours) {
    const values = CONTOUR_BANDS.flatMap((b, i) => band(g, enc, b.z, { band: b.label, order: i }));
    return [
      {
        data: { values },
        mark: { type: 'area', orient: 'horizontal', interpolate: 'linear', opacity: 1 },
        encoding: {
          y: y('se', true),
          x: x('lo', true),
          x2: { field: 'hi' },
          detail: { field: 'band', type: 'nominal' },
          fill: {
            field: 'band',
            type: 'nominal',
            scale: { domain: CONTOUR_BANDS.map((b) => b.label), range: CONTOUR_BANDS.map((b) => b.fill) },
            legend: { title: 'Two-sided p', orient: 'right', symbolType: 'square', symbolStrokeColor: '#9aa0a6', symbolStrokeWidth: 0.5 },
            sort: null,
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      { data: { values: [{ x: toDisplay(g.measure, 0) }] }, mark: { type: 'rule', color: MUTED, strokeWidth: 0.8 }, encoding: { x: x('x') } },
    ];
  }
  return [
    {
      data: { values: band(g, enc, g.zLevel, {}) },
      mark: { type: 'area', orient: 'horizontal', interpolate: 'linear', color: '#eef1f5', opacity: 1 },
      encoding: { y: y('se', true), x: x('lo', true), x2: { field: 'hi' } },
    },
    ...['lo', 'hi'].map((side) => ({
      data: { values: band(g, enc, g.zLevel, {}) },
      mark: { type: 'line', color: MUTED, strokeDash: [4, 3], strokeWidth: 0.9 },
      encoding: { y: y('se'), x: x(side) },
    })),
  ];
}

function hasEgger(input: FunnelPlotInput): boolean {
  return input.egger != null && Number.isFinite(input.egger.intercept) && Number.isFinite(input.egger.slope);
}

/**
 * The pooled estimate, the trim-and-fill adjusted one (dashed) and Egger's line (dotted); with
 * PET-PEESE or other adjusted estimates, every line named in a legend (funnelLines.ts).
 */
function estimateLayers(input: FunnelPlotInput, g: FunnelGeometry, enc: FunnelEncoders): Json[] {
  const { x, y, display } = enc;
  if (hasLegendLines(input)) return funnelLegendLayers(input, { measure: g.measure, seMax: g.seMax, x, y, display });
  const rule = (value: number, label: string) => ({ x: display(value), label, value: formatNumber(toDisplay(g.measure, value), 2) });
  const tooltip = [{ field: 'label' }, { field: 'value', title: g.names.short }];
  const layers: Json[] = [
    { data: { values: [rule(input.estimate, 'Pooled estimate')] }, mark: { type: 'rule', color: INK, strokeWidth: 1 }, encoding: { x: x('x'), tooltip } },
  ];
  if (input.adjustedEstimate != null && Number.isFinite(input.adjustedEstimate)) {
    layers.push({
      data: { values: [rule(input.adjustedEstimate, 'Adjusted by trim-and-fill')] },
      mark: { type: 'rule', color: '#b3261e', strokeWidth: 1, strokeDash: [5, 3] },
      encoding: { x: x('x'), tooltip },
    });
  }
  if (hasEgger(input)) {
    const e = input.egger!;
    layers.push({
      data: { values: [0, g.seMax].map((se) => ({ se, x: display(e.intercept + e.slope * se) })) },
      mark: { type: 'line', color: '#1f5f99', strokeWidth: 1.4, strokeDash: [1.5, 2.5] },
      encoding: { y: y('se'), x: x('x') },
    });
  }
  return layers;
}

/** Observed studies as filled circles, imputed ones as open circles. */
function pointLayers(g: FunnelGeometry, enc: FunnelEncoders): Json[] {
  const { x, y } = enc;
  const pointValues = g.points.map((p) => ({
    study: p.study,
    x: enc.display(p.effect),
    se: p.standardError,
    effect: formatNumber(toDisplay(g.measure, p.effect), 2),
    seText: formatNumber(p.standardError, 3),
    kind: p.imputed ? 'Imputed (trim-and-fill)' : 'Observed',
  }));
  const tooltip: Json = [
    { field: 'study', title: 'Study' },
    { field: 'effect', title: g.names.short },
    { field: 'seText', title: 'SE' },
    { field: 'kind', title: 'Kind' },
  ];
  const observed = pointValues.filter((p) => p.kind === 'Observed');
  const imputed = pointValues.filter((p) => p.kind !== 'Observed');
  return [
    ...(observed.length > 0
      ? [
          {
            data: { values: observed },
            mark: { type: 'point', shape: 'circle', filled: true, color: INK, size: 38, opacity: 0.9 },
            encoding: { x: x('x'), y: y('se'), tooltip },
          },
        ]
      : []),
    ...(imputed.length > 0
      ? [
          {
            data: { values: imputed },
            mark: { type: 'point', shape: 'circle', filled: true, fill: 'white', stroke: INK, strokeWidth: 1.2, size: 38, opacity: 1 },
            encoding: { x: x('x'), y: y('se'), tooltip },
          },
        ]
      : []),
  ];
}

/** The caption sentences: the shaded region, Egger's line, the imputed studies, then the caller's caption. */
function funnelCaption(input: FunnelPlotInput, options: FunnelPlotOptions, g: FunnelGeometry): string[] {
  const imputed = g.points.filter((p) => p.imputed).length;
  const caption: string[] = [...estimateCaption(input, g)];
  if (!g.contours) caption.push(`Shaded: pseudo ${formatLevel(g.level)}% confidence region around the pooled estimate.`);
  if (hasEgger(input)) caption.push("Dotted blue line: Egger's regression of effect on standard error.");
  if (imputed > 0)
    caption.push(`Open circles: ${imputed} ${imputed === 1 ? 'study' : 'studies'} imputed by trim-and-fill; dashed red line: adjusted estimate.`);
  if (hasLegendLines(input)) caption.push(...funnelLinesCaption(input, g.level));
  if (options.caption) caption.push(options.caption);
  return caption;
}

/** What the vertical lines are: the pooled estimate (with its model when known) and, with contours, the null. */
function estimateCaption(input: FunnelPlotInput, g: FunnelGeometry): string[] {
  const value = `${g.names.short} ${formatNumber(toDisplay(g.measure, input.estimate), 2)}`;
  const model = input.model ? ` (${input.model})` : '';
  const lines = [`Solid vertical line: pooled estimate, ${value}${model}.`];
  if (g.contours) {
    lines.push(
      `Grey vertical line: no effect (${g.names.short} = ${g.ratio ? 1 : 0}); shades: two-sided p of a study's own test against no effect (Peters et al. 2008).`,
    );
  }
  return lines;
}

/**
 * Put caption lines under a single view: a vconcat of the chart and a text-only view sized in
 * pixels by Arimo's metrics. Shared by the small plots.
 */
export function captioned(spec: Record<string, Json | undefined>, lines: readonly string[], fs: number): TopLevelSpec {
  if (lines.length === 0) return finish(spec);
  const { $schema, description, title, config, padding, ...chart } = spec;
  const lineHeight = fs + 4;
  return finish({
    $schema,
    description,
    title,
    padding,
    config,
    spacing: 12,
    vconcat: [
      chart as Json,
      {
        width: chart.width,
        height: px(lines.length * lineHeight),
        data: { values: lines.map((text, i) => ({ text, y: px(i * lineHeight + lineHeight / 2) })) },
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: fs - 1, color: MUTED },
        encoding: { x: { value: 0 }, y: { field: 'y', type: 'quantitative', scale: null, axis: null }, text: { field: 'text', type: 'nominal' } },
      },
    ],
  });
}
