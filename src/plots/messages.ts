// The user-facing messages of plots, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of plots, keyed by their stable code. */
export const PLOTS_MESSAGES = defineMessages({
  no_study_has_finite: (what: string) =>
    `${what}: no study has finite values to plot`,
  radial_plot_spec_pooled: () =>
    'radialPlotSpec: the pooled estimate must be a finite number',
  forest_invalid_option: (message: string) =>
    `forestPlotSpec: ${message}`,
  forest_invalid_value: (field: string, message: string) =>
    `${field}: ${message}`,
  not_a_number_study_effect: (i: number, study: unknown) =>
    `study ${i} (${JSON.stringify(study)}): effect and interval must be finite numbers`,
  forest_plot_spec_studies: () =>
    'forestPlotSpec: studies without a finite effect and interval',
  funnel_plot_spec_pooled: () =>
    'funnelPlotSpec: the pooled estimate must be a finite number',
  not_a_number_estimate: () =>
    'estimate: must be a finite number',
  gosh_plot_spec_x: (x: unknown, GOSH_AXES: readonly string[]) =>
    `goshPlotSpec: x (${String(x)}) must be one of ${GOSH_AXES.join(', ')}`,
  forest_unknown_preset: (preset: unknown) =>
    `unknown preset ${JSON.stringify(preset)}`,
  forest_unknown_sort_by: (sortBy: unknown) =>
    `unknown sortBy ${JSON.stringify(sortBy)}`,
  forest_bad_x_domain: () =>
    'xDomain must be two increasing finite numbers (positive for ratio measures)',
});
