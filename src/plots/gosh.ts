// The GOSH plot as metafor's plot(gosh(res)): one mark per fitted subset with the pooled estimate on
// the x axis and the heterogeneity (I² by default) on the y axis, and the marginal densities of both
// above and to the right. Up to a few thousand subsets are drawn as translucent points; more are
// binned into hexagons shaded by their count, so that 65,535 subsets stay readable (and the JSON small).
import type { TopLevelSpec } from 'vega-lite';
import { interquartileRange, sampleStandardDeviation } from 'simple-statistics';
import { MetasynthError } from '../core/errors.js';
import { countOf } from '../core/plural.js';
import type { GoshResult } from '../gosh/gosh.js';
import { hexbin } from './hexbin.js';
import { linearTicks, wrapText } from './format.js';
import { baseConfig, finish, INK, px, titleBlock, VEGA_LITE_SCHEMA, type Json } from './spec.js';
import { textWidth } from './textMetrics.js';
import { PLOTS_MESSAGES } from './messages.js';

/** What the heterogeneity axis can show. */
export const GOSH_AXES = ['i2', 'tau2', 'q', 'h2'] as const;
export type GoshAxis = (typeof GOSH_AXES)[number];

const AXIS_TITLES: Readonly<Record<GoshAxis, string>> = { i2: 'I² (%)', tau2: 'τ²', q: 'Q', h2: 'H²' };
/** Subsets above this are drawn as hexagons instead of points. */
const POINT_LIMIT = 4000;
/** Circumradius of the hexagons, px. */
const HEX_RADIUS = 5;
/** Height of the top density and width of the right one, px. */
const MARGIN = 64;
/** About this many histogram bins in each margin (metafor's figures pass `breaks` of this order; Sturges' rule gives too few for thousands of subsets). */
const HISTOGRAM_BINS = 30;
const HEXAGON = 'M0,-1L0.866,-0.5L0.866,0.5L0,1L-0.866,0.5L-0.866,-0.5Z';

export interface GoshPlotOptions {
  /** The heterogeneity measure on the y axis (default 'i2', as metafor's `het = "I2"`). */
  readonly het?: GoshAxis;
  /** Former name of `het` (the heterogeneity axis); `het` wins when both are given. */
  readonly x?: GoshAxis;
  /** Default 'GOSH plot'. */
  readonly title?: string;
  /** Marks the plot SYNTHETIC DATA (default false). */
  readonly synthetic?: boolean;
  /** Size of the scatter panel in pixels (defaults 420 × 320). */
  readonly width?: number;
  readonly height?: number;
  /** Label of the estimate axis (default 'Estimate'). */
  readonly estimateLabel?: string;
}

/** A domain that holds every value with 4% to spare on each side (so values at 0, e.g. I² = 0, sit clear of the axis). */
function padded(values: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const r = hi - lo > 0 ? hi - lo : Math.max(Math.abs(hi), 1);
  return [lo - 0.04 * r, hi + 0.04 * r];
}

/**
 * The Gaussian kernel density of `values` at 256 points across `domain`, bandwidth by Silverman's
 * rule 0.9·min(SD, IQR/1.34)·n^(−1/5) (R's `density()` default, `bw.nrd0`; SD and IQR from
 * simple-statistics). As R's `density()`, the values are first binned linearly onto 512 grid points
 * (each value shared between its two neighbours), so 65,535 subsets cost 512 × 256 kernel terms.
 */
function density(values: Float64Array, domain: readonly [number, number]): { v: number; d: number }[] {
  const xs = Array.from(values);
  const sd = xs.length > 1 ? sampleStandardDeviation(xs) : 0;
  const spread = Math.min(sd, interquartileRange(xs) / 1.34);
  const bw = 0.9 * (spread > 0 ? spread : sd > 0 ? sd : 1) * xs.length ** -0.2;
  const lo = domain[0] - 3 * bw;
  const step = (domain[1] + 3 * bw - lo) / 511;
  const mass = new Float64Array(512);
  for (const x of xs) {
    const p = (x - lo) / step;
    const i = Math.min(510, Math.max(0, Math.floor(p)));
    const f = Math.min(1, Math.max(0, p - i));
    mass[i]! += 1 - f;
    mass[i + 1]! += f;
  }
  const norm = 1 / (xs.length * bw * Math.sqrt(2 * Math.PI));
  return Array.from({ length: 256 }, (_, j) => {
    const v = domain[0] + ((domain[1] - domain[0]) * j) / 255;
    let d = 0;
    for (let g = 0; g < 512; g++) if (mass[g]! > 0) d += mass[g]! * Math.exp(-0.5 * ((v - (lo + g * step)) / bw) ** 2);
    return { v: Number(v.toPrecision(6)), d: Number((d * norm).toPrecision(6)) };
  });
}

/**
 * The histogram of `values` on the density scale (count / (n · bin width)), as R's `hist()`, on
 * about HISTOGRAM_BINS nice breaks covering the values (bins closed on the left, the last one on
 * both sides; R closes them on the right, which moves only values on a break).
 */
function histogram(values: Float64Array): { lo: number; hi: number; d: number }[] {
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const breaks = linearTicks(min, max, HISTOGRAM_BINS).ticks;
  const counts = new Float64Array(breaks.length - 1);
  const width = breaks[1]! - breaks[0]!;
  for (const x of values) counts[Math.min(counts.length - 1, Math.max(0, Math.floor((x - breaks[0]!) / width)))]! += 1;
  return Array.from(counts, (c, i) => ({ lo: breaks[i]!, hi: breaks[i + 1]!, d: Number((c / (values.length * width)).toPrecision(6)) }));
}

/** The subsets with finite estimate and heterogeneity, as two parallel arrays and their sizes k. */
function finiteSubsets(result: GoshResult, het: GoshAxis): { x: Float64Array; y: Float64Array; k: Int32Array } {
  const keep: number[] = [];
  const hs = result[het];
  for (let s = 0; s < result.subsets; s++) if (Number.isFinite(result.estimate[s]!) && Number.isFinite(hs[s]!)) keep.push(s);
  if (keep.length === 0) throw new MetasynthError('invalid_input', PLOTS_MESSAGES.goshplotspec_subset_finite_estimate());
  return {
    x: Float64Array.from(keep, (s) => result.estimate[s]!),
    y: Float64Array.from(keep, (s) => hs[s]!),
    k: Int32Array.from(keep, (s) => result.subsetK[s]!),
  };
}

/** The scatter: translucent points, or hexagons shaded by their count (log scale) above POINT_LIMIT subsets. */
function scatterLayer(
  d: { x: Float64Array; y: Float64Array; k: Int32Array },
  xEnc: Json,
  yEnc: Json,
  size: { w: number; h: number; xd: [number, number]; yd: [number, number] },
): { layer: Json; note: string } {
  const n = d.x.length;
  if (n <= POINT_LIMIT) {
    const values = Array.from(d.x, (x, i) => ({ x: Number(x.toPrecision(6)), y: Number(d.y[i]!.toPrecision(6)), k: d.k[i]! }));
    const opacity = n > 1000 ? 0.25 : 0.5;
    return {
      layer: {
        data: { values },
        mark: { type: 'circle', size: 10, opacity, color: INK },
        encoding: {
          x: xEnc,
          y: yEnc,
          tooltip: [
            { field: 'x', title: 'Estimate' },
            { field: 'y', title: 'Heterogeneity' },
            { field: 'k', title: 'k' },
          ],
        },
      },
      note: PLOTS_MESSAGES.one_point_per_subset(opacity).text,
    };
  }
  const toPx = (v: number, dom: [number, number], len: number) => ((v - dom[0]) / (dom[1] - dom[0])) * len;
  const cells = hexbin(
    Array.from(d.x, (v) => toPx(v, size.xd, size.w)),
    Array.from(d.y, (v) => toPx(v, size.yd, size.h)),
    HEX_RADIUS,
  );
  const values = cells.map((c) => ({
    x: Number((size.xd[0] + (c.cx / size.w) * (size.xd[1] - size.xd[0])).toPrecision(6)),
    y: Number((size.yd[0] + (c.cy / size.h) * (size.yd[1] - size.yd[0])).toPrecision(6)),
    count: c.count,
  }));
  const max = Math.max(...values.map((v) => v.count));
  return {
    layer: {
      data: { values },
      mark: { type: 'point', shape: HEXAGON, filled: true, size: px(4 * HEX_RADIUS * HEX_RADIUS), opacity: 1, strokeWidth: 0 },
      encoding: {
        x: xEnc,
        y: yEnc,
        color: {
          field: 'count',
          type: 'quantitative',
          title: 'Subsets per hexagon',
          scale: { type: 'log', domain: [1, Math.max(2, max)], range: ['#c6d3e3', '#08214a'] },
          legend: { orient: 'bottom', direction: 'horizontal', gradientLength: 160 },
        },
        tooltip: [
          { field: 'count', title: 'Subsets' },
          { field: 'x', title: 'Estimate (centre)' },
          { field: 'y', title: 'Heterogeneity (centre)' },
        ],
      },
    },
    note: PLOTS_MESSAGES.hexagons_shaded_number_subsets().text,
  };
}

/**
 * Vega-Lite spec of the GOSH plot, as metafor's `plot(gosh(res))`: each subset of a
 * {@link GoshResult} at (estimate, I²) — or τ², Q, H² with `het` — and the kernel densities of the
 * estimate (top) and of the heterogeneity (right). Up to 4,000 subsets are translucent points; more
 * are hexagonal bins shaded by count. Both axes leave 4% room, so subsets with I² = 0 stay visible
 * above the axis. Olkin, I., Dahabreh, I. J., & Trikalinos, T. A. (2012). GOSH – a graphical display
 * of study heterogeneity. Research Synthesis Methods, 3, 214–223.
 * @example goshPlotSpec(gosh({ effect: bcgYi.slice(0, 4), variance: bcgVi.slice(0, 4) })).description // 'GOSH plot of 15 subsets of 4 studies'
 */
export function goshPlotSpec(result: GoshResult, options: GoshPlotOptions = {}): TopLevelSpec {
  const het = options.het ?? options.x ?? 'i2';
  if (!(GOSH_AXES as readonly string[]).includes(het)) {
    throw new MetasynthError('invalid_option', PLOTS_MESSAGES.goshplotspec_het_one(het, GOSH_AXES));
  }
  const d = finiteSubsets(result, het);
  const w = options.width ?? 420;
  const h = options.height ?? 320;
  const xd = padded(d.x);
  const yd = padded(d.y);
  const estimateLabel = options.estimateLabel ?? 'Estimate';
  const axis = (dom: [number, number]) => ({ values: linearTicks(dom[0], dom[1]).ticks.filter((t) => t >= dom[0] && t <= dom[1]), grid: false });
  const xEnc: Json = { field: 'x', type: 'quantitative', title: estimateLabel, scale: { domain: xd, nice: false, zero: false }, axis: axis(xd) };
  const yEnc: Json = { field: 'y', type: 'quantitative', title: AXIS_TITLES[het], scale: { domain: yd, nice: false, zero: false }, axis: axis(yd) };
  const { layer, note } = scatterLayer(d, xEnc, yEnc, { w, h, xd, yd });
  // A margin: the histogram behind the kernel density, as metafor.
  const margin = (values: Float64Array, horizontal: boolean): Json => {
    const dom = horizontal ? yd : xd;
    const v = (field: string): Json => ({ field, type: 'quantitative', scale: { domain: dom, nice: false, zero: false }, axis: null });
    const dens = (field: string): Json => ({ field, type: 'quantitative', axis: null, scale: { zero: true } });
    const bars = horizontal
      ? { y: v('lo'), y2: { field: 'hi' }, x: dens('d'), x2: { datum: 0 } }
      : { x: v('lo'), x2: { field: 'hi' }, y: dens('d'), y2: { datum: 0 } };
    const line = horizontal ? { y: v('v'), x: dens('d') } : { x: v('v'), y: dens('d') };
    return {
      width: horizontal ? MARGIN : w,
      height: horizontal ? h : MARGIN,
      layer: [
        { data: { values: histogram(values) }, mark: { type: 'rect', color: '#c8ccd2', stroke: 'white', strokeWidth: 0.5, clip: true }, encoding: bars },
        {
          data: { values: density(values, dom) },
          mark: { type: 'line', color: INK, strokeWidth: 1 },
          encoding: { ...line, order: { field: 'v', type: 'quantitative' } },
        },
      ],
    };
  };
  const subtitle = `${countOf(result.subsets, `${result.exact ? '' : 'random '}subset`)} of ${countOf(result.k, 'study', 'studies')} (${result.method}). ${note} Margins: histograms and kernel densities (Gaussian, bandwidth bw.nrd0).`;
  const block = titleBlock({ title: options.title ?? 'GOSH plot', subtitle, ...(options.synthetic ? { synthetic: true } : {}) }) as Record<string, Json>;
  const title = { ...block, subtitle: wrapText(subtitle, w + MARGIN, (t) => textWidth(t, 11)) };
  return finish({
    $schema: VEGA_LITE_SCHEMA,
    description: `GOSH plot of ${countOf(result.subsets, 'subset')} of ${countOf(result.k, 'study', 'studies')}`,
    title,
    padding: 16,
    config: { ...(baseConfig() as object), concat: { spacing: 6 } } as Json,
    bounds: 'flush',
    spacing: 6,
    vconcat: [margin(d.x, false), { bounds: 'flush', spacing: 6, hconcat: [{ width: w, height: h, layer: [layer] }, margin(d.y, true)] }],
  });
}
