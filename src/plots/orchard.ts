// The orchard plot (Nakagawa et al. 2021): per subgroup of a moderator, every study's effect as a
// jittered circle sized by its precision, the subgroup's estimate as a large dot, its confidence
// interval as a thick bar and its prediction interval as a thin one, with the number of studies.
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import { countOf } from '../core/plural.js';
import { frame } from './diagnosticsFrame.js';
import { type EffectAxis, effectAxis } from './effectAxis.js';
import { formatLevel, formatNumber } from './format.js';
import { INK, type Json } from './spec.js';
import type { OrchardGroup, OrchardPlotInput, PlotOptions } from './types.js';
import { PLOTS_MESSAGES } from './messages.js';

/** Circle areas in px² for the least and the most precise study. */
const POINT_AREA = [10, 220] as const;
/** Half the height of a subgroup's band of jittered points, in group units. */
const JITTER = 0.32;

/** A deterministic spread in [−1, 1): the fractional parts of i·φ, so the plot is the same on every run. */
function jitter(i: number): number {
  return ((i * 0.6180339887498949) % 1) * 2 - 1;
}

type OrchardPoint = OrchardPlotInput['points'][number];

/** The subgroups with a finite estimate and CI (at least one, else an error), and the studies with a finite effect and a positive SE in one of them. */
function plottableOrchard(input: OrchardPlotInput): { groups: OrchardGroup[]; index: Map<string, number>; pts: OrchardPoint[] } {
  const groups = input.groups.filter((g) => [g.estimate, g.ciLower, g.ciUpper].every(Number.isFinite));
  if (groups.length === 0) throw new MetasynthError('invalid_input', PLOTS_MESSAGES.orchardplotspec_subgroup_finite_estimate());
  const index = new Map(groups.map((g, i) => [g.group, i]));
  const pts = input.points.filter((p) => index.has(p.group) && Number.isFinite(p.effect) && Number.isFinite(p.standardError) && p.standardError > 0);
  return { groups, index, pts };
}

/** One row per study: its jittered position in its subgroup's band and its circle's area, proportional to precision 1/SE. */
function studyPoints(pts: readonly OrchardPoint[], index: ReadonlyMap<string, number>, axis: EffectAxis): Json[] {
  const precision = pts.map((p) => 1 / p.standardError);
  const pMax = Math.max(...precision, 1e-300);
  const seen = new Map<string, number>();
  return pts.map((p, i) => {
    const n = seen.get(p.group) ?? 0;
    seen.set(p.group, n + 1);
    return {
      study: p.study,
      group: p.group,
      pos: index.get(p.group)! + JITTER * jitter(n + 1),
      v: axis.display(p.effect),
      area: Math.max(POINT_AREA[0], (precision[i]! / pMax) * POINT_AREA[1]),
      effect: formatNumber(axis.ratio ? Math.exp(p.effect) : p.effect, 2),
    };
  });
}

/** One row per subgroup: its estimate, CI and PI (the CI when no PI is given) on the display scale, with k and the text of its tooltip. */
function subgroupSummaries(groups: readonly OrchardGroup[], axis: EffectAxis): Json[] {
  const disp = (v: number) => formatNumber(axis.ratio ? Math.exp(v) : v, 2);
  return groups.map((g, i) => ({
    group: g.group,
    pos: i,
    est: axis.display(g.estimate),
    ciLo: axis.display(g.ciLower),
    ciHi: axis.display(g.ciUpper),
    piLo: g.piLower != null ? axis.display(g.piLower) : axis.display(g.ciLower),
    piHi: g.piUpper != null ? axis.display(g.piUpper) : axis.display(g.ciUpper),
    kText: `k = ${g.k}`,
    text: `${disp(g.estimate)} [${disp(g.ciLower)}, ${disp(g.ciUpper)}]`,
    edge: axis.domain[1],
  }));
}

/** The vertical subgroup axis: one band per subgroup, labelled with its name, the first at the top. */
function subgroupAxis(moderator: string, names: readonly string[]): Json {
  return {
    field: 'pos',
    type: 'quantitative',
    title: moderator,
    scale: { domain: [-0.6, names.length - 0.4], nice: false, zero: false, reverse: true },
    axis: { values: names.map((_, i) => i), labelExpr: `${JSON.stringify(names)}[datum.value]`, grid: false, ticks: false, domain: false, labelFontSize: 11 },
  };
}

/** The layers: the no-effect line, the studies' circles, then per subgroup its PI, CI, estimate and k. */
function orchardLayers(axis: EffectAxis, y: Json, colour: Json, values: Json[], summary: Json[], tooltip: Json): Json[] {
  const x = (field: string) => axis.encoding(field);
  return [
    {
      data: { values: [{ v: axis.ratio ? 1 : 0 }] },
      mark: { type: 'rule', color: '#9aa0a6', strokeDash: [3, 3], strokeWidth: 0.8 },
      encoding: { x: x('v') },
    },
    {
      data: { values },
      mark: { type: 'point', shape: 'circle', filled: true, opacity: 0.45, strokeWidth: 0 },
      encoding: {
        x: x('v'),
        y,
        color: colour,
        size: { field: 'area', type: 'quantitative', scale: null, legend: null },
        tooltip: [
          { field: 'study', title: 'Study' },
          { field: 'effect', title: 'Effect' },
        ],
      },
    },
    { data: { values: summary }, mark: { type: 'rule', color: INK, strokeWidth: 1.2 }, encoding: { x: x('piLo'), x2: { field: 'piHi' }, y, tooltip } },
    { data: { values: summary }, mark: { type: 'rule', color: INK, strokeWidth: 5 }, encoding: { x: x('ciLo'), x2: { field: 'ciHi' }, y, tooltip } },
    {
      data: { values: summary },
      mark: { type: 'point', shape: 'circle', filled: true, size: 130, stroke: INK, strokeWidth: 1.5, opacity: 1 },
      encoding: { x: x('est'), y, color: colour, tooltip },
    },
    {
      data: { values: summary },
      mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -10, fontSize: 10, color: INK },
      encoding: { x: x('edge'), y, text: { field: 'kText', type: 'nominal' } },
    },
  ];
}

/**
 * Orchard plot of a categorical moderator (Nakagawa, S., et al. (2021). The orchard plot:
 * cultivating a forest plot for use in ecology, evolution, and beyond. Research Synthesis Methods,
 * 12, 4–12): for each subgroup, its studies' effects jittered vertically with area proportional to
 * their precision 1/SE, the subgroup estimate (dot), its confidence interval (thick bar) and
 * prediction interval (thin bar), and k. Ratio measures on a log axis.
 * @example orchardPlotSpec({ measure: 'RR', moderator: 'alloc', groups: [{ group: 'random', k: 1, estimate: -0.9, ciLower: -2, ciUpper: 0.2 }], points: [{ study: 'A', group: 'random', effect: -0.9, standardError: 0.57 }] }).description // 'Orchard plot of 1 study in 1 subgroup of alloc'
 */
export function orchardPlotSpec(input: OrchardPlotInput, options: PlotOptions = {}): TopLevelSpec {
  const { groups, index, pts } = plottableOrchard(input);
  const axis = effectAxis(input.measure, [...pts.map((p) => p.effect), ...groups.flatMap((g) => [g.ciLower, g.ciUpper, g.piLower ?? NaN, g.piUpper ?? NaN])]);
  const names = groups.map((g) => g.group);
  const colour: Json = { field: 'group', type: 'nominal', scale: { domain: names, scheme: 'tableau10' }, legend: null };
  const level = formatLevel(input.level ?? 95);
  const tooltip = [
    { field: 'group', title: input.moderator },
    { field: 'text', title: `Estimate [${level}% CI]` },
    { field: 'kText', title: 'Studies' },
  ];
  const layers = orchardLayers(axis, subgroupAxis(input.moderator, names), colour, studyPoints(pts, index, axis), subgroupSummaries(groups, axis), tooltip);
  const height = options.height ?? Math.max(160, groups.length * 80);
  return frame(
    { ...options, width: options.width ?? 440, height },
    input.synthetic,
    `Orchard plot of ${countOf(pts.length, 'study', 'studies')} in ${countOf(groups.length, 'subgroup')} of ${input.moderator}`,
    layers,
    [
      `${input.model ? `Model: ${input.model}. ` : ''}Per subgroup: the estimate (large dot), its ${level}% CI (thick bar) and ${level}% prediction interval (thin bar); small circles: the studies, area proportional to precision 1/SE, spread vertically only to be seen.`,
    ],
  );
}
