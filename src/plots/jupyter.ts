// Notebook display (browser-safe). Deno's Jupyter kernel shows any object with a
// `[Symbol.for("Jupyter.display")]()` method through the MIME bundle it returns. The Vega-Lite spec
// travels under two MIME types: `application/vnd.vegalite.v6+json` (newer front ends: marimo,
// nteract) and `application/vnd.vegalite.v5+json`, the one JupyterLab 4's built-in vega5 extension
// and VS Code's notebook renderers draw (the specs use nothing v5 lacks; that copy's $schema says
// v5 so no renderer warns). `image/svg+xml` is the static fallback for GitHub, nbviewer and
// exported notebooks; it needs vega's headless renderer, so it is made at the Node edge
// (src/render/index.ts: `displayPlot`) and passed in here.
import type { TopLevelSpec } from 'vega-lite';

export const VEGALITE_MIME_TYPES = ['application/vnd.vegalite.v6+json', 'application/vnd.vegalite.v5+json'] as const;

const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');

/**
 * The MIME bundle of a plot: the spec under both Vega-Lite MIME types, the SVG when given, and a
 * one-line text/plain.
 * @example
 * const spec = funnelPlotSpec({ measure: 'RR', estimate: -0.71, points: [{ study: 'A', effect: -0.89, standardError: 0.57 }] });
 * plotMimeBundle(spec)['application/vnd.vegalite.v6+json'] === spec // true
 */
export function plotMimeBundle(spec: TopLevelSpec, svg?: string): Record<string, unknown> {
  const v5 = { ...spec, $schema: 'https://vega.github.io/schema/vega-lite/v5.json' };
  const description = typeof (spec as { description?: unknown }).description === 'string' ? (spec as { description: string }).description : 'metasynth plot';
  return {
    'application/vnd.vegalite.v6+json': spec,
    'application/vnd.vegalite.v5+json': v5,
    ...(svg !== undefined ? { 'image/svg+xml': svg } : {}),
    'text/plain': description,
  };
}

/** A plot that displays itself inline in Deno's Jupyter kernel; `spec` is the Vega-Lite spec. */
export class PlotDisplay {
  readonly spec: TopLevelSpec;
  readonly svg: string | undefined;
  constructor(spec: TopLevelSpec, svg?: string) {
    this.spec = spec;
    this.svg = svg;
  }
  [JUPYTER_DISPLAY](): Record<string, unknown> {
    return plotMimeBundle(this.spec, this.svg);
  }
  /** JSON.stringify gives the spec itself. */
  toJSON(): TopLevelSpec {
    return this.spec;
  }
}

/**
 * Wrap a spec for notebook display (without the SVG fallback; see `displayPlot` at the Node edge).
 * @example plotDisplay(funnelPlotSpec(funnelInput(bcgTable, pool(bcgTable)))) instanceof PlotDisplay // true
 */
export function plotDisplay(spec: TopLevelSpec, svg?: string): PlotDisplay {
  return new PlotDisplay(spec, svg);
}
