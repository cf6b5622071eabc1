// The forest plot as one Vega-Lite layered view. Every row, column and text position is computed
// here in pixels from Arimo's font metrics (./textMetrics.ts), so the layout never depends on the
// renderer's text measurement: labels cannot collide with the plot, numbers right-align under
// centred headers, and the same input always gives the same JSON. Only the effect axis is a real
// scale (log for ratio measures), so tooltips and the axis stay live in a browser.
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import { isRatioMeasure } from '../effects/types.js';
import { isForestPreset } from './format.js';
import { forestFooter } from './forestAnnotations.js';
import { effectAxis, type EffectAxis } from './forestAxis.js';
import { forestColumns, intervalHeader } from './forestColumns.js';
import { forestContext, type Column, type ForestContext, type Row } from './forestContext.js';
import { horizontalLayout, verticalLayout, type HorizontalLayout } from './forestLayout.js';
import { encoders, markLayers } from './forestMarks.js';
import { forestRows } from './forestRows.js';
import { textLayers } from './forestText.js';
import { baseConfig, finish, px, titleBlock, VEGA_LITE_SCHEMA } from './spec.js';
import type { ForestPlotInput, ForestPlotOptions } from './types.js';
import { countOf } from '../core/plural.js';
import { PLOTS_MESSAGES } from './messages.js';
import type { Message } from '../core/message.js';

const SORTS = ['input', 'effect', 'weight', 'label', 'precision'];

/**
 * A forest plot: study labels, squares sized by weight with confidence-interval whiskers (arrows where
 * an interval leaves the axis), one diamond per pooled estimate (common and random effects together
 * if both are given), the prediction interval, effect [CI] and weight columns on the display scale, a
 * log axis with readable ticks for ratio measures, favours labels, heterogeneity and test lines,
 * subgroups, and presets for RevMan 5, JAMA and BMJ. Modelled on metafor's `forest()` and RevMan 5.
 *
 * @example
 * forestPlotSpec({ measure: 'RR', studies: [{ study: 'Aronson, 1948', effect: -0.889, ciLower: -2.007, ciUpper: 0.229, weight: 5.06 }],
 *   pooled: [{ label: 'Random-effects model', estimate: -0.715, ciLower: -1.067, ciUpper: -0.362 }] })
 * .description // 'Forest plot of 1 study (Risk ratio)'
 */
export function forestPlotSpec(input: ForestPlotInput, options: ForestPlotOptions = {}): TopLevelSpec {
  validateForest(input, options);
  const plan = forestPlan(input, options);
  return pageSpec(plan, 0, plan.rows.length, null);
}

/**
 * A tall forest plot split into pages of at most `maxRows` table rows each (default: one page):
 * every page has the same columns, widths and axis, repeats the headers and says "Page i of n";
 * the footer (heterogeneity, tests, legends, caption) is on the last page.
 *
 * @example
 * forestPlotPages({ measure: 'MD', studies: [0, 1, 2].map((i) => ({ study: `S${i}`, effect: i, ciLower: i - 1, ciUpper: i + 1 })), pooled: [] }, { maxRows: 2 }).length // 2
 */
export function forestPlotPages(input: ForestPlotInput, options: ForestPlotOptions & { readonly maxRows?: number } = {}): TopLevelSpec[] {
  validateForest(input, options);
  const max = options.maxRows ?? Infinity;
  if (!(max >= 1) || (Number.isFinite(max) && !Number.isInteger(max))) {
    throw new MetasynthError('invalid_option', PLOTS_MESSAGES.forestplotpages_maxrows_whole_number(options.maxRows));
  }
  const plan = forestPlan(input, options);
  const n = Math.max(1, Math.ceil(plan.rows.length / max));
  if (n === 1) return [pageSpec(plan, 0, plan.rows.length, null)];
  return Array.from({ length: n }, (_, i) => pageSpec(plan, i * max, Math.min(plan.rows.length, (i + 1) * max), { page: i + 1, of: n }));
}

interface ForestPlan {
  readonly ctx: ForestContext;
  readonly ciHeader: string[];
  readonly columns: Column[];
  readonly rows: Row[];
  readonly footer: string[];
  readonly horizontal: HorizontalLayout;
  readonly axis: EffectAxis;
}

/** Everything shared by the pages: context, rows, columns, footer, widths and the axis (over all rows). */
function forestPlan(input: ForestPlotInput, options: ForestPlotOptions): ForestPlan {
  const ctx = forestContext(input, options);
  const ciHeader = intervalHeader(ctx);
  const columns = forestColumns(ctx, ciHeader);
  const rows = forestRows(ctx);
  const footer = forestFooter(ctx);
  const horizontal = horizontalLayout(ctx, rows, columns);
  const axis = effectAxis(ctx, horizontal.plotLeft, horizontal.plotRight);
  return { ctx, ciHeader, columns, rows, footer, horizontal, axis };
}

/** The spec of rows [from, to) of a plan; `page` null for a single page. */
function pageSpec(plan: ForestPlan, from: number, to: number, page: { page: number; of: number } | null): TopLevelSpec {
  const { ctx, ciHeader, columns, axis } = plan;
  const rows = plan.rows.slice(from, to);
  const last = page === null || page.page === page.of;
  const footer = last ? plan.footer : [];
  const horizontal = { ...plan.horizontal, labelText: plan.horizontal.labelText.slice(from, to) };
  const vertical = verticalLayout(ctx, rows, columns);
  const enc = encoders(ctx, axis);
  const layers = [
    ...markLayers(ctx, rows, axis, horizontal, vertical, enc),
    ...textLayers(ctx, { rows, columns, ciHeader, footer, last }, axis, horizontal, vertical, enc),
  ];
  const { input, options } = ctx;
  const fs = ctx.style.fontSize;
  const pageText = page ? `Page ${page.page} of ${page.of}` : undefined;
  const subtitle = [options.subtitle, pageText].filter((x) => x !== undefined && x !== '').join(' \u2014 ');
  return finish({
    $schema: VEGA_LITE_SCHEMA,
    description: `Forest plot of ${countOf(input.studies.length, 'study', 'studies')} (${ctx.names.name})${pageText ? `, ${pageText.toLowerCase()}` : ''}`,
    title: titleBlock({ title: options.title, ...(subtitle !== '' ? { subtitle } : {}), synthetic: input.synthetic }, fs),
    width: px(horizontal.totalWidth),
    height: px(vertical.axisY),
    autosize: { type: 'pad' },
    padding: 16,
    config: baseConfig(fs),
    layer: layers,
  });
}

function validateForest(input: ForestPlotInput, options: ForestPlotOptions): void {
  const bad = (problem: Message, field: string, received: unknown) =>
    new MetasynthError('invalid_option', PLOTS_MESSAGES.forest_invalid_option(problem.text), [
      { code: 'invalid_value', field, message: PLOTS_MESSAGES.forest_invalid_value(field, problem.text).text, received },
    ]);
  if (options.preset !== undefined && !isForestPreset(options.preset))
    throw bad(PLOTS_MESSAGES.forest_unknown_preset(options.preset), 'preset', options.preset);
  if (typeof options.sortBy === 'string' && !SORTS.includes(options.sortBy))
    throw bad(PLOTS_MESSAGES.forest_unknown_sort_by(options.sortBy), 'sortBy', options.sortBy);
  if (options.xDomain) {
    const [a, b] = options.xDomain;
    if (!(Number.isFinite(a) && Number.isFinite(b) && b > a) || (isRatioMeasure(input.measure) && a <= 0)) {
      throw bad(PLOTS_MESSAGES.forest_bad_x_domain(), 'xDomain', options.xDomain);
    }
  }
  const issues = input.studies.flatMap((s, i) =>
    [s.effect, s.ciLower, s.ciUpper].every(Number.isFinite)
      ? []
      : [
          {
            code: 'not_a_number',
            study: s.study,
            field: 'effect',
            message: PLOTS_MESSAGES.not_a_number_study_effect(i + 1, s.study).text,
            received: [s.effect, s.ciLower, s.ciUpper],
          },
        ],
  );
  if (issues.length > 0) throw new MetasynthError('invalid_input', PLOTS_MESSAGES.forest_plot_spec_studies(), issues);
}
