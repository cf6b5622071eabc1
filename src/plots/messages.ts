// The user-facing messages of plots, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of plots, keyed by their stable code. */
export const PLOTS_MESSAGES = defineMessages({
  no_study_has_finite: (what: string) => `${what}: no study has finite values to plot`,
  radial_plot_spec_pooled: () => 'radialPlotSpec: the pooled estimate must be a finite number',
  forest_invalid_option: (message: string) => `forestPlotSpec: ${message}`,
  forest_invalid_value: (field: string, message: string) => `${field}: ${message}`,
  not_a_number_study_effect: (i: number, study: unknown) => `study ${i} (${JSON.stringify(study)}): effect and interval must be finite numbers`,
  forest_plot_spec_studies: () => 'forestPlotSpec: studies without a finite effect and interval',
  funnel_plot_spec_pooled: () => 'funnelPlotSpec: the pooled estimate must be a finite number',
  not_a_number_estimate: () => 'estimate: must be a finite number',
  funnel_selection_moderators: (type: string, names: readonly string[]) =>
    `funnelInput: the ${type} selection model has ${names.length} coefficients (${names.join(', ')}); the funnel draws the adjusted estimate of a model without moderators`,
  forest_unknown_preset: (preset: unknown) => `unknown preset ${JSON.stringify(preset)}`,
  forest_unknown_sort_by: (sortBy: unknown) => `unknown sortBy ${JSON.stringify(sortBy)}`,
  forest_bad_x_domain: () => 'xDomain must be two increasing finite numbers (positive for ratio measures)',
  forestplotpages_maxrows_whole_number: (maxRows: undefined | number) => `forestPlotPages: maxRows (${String(maxRows)}) must be a whole number of at least 1`,
  radialplotspec_study_finite_values: () => 'radialPlotSpec: no study has finite values to plot',
  study_rob_one: (index: number, study: string, d: string, v: string | number, ROB_JUDGEMENTS: readonly string[]) =>
    `study ${index + 1} (${JSON.stringify(study)}): rob_${d} (${JSON.stringify(v)}) must be one of ${ROB_JUDGEMENTS.map((x) => `"${x}"`).join(', ')}`,
  rob_low_some_concerns: (d: string) => `rob_${d} must be low, some concerns or high`,
  labbe_l_abbe_plot: (measure: string) => `labbe: the L'Abb\u00e9 plot is drawn for the measures RR, OR, RD and AS (as metafor's labbe()); received ${measure}`,
  goshplotspec_subset_finite_estimate: () => 'goshPlotSpec: no subset has a finite estimate and heterogeneity',
  one_point_per_subset: (opacity: number) => `One point per subset, ${opacity * 100}% opaque: darker where subsets overlap.`,
  hexagons_shaded_number_subsets: () => 'Hexagons shaded by the number of subsets in each (log scale).',
  goshplotspec_het_one: (het: string, GOSH_AXES: readonly string[]) => `goshPlotSpec: het (${String(het)}) must be one of ${GOSH_AXES.join(', ')}`,
  bubbleplotspec_study_finite_moderator: () => 'bubblePlotSpec: no study has a finite moderator value, effect and positive weight',
  caterpillarplotspec_study_finite_effect: () => 'caterpillarPlotSpec: no study has a finite effect and interval',
  orchardplotspec_subgroup_finite_estimate: () => 'orchardPlotSpec: no subgroup has a finite estimate and interval',
  bubble_plot_model_needs: (mods: readonly string[]) =>
    `bubble plot: the model needs exactly one numeric moderator (received ${mods.join(', ')}), as metafor's regplot() draws one`,
  orchard_plot_study_value: (by: string) => `orchard plot: no study has a value of the moderator ${JSON.stringify(by)}`,
  orchard_plot_categorical: (by: string) => `orchard plot: ${by} must be categorical`,
});
