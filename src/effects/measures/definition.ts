// The shape of one effect-size measure of the registry (metafor 3.8-1 `escalc`): the columns it
// reads (named as escalc's arguments), their domain rules (zod), the zero-cell cells, the kernel
// that gives yi and vi, the scale and the back-transformation a reader needs.
import type { z } from 'zod';
import type { YiVi } from '../twoByTwo.js';

/** The kinds of data a measure is computed from, as escalc groups them. */
export const MEASURE_FAMILIES = [
  'generic',
  'hazard ratio',
  '2x2 table',
  'paired 2x2 table',
  'two-group incidence',
  'two-group continuous',
  'single-group continuous',
  'pre-post (matched)',
  'correlation',
  'proportion',
  'single-group incidence',
  'reliability',
] as const;
export type MeasureFamily = (typeof MEASURE_FAMILIES)[number];

/**
 * Back-transformations to the scale a reader understands (metafor's `transf.*`):
 * `exp` (transf.exp.int), `tanh` (transf.ztor), `ilogit` (transf.ilogit), `iarcsin` (sin²,
 * transf.iarcsin), `ipft.hm` (transf.ipft.hm, harmonic mean of ni), `square` (transf.isqrt),
 * `iirft` (transf.iirft), `iabt` (1 − e^−x, transf.iabt), `iahw` (1 − (1 − x)³, transf.iahw),
 * `none` (the scale is already natural).
 */
export const BACK_TRANSFORMS = ['none', 'exp', 'tanh', 'ilogit', 'iarcsin', 'ipft.hm', 'square', 'iirft', 'iabt', 'iahw'] as const;
export type BackTransform = (typeof BACK_TRANSFORMS)[number];

/** Input values of one row, by escalc argument name. */
export type { Inputs } from '../../schema/parseMeasureRecords.js';
import type { Inputs } from '../../schema/parseMeasureRecords.js';

/** Another set of columns escalc accepts for a measure (e.g. `n1i` instead of `bi`), and how it maps to the canonical one. */
export interface AlternativeInputs {
  readonly columns: readonly string[];
  readonly schema: z.ZodType<Inputs>;
  /** The canonical inputs from these columns. */
  readonly toCanonical: (v: Inputs) => Inputs;
}

/** Counts that receive escalc's `add` under its `to` rule (`cells`), and the inputs after adding. */
export interface ZeroCellSpec {
  /** escalc's default `add` for this measure (0 for AS, PHI, RTET, IRSD, PAS, PFT, IRS, IRFT; 1/2 otherwise). */
  readonly defaultAdd: number;
  readonly cells: (v: Inputs) => readonly number[];
  readonly apply: (v: Inputs, add: number) => Inputs;
}

/** One measure of the registry. `compute` never throws: non-finite results are reported by the caller. */
export interface MeasureDefinition {
  readonly name: string;
  readonly label: string;
  readonly family: MeasureFamily;
  /** Canonical input columns (escalc argument names). */
  readonly columns: readonly string[];
  /** Domain rules of the canonical columns; messages are predicates (`must be greater than 0`). */
  readonly schema: z.ZodType<Inputs>;
  readonly alternatives?: readonly AlternativeInputs[];
  readonly zeroCells?: ZeroCellSpec;
  /** The scale yi is on, in words. */
  readonly scale: string;
  readonly backTransform: BackTransform;
  /** Where the formula comes from. */
  readonly reference: string;
  readonly compute: (v: Inputs) => YiVi;
}
