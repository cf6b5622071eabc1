// The one registry of back-transformations: for each measure, the function (metafor's `transf`)
// that takes a model-scale figure (a log ratio, a log odds, Fisher's z) to the scale a reader
// understands (a ratio, a proportion, a correlation). Every command that shows back-transformed
// figures asks this module; a new measure only adds its entry to MEASURE_BACK_TRANSFORMS.
import type { Measure } from './types.js';
import type { RegistryMeasure } from './measures/names.js';
import { BACK_TRANSFORMS, type BackTransform } from './measures/definition.js';
import { backTransformValue } from './measures/backTransformKernels.js';
import { registryBackTransforms } from './measures/backTransformEntries.js';

export { BACK_TRANSFORMS };
/**
 * The back-transformations, named as `transformed.scale` reports them (the measures registry's
 * BACK_TRANSFORMS without `none`): `exp` (metafor `transf = exp`), `ilogit` (`transf.ilogit`),
 * `tanh` (`transf.ztor`), `iarcsin`, `ipft.hm`, `square`, `iirft`, `iabt`, `iahw`.
 */
export type BackTransformName = Exclude<BackTransform, 'none'>;
/**
 * Whether `x` names a back-transformation.
 * @example isBackTransformName('ilogit') // true
 */
export function isBackTransformName(x: unknown): x is BackTransformName {
  return typeof x === 'string' && x !== 'none' && (BACK_TRANSFORMS as readonly string[]).includes(x);
}

/**
 * What a kernel needs beyond the value: the harmonic mean of the studies' sizes (`n`, for
 * `ipft.hm`) or person-times (`t`, for `iirft`); without it those two give null.
 */
export interface BackTransformContext {
  readonly n?: number;
  readonly t?: number;
}

/** A measure's back-transformation and the name of the back-transformed figure (a column title). */
export interface MeasureBackTransform {
  readonly scale: BackTransformName;
  /** What the back-transformed figure is: `RR`, `OR`, `proportion`, `r`, ... */
  readonly label: string;
}

/**
 * Every measure's back-transformation (null: the model scale is the reader's scale, as for mean
 * differences, risk differences and raw proportions or correlations). Ratio measures are analysed
 * as logs and shown with exp; PLO (log odds) with the inverse logit; ZCOR (Fisher's z) with tanh.
 */
export const MEASURE_BACK_TRANSFORMS: Readonly<Record<Measure, MeasureBackTransform | null>> = {
  GEN: null,
  HR: { scale: 'exp', label: 'HR' },
  OR: { scale: 'exp', label: 'OR' },
  RR: { scale: 'exp', label: 'RR' },
  RD: null,
  PETO: { scale: 'exp', label: 'OR (Peto)' },
  MD: null,
  SMD: null,
  ROM: { scale: 'exp', label: 'ROM' },
  ZCOR: { scale: 'tanh', label: 'r' },
  COR: null,
  PR: null,
  PLO: { scale: 'ilogit', label: 'proportion' },
  // The 51 measures of the registry (src/effects/measures), each with its definition's transformation.
  ...(registryBackTransforms() as Record<RegistryMeasure, MeasureBackTransform | null>),
};

/**
 * The back-transformation of a measure, or null when its figures are read on the model scale.
 * @example measureBackTransform('PLO') // { scale: 'ilogit', label: 'proportion' }
 */
export function measureBackTransform(measure: Measure): MeasureBackTransform | null {
  return MEASURE_BACK_TRANSFORMS[measure] ?? null;
}

/**
 * One value back-transformed; null for null, non-finite input or a non-finite result (exp of a
 * log ratio above ~709 overflows).
 * @example applyBackTransform('ilogit', 0) // 0.5
 */
export function applyBackTransform(scale: BackTransformName, x: number | null | undefined, context: BackTransformContext = {}): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const y = backTransformValue(scale, x, context);
  return Number.isFinite(y) ? y : null;
}

/** Model-scale figures to back-transform: an estimate and any of its interval bounds. */
export type ModelScaleFigures<K extends string> = { readonly [key in K]: number | null | undefined };

/** The same figures back-transformed, with the transformation's name. */
export type BackTransformed<K extends string> = { readonly scale: BackTransformName } & { readonly [key in K]: number | null };

/**
 * Back-transforms every figure of `figures` with the measure's transformation (metafor
 * `predict(res, transf = ...)`: the function applied to the estimate and to each bound); null for
 * a measure without one, and for `ipft.hm`/`iirft` without the `context` they need. A figure
 * that cannot be computed is null.
 * @example backTransform('RR', { estimate: Math.log(0.5), ciLower: null }) // { scale: 'exp', estimate: 0.5, ciLower: null }
 */
export function backTransform<K extends string>(
  measure: Measure,
  figures: ModelScaleFigures<K>,
  context: BackTransformContext = {},
): BackTransformed<K> | null {
  const t = measureBackTransform(measure);
  if (t === null) return null;
  // The Freeman–Tukey inverses need the studies' harmonic-mean size or time; without it the
  // figures stay on the model scale (metafor applies transf.ipft.hm only when given `targs`).
  if ((t.scale === 'ipft.hm' && context.n === undefined) || (t.scale === 'iirft' && context.t === undefined)) return null;
  const out: Record<string, number | null | BackTransformName> = { scale: t.scale };
  for (const key of Object.keys(figures) as K[]) out[key] = applyBackTransform(t.scale, figures[key], context);
  return out as BackTransformed<K>;
}

/**
 * The keys of `figures` whose model-scale value is finite but whose back-transformed value is
 * not (exp overflow), for a warning.
 * @example overflowedFigures({ estimate: 800 }, { scale: 'exp', estimate: null }) // ['estimate']
 */
export function overflowedFigures<K extends string>(figures: ModelScaleFigures<K>, transformed: BackTransformed<K>): K[] {
  return (Object.keys(figures) as K[]).filter((key) => {
    const x = figures[key];
    return typeof x === 'number' && Number.isFinite(x) && transformed[key] === null;
  });
}
