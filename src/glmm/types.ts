import type { Warning } from '../core/errors.js';
import type { GlmmMeasure } from './studyData.js';

/** The models of metafor's rma.glmm: unconditional with fixed (UM.FS) or random (UM.RS) study effects, conditional exact (CM.EL) or approximate (CM.AL, odds ratios only). */
export const GLMM_MODELS = ['UM.FS', 'UM.RS', 'CM.EL', 'CM.AL'] as const;
export type GlmmModel = (typeof GLMM_MODELS)[number];
/** @example isGlmmModel('CM.EL') // true */
export function isGlmmModel(x: unknown): x is GlmmModel {
  return typeof x === 'string' && (GLMM_MODELS as readonly string[]).includes(x);
}

/** metafor's `method` for rma.glmm: `ML` the random-effects GLMM, `EE` the fixed-effects one (τ² = 0). */
export const GLMM_METHODS = ['ML', 'EE'] as const;
export type GlmmMethod = (typeof GLMM_METHODS)[number];
/** @example isGlmmMethod('REML') // false */
export function isGlmmMethod(x: unknown): x is GlmmMethod {
  return typeof x === 'string' && (GLMM_METHODS as readonly string[]).includes(x);
}

/** One study's 2x2 table: events `ai`/`ci` and non-events `bi`/`di` in groups 1 and 2. */
export interface GlmmTable {
  readonly study: string;
  readonly row?: number;
  readonly ai: number;
  readonly bi: number;
  readonly ci: number;
  readonly di: number;
}

export interface GlmmOptions {
  /** For OR and IRR (default UM.FS, as metafor); single-group measures have one model. */
  readonly model?: GlmmModel;
  /** metafor's drop00 (default true, its default for every model): leave out double-zero tables. */
  readonly drop00?: boolean;
  readonly method?: GlmmMethod;
  /** Confidence level in percent (default 95). */
  readonly level?: number;
  /** Quadrature points of lme4's adaptive Gauss–Hermite rule (default 7 as metafor; UM.RS with ML uses 1, the Laplace approximation). */
  readonly nagq?: number;
}

export interface GlmmTest {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

/** A study left out of the model, with the reason (metafor's drop00). */
export interface DroppedStudy {
  readonly study: string;
  readonly row?: number;
  readonly reason: string;
}

/** The result of `glmmPool`: the `pool` keys plus the GLMM's own (model, nagq, sigma2, tests, dropped). */
export interface GlmmResult {
  readonly measure: GlmmMeasure;
  readonly method: 'GLMM';
  /** The model (null for the single-group measures PLO and IRLN, which have one). */
  readonly model: GlmmModel | null;
  readonly glmmMethod: GlmmMethod;
  /** Quadrature points used; null where the model integrates otherwise (CM.EL: adaptive Gauss–Kronrod) or has no random effect. */
  readonly nagq: number | null;
  readonly level: number;
  readonly k: number;
  readonly estimate: number;
  readonly standardError: number;
  readonly statistic: number;
  readonly pValue: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  readonly tau2: number;
  readonly tau2StandardError: number | null;
  readonly tau: number;
  readonly sigma2: number | null;
  readonly i2: number;
  readonly h2: number;
  readonly piLower: number;
  readonly piUpper: number;
  readonly transformed: { readonly estimate: number; readonly ciLower: number; readonly ciUpper: number; readonly piLower: number; readonly piUpper: number };
  /** Heterogeneity tests against the saturated model (metafor's QE.Wld, QE.LRT); `wald` null when the saturated model's information cannot be inverted. */
  readonly tests: { readonly wald: GlmmTest | null; readonly lrt: GlmmTest };
  readonly logLik: number;
  readonly dropped: readonly DroppedStudy[];
  readonly converged: boolean;
  readonly iterations: number;
  readonly warnings: readonly Warning[];
}
