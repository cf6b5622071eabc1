// Rendering at the Node edge: Vega-Lite → Vega → SVG through vega's headless View (renderer
// 'none', no canvas package), and SVG → PNG through @resvg/resvg-js with the bundled Arimo fonts
// only (loadSystemFonts: false), so a PNG looks the same on every machine. Text is measured with
// Arimo's own advance widths (textMetrics below) instead of vega's rough estimate, so that vega's
// layout (title, padding, bounds) agrees with the glyphs resvg and browsers draw.
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import { PlotDisplay } from '../plots/jupyter.js';
import { textWidth } from '../plots/textMetrics.js';
import { fontFilePaths } from './fontFile.js';
import { RENDER_MESSAGES } from './messages.js';

let metricsInstalled = false;
function installTextMetrics(): void {
  if (metricsInstalled) return;
  // vega-scenegraph lets a host replace its width function (vl-convert does the same).
  const metrics = (vega as unknown as { textMetrics: unknown }).textMetrics as { width: (item: Record<string, unknown>, text: unknown) => number };
  metrics.width = (item, text) => {
    const size = typeof item.fontSize === 'number' ? item.fontSize : 11;
    const weight = item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600) ? 'bold' : 'regular';
    const value = Array.isArray(text) ? text.join(' ') : text == null ? '' : String(text);
    return textWidth(value, size, weight);
  };
  metricsInstalled = true;
}

export interface CompileResult {
  readonly spec: vega.Spec;
  /** Every warning Vega-Lite raised while compiling (a clean spec has none). */
  readonly warnings: readonly string[];
}

/** Compile a Vega-Lite spec to Vega, collecting warnings instead of printing them. */
export function compileSpec(spec: TopLevelSpec): CompileResult {
  const warnings: string[] = [];
  const logger = {
    level(): number {
      return 0;
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
    error(...args: readonly unknown[]) {
      warnings.push(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
  };
  // A deep copy: vega tags the inline data objects it ingests (Symbol(vega_id)), and the caller's
  // spec must stay untouched and serialisable.
  const out = compile(JSON.parse(JSON.stringify(spec)) as TopLevelSpec, { logger: logger as never });
  return { spec: out.spec as vega.Spec, warnings };
}

/**
 * Render a Vega-Lite spec to an SVG document with vega's headless view (no canvas).
 * @example await renderSvg(forestPlotSpec(forestInput(bcgTable, pool(bcgTable)))) // '<svg xmlns="http://www.w3.org/2000/svg"...'
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  installTextMetrics();
  const { spec: vgSpec } = compileSpec(spec);
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logLevel: vega.Warn });
  try {
    const svg = await view.toSVG();
    return svg;
  } catch (err) {
    throw new MetasynthError('internal', RENDER_MESSAGES.could_not_render_plot(err instanceof Error ? err.message : String(err)));
  } finally {
    view.finalize();
  }
}

export interface PngOptions {
  /** Pixel density: 2 (default) gives a sharp image for print and high-DPI screens. */
  readonly scale?: number;
}

/** Rasterise an SVG document with resvg and the bundled Arimo fonts only. */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: { fontFiles: [...fontFilePaths()], loadSystemFonts: false, defaultFontFamily: 'Arimo', sansSerifFamily: 'Arimo' },
    background: 'white',
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}

/** Render a Vega-Lite spec to PNG bytes (SVG through vega, then resvg). */
export async function renderPng(spec: TopLevelSpec, options: PngOptions = {}): Promise<Uint8Array> {
  return svgToPng(await renderSvg(spec), options);
}

export { fontFilePaths } from './fontFile.js';

/**
 * A plot for a notebook cell, with the static SVG fallback: make it the cell's last expression
 * (`await displayPlot(spec)`) and Deno's Jupyter kernel shows the interactive Vega-Lite chart, or the
 * SVG where scripts cannot run (see ../jupyter.ts for the MIME types).
 */
export async function displayPlot(spec: TopLevelSpec): Promise<PlotDisplay> {
  return new PlotDisplay(spec, await renderSvg(spec));
}
