// The lines a funnel plot can carry beside its studies, and the legend that names them once there
// are more than the classic three: the pooled estimate, trim-and-fill's adjusted estimate, Egger's
// line, PET's line, PEESE's curve with the conditional PET-PEESE estimate at SE = 0 (Stanley &
// Doucouliagos 2014, Res Synth Methods 5:60), and adjusted estimates such as selection models'.
import type { Measure } from '../effects/types.js';
import { formatLevel, formatNumber, toDisplay } from './format.js';
import { INK, type Json } from './spec.js';
import type { FunnelAdjustedEstimate, FunnelEstimate, FunnelPlotInput, FunnelRegressionLine } from './types.js';

/** What the line builders need of a funnel: its measure, SE range and encodings. */
export interface FunnelFrame {
  readonly measure: Measure;
  readonly seMax: number;
  x(field: string): Json;
  y(field: string): Json;
  /** An effect on the display scale, clipped to the x domain. */
  display(v: number): number;
}

/** The look of one line: colour, dash pattern (empty: solid) and width. */
interface LineStyle {
  readonly color: string;
  readonly dash: readonly number[];
  readonly width: number;
}

/** The classic lines keep the look they have without a legend; the others are Okabe–Ito colours, which colour-blind readers tell apart. */
export const FUNNEL_LINE_STYLES = {
  pooled: { color: INK, dash: [], width: 1 },
  trimFill: { color: '#b3261e', dash: [5, 3], width: 1 },
  egger: { color: '#1f5f99', dash: [1.5, 2.5], width: 1.4 },
  pet: { color: '#009e73', dash: [], width: 1.6 },
  peese: { color: '#cc79a7', dash: [6, 2], width: 1.6 },
} as const satisfies Record<string, LineStyle>;

/** Styles of the adjusted estimates, in order, repeated past the fourth. */
const ADJUSTED_STYLES: readonly LineStyle[] = [
  { color: '#e69f00', dash: [8, 3, 2, 3], width: 1.6 },
  { color: '#0072b2', dash: [2, 2], width: 1.6 },
  { color: '#d55e00', dash: [10, 3], width: 1.6 },
  { color: '#56b4e9', dash: [4, 2, 1, 2, 1, 2], width: 1.6 },
];

/** Points of PEESE's curve: enough that the parabola is smooth at any plot height. */
const CURVE_POINTS = 41;

function finite(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function usableLine(l: FunnelRegressionLine | null | undefined): l is FunnelRegressionLine {
  return l != null && finite(l.estimate) && finite(l.slope);
}

/** The adjusted estimates with a finite value. */
function adjustedOf(input: FunnelPlotInput): readonly FunnelAdjustedEstimate[] {
  return (input.adjusted ?? []).filter((a) => finite(a.estimate));
}

/**
 * True when the funnel carries PET-PEESE or adjusted estimates: then every line is named in a legend.
 * @example hasLegendLines({ measure: 'GEN', points: [], estimate: 0, adjusted: [{ label: 'Beta selection model', estimate: 0.1 }] }) // true
 */
export function hasLegendLines(input: FunnelPlotInput): boolean {
  const pp = input.petPeese;
  return (pp != null && (usableLine(pp.pet) || usableLine(pp.peese))) || adjustedOf(input).length > 0;
}

/** Effect of a line at one standard error: estimate + slope·seᵖ. */
function lineAt(line: FunnelRegressionLine, se: number, power: 1 | 2): number {
  return line.estimate + line.slope * se ** power;
}

/** Standard errors at which a line is drawn: both ends for a straight line, a fine grid for PEESE's curve. */
function lineGrid(seMax: number, power: 1 | 2): number[] {
  const n = power === 1 ? 2 : CURVE_POINTS;
  return Array.from({ length: n }, (_, i) => (seMax * i) / (n - 1));
}

/**
 * Every effect (analysis scale) the lines reach between SE = 0 and `seMax`, so that the x axis covers
 * them and no line runs out of the plot: the ends of Egger's, PET's and PEESE's lines (monotone in SE)
 * and each vertical line.
 * @example funnelLineExtent({ measure: 'GEN', points: [], estimate: 0, petPeese: { pet: { estimate: 0.1, slope: 2 }, peese: { estimate: 0.2, slope: 1 } } }, 0.5) // [0.1, 1.1, 0.2, 0.45]
 */
export function funnelLineExtent(input: FunnelPlotInput, seMax: number): number[] {
  const out: number[] = [];
  const pp = input.petPeese;
  const egger = input.egger;
  if (egger && finite(egger.intercept) && finite(egger.slope)) out.push(egger.intercept, egger.intercept + egger.slope * seMax);
  if (pp && usableLine(pp.pet)) out.push(lineAt(pp.pet, 0, 1), lineAt(pp.pet, seMax, 1));
  if (pp && usableLine(pp.peese)) out.push(lineAt(pp.peese, 0, 2), lineAt(pp.peese, seMax, 2));
  if (pp?.conditional && finite(pp.conditional.estimate)) out.push(pp.conditional.estimate);
  if (finite(input.adjustedEstimate)) out.push(input.adjustedEstimate);
  for (const a of adjustedOf(input)) out.push(a.estimate);
  return out.filter(Number.isFinite);
}

/** `1.19 [1.08, 1.31]` on the display scale (the interval when both ends are finite). */
function valueText(measure: Measure, e: FunnelEstimate): string {
  const f = (v: number) => formatNumber(toDisplay(measure, v), 2);
  return finite(e.ciLower) && finite(e.ciUpper) ? `${f(e.estimate)} [${f(e.ciLower)}, ${f(e.ciUpper)}]` : f(e.estimate);
}

/** One legend entry: its label (unique), style, and the layer that draws it. */
interface LegendLine {
  readonly label: string;
  readonly style: LineStyle;
  /** A vertical line at this effect, or the points of a line over SE. */
  readonly at?: number;
  readonly points?: readonly { readonly se: number; readonly effect: number }[];
}

/** The legend's lines in drawing order: pooled, trim-and-fill, Egger, PET, PEESE, then the adjusted estimates. */
function legendLines(input: FunnelPlotInput, f: FunnelFrame): LegendLine[] {
  const m = f.measure;
  const pooled = { estimate: input.estimate, ...input.estimateInterval };
  const lines: LegendLine[] = [{ label: `Pooled estimate: ${valueText(m, pooled)}`, style: FUNNEL_LINE_STYLES.pooled, at: input.estimate }];
  if (finite(input.adjustedEstimate)) {
    const tf = { estimate: input.adjustedEstimate, ...input.adjustedInterval };
    lines.push({ label: `Trim-and-fill: ${valueText(m, tf)}`, style: FUNNEL_LINE_STYLES.trimFill, at: input.adjustedEstimate });
  }
  const eg = input.egger;
  if (eg && finite(eg.intercept) && finite(eg.slope)) {
    const points = lineGrid(f.seMax, 1).map((se) => ({ se, effect: eg.intercept + eg.slope * se }));
    lines.push({ label: `Egger's line (at SE = 0: ${valueText(m, { estimate: eg.intercept })})`, style: FUNNEL_LINE_STYLES.egger, points });
  }
  const pp = input.petPeese;
  for (const [name, line, power, style] of [
    ['PET', pp?.pet, 1, FUNNEL_LINE_STYLES.pet],
    ['PEESE', pp?.peese, 2, FUNNEL_LINE_STYLES.peese],
  ] as const) {
    if (!usableLine(line)) continue;
    const points = lineGrid(f.seMax, power).map((se) => ({ se, effect: lineAt(line, se, power) }));
    lines.push({ label: `${name} (at SE = 0: ${valueText(m, line)})`, style, points });
  }
  adjustedOf(input).forEach((a, i) => {
    lines.push({ label: `${a.label}: ${valueText(m, a)}`, style: ADJUSTED_STYLES[i % ADJUSTED_STYLES.length]!, at: a.estimate });
  });
  return unique(lines);
}

/** Labels made unique (a second "Beta selection model: 1.20" gets " (2)"), as a legend's domain must be. */
function unique(lines: LegendLine[]): LegendLine[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const n = (seen.get(l.label) ?? 0) + 1;
    seen.set(l.label, n);
    return n === 1 ? l : { ...l, label: `${l.label} (${n})` };
  });
}

/**
 * The funnel's lines with one legend ("Lines") naming each by colour and dash, and the conditional
 * PET-PEESE estimate as a diamond at SE = 0 in the colour of the model it chose.
 * @example funnelLegendLayers({ measure: 'GEN', points: [], estimate: 0.2, adjusted: [{ label: 'Beta', estimate: 0.1 }] }, { measure: 'GEN', seMax: 0.5, x: (field) => ({ field }), y: (field) => ({ field }), display: (v) => v }).length // 2
 */
export function funnelLegendLayers(input: FunnelPlotInput, f: FunnelFrame): Json[] {
  const lines = legendLines(input, f);
  const legend = { title: 'Lines', orient: 'right', symbolType: 'stroke', symbolSize: 300, symbolStrokeWidth: 2, labelLimit: 360 } as const;
  const scale = (range: Json[]) => ({ domain: lines.map((l) => l.label), range });
  const colour: Json = { field: 'line', type: 'nominal', scale: scale(lines.map((l) => l.style.color)), legend, sort: null };
  const dash: Json = { field: 'line', type: 'nominal', scale: scale(lines.map((l) => [...l.style.dash])), legend, sort: null };
  const tooltip: Json = [{ field: 'line', title: 'Line' }];
  const layers: Json[] = lines.map((l) => {
    const mark = { strokeWidth: l.style.width };
    if (l.at !== undefined) {
      return {
        data: { values: [{ x: f.display(l.at), line: l.label }] },
        mark: { type: 'rule', ...mark },
        encoding: { x: f.x('x'), color: colour, strokeDash: dash, tooltip },
      };
    }
    const values = (l.points ?? []).map((p) => ({ se: p.se, x: f.display(p.effect), line: l.label }));
    return { data: { values }, mark: { type: 'line', ...mark }, encoding: { x: f.x('x'), y: f.y('se'), color: colour, strokeDash: dash, tooltip } };
  });
  const marker = conditionalMarker(input, f);
  return marker ? [...layers, marker] : layers;
}

/** The conditional PET-PEESE estimate as a diamond on the SE = 0 edge, in its model's colour. */
function conditionalMarker(input: FunnelPlotInput, f: FunnelFrame): Json | null {
  const c = input.petPeese?.conditional;
  if (!c || !finite(c.estimate)) return null;
  const color = c.chosen === 'PEESE' ? FUNNEL_LINE_STYLES.peese.color : FUNNEL_LINE_STYLES.pet.color;
  return {
    data: { values: [{ x: f.display(c.estimate), se: 0, text: `PET-PEESE (${c.chosen}): ${valueText(f.measure, c)}` }] },
    mark: { type: 'point', shape: 'diamond', filled: true, color, stroke: 'white', strokeWidth: 1, size: 110, opacity: 1 },
    encoding: { x: f.x('x'), y: f.y('se'), tooltip: [{ field: 'text', title: 'Estimate' }] },
  };
}

/**
 * Caption sentences for PET-PEESE and the adjusted estimates: what each line is, the estimates with
 * their intervals being in the legend.
 * @example funnelLinesCaption({ measure: 'GEN', points: [], estimate: 0, adjusted: [{ label: 'Beta', estimate: 0.1 }] }, 95) // ["Legend: each line's estimate, with its 95% confidence interval in brackets where known. Vertical lines other than the pooled estimate and trim-and-fill: the adjusted estimates named in the legend."]
 */
export function funnelLinesCaption(input: FunnelPlotInput, level: number): string[] {
  const pp = input.petPeese;
  const out = [`Legend: each line's estimate, with its ${formatLevel(level)}% confidence interval in brackets where known.`];
  if (pp && (usableLine(pp.pet) || usableLine(pp.peese))) {
    out.push(
      "PET: weighted least-squares line of effect on SE; PEESE: curve of effect on SE\u00b2 (Stanley & Doucouliagos 2014); each line's value at SE = 0 is its small-study-adjusted estimate.",
    );
  }
  const c = pp?.conditional;
  if (c && finite(c.estimate)) {
    const alpha = formatNumber(pp?.alpha ?? 0.05, 2);
    const why = c.chosen === 'PEESE' ? `PET's intercept differs from 0 at \u03b1 = ${alpha}` : `PET's intercept does not differ from 0 at \u03b1 = ${alpha}`;
    out.push(`Diamond at SE = 0: the conditional PET-PEESE estimate, ${c.chosen} (${why}).`);
  }
  const adjusted = adjustedOf(input);
  if (adjusted.length > 0) out[0] = `${out[0]} Vertical lines other than the pooled estimate and trim-and-fill: the adjusted estimates named in the legend.`;
  const withModel = adjusted.filter((a) => a.model);
  const models = [...new Set(withModel.map((a) => a.model))];
  if (models.length === 1) out.push(`Adjusted estimates: each a ${models[0]}.`);
  else if (models.length > 1) out.push(`${withModel.map((a) => `${a.label}: ${a.model}`).join('; ')}.`);
  return out;
}
