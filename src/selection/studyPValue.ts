// The p-value of one study's effect against zero, on which selection acts (metafor .selmodel.pval).
import { normalCdf } from '../distributions/index.js';
import { TAIL_UNDERFLOW } from './normalTail.js';
import type { SelectionAlternative } from './vocabulary.js';

/** P(Z ≥ x), 0 from x = 37.5193 on as R's pnorm gives it (so that p, and a weight that reads it, are metafor's there). */
function upperTail(x: number): number {
  return x >= TAIL_UNDERFLOW ? 0 : normalCdf(-x);
}

/**
 * p-value of y with sampling SD √v: one-sided `greater` P(Z ≥ y/√v), `less` P(Z ≤ y/√v), or
 * two-sided 2·P(Z ≥ |y|/√v) (Vevea & Hedges 1995; metafor `selmodel`). Kernel: never throws.
 * @example studyPValue(1.959963984540054, 1, 'greater') // 0.025
 */
export function studyPValue(y: number, sd: number, alternative: SelectionAlternative): number {
  const z = y / sd;
  if (alternative === 'two.sided') return 2 * upperTail(Math.abs(z));
  return upperTail(alternative === 'greater' ? z : -z);
}

/** p clamped to [pMin, 1 − pMin] (metafor's `pval.min`, which keeps beta and power weights finite). */
export function clampPValue(p: number, pMin: number): number {
  return Math.min(Math.max(p, pMin), 1 - pMin);
}
