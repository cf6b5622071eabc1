// The settings of one forest plot, resolved once from its input and options: the preset's style and
// wording, the measure's names, which models and weight columns are shown, and the formatting of
// effects, intervals and weights on the display scale. Every other step of the forest plot reads
// this context.
import { isRatioMeasure, type Measure } from '../effects/types.js';
import { displayDigits, formatInterval, formatNumber, MEASURE_NAMES, presetWords, toDisplay, type ForestPreset, type PresetWords } from './format.js';
import { INK } from './spec.js';
import { ROB_DOMAINS, type ForestPlotInput, type ForestPlotOptions, type ForestPooled, type ForestStudy, type ForestSubgroup } from './types.js';

export interface Style {
  readonly fontSize: number;
  readonly small: number;
  readonly rowHeight: number;
  readonly square: string;
  readonly whisker: string;
  readonly diamond: string;
  readonly diamondCommon: string;
  readonly prediction: string;
  readonly labelHeader: string;
  readonly totalLabel: string;
  /** Numeric columns left of the plot (RevMan) or right of it (metafor, JAMA, BMJ). */
  readonly columnsLeft: boolean;
  readonly weightSuffix: string;
}

const STYLES: Readonly<Record<ForestPreset, Style>> = {
  default: {
    fontSize: 11,
    small: 10,
    rowHeight: 19,
    square: '#2f4f7f',
    whisker: INK,
    diamond: INK,
    diamondCommon: '#9aa0a6',
    prediction: '#b3261e',
    labelHeader: 'Study',
    totalLabel: 'Overall',
    columnsLeft: false,
    weightSuffix: '',
  },
  revman5: {
    fontSize: 11,
    small: 10,
    rowHeight: 17,
    square: '#1d4ed8',
    whisker: INK,
    diamond: INK,
    diamondCommon: '#6b7280',
    prediction: INK,
    labelHeader: 'Study or Subgroup',
    totalLabel: 'Total',
    columnsLeft: true,
    weightSuffix: '%',
  },
  jama: {
    fontSize: 11,
    small: 10,
    rowHeight: 19,
    square: '#1f5f99',
    whisker: INK,
    diamond: '#b8572b',
    diamondCommon: '#e0a37f',
    prediction: '#b8572b',
    labelHeader: 'Source',
    totalLabel: 'Overall',
    columnsLeft: false,
    weightSuffix: '',
  },
  bmj: {
    fontSize: 11,
    small: 10,
    rowHeight: 19,
    square: INK,
    whisker: INK,
    diamond: INK,
    diamondCommon: '#9aa0a6',
    prediction: INK,
    labelHeader: 'Study',
    totalLabel: 'Overall',
    columnsLeft: false,
    weightSuffix: '',
  },
};

/** Horizontal gap between the table's columns, px. */
export const GAP = 12;

export type RowKind = 'study' | 'header' | 'pooled' | 'pi' | 'events' | 'note' | 'spacer';
/** One line of the forest plot's table. */
export interface Row {
  readonly kind: RowKind;
  readonly study?: ForestStudy;
  readonly pooled?: ForestPooled;
  readonly label: string;
  /** Cells of the text columns, by column id. */
  readonly cells: Readonly<Record<string, string>>;
  readonly bold: boolean;
}

/** A text column of the table: `ci`, `w`, `wCommon` or `col:<key>` for an extra column. */
export interface Column {
  readonly id: string;
  readonly header: readonly string[];
  readonly side: 'left' | 'right';
  /** Space before the column, px; default GAP. */
  readonly gap?: number | undefined;
  /** Narrowest width, px (traffic lights). */
  readonly minWidth?: number;
  /** A header line above `header` shared by the consecutive columns with the same span (an arm's name). */
  readonly span?: string;
}

export interface ForestContext {
  readonly input: ForestPlotInput;
  readonly options: ForestPlotOptions;
  readonly preset: ForestPreset;
  readonly style: Style;
  readonly words: PresetWords;
  readonly measure: Measure;
  readonly ratio: boolean;
  /** Confidence level in percent. */
  readonly level: number;
  readonly variant: 'standard' | 'cumulative' | 'leave-one-out';
  readonly names: (typeof MEASURE_NAMES)[Measure];
  /** "95% CI" in the preset's wording. */
  readonly ciWords: string;
  readonly hasCommon: boolean;
  readonly hasRandom: boolean;
  readonly methodLabel: string;
  readonly showWeights: boolean;
  /** Separate weight columns for the common- and the random-effects model. */
  readonly bothWeights: boolean;
  readonly subgroups: readonly ForestSubgroup[];
  /** Decimals of every effect and limit in the estimate [CI] column (one number of decimals per column). */
  readonly effectDigits: number;
  /** Per-arm columns: the kind of arm data every study carries, or null (none, mixed, or `showArms: false`). */
  readonly arms: 'events' | 'means' | null;
  /** RoB 2 domains some study carries, in the tool's order (empty: no traffic lights). */
  readonly robDomains: readonly (typeof ROB_DOMAINS)[number][];
}

/** Resolve the preset, wording and shown columns of a forest plot (input already validated). */
export function forestContext(input: ForestPlotInput, options: ForestPlotOptions): ForestContext {
  const preset: ForestPreset = options.preset ?? 'default';
  const words = presetWords(preset);
  const level = input.level ?? 95;
  const variant = options.variant ?? 'standard';
  const hasCommon = input.pooled.some((p) => p.model === 'common');
  const hasRandom = input.pooled.some((p) => p.model !== 'common');
  const showWeights = (options.showWeights ?? true) && variant === 'standard';
  return {
    input,
    options,
    preset,
    style: STYLES[preset],
    words,
    measure: input.measure,
    ratio: isRatioMeasure(input.measure),
    level,
    variant,
    names: MEASURE_NAMES[input.measure],
    ciWords: words.ciLabel(level),
    hasCommon,
    hasRandom,
    methodLabel: input.methodLabel ?? (hasRandom ? 'IV, Random' : 'IV, Fixed'),
    showWeights,
    bothWeights: showWeights && hasCommon && hasRandom && input.studies.some((s) => s.weightCommon != null),
    subgroups: input.subgroups ?? [],
    effectDigits: effectDigits(input, preset),
    arms: armKind(input.studies, options),
    robDomains: ROB_DOMAINS.filter((d) => input.studies.some((s) => s.rob?.[d] != null)),
  };
}

/** The arm data the studies share, or null. */
function armKind(studies: readonly ForestStudy[], options: ForestPlotOptions): 'events' | 'means' | null {
  if (options.showArms === false || studies.length === 0) return null;
  const kind = studies[0]!.arms?.kind;
  return kind !== undefined && studies.every((s) => s.arms?.kind === kind) ? kind : null;
}

/**
 * Decimals of the estimate [CI] column: two, as journals print them; the metafor-like default uses
 * three for the whole column when some ratio estimate is below 0.1, so that 0.04 and 0.05 stay distinct
 * without mixing two and three decimals in one column.
 */
function effectDigits(input: ForestPlotInput, preset: ForestPreset): number {
  if (preset !== 'default') return 2;
  const estimates = [
    ...input.studies.map((s) => s.effect),
    ...input.pooled.map((p) => p.estimate),
    ...(input.subgroups ?? []).flatMap((g) => g.pooled.map((p) => p.estimate)),
  ];
  return Math.max(2, ...estimates.filter(Number.isFinite).map((v) => displayDigits(input.measure, toDisplay(input.measure, v))));
}

/** An effect on the display scale with the column's decimals (see `effectDigits`). */
export function formatEffect(ctx: ForestContext, v: number): string {
  return formatNumber(toDisplay(ctx.measure, v), ctx.effectDigits);
}

/** Estimate and interval in the preset's wording. */
export function intervalText(ctx: ForestContext, est: number, lo: number, hi: number): string {
  return formatInterval(ctx.preset, formatEffect(ctx, est), formatEffect(ctx, lo), formatEffect(ctx, hi));
}

/** A weight in percent with one decimal (and the preset's suffix); empty when unknown. */
export function formatWeight(ctx: ForestContext, w: number | null | undefined): string {
  return w == null || !Number.isFinite(w) ? '' : `${formatNumber(w, 1)}${ctx.style.weightSuffix}`;
}

/** True when a pooled model has a finite prediction interval. */
export function hasPredictionInterval(p: ForestPooled): boolean {
  return p.piLower != null && p.piUpper != null && Number.isFinite(p.piLower) && Number.isFinite(p.piUpper);
}
