// Funnel plot: effect against standard error, the SE axis inverted (precise studies on top).
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import { isRatioMeasure } from '../effects/types.js';
import { normalQuantile } from '../distributions/index.js';
import { formatLevel, formatNumber, linearTicks, logBounds, logTicks, MEASURE_NAMES, toDisplay, wrapText } from './format.js';
import { baseConfig, finish, INK, MUTED, px, titleBlock, VEGA_LITE_SCHEMA, type Json } from './spec.js';
import { textWidth } from './textMetrics.js';
import type { FunnelPlotInput, FunnelPlotOptions } from './types.js';
import { countOf } from '../core/plural.js';

/** Contour p-values of the contour-enhanced funnel (Peters et al. 2008), with their fills. */
const CONTOUR_BANDS = [
  { label: 'p < 0.01', z: Infinity, fill: '#f1f3f4' },
  { label: '0.01 \u2264 p < 0.05', z: -normalQuantile(0.005), fill: '#9aa0a6' },
  { label: '0.05 \u2264 p < 0.10', z: -normalQuantile(0.025), fill: '#c8cbcf' },
  { label: 'p \u2265 0.10', z: -normalQuantile(0.05), fill: '#ffffff' },
] as const;

/**
 * A funnel plot: each study's effect against its standard error on an inverted axis, the pooled
 * estimate as a vertical line, and either the pseudo confidence region (estimate ± z·SE) or, with
 * `contours: true`, the significance contours p = 0.10, 0.05, 0.01 around the null (Peters et al.
 * 2008, J Clin Epidemiol 61:991). Studies imputed by trim-and-fill are drawn as open circles with the
 * adjusted estimate dashed; Egger's regression line is drawn when given. As metafor's `funnel()`.
 * Ratio measures use a log axis labelled on the ratio scale.
 * @example funnelPlotSpec({ measure: 'RR', estimate: -0.71, points: [{ study: 'A', effect: -0.89, standardError: 0.57 }] })
 */
export function funnelPlotSpec(input: FunnelPlotInput, options: FunnelPlotOptions = {}): TopLevelSpec {
  if (!Number.isFinite(input.estimate)) {
    throw new MetasynthError('invalid_input', 'funnelPlotSpec: the pooled estimate must be a finite number', [
      { code: 'not_a_number', field: 'estimate', message: 'estimate: must be a finite number', received: input.estimate },
    ]);
  }
  const points = input.points.filter((p) => Number.isFinite(p.effect) && Number.isFinite(p.standardError) && p.standardError > 0);
  const measure = input.measure;
  const ratio = isRatioMeasure(measure);
  const level = options.level ?? 95;
  const fs = 11;
  const width = options.width ?? 420;
  const height = options.height ?? 320;
  const zLevel = -normalQuantile((1 - level / 100) / 2);
  const seMaxData = Math.max(0, ...points.map((p) => p.standardError));
  const seTicks = linearTicks(0, seMaxData > 0 ? seMaxData : 1, 4);
  const seMax = seTicks.domain[1];
  const contours = options.contours ?? false;
  const centre = contours ? 0 : input.estimate;
  const region = (z: number): [number, number] => [centre - z * seMax, centre + z * seMax];

  // x range: every study, the region at the bottom, the null.
  const xs = points.map((p) => p.effect);
  const zWide = contours ? -normalQuantile(0.005) : zLevel;
  xs.push(...region(zWide), input.estimate, 0);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  let domain: [number, number];
  let ticks: number[];
  if (ratio) {
    domain = logBounds(Math.max(1e-3, Math.exp(lo)), Math.min(1e3, Math.exp(hi)));
    ticks = logTicks(domain[0], domain[1]);
  } else {
    const t = linearTicks(lo, hi);
    domain = t.domain;
    ticks = t.ticks;
  }
  const clip = (v: number) => Math.min(domain[1], Math.max(domain[0], v));
  const disp = (v: number) => clip(toDisplay(measure, v));
  const names = MEASURE_NAMES[measure];
  const xScale: Json = { type: ratio ? 'log' : 'linear', domain, nice: false, ...(ratio ? {} : { zero: false }) };
  const x = (field: string, axis = false): Json => ({
    field,
    type: 'quantitative',
    scale: xScale,
    title: `${names.name}${ratio ? ' (log scale)' : ''}`,
    ...(axis ? { axis: { values: ticks, format: '~g', grid: false, labelFlush: false } } : {}),
  });
  const y = (field: string, axis = false): Json => ({
    field,
    type: 'quantitative',
    scale: { domain: [0, seMax], reverse: true, nice: false, zero: true },
    title: 'Standard error',
    ...(axis ? { axis: { values: seTicks.ticks, grid: false } } : {}),
  });

  const layers: Json[] = [];
  // Regions as areas between the two boundary lines (straight on a log axis too: exp(c ± z·se)).
  const band = (z: number, extra: Record<string, Json>) => {
    const [l, r] = Number.isFinite(z) ? region(z) : [-Infinity, Infinity];
    return [
      { se: 0, lo: Number.isFinite(z) ? disp(centre) : domain[0], hi: Number.isFinite(z) ? disp(centre) : domain[1], ...extra },
      { se: seMax, lo: Number.isFinite(l) ? disp(l) : domain[0], hi: Number.isFinite(r) ? disp(r) : domain[1], ...extra },
    ];
  };
  if (contours) {
    const values = CONTOUR_BANDS.flatMap((b, i) => band(b.z, { band: b.label, order: i }));
    layers.push({
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
    });
    layers.push({
      data: { values: [{ x: toDisplay(measure, 0) }] },
      mark: { type: 'rule', color: MUTED, strokeWidth: 0.8 },
      encoding: { x: x('x') },
    });
  } else {
    layers.push({
      data: { values: band(zLevel, {}) },
      mark: { type: 'area', orient: 'horizontal', interpolate: 'linear', color: '#eef1f5', opacity: 1 },
      encoding: { y: y('se', true), x: x('lo', true), x2: { field: 'hi' } },
    });
    for (const side of ['lo', 'hi']) {
      layers.push({
        data: { values: band(zLevel, {}) },
        mark: { type: 'line', color: MUTED, strokeDash: [4, 3], strokeWidth: 0.9 },
        encoding: { y: y('se'), x: x(side) },
      });
    }
  }
  // The pooled estimate, and the trim-and-fill adjusted one.
  layers.push({
    data: { values: [{ x: disp(input.estimate), label: 'Pooled estimate', value: formatNumber(toDisplay(measure, input.estimate), 2) }] },
    mark: { type: 'rule', color: INK, strokeWidth: 1 },
    encoding: { x: x('x'), tooltip: [{ field: 'label' }, { field: 'value', title: names.short }] },
  });
  const imputed = points.filter((p) => p.imputed);
  const caption: string[] = [];
  if (input.adjustedEstimate != null && Number.isFinite(input.adjustedEstimate)) {
    layers.push({
      data: { values: [{ x: disp(input.adjustedEstimate), label: 'Adjusted by trim-and-fill', value: formatNumber(toDisplay(measure, input.adjustedEstimate), 2) }] },
      mark: { type: 'rule', color: '#b3261e', strokeWidth: 1, strokeDash: [5, 3] },
      encoding: { x: x('x'), tooltip: [{ field: 'label' }, { field: 'value', title: names.short }] },
    });
  }
  if (input.egger && Number.isFinite(input.egger.intercept) && Number.isFinite(input.egger.slope)) {
    const e = input.egger;
    layers.push({
      data: { values: [0, seMax].map((se) => ({ se, x: disp(e.intercept + e.slope * se) })) },
      mark: { type: 'line', color: '#1f5f99', strokeWidth: 1.4, strokeDash: [1.5, 2.5] },
      encoding: { y: y('se'), x: x('x') },
    });
    caption.push("Dotted blue line: Egger's regression of effect on standard error.");
  }
  const pointValues = points.map((p) => ({
    study: p.study,
    x: disp(p.effect),
    se: p.standardError,
    effect: formatNumber(toDisplay(measure, p.effect), 2),
    seText: formatNumber(p.standardError, 3),
    kind: p.imputed ? 'Imputed (trim-and-fill)' : 'Observed',
  }));
  const tooltip: Json = [
    { field: 'study', title: 'Study' },
    { field: 'effect', title: names.short },
    { field: 'seText', title: 'SE' },
    { field: 'kind', title: 'Kind' },
  ];
  const observed = pointValues.filter((p) => p.kind === 'Observed');
  if (observed.length > 0) {
    layers.push({
      data: { values: observed },
      mark: { type: 'point', shape: 'circle', filled: true, color: INK, size: 38, opacity: 0.9 },
      encoding: { x: x('x'), y: y('se'), tooltip },
    });
  }
  if (imputed.length > 0) {
    layers.push({
      data: { values: pointValues.filter((p) => p.kind !== 'Observed') },
      mark: { type: 'point', shape: 'circle', filled: true, fill: 'white', stroke: INK, strokeWidth: 1.2, size: 38, opacity: 1 },
      encoding: { x: x('x'), y: y('se'), tooltip },
    });
    caption.push(`Open circles: ${imputed.length} ${imputed.length === 1 ? 'study' : 'studies'} imputed by trim-and-fill; dashed red line: adjusted estimate.`);
  }
  if (!contours) caption.unshift(`Shaded: pseudo ${formatLevel(level)}% confidence region around the pooled estimate.`);
  if (options.caption) caption.push(options.caption);
  const captionLines = caption.flatMap((c) => wrapText(c, width, (s) => textWidth(s, fs - 1)));
  const spec: Record<string, Json | undefined> = {
    $schema: VEGA_LITE_SCHEMA,
    description: `Funnel plot of ${countOf(points.length, 'study', 'studies')} (${names.name})`,
    title: titleBlock({ title: options.title, subtitle: options.subtitle, synthetic: input.synthetic }, fs),
    width,
    height,
    padding: 16,
    config: baseConfig(fs),
    layer: layers,
  };
  return captioned(spec, captionLines, fs);
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
