// Pieces every spec builder shares: the theme (font, sizes, colours), the title with the SYNTHETIC
// warning, and pixel rounding that keeps the JSON short and stable.
import type { TopLevelSpec } from 'vega-lite';
import { FONT_FAMILY } from './textMetrics.js';

/** The Vega-Lite version whose JSON schema the specs follow. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export const INK = '#1a1a1a';
export const MUTED = '#5f6368';

/** A plain JSON object: the builders assemble specs from these and the schema test checks them. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json | undefined };

/** Round a pixel coordinate to 0.01 px. */
export function px(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The theme: Arimo everywhere, white background, no view frame. */
export function baseConfig(fontSize = 11): Json {
  return {
    font: FONT_FAMILY,
    background: 'white',
    view: { stroke: null },
    axis: {
      labelFont: FONT_FAMILY,
      titleFont: FONT_FAMILY,
      labelFontSize: fontSize - 1,
      titleFontSize: fontSize,
      titleFontWeight: 'normal',
      labelColor: INK,
      titleColor: INK,
      domainColor: INK,
      tickColor: INK,
    },
    legend: { labelFont: FONT_FAMILY, titleFont: FONT_FAMILY, labelFontSize: fontSize - 1, titleFontSize: fontSize },
    title: { font: FONT_FAMILY, subtitleFont: FONT_FAMILY, color: INK, subtitleColor: MUTED },
    text: { font: FONT_FAMILY },
  };
}

/** Colour of the SYNTHETIC DATA label in titles and footers. */
export const SYNTHETIC_COLOUR = '#b3261e';

/** The footer line of a plot of synthetic data, repeated at the bottom so that a crop of it keeps the label. */
export const SYNTHETIC_FOOTER = 'SYNTHETIC DATA: simulated studies, not evidence';

/**
 * The title block. Synthetic data always say so: "SYNTHETIC DATA" leads the title even when the
 * caller gave none.
 */
export function titleBlock(options: { title?: string; subtitle?: string; synthetic?: boolean }, fontSize = 11): Json | undefined {
  const parts: string[] = [];
  if (options.synthetic) parts.push('SYNTHETIC DATA');
  if (options.title !== undefined && options.title !== '') parts.push(options.title);
  if (parts.length === 0 && (options.subtitle === undefined || options.subtitle === '')) return undefined;
  return {
    text: parts.join(' \u2014 '),
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
    anchor: 'start',
    fontSize: fontSize + 3,
    fontWeight: 'bold',
    subtitleFontSize: fontSize,
    offset: 10,
    ...(options.synthetic ? { color: SYNTHETIC_COLOUR } : {}),
  };
}

/** Drop `undefined` members so that specs serialise identically whatever options were left out. */
export function finish(spec: Record<string, Json | undefined>): TopLevelSpec {
  return JSON.parse(JSON.stringify(spec)) as TopLevelSpec;
}
