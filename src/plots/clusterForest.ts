// The cluster forest plot of a multilevel fit (issue 16, item 3): the forest plot of the input that
// `clusterForestInput` (src/multilevel) builds — each cluster's rows under its name with the
// cluster's summary diamond, and the model's pooled estimate with its prediction interval.
import type { TopLevelSpec } from 'vega-lite';
import { forestPlotSpec } from './forest.js';
import type { ForestPlotInput, ForestPlotOptions } from './types.js';

/**
 * A cluster forest plot: the forest plot without weight columns (a row's weight in a multilevel
 * model is not one number per row), with "Cluster and effect" over the labels; every forest option applies.
 * @example
 * clusterForestPlotSpec({ measure: 'GEN', studies: [{ study: 'School 1', effect: 0.2, ciLower: -0.1, ciUpper: 0.5, group: 'district 1' }],
 *   subgroups: [{ group: 'district 1', pooled: [{ label: 'Cluster summary (1 effect)', estimate: 0.2, ciLower: -0.1, ciUpper: 0.5 }] }],
 *   pooled: [{ label: 'Multilevel model (REML)', estimate: 0.2, ciLower: -0.1, ciUpper: 0.5 }] }).description // 'Forest plot of 1 study (Effect size)'
 */
export function clusterForestPlotSpec(input: ForestPlotInput, options: ForestPlotOptions = {}): TopLevelSpec {
  return forestPlotSpec(input, { showWeights: false, labelHeader: 'Cluster and effect', ...options });
}
