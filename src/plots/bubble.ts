// The meta-regression bubble plot, as metafor's regplot(): each study's effect against its moderator
// value, bubble area proportional to its weight in the model, the fitted line with its confidence
// band (darker) and prediction band (lighter), the effect axis back-transformed for ratio measures.
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import { countOf } from '../core/plural.js';
import { frame } from './diagnosticsFrame.js';
import { effectAxis } from './effectAxis.js';
import { formatLevel, formatNumber, linearTicks } from './format.js';
import { INK, type Json } from './spec.js';
import type { BubblePlotInput, PlotOptions } from './types.js';
import { PLOTS_MESSAGES } from './messages.js';

/** Bubble areas in px²: the largest weight gets the maximum, none falls below the minimum. */
const BUBBLE_AREA = [12, 700] as const;

function bands(input: BubblePlotInput, display: (v: number) => number, x: Json, y: (f: string) => Json): Json[] {
  const line = input.line.map((p) => ({
    x: p.x,
    est: display(p.estimate),
    ciLo: display(p.ciLower),
    ciHi: display(p.ciUpper),
    ...(p.piLower != null && p.piUpper != null ? { piLo: display(p.piLower), piHi: display(p.piUpper) } : {}),
  }));
  const hasPi = line.length > 0 && line.every((p) => 'piLo' in p);
  return [
    ...(hasPi ? [{ data: { values: line }, mark: { type: 'area', color: '#e3e7ed', opacity: 1 }, encoding: { x, y: y('piLo'), y2: { field: 'piHi' } } }] : []),
    { data: { values: line }, mark: { type: 'area', color: '#b9c3d1', opacity: 1 }, encoding: { x, y: y('ciLo'), y2: { field: 'ciHi' } } },
    { data: { values: line }, mark: { type: 'line', color: INK, strokeWidth: 1.4 }, encoding: { x, y: y('est') } },
  ];
}

/**
 * Bubble plot of a meta-regression on one numeric moderator, as metafor's `regplot(res)`: studies as
 * circles with area proportional to their weight (largest 700 px², none below 12 px²), the
 * regression line with its confidence band and, for a random-effects model, its prediction band;
 * ratio measures on a log axis labelled with ratios (metafor's `transf = exp`).
 * @example bubblePlotSpec({ measure: 'RR', moderator: 'ablat', points: [{ study: 'A', x: 44, effect: -0.89, weight: 7 }], line: [{ x: 10, estimate: 0, ciLower: -0.2, ciUpper: 0.2 }, { x: 50, estimate: -1, ciLower: -1.2, ciUpper: -0.8 }] }).description // 'Bubble plot of 1 study against ablat'
 */
export function bubblePlotSpec(input: BubblePlotInput, options: PlotOptions = {}): TopLevelSpec {
  const pts = input.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.effect) && Number.isFinite(p.weight) && p.weight > 0);
  if (pts.length === 0) throw new MetasynthError('invalid_input', PLOTS_MESSAGES.bubbleplotspec_study_finite_moderator());
  const axis = effectAxis(input.measure, [
    ...pts.map((p) => p.effect),
    ...input.line.flatMap((l) => [l.ciLower, l.ciUpper, l.piLower ?? NaN, l.piUpper ?? NaN]),
  ]);
  const xs = [...pts.map((p) => p.x), ...input.line.map((l) => l.x)];
  const xt = linearTicks(Math.min(...xs), Math.max(...xs));
  const x: Json = {
    field: 'x',
    type: 'quantitative',
    title: input.moderator,
    scale: { domain: xt.domain, nice: false, zero: false },
    // An explicit format: vega's default groups thousands (1,985 for a year).
    axis: { values: xt.ticks, format: '.6~g', grid: false },
  };
  const y = (field: string) => axis.encoding(field);
  const wMax = Math.max(...pts.map((p) => p.weight));
  const values = pts
    .map((p) => ({
      study: p.study,
      x: p.x,
      yv: axis.display(p.effect),
      area: Math.max(BUBBLE_AREA[0], (p.weight / wMax) * BUBBLE_AREA[1]),
      effect: formatNumber(axis.ratio ? Math.exp(p.effect) : p.effect, 2),
      w: formatNumber(p.weight, 1),
    }))
    .sort((a, b) => b.area - a.area); // large bubbles underneath, as metafor draws them
  const level = formatLevel(input.level ?? 95);
  const hasPi = input.line.length > 0 && input.line.every((l) => l.piLower != null && l.piUpper != null);
  return frame(
    { ...options, width: options.width ?? 420, height: options.height ?? 320 },
    input.synthetic,
    `Bubble plot of ${countOf(pts.length, 'study', 'studies')} against ${input.moderator}`,
    [
      ...bands(input, axis.display, x, y),
      {
        data: { values: [{ v: axis.ratio ? 1 : 0 }] },
        mark: { type: 'rule', color: '#9aa0a6', strokeDash: [3, 3], strokeWidth: 0.8 },
        encoding: { y: y('v') },
      },
      {
        data: { values },
        mark: { type: 'point', shape: 'circle', filled: true, color: '#7f8a99', opacity: 0.75, stroke: INK, strokeWidth: 0.7 },
        encoding: {
          x,
          y: y('yv'),
          size: { field: 'area', type: 'quantitative', scale: null, legend: null },
          tooltip: [
            { field: 'study', title: 'Study' },
            { field: 'x', title: input.moderator },
            { field: 'effect', title: 'Effect' },
            { field: 'w', title: 'Weight (%)' },
          ],
        },
      },
    ],
    [
      `${input.model ? `Model: ${input.model}. ` : ''}Line: fitted effect; dark band: its ${level}% CI${hasPi ? `; light band: ${level}% prediction interval` : ''}. Circle area proportional to the study's weight.`,
    ],
  );
}
