// Plain input types of the plot builders. They hold numbers, not engine results, so that plots can
// be drawn from any source (metasynth's own results through the adapters in ./adapters.ts, a table
// from a paper, another package's output). Effects and intervals are on the analysis scale (log
// for ratio measures); the builders back-transform for display.
import type { Measure } from '../effects/types.js';
import type { ForestPreset } from './format.js';

/** One study row of a forest plot. */
export interface ForestStudy {
  /** The label; shortened on the plot when too long, always complete in the tooltip. */
  readonly study: string;
  readonly effect: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  /** Weight in percent under the model that sizes the squares (usually random effects); null = none. */
  readonly weight?: number | null;
  /** Weight in percent under the common-effect model, shown beside `weight` when both diamonds are drawn. */
  readonly weightCommon?: number | null;
  /** Subgroup of the study (used when the input has `subgroups`). */
  readonly group?: string | null;
  /** Values of extra columns (see `ForestPlotOptions.columns`) and of `sortBy: { column }`. */
  readonly columns?: Readonly<Record<string, string | number | null>>;
  /** Per-arm data (treatment first): shown as columns, with totals on the subtotal and total rows. */
  readonly arms?: ForestArms | null;
  /** RoB 2 judgements by domain (`d1` … `d5`, `overall`); drawn as traffic lights when any study has them. */
  readonly rob?: Readonly<Partial<Record<RobDomain, RobJudgement>>> | null;
}

/** One arm of a 2x2 study: events and participants. */
export interface ForestEventArm {
  readonly events: number;
  readonly total: number;
}

/** One arm of a continuous study: mean, standard deviation and participants. */
export interface ForestMeanArm {
  readonly mean: number;
  readonly sd: number;
  readonly total: number;
}

/** Per-arm data of a study, treatment (experimental) arm first. */
export type ForestArms =
  | { readonly kind: 'events'; readonly treatment: ForestEventArm; readonly control: ForestEventArm }
  | { readonly kind: 'means'; readonly treatment: ForestMeanArm; readonly control: ForestMeanArm };

/** The domains of the Cochrane risk-of-bias tool for randomised trials (RoB 2; Sterne et al. 2019, BMJ 366:l4898). */
export const ROB_DOMAINS = ['d1', 'd2', 'd3', 'd4', 'd5', 'overall'] as const;
export type RobDomain = (typeof ROB_DOMAINS)[number];
/** RoB 2 judgements, as the tool words them. */
export const ROB_JUDGEMENTS = ['low', 'some concerns', 'high'] as const;
export type RobJudgement = (typeof ROB_JUDGEMENTS)[number];

/** A pooled estimate, drawn as a diamond. `model` picks the style; `random` is the default. */
export interface ForestPooled {
  readonly label: string;
  readonly estimate: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  /** The prediction interval, drawn on its own row under the diamond when present. */
  readonly piLower?: number | null;
  readonly piUpper?: number | null;
  readonly model?: 'random' | 'common';
}

/** The heterogeneity figures printed under a pooled estimate. */
export interface ForestHeterogeneity {
  readonly tau2?: number | null;
  /** I² in percent. */
  readonly i2?: number | null;
  readonly q?: number | null;
  readonly df?: number | null;
  readonly pValue?: number | null;
}

/** The test of the overall effect (z or t). */
export interface ForestOverallTest {
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly test: 'z' | 't';
  readonly df?: number | null;
}

/** One subgroup: its studies carry `group` equal to `group`. */
export interface ForestSubgroup {
  readonly group: string;
  readonly pooled: readonly ForestPooled[];
  readonly heterogeneity?: ForestHeterogeneity | null;
  /** The test for the subgroup's overall effect, printed under its heterogeneity line. */
  readonly overallTest?: ForestOverallTest | null;
}

/**
 * Which test of subgroup differences: `separate` — Cochran's Q between the subgroup estimates, each
 * from its own random-effects model (separate τ²), as a fixed-effect model (RevMan 5; Borenstein et
 * al. 2009 ch. 19); `mixed` — the omnibus test QM of the mixed-effects model with the subgroup
 * factor and one τ² (metafor's `rma(yi, vi, mods = ~ factor(g))`).
 */
export const SUBGROUP_TESTS = ['separate', 'mixed'] as const;
export type SubgroupTestKind = (typeof SUBGROUP_TESTS)[number];

/** The test of subgroup differences (Q between or QM, df, p) with its I². */
export interface ForestSubgroupTest {
  /** Q between (χ²), or QM (χ² for z tests, F for t tests). */
  readonly q: number | null;
  readonly df: number | null;
  /** Denominator df of an F test (mixed-effects model with t tests); null or absent for χ². */
  readonly dfDenominator?: number | null;
  readonly pValue: number | null;
  /** I² of the subgroup differences in percent, max(0, (Q − df)/Q)·100 (Higgins & Thompson 2002); null for an F test. */
  readonly i2?: number | null;
  /** Which test it is (named on the plot); default `separate`. */
  readonly test?: SubgroupTestKind;
}

export interface ForestPlotInput {
  readonly measure: Measure;
  readonly studies: readonly ForestStudy[];
  /** Overall estimates: one diamond each (for example both the common- and the random-effects model). */
  readonly pooled: readonly ForestPooled[];
  readonly heterogeneity?: ForestHeterogeneity | null;
  readonly overallTest?: ForestOverallTest | null;
  readonly subgroups?: readonly ForestSubgroup[];
  readonly subgroupTest?: ForestSubgroupTest | null;
  /** Confidence level in percent; default 95. */
  readonly level?: number;
  /** RevMan's method wording, e.g. "IV, Random"; default from the pooled models. */
  readonly methodLabel?: string;
  /** True when the data are synthetic: the title then says SYNTHETIC. */
  readonly synthetic?: boolean;
}

export const FOREST_SORTS = ['input', 'effect', 'weight', 'label', 'precision'] as const;
export type ForestSortKey = (typeof FOREST_SORTS)[number];

/** An extra text column taken from `ForestStudy.columns[key]`. */
export interface ForestColumn {
  readonly key: string;
  /** Header, one string per line. */
  readonly header: string | readonly string[];
  /** Where the column goes; default `left` (beside the labels, as RevMan does). */
  readonly side?: 'left' | 'right';
  /** Decimals of the column's numbers; default the most any of its values needs (at most 3), so that one column has one number of decimals. */
  readonly digits?: number;
}

export interface ForestPlotOptions {
  /** Layout and wording preset; default `'default'` (metafor-like). */
  readonly preset?: ForestPreset;
  /** Row order within each subgroup; default `'input'`. `{ column }` sorts by an extra column. */
  readonly sortBy?: ForestSortKey | { readonly column: string };
  /** Reverse the sort; default false (ascending effect, descending weight). */
  readonly descending?: boolean;
  readonly title?: string;
  readonly subtitle?: string;
  readonly caption?: string;
  /** Axis limits on the display scale; default: readable values covering every interval. */
  readonly xDomain?: readonly [number, number];
  /** The favours labels under the axis; default none (the direction is not known from the data); false hides them too. */
  readonly favours?: { readonly left: string; readonly right: string } | false;
  /** Names of the two arms over the per-arm columns; default "Experimental"/"Control" (RevMan 5) or "Treatment"/"Control". */
  readonly armLabels?: readonly [string, string];
  /** Show the per-arm columns when the studies carry `arms`; default true. */
  readonly showArms?: boolean;
  /** Widest study label in px before it is shortened with "…"; default 200. */
  readonly maxLabelWidth?: number;
  /** Width of the plotting panel in px; default 260. */
  readonly plotWidth?: number;
  /** Extra text columns (e.g. events/total per arm). */
  readonly columns?: readonly ForestColumn[];
  /** Show the weight column(s); default true. */
  readonly showWeights?: boolean;
  /** Header of the study label column; default from the preset ("Study", "Source" ...). */
  readonly labelHeader?: string;
  /** `cumulative` and `leave-one-out` draw equal markers and say which study was added or left out. */
  readonly variant?: 'standard' | 'cumulative' | 'leave-one-out';
}

/** One point of a funnel plot (analysis scale). */
export interface FunnelPoint {
  readonly study: string;
  readonly effect: number;
  readonly standardError: number;
  /** True for a study imputed by trim-and-fill. */
  readonly imputed?: boolean;
}

export interface FunnelPlotInput {
  readonly measure: Measure;
  readonly points: readonly FunnelPoint[];
  /** The pooled estimate the funnel is centred on (analysis scale). */
  readonly estimate: number;
  /** The pooled estimate's confidence interval, shown in the legend of the lines (with PET-PEESE or `adjusted`). */
  readonly estimateInterval?: { readonly ciLower: number; readonly ciUpper: number } | null;
  /** Pooled estimate after trim-and-fill, drawn as a dashed line when given. */
  readonly adjustedEstimate?: number | null;
  /** Its confidence interval, shown in the legend of the lines. */
  readonly adjustedInterval?: { readonly ciLower: number; readonly ciUpper: number } | null;
  /** Egger's regression line as metafor's `regtest(predictor = "sei")` fits it: effect = intercept + slope·SE. */
  readonly egger?: { readonly intercept: number; readonly slope: number } | null;
  /** The model of `estimate`, named in the caption, e.g. "random-effects model, REML". */
  readonly model?: string | null;
  /** PET's line and PEESE's curve with the conditional PET-PEESE estimate (Stanley & Doucouliagos 2014), drawn when given. */
  readonly petPeese?: FunnelPetPeese | null;
  /** Adjusted estimates (e.g. of selection models), each drawn as a vertical line named in the legend. */
  readonly adjusted?: readonly FunnelAdjustedEstimate[] | null;
  readonly synthetic?: boolean;
}

/** An estimate with its confidence interval (analysis scale); the interval is optional. */
export interface FunnelEstimate {
  readonly estimate: number;
  readonly ciLower?: number | null;
  readonly ciUpper?: number | null;
}

/** A fitted line effect = estimate + slope·SEᵖ: `estimate` is its intercept at SE = 0 (PET p = 1, PEESE p = 2). */
export interface FunnelRegressionLine extends FunnelEstimate {
  readonly slope: number;
}

/** PET-PEESE as the funnel draws it: PET's line on SE, PEESE's curve on SE², the conditional estimate marked at SE = 0. */
export interface FunnelPetPeese {
  readonly pet: FunnelRegressionLine;
  readonly peese: FunnelRegressionLine;
  /** PEESE's intercept when PET's differs from 0 at `alpha`, else PET's; null when PET's test is not available. */
  readonly conditional?: (FunnelEstimate & { readonly chosen: 'PET' | 'PEESE' }) | null;
  /** Level of the test of PET's intercept that chose (default 0.05), for the caption. */
  readonly alpha?: number;
}

/** An adjusted estimate drawn as a vertical line, e.g. `{ label: '3PSM (step at p = 0.025)', estimate: 0.19, ciLower: 0.04, ciUpper: 0.35 }`. */
export interface FunnelAdjustedEstimate extends FunnelEstimate {
  /** The name in the legend; unique within one plot. */
  readonly label: string;
  /** The model behind the estimate in words, for the caption, e.g. "random-effects model, τ² by ML". */
  readonly model?: string | null;
}

export interface FunnelPlotOptions {
  /** Draw the p = 0.10, 0.05, 0.01 contours around the null instead of the pseudo-CI region; default false. */
  readonly contours?: boolean;
  /** Confidence level of the pseudo-confidence region, percent; default 95. */
  readonly level?: number;
  readonly title?: string;
  readonly subtitle?: string;
  readonly caption?: string;
  readonly width?: number;
  readonly height?: number;
}

/** Baujat plot data: each study's contribution to Q and its influence on the pooled estimate. */
export interface BaujatPoint {
  readonly study: string;
  readonly contributionQ: number;
  readonly influence: number;
}

export interface RadialPoint {
  readonly study: string;
  readonly effect: number;
  readonly standardError: number;
}

/** Radial plot input: the studies and the intercept-only model drawn through them (analysis scale). */
export interface RadialPlotInput {
  readonly measure: Measure;
  /** The pooled estimate: the slope of the radial line. */
  readonly estimate: number;
  readonly points: readonly RadialPoint[];
  /** τ̂² of a random-effects model, added to every study's variance (metafor's radial()); 0 or absent: common effect. */
  readonly tau2?: number | null;
  /** The pooled estimate's confidence interval, drawn as the inner arc when given. */
  readonly ciLower?: number | null;
  readonly ciUpper?: number | null;
  /** Confidence level in percent of the band and the CI; default 95. */
  readonly level?: number;
  /** The model in words for the caption, e.g. "random-effects model, REML". */
  readonly model?: string | null;
  readonly synthetic?: boolean;
}

/** The arm-level scales of the L'Abbé plot, as metafor's `labbe()` per measure: RR log risk, OR log odds, RD risk, AS arcsine square-root risk. */
export const LABBE_SCALES = ['log-risk', 'log-odds', 'risk', 'arcsine'] as const;
export type LabbeScale = (typeof LABBE_SCALES)[number];

/** One study of an L'Abbé plot: each arm's outcome on the plot's scale. */
export interface LabbePoint {
  readonly study: string;
  /** The treatment (group 1) and control (group 2) arm on the plot's scale (e.g. log risk). */
  readonly treatment: number;
  readonly control: number;
  /** Sampling variance of treatment + control: circles are sized by 1/√variance, as metafor. */
  readonly variance?: number;
  /** Events/total of each arm for the tooltip. */
  readonly treatmentText?: string;
  readonly controlText?: string;
}

export interface LabbePlotInput {
  readonly scale: LabbeScale;
  readonly points: readonly LabbePoint[];
  /** The pooled effect on the analysis scale (log RR, log OR, RD): the dashed line y = x + pooled. */
  readonly pooled?: number | null;
  /** The measure of `pooled`, for the caption (default from the scale). */
  readonly measure?: Measure;
  /** The model in words for the caption. */
  readonly model?: string | null;
  readonly synthetic?: boolean;
}

/** Options every plot takes. */
export interface PlotOptions {
  readonly title?: string;
  readonly subtitle?: string;
  readonly caption?: string;
  readonly width?: number;
  readonly height?: number;
}

/** One study of a bubble plot: its moderator value, effect (analysis scale) and weight. */
export interface BubblePoint {
  readonly study: string;
  readonly x: number;
  readonly effect: number;
  /** Weight in the model, percent (or any positive scale): bubble area is proportional to it. */
  readonly weight: number;
}

/** One point of the fitted line at moderator value x, with its confidence and prediction limits (analysis scale). */
export interface BubbleLinePoint {
  readonly x: number;
  readonly estimate: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  readonly piLower?: number | null;
  readonly piUpper?: number | null;
}

export interface BubblePlotInput {
  readonly measure: Measure;
  /** The moderator's name, the x axis title. */
  readonly moderator: string;
  readonly points: readonly BubblePoint[];
  /** The fitted line from the smallest to the largest moderator value, in order of x. */
  readonly line: readonly BubbleLinePoint[];
  readonly level?: number;
  /** The model in words for the caption. */
  readonly model?: string | null;
  readonly synthetic?: boolean;
}

/** One subgroup (moderator level) of an orchard plot: its estimate with CI and PI, and its studies' count. */
export interface OrchardGroup {
  readonly group: string;
  readonly k: number;
  readonly estimate: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  readonly piLower?: number | null;
  readonly piUpper?: number | null;
}

export interface OrchardPlotInput {
  readonly measure: Measure;
  /** The moderator's name, the group axis title. */
  readonly moderator: string;
  readonly groups: readonly OrchardGroup[];
  /** Every study's effect (analysis scale) and SE; `group` names its subgroup. */
  readonly points: readonly { readonly study: string; readonly group: string; readonly effect: number; readonly standardError: number }[];
  readonly level?: number;
  readonly model?: string | null;
  readonly synthetic?: boolean;
}
