// The graphical marks of a forest plot: the null line with the axis, prediction intervals, study
// whiskers (with arrows where an interval leaves the axis), squares sized by weight, one diamond
// per pooled model, and the hairline under the column headers.
import { formatLevel, formatNumber, toDisplay } from './format.js';
import { clipToAxis, type EffectAxis } from './forestAxis.js';
import type { ForestContext, Row } from './forestContext.js';
import type { HorizontalLayout, VerticalLayout } from './forestLayout.js';
import { INK, px, type Json } from './spec.js';

/** The data of each mark layer, one entry per drawn element. */
interface MarkData {
  readonly studyMarks: Json[];
  readonly whiskers: Json[];
  readonly arrows: Json[];
  readonly diamonds: Json[];
  readonly predictions: Json[];
}

/** Encodings shared by the layers: y in pixels (no scale), x on the effect axis. */
export interface Encoders {
  y(field?: string): Json;
  x(field: string, withAxis?: boolean): Json;
}

export function encoders(ctx: ForestContext, axis: EffectAxis): Encoders {
  return {
    y: (field = 'y') => ({ field, type: 'quantitative', scale: null, axis: null }),
    x: (field, withAxis = false) => ({
      field,
      type: 'quantitative',
      scale: axis.scale,
      ...(withAxis
        ? {
            axis: {
              values: axis.ticks,
              // An explicit precision: without one, vega derives it from the tick step and prints −1e+2 for −100.
              format: '.6~g',
              title: null,
              grid: false,
              labelFlush: false,
              labelOverlap: false,
              tickSize: 4,
              labelPadding: 3,
              domainWidth: 1,
              tickWidth: 1,
              labelFontSize: ctx.style.fontSize - 1,
            },
          }
        : { title: null }),
    }),
  };
}

/**
 * The side of a study's square, px. The area grows linearly with the weight from the smallest weight (a square of
 * 30 % of the row height, still visible at k = 200) to the largest (78 %), as metafor scales its
 * `psize` to the weight range; equal weights give the middle size, unknown weights the smallest.
 * @example squareSide(19, 10, [0, 10]) // 14.82
 */
export function squareSide(rowHeight: number, w: number | null, range: readonly [number, number]): number {
  const minSide = rowHeight * 0.3;
  const maxSide = rowHeight * 0.78;
  if (w === null || !Number.isFinite(range[0])) return minSide;
  const [lo, hi] = range;
  const f = hi > lo ? (w - lo) / (hi - lo) : 0.5;
  return Math.sqrt(minSide ** 2 + f * (maxSide ** 2 - minSide ** 2));
}

/** The smallest and largest finite weight of the studies ([NaN, NaN] when none has one). */
function weightRange(ctx: ForestContext): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of ctx.input.studies) {
    if (s.weight == null || !Number.isFinite(s.weight)) continue;
    lo = Math.min(lo, s.weight);
    hi = Math.max(hi, s.weight);
  }
  return lo <= hi ? [lo, hi] : [NaN, NaN];
}

/** Whiskers, arrows and squares (area by weight; equal for cumulative and leave-one-out) of the study rows. */
function studyMarkData(ctx: ForestContext, rows: readonly Row[], axis: EffectAxis, rowY: readonly number[], out: MarkData): void {
  const display = (v: number) => toDisplay(ctx.measure, v);
  const range = weightRange(ctx);
  rows.forEach((r, i) => {
    if (r.kind !== 'study' || !r.study) return;
    const s = r.study;
    const y = px(rowY[i]!);
    const lo = display(s.ciLower);
    const hi = display(s.ciUpper);
    const est = display(s.effect);
    const w = s.weight != null && Number.isFinite(s.weight) ? s.weight : null;
    const side = ctx.variant !== 'standard' ? 7 : squareSide(ctx.style.rowHeight, w, range);
    const tip = { study: s.study, estimate: r.cells.ci ?? '', weight: w === null ? '' : `${formatNumber(w, 1)}%` };
    out.whiskers.push({ lo: clipToAxis(axis, lo), hi: clipToAxis(axis, hi), y, ...tip });
    if (lo < axis.domain[0]) out.arrows.push({ x: axis.domain[0], y, shape: 'triangle-left' });
    if (hi > axis.domain[1]) out.arrows.push({ x: axis.domain[1], y, shape: 'triangle-right' });
    if (est >= axis.domain[0] && est <= axis.domain[1]) out.studyMarks.push({ est, y, size: px(side * side), ...tip });
  });
}

/** Diamonds (three points per model) and prediction-interval bars of the pooled rows. */
function pooledMarkData(ctx: ForestContext, rows: readonly Row[], axis: EffectAxis, rowY: readonly number[], out: MarkData): void {
  const display = (v: number) => toDisplay(ctx.measure, v);
  const clip = (v: number) => clipToAxis(axis, v);
  rows.forEach((r, i) => {
    const p = r.pooled;
    if (!p) return;
    const y = rowY[i]!;
    const colour = p.model === 'common' ? ctx.style.diamondCommon : ctx.style.diamond;
    if (r.kind === 'pooled') {
      const h = ctx.style.rowHeight * 0.36;
      const tip = { label: p.label, estimate: r.cells.ci ?? '' };
      const id = `d${i}`;
      out.diamonds.push(
        { id, x: clip(display(p.ciLower)), y: px(y), y2: px(y), fill: colour, ...tip },
        { id, x: clip(display(p.estimate)), y: px(y - h), y2: px(y + h), fill: colour, ...tip },
        { id, x: clip(display(p.ciUpper)), y: px(y), y2: px(y), fill: colour, ...tip },
      );
    } else if (r.kind === 'pi') {
      out.predictions.push({
        lo: clip(display(p.piLower!)),
        hi: clip(display(p.piUpper!)),
        y: px(y),
        y1: px(y - 4),
        y2: px(y + 4),
        label: `${formatLevel(ctx.level)}% prediction interval`,
        estimate: r.cells.ci ?? '',
        colour: ctx.style.prediction,
      });
    }
  });
}

function markData(ctx: ForestContext, rows: readonly Row[], axis: EffectAxis, rowY: readonly number[]): MarkData {
  const out: MarkData = { studyMarks: [], whiskers: [], arrows: [], diamonds: [], predictions: [] };
  studyMarkData(ctx, rows, axis, rowY, out);
  pooledMarkData(ctx, rows, axis, rowY, out);
  return out;
}

function predictionLayers(predictions: Json[], enc: Encoders): Json[] {
  if (predictions.length === 0) return [];
  const colour: Json = { field: 'colour', type: 'nominal', scale: null };
  return [
    {
      data: { values: predictions },
      mark: { type: 'rule', strokeWidth: 1.6 },
      encoding: {
        x: enc.x('lo'),
        x2: { field: 'hi' },
        y: enc.y(),
        color: colour,
        tooltip: [
          { field: 'label', title: 'Interval' },
          { field: 'estimate', title: 'Limits' },
        ],
      },
    },
    ...['lo', 'hi'].map((end) => ({
      data: { values: predictions },
      mark: { type: 'rule', strokeWidth: 1.6 },
      encoding: { x: enc.x(end), y: enc.y('y1'), y2: { field: 'y2' }, color: { field: 'colour', type: 'nominal', scale: null } },
    })),
  ];
}

function studyLayers(ctx: ForestContext, marks: MarkData, enc: Encoders, tooltipCi: string): Json[] {
  const layers: Json[] = [];
  const studyTooltip: Json = [
    { field: 'study', title: 'Study' },
    { field: 'estimate', title: tooltipCi },
    ...(ctx.showWeights ? [{ field: 'weight', title: 'Weight' }] : []),
  ];
  if (marks.whiskers.length > 0) {
    layers.push({
      data: { values: marks.whiskers },
      mark: { type: 'rule', color: ctx.style.whisker, strokeWidth: 1 },
      encoding: { x: enc.x('lo'), x2: { field: 'hi' }, y: enc.y(), tooltip: studyTooltip },
    });
  }
  if (marks.arrows.length > 0) {
    layers.push({
      data: { values: marks.arrows },
      mark: { type: 'point', filled: true, color: ctx.style.whisker, size: 36, opacity: 1 },
      encoding: { x: enc.x('x'), y: enc.y(), shape: { field: 'shape', type: 'nominal', scale: null } },
    });
  }
  if (marks.studyMarks.length > 0) {
    layers.push({
      data: { values: marks.studyMarks },
      mark: { type: 'point', shape: 'square', filled: true, color: ctx.style.square, opacity: 1, strokeWidth: 0 },
      encoding: { x: enc.x('est'), y: enc.y(), size: { field: 'size', type: 'quantitative', scale: null }, tooltip: studyTooltip },
    });
  }
  return layers;
}

function diamondLayers(diamonds: Json[], enc: Encoders, tooltipCi: string): Json[] {
  if (diamonds.length === 0) return [];
  return [
    {
      data: { values: diamonds },
      mark: { type: 'area', orient: 'vertical', interpolate: 'linear', stroke: INK, strokeWidth: 0.6, opacity: 1 },
      encoding: {
        x: enc.x('x'),
        y: { ...(enc.y() as object), stack: null },
        y2: { field: 'y2' },
        detail: { field: 'id', type: 'nominal' },
        fill: { field: 'fill', type: 'nominal', scale: null },
        tooltip: [
          { field: 'label', title: 'Model' },
          { field: 'estimate', title: tooltipCi },
        ],
      },
    },
  ];
}

/**
 * Leave-one-out plots: a dashed line at the all-studies estimate through the study rows, so that each
 * row reads as a shift from it (metafor users draw it with `refline = coef(res)`). Nothing when the
 * estimate is off the axis or there is no pooled row.
 */
function allStudiesLine(ctx: ForestContext, rows: readonly Row[], axis: EffectAxis, rowY: readonly number[], topY: number, enc: Encoders): Json[] {
  if (ctx.variant !== 'leave-one-out') return [];
  const pooled = rows.find((r) => r.kind === 'pooled' && r.pooled)?.pooled;
  const lastStudy = rows.map((r) => r.kind).lastIndexOf('study');
  if (!pooled || lastStudy < 0) return [];
  const x = toDisplay(ctx.measure, pooled.estimate);
  if (!(x >= axis.domain[0] && x <= axis.domain[1])) return [];
  return [
    {
      data: {
        values: [
          {
            x,
            y: px(topY),
            y2: px(rowY[lastStudy]! + ctx.style.rowHeight / 2),
            label: `${pooled.label}: ${formatNumber(toDisplay(ctx.measure, pooled.estimate), 2)}`,
          },
        ],
      },
      mark: { type: 'rule', color: '#7a7a7a', strokeWidth: 0.8, strokeDash: [4, 3] },
      encoding: { x: enc.x('x'), y: enc.y(), y2: { field: 'y2' }, tooltip: { field: 'label', type: 'nominal' } },
    },
  ];
}

/**
 * The mark layers in drawing order: the null line (with the axis) first so the data draw over it,
 * prediction intervals, whiskers, arrows, squares, diamonds, and the hairline under the headers.
 */
export function markLayers(
  ctx: ForestContext,
  rows: readonly Row[],
  axis: EffectAxis,
  horizontal: HorizontalLayout,
  vertical: VerticalLayout,
  enc: Encoders,
): Json[] {
  const marks = markData(ctx, rows, axis, vertical.rowY);
  const tooltipCi = `${ctx.names.short} [${ctx.ciWords}]`;
  const topY = vertical.firstRowY - ctx.style.rowHeight / 2;
  return [
    {
      data: { values: [{ x: axis.nullValue, y: px(topY), y2: px(vertical.axisY) }] },
      mark: { type: 'rule', color: '#7a7a7a', strokeWidth: 0.8 },
      encoding: { x: enc.x('x', true), y: enc.y(), y2: { field: 'y2' } },
    },
    ...allStudiesLine(ctx, rows, axis, vertical.rowY, topY, enc),
    ...predictionLayers(marks.predictions, enc),
    ...studyLayers(ctx, marks, enc, tooltipCi),
    ...diamondLayers(marks.diamonds, enc, tooltipCi),
    {
      data: { values: [{ y: px(vertical.headerBottom - 1) }] },
      mark: { type: 'rule', color: '#b0b0b0', strokeWidth: 0.8 },
      encoding: { x: { value: 0 }, x2: { value: px(horizontal.totalWidth) }, y: enc.y() },
    },
  ];
}
