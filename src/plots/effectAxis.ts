// The effect axis of the model plots (bubble, caterpillar, orchard): values on the analysis scale
// are drawn on the display scale, a log axis labelled with ratios (0.25, 0.5, 1, 2 …) for ratio
// measures and a linear one otherwise, its domain covering every value given.
import { isRatioMeasure, type Measure } from '../effects/types.js';
import { linearTicks, logBounds, logTicks, MEASURE_NAMES, toDisplay } from './format.js';
import type { Json } from './spec.js';

export interface EffectAxis {
  readonly ratio: boolean;
  /** Domain on the display scale. */
  readonly domain: [number, number];
  readonly ticks: number[];
  /** An analysis-scale value on the display scale, clipped to the domain. */
  display(v: number): number;
  /** The encoding of a field holding display-scale values. */
  encoding(field: string, axis?: boolean): Json;
  readonly title: string;
}

/**
 * The effect axis for `values` (analysis scale, non-finite ones ignored) of `measure`.
 * @example effectAxis('RR', [-1.6, 0.4]).ticks // [0.1, 0.25, 0.5, 1, 2]
 */
export function effectAxis(measure: Measure, values: readonly number[], title?: string): EffectAxis {
  const ratio = isRatioMeasure(measure);
  const finite = values.filter(Number.isFinite);
  const lo = finite.length > 0 ? Math.min(...finite) : -1;
  const hi = finite.length > 0 ? Math.max(...finite) : 1;
  let domain: [number, number];
  let ticks: number[];
  if (ratio) {
    domain = logBounds(Math.max(1e-3, Math.exp(lo)), Math.min(1e3, Math.exp(hi)));
    ticks = logTicks(domain[0], domain[1]);
  } else {
    const t = linearTicks(lo, hi);
    domain = t.domain;
    ticks = t.ticks;
  }
  const name = MEASURE_NAMES[measure];
  const axisTitle = title ?? `${name.name}${ratio ? ' (log scale)' : ''}`;
  return {
    ratio,
    domain,
    ticks,
    title: axisTitle,
    display: (v) => Math.min(domain[1], Math.max(domain[0], toDisplay(measure, v))),
    encoding: (field, axis = true) => ({
      field,
      type: 'quantitative',
      scale: { type: ratio ? 'log' : 'linear', domain, nice: false, ...(ratio ? {} : { zero: false }) },
      ...(axis ? { title: axisTitle, axis: { values: ticks, format: '.6~g', grid: false, labelFlush: false } } : { axis: null }),
    }),
  };
}
