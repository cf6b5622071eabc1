// The frame the diagnostic scatter plots share: title, size, theme and the caption under the panel.
import type { TopLevelSpec } from 'vega-lite';
import { captioned } from './funnel.js';
import { wrapText } from './format.js';
import { baseConfig, titleBlock, VEGA_LITE_SCHEMA, type Json } from './spec.js';
import { textWidth } from './textMetrics.js';
import type { PlotOptions } from './types.js';

const FS = 11;

/**
 * A layered chart with the title block and the caption lines (the builder's, then the caller's)
 * wrapped to the panel width.
 * @example frame({}, false, 'A plot', [], ['Note.']).description // 'A plot'
 */
export function frame(options: PlotOptions, synthetic: boolean | undefined, description: string, layers: Json[], caption: string[]): TopLevelSpec {
  const width = options.width ?? 380;
  const lines = [...caption, ...(options.caption ? [options.caption] : [])].flatMap((c) => wrapText(c, width, (s) => textWidth(s, FS - 1)));
  return captioned(
    {
      $schema: VEGA_LITE_SCHEMA,
      description,
      title: titleBlock({ title: options.title, subtitle: options.subtitle, synthetic }, FS),
      width,
      height: options.height ?? 320,
      padding: 16,
      config: baseConfig(FS),
      layer: layers,
    },
    lines,
    FS,
  );
}
