// The GOSH scatter (metafor plot.gosh.rma, one panel): one point per fitted subset, heterogeneity
// on the x axis and the pooled estimate on the y axis; clusters of points reveal studies that
// drive the heterogeneity.
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import { baseConfig, titleBlock, VEGA_LITE_SCHEMA, type Json } from './spec.js';
import type { GoshResult } from '../gosh/gosh.js';
import { countOf } from '../core/plural.js';

/** What the x axis can show. */
export const GOSH_AXES = ['i2', 'tau2', 'q', 'h2'] as const;
export type GoshAxis = (typeof GOSH_AXES)[number];

const AXIS_TITLES: Readonly<Record<GoshAxis, string>> = { i2: 'I² (%)', tau2: 'τ²', q: 'Q', h2: 'H²' };

export interface GoshPlotOptions {
  /** The heterogeneity measure on the x axis (default 'i2', as metafor). */
  readonly x?: GoshAxis;
  /** Default 'GOSH plot'. */
  readonly title?: string;
  /** Marks the plot SYNTHETIC DATA (default false). */
  readonly synthetic?: boolean;
  /** Plot size in pixels (defaults 420 × 320). */
  readonly width?: number;
  readonly height?: number;
  /** Label of the estimate axis (default 'Estimate'). */
  readonly estimateLabel?: string;
}

/**
 * Vega-Lite spec of the GOSH scatter: each subset of a {@link GoshResult} as a small translucent
 * point at (I², estimate) — or tau², Q, H² on x — as metafor's `plot(gosh(res))` off-diagonal panel.
 * Subsets whose figures are not finite are left out. Values are rounded to 6 significant digits
 * to keep the JSON compact.
 * @example goshPlotSpec(gosh({ effect: bcgYi.slice(0, 4), variance: bcgVi.slice(0, 4) }), { x: 'i2' }).mark // { type: 'circle', ... }
 */
export function goshPlotSpec(result: GoshResult, options: GoshPlotOptions = {}): TopLevelSpec {
  const x = options.x ?? 'i2';
  if (!(GOSH_AXES as readonly string[]).includes(x)) {
    throw new MetasynthError('invalid_option', `goshPlotSpec: x (${String(x)}) must be one of ${GOSH_AXES.join(', ')}`);
  }
  const xs = result[x];
  const values: Json[] = [];
  for (let s = 0; s < result.subsets; s++) {
    const a = xs[s] as number;
    const b = result.estimate[s] as number;
    if (Number.isFinite(a) && Number.isFinite(b)) values.push({ x: round6(a), y: round6(b), k: result.subsetK[s] as number });
  }
  // Many points: smaller and more transparent, so dense regions read as density.
  const n = values.length;
  const opacity = n > 20000 ? 0.15 : n > 2000 ? 0.3 : 0.6;
  const size = n > 20000 ? 4 : n > 2000 ? 8 : 16;
  const title = titleBlock({ title: options.title ?? 'GOSH plot', subtitle: `${countOf(result.subsets, `${result.exact ? '' : 'random '}subset`)} of ${countOf(result.k, 'study', 'studies')} (${result.method})`, ...(options.synthetic ? { synthetic: true } : {}) });
  const spec: Record<string, Json | undefined> = {
    $schema: VEGA_LITE_SCHEMA,
    ...(title !== undefined ? { title } : {}),
    width: options.width ?? 420,
    height: options.height ?? 320,
    config: baseConfig(),
    data: { values },
    mark: { type: 'circle', size, opacity, color: '#1f4e79' },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: AXIS_TITLES[x], scale: { zero: x === 'i2', nice: true } },
      y: { field: 'y', type: 'quantitative', title: options.estimateLabel ?? 'Estimate', scale: { zero: false } },
      tooltip: [
        { field: 'x', type: 'quantitative', title: AXIS_TITLES[x] },
        { field: 'y', type: 'quantitative', title: options.estimateLabel ?? 'Estimate' },
        { field: 'k', type: 'quantitative', title: 'k' },
      ],
    },
  };
  return spec as unknown as TopLevelSpec;
}

function round6(v: number): number {
  return Number(v.toPrecision(6));
}
