// The influence plot: metafor's `plot(influence(res))`, eight small panels of the case-deletion
// diagnostics against the study's position, influential studies in red, each panel with the
// reference line metafor draws (0 for residuals and DFFITS, 1 for the covariance ratio, the full
// model's τ² and Q for their deleted values, 1/k and 100/k for hat and weight).
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import { countOf } from '../core/plural.js';
import { normalQuantile } from '../distributions/index.js';
import type { StudyInfluence } from '../sensitivity/influenceDiagnostics.js';
import { formatNumber, linearTicks, wrapText } from './format.js';
import { PLOTS_MESSAGES } from './messages.js';
import { baseConfig, finish, INK, MUTED, px, titleBlock, VEGA_LITE_SCHEMA, type Json } from './spec.js';
import { textWidth } from './textMetrics.js';
import type { PlotOptions } from './types.js';

const FS = 11;
/** Colour of the influential studies' points (metafor: red). */
export const INFLUENTIAL_COLOUR = '#c62828';

/** One study's case-deletion diagnostics: the fields of `influenceDiagnostics(...).studies[i]` the panels draw. */
export type InfluencePlotStudy = Pick<
  StudyInfluence,
  'study' | 'rstudent' | 'dffits' | 'cooksDistance' | 'covRatio' | 'tau2Deleted' | 'qDeleted' | 'hat' | 'weight' | 'influential'
>;

/** The diagnostics of every study and the full model's τ² and Cochran's Q (the reference lines). */
export interface InfluencePlotInput {
  readonly studies: readonly InfluencePlotStudy[];
  readonly tau2: number;
  readonly q: number;
  /** The model in words for the caption, e.g. "random-effects model, REML". */
  readonly model?: string;
  readonly synthetic?: boolean;
}

type PanelKey = 'rstudent' | 'dffits' | 'cooksDistance' | 'covRatio' | 'tau2Deleted' | 'qDeleted' | 'hat' | 'weight';

interface Panel {
  readonly key: PanelKey;
  readonly title: string;
  /** Dashed reference lines and dotted bounds. */
  readonly dashed: readonly number[];
  readonly dotted: readonly number[];
  /** Whether the y axis starts at 0 (hat and weight, as metafor). */
  readonly fromZero: boolean;
}

/** The eight panels in metafor's order and with its titles. */
function panels(input: InfluencePlotInput, k: number): Panel[] {
  const z = normalQuantile(0.975);
  return [
    { key: 'rstudent', title: 'rstudent', dashed: [0], dotted: [-z, z], fromZero: false },
    { key: 'dffits', title: 'dffits', dashed: [0], dotted: [], fromZero: false },
    { key: 'cooksDistance', title: 'cook.d', dashed: [], dotted: [], fromZero: false },
    { key: 'covRatio', title: 'cov.r', dashed: [1], dotted: [], fromZero: false },
    { key: 'tau2Deleted', title: 'tau2.del', dashed: [input.tau2], dotted: [], fromZero: false },
    { key: 'qDeleted', title: 'QE.del', dashed: [input.q], dotted: [], fromZero: false },
    { key: 'hat', title: 'hat', dashed: [1 / k], dotted: [], fromZero: true },
    { key: 'weight', title: 'weight', dashed: [100 / k], dotted: [], fromZero: true },
  ];
}

/** The study-position axis: every position up to 30 studies, nice ticks above. */
function positionAxis(k: number): Json {
  const values = k <= 30 ? Array.from({ length: k }, (_, i) => i + 1) : linearTicks(1, k).ticks.filter((v) => v >= 1 && v <= k);
  return {
    field: 'index',
    type: 'quantitative',
    title: null,
    scale: { domain: [0.5, k + 0.5], nice: false, zero: false },
    axis: { values, grid: false, labelFontSize: k <= 30 ? FS - 3 : FS - 2, format: 'd' },
  };
}

/** One panel: reference lines, the line through the studies, their points (influential in red). */
function panelSpec(panel: Panel, studies: readonly InfluencePlotStudy[], k: number, size: { width: number; height: number }): Json {
  const values = studies.flatMap((s, i) => {
    const v = s[panel.key];
    return v == null || !Number.isFinite(v) ? [] : [{ index: i + 1, study: s.study, value: v, text: formatNumber(v, 4), influential: s.influential }];
  });
  const ys = [...values.map((v) => v.value), ...panel.dashed, ...panel.dotted, ...(panel.fromZero ? [0] : [])];
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const pad = 0.06 * (hi - lo > 0 ? hi - lo : Math.max(Math.abs(hi), 1));
  const domain = [panel.fromZero ? 0 : lo - pad, hi + pad];
  const y: Json = { field: 'value', type: 'quantitative', title: null, scale: { domain, nice: false, zero: false }, axis: { tickCount: 4, grid: false } };
  const rule = (at: readonly number[], dash: number[]): Json[] =>
    at.length === 0
      ? []
      : [{ data: { values: at.map((value) => ({ value })) }, mark: { type: 'rule', color: MUTED, strokeDash: dash, strokeWidth: 1 }, encoding: { y } }];
  const pointSize = k <= 40 ? 28 : k <= 100 ? 14 : 8;
  return {
    title: { text: panel.title, fontSize: FS, fontWeight: 'bold', color: INK },
    width: size.width,
    height: size.height,
    layer: [
      ...rule(panel.dashed, [5, 3]),
      ...rule(panel.dotted, [1, 2]),
      {
        data: { values },
        layer: [
          { mark: { type: 'line', color: INK, strokeWidth: k <= 40 ? 1 : 0.5 }, encoding: { x: positionAxis(k), y } },
          {
            mark: { type: 'point', filled: true, opacity: 1, size: pointSize },
            encoding: {
              x: positionAxis(k),
              y,
              color: { field: 'influential', type: 'nominal', scale: { domain: [false, true], range: [INK, INFLUENTIAL_COLOUR] }, legend: null },
              tooltip: [
                { field: 'study', title: 'Study' },
                { field: 'text', title: panel.title },
              ],
            },
          },
        ],
      },
    ],
  };
}

/** The caption lines: the model, what the lines mean, how many studies are influential. */
function captionLines(input: InfluencePlotInput, width: number, extra?: string): string[] {
  const n = input.studies.filter((s) => s.influential).length;
  const lines = [
    `Model: ${input.model ?? 'random-effects model'}; x: the study's position in the data (1 to ${input.studies.length}).`,
    `Dashed lines: 0 (rstudent, dffits), 1 (cov.r), the full model's τ² = ${formatNumber(input.tau2, 4)} and Q = ${formatNumber(input.q, 2)}, 1/k (hat) and 100/k (weight); dotted: ±1.96.`,
    `Red: influential studies (${n}) by Viechtbauer & Cheung's (2010) rule, as metafor's influence().`,
    ...(extra ? [extra] : []),
  ];
  return lines.flatMap((c) => wrapText(c, width, (s) => textWidth(s, FS - 1)));
}

/**
 * Influence plot as metafor's `plot(influence(res))`: externally standardised residuals, DFFITS,
 * Cook's distances, covariance ratios, leave-one-out τ² and Q, hat values and weights, one panel
 * each, against the study's position; influential studies (the rule of `influenceDiagnostics`) in
 * red. Viechtbauer, W., & Cheung, M. W.-L. (2010). Research Synthesis Methods, 1, 112–125.
 * @example influencePlotSpec({ tau2: 0, q: 1, studies: [{ study: 'A', rstudent: 1, dffits: 0.5, cooksDistance: 0.3, covRatio: 1.1, tau2Deleted: 0, qDeleted: 0, hat: 0.5, weight: 50, influential: false }] }).description // 'Influence plot of 1 study'
 */
export function influencePlotSpec(input: InfluencePlotInput, options: PlotOptions = {}): TopLevelSpec {
  const k = input.studies.length;
  const finite = input.studies.some((s) => [s.rstudent, s.dffits, s.cooksDistance, s.hat].some((v) => v != null && Number.isFinite(v)));
  if (k === 0 || !finite) throw new MetasynthError('invalid_input', PLOTS_MESSAGES.no_study_has_finite('influencePlotSpec'));
  const size = { width: options.width ?? 250, height: options.height ?? 110 };
  const fullWidth = 2 * size.width + 60;
  const lines = captionLines(input, fullWidth, options.caption);
  const lineHeight = FS + 4;
  return finish({
    $schema: VEGA_LITE_SCHEMA,
    description: `Influence plot of ${countOf(k, 'study', 'studies')}`,
    title: titleBlock({ title: options.title, subtitle: options.subtitle, synthetic: input.synthetic }, FS),
    padding: 16,
    config: baseConfig(FS),
    spacing: 12,
    vconcat: [
      { columns: 2, spacing: 24, concat: panels(input, k).map((p) => panelSpec(p, input.studies, k, size)) },
      {
        width: fullWidth,
        height: px(lines.length * lineHeight),
        data: { values: lines.map((text, i) => ({ text, y: px(i * lineHeight + lineHeight / 2) })) },
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: FS - 1, color: MUTED },
        encoding: { x: { value: 0 }, y: { field: 'y', type: 'quantitative', scale: null, axis: null }, text: { field: 'text', type: 'nominal' } },
      },
    ],
  });
}
