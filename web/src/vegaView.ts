// Plots as live Vega views: the library's Vega-Lite specs compiled with vega-lite's `compile`,
// parsed in AST mode and evaluated by vega-interpreter (the page's Content-Security-Policy forbids
// eval and `new Function`, which Vega's default expression code generator needs), drawn with the
// SVG renderer, with the page's own tooltip handler.
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { tooltipHandler } from './tooltip.js';

/** A datum of a clicked mark (Vega's scenegraph item), as the click handler receives it. */
export interface ClickedItem {
  readonly datum?: Readonly<Record<string, unknown>>;
}

/**
 * Draws a Vega-Lite spec into `container` and resolves to the running View (for clicks and
 * downloads). Throws what vega-lite throws for an invalid spec.
 * @example const view = await renderSpec(spec, byId('plot-forest'))
 */
export async function renderSpec(spec: TopLevelSpec, container: HTMLElement, onClick?: (item: ClickedItem) => void): Promise<View> {
  const vgSpec = compile(spec).spec;
  const runtime = parse(vgSpec, undefined, { ast: true });
  const view = new View(runtime, {
    expr: expressionInterpreter,
    renderer: 'svg',
    container,
    hover: true,
    tooltip: tooltipHandler(),
  });
  if (onClick) view.addEventListener('click', (_event, item) => onClick((item ?? {}) as ClickedItem));
  await view.runAsync();
  return view;
}

/**
 * The view as a standalone SVG document (text).
 * @example const svg = await plotSvg(view) // '<svg ...'
 */
export function plotSvg(view: View): Promise<string> {
  return view.toSVG();
}

/**
 * The view as a PNG data URL at twice the screen size (sharp when printed).
 * @example const url = await plotPng(view) // 'data:image/png;base64,...'
 */
export function plotPng(view: View): Promise<string> {
  return view.toImageURL('png', 2);
}
