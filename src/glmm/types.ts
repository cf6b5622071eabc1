import type { Warning } from '../core/errors.js';

/** The models of metafor's rma.glmm for odds ratios built so far: the exact conditional model and the fixed-study-effects logistic model. */
export const GLMM_MODELS = ['CM.EL', 'UM.FS'] as const;
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
  readonly model?: GlmmModel;
  readonly method?: GlmmMethod;
  /** Confidence level in percent (default 95). */
  readonly level?: number;
  /** Quadrature points of lme4's adaptive Gauss–Hermite rule (UM.FS with ML; default 7 as metafor). */
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
  readonly measure: 'OR';
  readonly method: 'GLMM';
  readonly model: GlmmModel;
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
  readonly tests: { readonly wald: GlmmTest; readonly lrt: GlmmTest };
  readonly logLik: number;
  readonly dropped: readonly DroppedStudy[];
  readonly converged: boolean;
  readonly iterations: number;
  readonly warnings: readonly Warning[];
}
