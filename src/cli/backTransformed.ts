// Back-transformed figures as the commands print them beside the model-scale ones: the measure's
// transformation comes from the one registry (effects/backTransform), the wording from here.
import { measureBackTransform } from '../effects/backTransform.js';
import { transformedJson, type EstimateWithInterval } from '../session/transformed.js';

export { transformedJson, type EstimateWithInterval } from '../session/transformed.js';
import type { Measure } from '../effects/types.js';
import { formatFixed } from './format.js';

/**
 * The title of a back-transformed column (`RR`, `proportion`, `r`), or null for a measure without a
 * back-transformation.
 * @example backTransformedHeader('OR') // 'OR'
 */
export function backTransformedHeader(measure: Measure): string | null {
  return measureBackTransform(measure)?.label ?? null;
}

/**
 * An estimate and its interval back-transformed, as a table cell: `0.4894 [0.3441, 0.6962]`;
 * '' for a measure without a back-transformation.
 * @example backTransformedCell('RR', { estimate: 0, ciLower: null, ciUpper: null }) // '1.0000 [NA, NA]'
 */
export function backTransformedCell(measure: Measure, x: EstimateWithInterval, decimals = 4): string {
  const t = transformedJson(measure, x);
  if (t === null) return '';
  return `${formatFixed(t.estimate, decimals)} [${formatFixed(t.ciLower, decimals)}, ${formatFixed(t.ciUpper, decimals)}]`;
}

/**
 * A sentence fragment for text reports: `; RR 0.4894 (95% CI 0.3441 to 0.6962)`; '' for a measure
 * without a back-transformation.
 * @example backTransformedPhrase('RR', { estimate: 0, ciLower: -1, ciUpper: 1 }, 95) // '; RR 1.0000 (95% CI 0.3679 to 2.7183)'
 */
export function backTransformedPhrase(measure: Measure, x: EstimateWithInterval, level: number): string {
  const t = transformedJson(measure, x);
  if (t === null) return '';
  return `; ${backTransformedHeader(measure)} ${formatFixed(t.estimate)} (${level}% CI ${formatFixed(t.ciLower)} to ${formatFixed(t.ciUpper)})`;
}
