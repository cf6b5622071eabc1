// Radial (Galbraith) plot as metafor's radial(): zᵢ = yᵢ/√(vᵢ + τ̂²) against xᵢ = 1/√(vᵢ + τ̂²), the
// line through the origin whose slope is the pooled estimate with its ±z band, and on the right the
// arc of the effect scale: the ray from the origin through a point meets the arc at that study's
// effect, and the inner arc marks the pooled estimate's confidence interval.
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import { countOf } from '../core/plural.js';
import { normalQuantile } from '../distributions/index.js';
import { isRatioMeasure } from '../effects/types.js';
import { frame } from './diagnosticsFrame.js';
import { formatLevel, formatNumber, linearTicks, MEASURE_NAMES, ratioTicks, toDisplay } from './format.js';
import { labelLayers, placeLabels, type PlacedLabel } from './pointLabels.js';
import { INK, MUTED, type Json } from './spec.js';
import { textWidth } from './textMetrics.js';
import type { PlotOptions, RadialPlotInput } from './types.js';
import { PLOTS_MESSAGES } from './messages.js';

const FS = 11;
/** Radii of the effect arc and of the CI arc, in units of the x axis's end (metafor: 1.14 and 1.12). */
const ARC = 1.14;
const CI_ARC = 1.09;

interface RadialGeometry {
  readonly width: number;
  readonly height: number;
  readonly xAxisMax: number;
  readonly xDomain: [number, number];
  readonly zDomain: [number, number];
  readonly zTicks: number[];
  /** Data units of x and z per pixel ratio: z per px divided by x per px. */
  readonly aspect: number;
}

/** Where the ray of slope `t` meets the circle of (visual) radius `r` (x units at slope 0). */
function onArc(g: RadialGeometry, r: number, t: number): { x: number; y: number } {
  const x = r / Math.sqrt(1 + (t / g.aspect) ** 2);
  return { x, y: x * t };
}

/** A tick label of the arc: at most two decimals, no trailing zeros (0.25, 0.5, 1, −1.5). */
function arcLabel(v: number): string {
  return formatNumber(Number(v.toFixed(2)), 2).replace(/\.?0+$/, '');
}

/** About as many ticks as metafor's arc (it draws 7). */
const ARC_TICKS = 5;

/** Effect values for the arc's ticks: readable values on the display scale within the studies' range. */
function arcTicks(measure: RadialPlotInput['measure'], lo: number, hi: number): number[] {
  const ticks = isRatioMeasure(measure)
    ? ratioTicks(Math.exp(lo), Math.exp(hi), ARC_TICKS).map(Math.log)
    : linearTicks(lo, hi, ARC_TICKS + 1).ticks.filter((t) => t >= lo - 1e-12 && t <= hi + 1e-12);
  // A range too narrow for two readable values: its two ends.
  return ticks.length >= 2 ? ticks : lo < hi ? [lo, hi] : [lo];
}

function geometry(input: RadialPlotInput, xs: number[], zs: number[], ys: number[], z: number, labelPx: number, options: PlotOptions): RadialGeometry {
  const width = options.width ?? 420;
  const height = options.height ?? 360;
  const xAxisMax = linearTicks(0, Math.max(...xs), 4).domain[1];
  // The arc and its labels sit right of the x axis's end, inside the panel (metafor draws them in the margin).
  const xDomain: [number, number] = [0, (xAxisMax * (ARC + 0.03)) / (1 - (labelPx + 8) / width)];
  const b = input.estimate;
  // Every point and the band at both ends, with a tenth to spare (as metafor); then the arc's ends,
  // whose height depends on the aspect ratio the domain gives: a few rounds settle it.
  let lo = 1.1 * Math.min(-2, ...zs, -z, b * xAxisMax - z);
  let hi = 1.1 * Math.max(2, ...zs, z, b * xAxisMax + z);
  const xPerPx = xDomain[1] / width;
  for (let round = 0; round < 4; round++) {
    const aspect = (hi - lo) / height / xPerPx;
    const ends = [Math.min(...ys), Math.max(...ys)].map((t) => onArc({ aspect } as RadialGeometry, ARC * xAxisMax * 1.02, t).y);
    lo = Math.min(lo, 1.05 * Math.min(...ends));
    hi = Math.max(hi, 1.05 * Math.max(...ends));
  }
  const t = linearTicks(lo, hi);
  const aspect = (t.domain[1] - t.domain[0]) / height / xPerPx;
  return { width, height, xAxisMax, xDomain, zDomain: t.domain, zTicks: t.ticks, aspect };
}

/** Points every 3 px along the slope line and the two band lines (z = estimate·x, ± z): labels keep off them. */
function lineMarkers(g: RadialGeometry, estimate: number, z: number): { x: number; y: number }[] {
  const n = Math.ceil(g.width / 3);
  return [0, z, -z].flatMap((shift) => Array.from({ length: n + 1 }, (_, i) => (g.xAxisMax * i) / n).map((x) => ({ x, y: estimate * x + shift })));
}

/**
 * The studies outside the ±z band, farthest first, and the labels that fit beside them without
 * touching a label, a point, the slope or band lines, or the panel edge.
 */
function radialLabels(
  values: readonly { study: string; x: number; y: number }[],
  g: RadialGeometry,
  estimate: number,
  z: number,
): { outside: readonly { study: string }[]; labels: PlacedLabel[] } {
  const off = (v: { x: number; y: number }) => Math.abs(v.y - estimate * v.x);
  const outside = values.filter((v) => off(v) > z).sort((a, b) => off(b) - off(a));
  const labels = placeLabels(
    outside.map((v) => ({ x: v.x, y: v.y, text: v.study })),
    {
      width: g.width,
      height: g.height,
      xDomain: g.xDomain,
      yDomain: g.zDomain,
      fontSize: FS - 2,
      markers: [...values, ...lineMarkers(g, estimate, z)],
      shiftVertically: true,
    },
  );
  return { outside, labels };
}

/** The effect arc, its ticks and labels, and the inner arc of the pooled estimate's CI. */
function arcLayers(input: RadialPlotInput, g: RadialGeometry, ys: number[], x: Json, y: Json): Json[] {
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const r = ARC * g.xAxisMax;
  const arc = Array.from({ length: 61 }, (_, i) => ({ ...onArc(g, r, lo + ((hi - lo) * i) / 60), order: i }));
  const all = arcTicks(input.measure, lo, hi).map((t) => {
    const a = onArc(g, r, t);
    const b = onArc(g, r * 1.02, t);
    return { x: a.x, y: a.y, x2: b.x, y2: b.y, label: arcLabel(toDisplay(input.measure, t)) };
  });
  // Labels closer than a line of text to the last one kept, or to the panel's top or bottom (where the
  // x axis's labels are), are dropped, so none overlap.
  const pxY = (v: number) => ((g.zDomain[1] - v) / (g.zDomain[1] - g.zDomain[0])) * g.height;
  const ticks: typeof all = [];
  for (const t of all) {
    const y = pxY(t.y2);
    if (y < FS / 2 || y > g.height - FS) continue;
    if (ticks.length === 0 || Math.abs(y - pxY(ticks[ticks.length - 1]!.y2)) >= FS - 1) ticks.push(t);
  }
  const line = (values: Json[], strokeWidth: number): Json => ({
    data: { values },
    mark: { type: 'line', color: INK, strokeWidth },
    encoding: { x, y, order: { field: 'order', type: 'quantitative' } },
  });
  const layers: Json[] = [
    line(arc, 0.8),
    { data: { values: ticks }, mark: { type: 'rule', color: INK, strokeWidth: 0.8 }, encoding: { x, y, x2: { field: 'x2' }, y2: { field: 'y2' } } },
    {
      data: { values: ticks },
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 3, fontSize: FS - 2, color: INK },
      encoding: { x: { ...(x as object), field: 'x2' }, y: { ...(y as object), field: 'y2' }, text: { field: 'label', type: 'nominal' } },
    },
  ];
  const { ciLower, ciUpper } = input;
  if (ciLower != null && ciUpper != null && Number.isFinite(ciLower) && Number.isFinite(ciUpper)) {
    const rc = CI_ARC * g.xAxisMax;
    layers.push(
      line(
        Array.from({ length: 21 }, (_, i) => ({ ...onArc(g, rc, ciLower + ((ciUpper - ciLower) * i) / 20), order: i })),
        2,
      ),
    );
    const marks = [ciLower, input.estimate, ciUpper].map((t) => {
      const a = onArc(g, rc * 0.99, t);
      const b = onArc(g, rc * 1.01, t);
      return { x: a.x, y: a.y, x2: b.x, y2: b.y };
    });
    layers.push({ data: { values: marks }, mark: { type: 'rule', color: INK, strokeWidth: 1 }, encoding: { x, y, x2: { field: 'x2' }, y2: { field: 'y2' } } });
  }
  return layers;
}

/** The shaded band ±z around the pooled line, the line itself, the dotted band edges, and the x axis line. */
function bandLayers(input: RadialPlotInput, g: RadialGeometry, z: number, x: Json, y: Json): Json[] {
  const b = input.estimate;
  const ends = [0, g.xAxisMax];
  const edge = (offset: number, name: string) => ends.map((v) => ({ x: v, y: b * v + offset, line: name }));
  return [
    {
      data: { values: ends.map((v) => ({ x: v, lo: b * v - z, hi: b * v + z })) },
      mark: { type: 'area', color: '#eef1f5', opacity: 1 },
      encoding: { x, y: { ...(y as object), field: 'lo' }, y2: { field: 'hi' } },
    },
    {
      data: { values: [...edge(0, 'pooled'), ...edge(z, 'upper'), ...edge(-z, 'lower')] },
      mark: { type: 'line', strokeWidth: 1, color: INK },
      encoding: {
        x,
        y,
        detail: { field: 'line', type: 'nominal' },
        strokeDash: {
          field: 'line',
          type: 'nominal',
          scale: {
            domain: ['pooled', 'upper', 'lower'],
            range: [
              [1, 0],
              [2, 2],
              [2, 2],
            ],
          },
          legend: null,
        },
      },
    },
    {
      data: { values: [{ x: 0, x2: g.xAxisMax, y: g.zDomain[0] }] },
      mark: { type: 'rule', color: INK, strokeWidth: 1 },
      encoding: { x, x2: { field: 'x2' }, y },
    },
  ];
}

/**
 * Radial (Galbraith) plot of an intercept-only model, as metafor's `radial(res)`: zᵢ = yᵢ/√(vᵢ + τ̂²)
 * against xᵢ = 1/√(vᵢ + τ̂²) (τ̂² = 0 for a common-effect model); the solid line through the origin
 * has the pooled estimate as its slope, the dotted lines ±z (95%) around it; on the right, the arc
 * of the effect scale (a study's effect is read where the ray from the origin through its point
 * meets the arc) and, inside it, the pooled estimate's confidence interval. Studies outside the
 * band are labelled where a label fits. Galbraith, R. F. (1988). Statistics in Medicine, 7, 889–894.
 * @example radialPlotSpec({ measure: 'RR', estimate: -0.43, points: [{ study: 'A', effect: -0.89, standardError: 0.57 }] }).description // 'Radial (Galbraith) plot of 1 study'
 */
export function radialPlotSpec(input: RadialPlotInput, options: PlotOptions = {}): TopLevelSpec {
  const ok = input.points.filter((p) => Number.isFinite(p.effect) && Number.isFinite(p.standardError) && p.standardError > 0);
  if (ok.length === 0) throw new MetasynthError('invalid_input', PLOTS_MESSAGES.radialplotspec_study_finite_values());
  if (!Number.isFinite(input.estimate)) throw new MetasynthError('invalid_input', PLOTS_MESSAGES.radial_plot_spec_pooled());
  const tau2 = input.tau2 != null && Number.isFinite(input.tau2) && input.tau2 > 0 ? input.tau2 : 0;
  const level = input.level ?? 95;
  const z = -normalQuantile((1 - level / 100) / 2);
  const values = ok.map((p) => {
    const s = Math.sqrt(p.standardError ** 2 + tau2);
    return { study: p.study, x: 1 / s, y: p.effect / s, effect: formatNumber(toDisplay(input.measure, p.effect), 2), se: formatNumber(p.standardError, 3) };
  });
  const ys = ok.map((p) => p.effect);
  const labelPx = Math.max(
    ...arcTicks(input.measure, Math.min(...ys), Math.max(...ys)).map((t) => textWidth(arcLabel(toDisplay(input.measure, t)), FS - 2)),
    20,
  );
  const g = geometry(
    input,
    values.map((v) => v.x),
    values.map((v) => v.y),
    ys,
    z,
    labelPx,
    options,
  );
  const random = tau2 > 0 || (input.model ?? '').startsWith('random');
  const sd = random ? '\u221a(v + \u03c4\u00b2)' : '\u221av';
  const x: Json = {
    field: 'x',
    type: 'quantitative',
    title: `x = 1 / ${sd}`,
    scale: { domain: g.xDomain, nice: false },
    axis: { values: linearTicks(0, g.xAxisMax, 4).ticks, grid: false, domain: false },
  };
  const y: Json = {
    field: 'y',
    type: 'quantitative',
    title: `z = y / ${sd}`,
    scale: { domain: g.zDomain, nice: false },
    axis: { values: g.zTicks, format: '.6~g', grid: false },
  };
  const { outside, labels } = radialLabels(values, g, input.estimate, z);
  const name = MEASURE_NAMES[input.measure];
  const points: Json = {
    data: { values },
    mark: { type: 'point', filled: true, color: INK, size: 30 },
    encoding: {
      x,
      y,
      tooltip: [
        { field: 'study', title: 'Study' },
        { field: 'effect', title: name.short },
        { field: 'se', title: 'SE' },
      ],
    },
  };
  const model = input.model ? `Model: ${input.model}${random ? `, \u03c4\u00b2 = ${formatNumber(tau2, 4)}` : ''}. ` : '';
  return frame(
    { ...options, width: g.width, height: g.height },
    input.synthetic,
    `Radial (Galbraith) plot of ${countOf(values.length, 'study', 'studies')}`,
    [...bandLayers(input, g, z, x, y), ...arcLayers(input, g, ys, x, y), points, ...labelLayers(labels, x, y, FS - 2, MUTED)],
    [
      `${model}Solid line: slope = pooled estimate, ${name.short} ${formatNumber(toDisplay(input.measure, input.estimate), 2)}; dotted: \u00b1${formatNumber(z, 2)}. Arc: ${name.name.toLowerCase()} scale; inner arc: the pooled estimate's ${formatLevel(level)}% CI.`,
      `Labelled: studies outside the dotted band (${countOf(outside.length, 'study', 'studies')}), where a label fits without overlap.`,
    ],
  );
}
