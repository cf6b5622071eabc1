import type { Warning } from '../core/errors.js';
import type { StudyKind } from '../schema/columns.js';
import type { Derivation } from '../schema/studyRecord.js';
import type { ModeratorValue } from '../schema/rawTable.js';
import { EXP_REGISTRY_MEASURES, REGISTRY_MEASURE_NAMES } from './measures/names.js';

/**
 * Effect-size measures, named as metafor's `escalc(measure = ...)`. `GEN` is a generic yi/vi
 * (or yi/sei) input that passes through unchanged; `HR` is a log hazard ratio derived from a
 * reported ratio and its confidence interval.
 */
export const KIND_MEASURES = ['GEN', 'HR', 'OR', 'RR', 'RD', 'PETO', 'MD', 'SMD', 'ROM', 'ZCOR', 'COR', 'PR', 'PLO'] as const;
/**
 * Every measure: those computed from a record kind (above) and those of the measure registry
 * (src/effects/measures, computed from escalc's arguments).
 */
export const MEASURES = [...KIND_MEASURES, ...REGISTRY_MEASURE_NAMES] as const;
export type Measure = (typeof MEASURES)[number];
export type KindMeasure = (typeof KIND_MEASURES)[number];
/**
 * True for an effect-size measure code (MEASURES, metafor's names).
 * @example isMeasure('SMD') // true
 * @example isMeasure('smd') // false
 */
export function isMeasure(x: unknown): x is Measure {
  return typeof x === 'string' && (MEASURES as readonly string[]).includes(x);
}

/** Measures analysed on the log scale and shown back-transformed with exp (metafor's `transf = exp`). */
export const RATIO_MEASURES = ['HR', 'OR', 'RR', 'ROM', 'PETO', ...EXP_REGISTRY_MEASURES] as const satisfies readonly Measure[];
/**
 * True for a measure analysed on the log scale and shown back-transformed (RATIO_MEASURES).
 * @example isRatioMeasure('OR') // true
 * @example isRatioMeasure('SMD') // false
 */
export function isRatioMeasure(m: Measure): boolean {
  return (RATIO_MEASURES as readonly string[]).includes(m);
}

/** A moderator value as read from input (defined by the schema, which reads it). */
export type { ModeratorValue } from '../schema/rawTable.js';

/** Means, SDs and sizes of two groups (metafor's m1i, sd1i, n1i, m2i, sd2i, n2i). */
export interface GroupSummaries {
  readonly m1i: number;
  readonly sd1i: number;
  readonly n1i: number;
  readonly m2i: number;
  readonly sd2i: number;
  readonly n2i: number;
}

/** Raw 2x2 counts kept beside a study's effect so that Mantel–Haenszel and Peto can pool them. */
export interface TwoByTwo {
  readonly ai: number;
  readonly bi: number;
  readonly ci: number;
  readonly di: number;
}

/** One study's effect size (metafor: one row of an `escalc` object). */
export interface StudyEffect {
  readonly study: string;
  /** yi */
  readonly effect: number;
  /** vi */
  readonly variance: number;
  /** sei = sqrt(vi) */
  readonly standardError: number;
  /** 1-based row in the input file, for messages. */
  readonly row?: number;
  /** Every non-data column, numeric or categorical (null = missing). */
  readonly moderators: Readonly<Record<string, ModeratorValue>>;
  /** Raw counts (2x2 inputs only), unmodified by continuity corrections. */
  readonly counts?: TwoByTwo;
  /** Means, SDs and sizes of the two groups (continuous inputs only), as read (forest plots show them). */
  readonly groups?: GroupSummaries;
  /** Provenance text from an optional `source` column. */
  readonly source?: string;
  /** Inputs derived by a conversion (e.g. a mean from a median and quartiles), each with its method. */
  readonly derived?: readonly Derivation[];
}

/** A row left out of an analysis, with its reason: nothing is dropped silently. */
export interface Exclusion {
  readonly study: string;
  readonly row?: number;
  readonly reason: string;
}

/** The per-study effect sizes of one dataset (metafor: an `escalc` object). */
export interface EffectTable {
  readonly measure: Measure;
  readonly studies: readonly StudyEffect[];
  /** Rows left out with the reason (e.g. a missing value where the measure needs one). */
  readonly excluded: readonly Exclusion[];
  readonly warnings: readonly Warning[];
  /** Name of the file or dataset the studies came from. */
  readonly file?: string;
  /** True when the data are SYNTHETIC: every report and plot must say so. */
  readonly synthetic?: boolean;
  /** The kind of input record the effects were computed from (absent for hand-built tables). */
  readonly kind?: StudyKind;
  /** The settings used (echoed, as every result does): measure, CI level of hr inputs, zero-cell rule. */
  readonly settings?: EffectSettings;
}

/** Settings of an effect-size computation (metafor escalc's `measure`, `add`, `to`, `drop00`). */
export interface EffectSettings {
  readonly measure: Measure;
  /** Confidence level (percent) assumed for hazard-ratio intervals without a `level` value. */
  readonly level: number;
  readonly add: number;
  readonly to: 'only0' | 'all' | 'if0all' | 'none';
  readonly drop00: boolean;
}
