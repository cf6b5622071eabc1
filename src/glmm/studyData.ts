/** The outcome measures metafor's rma.glmm fits: two-group odds and incidence rate ratios, single-group logit proportions and log rates. */
export const GLMM_MEASURES = ['OR', 'IRR', 'PLO', 'IRLN'] as const;
export type GlmmMeasure = (typeof GLMM_MEASURES)[number];
/** @example isGlmmMeasure('IRR') // true */
export function isGlmmMeasure(x: unknown): x is GlmmMeasure {
  return typeof x === 'string' && (GLMM_MEASURES as readonly string[]).includes(x);
}

/** Where a study came from (for messages and the dropped list). */
interface StudyLabel {
  readonly study: string;
  readonly row?: number;
}

/** One study's counts, by measure (metafor's argument names): 2x2 table, two person-time arms, one proportion, one rate. */
export type GlmmStudy =
  | (StudyLabel & { readonly measure: 'OR'; readonly ai: number; readonly bi: number; readonly ci: number; readonly di: number })
  | (StudyLabel & { readonly measure: 'IRR'; readonly x1i: number; readonly t1i: number; readonly x2i: number; readonly t2i: number })
  | (StudyLabel & { readonly measure: 'PLO'; readonly xi: number; readonly ni: number })
  | (StudyLabel & { readonly measure: 'IRLN'; readonly xi: number; readonly ti: number });

/**
 * The large-sample variance of a study's observed effect as metafor's escalc computes it for the
 * I² of rma.glmm (add = ½, to = "only0": ½ is added to every count of a study with a zero count):
 * OR 1/a + 1/b + 1/c + 1/d, IRR 1/x₁ + 1/x₂, PLO 1/x + 1/(n − x), IRLN 1/x.
 * @example samplingVariance({ study: 'A', measure: 'PLO', xi: 0, ni: 10 }) // 2.095238
 */
export function samplingVariance(s: GlmmStudy): number {
  switch (s.measure) {
    case 'OR': {
      const add = s.ai === 0 || s.bi === 0 || s.ci === 0 || s.di === 0 ? 0.5 : 0;
      return 1 / (s.ai + add) + 1 / (s.bi + add) + 1 / (s.ci + add) + 1 / (s.di + add);
    }
    case 'IRR': {
      const add = s.x1i === 0 || s.x2i === 0 ? 0.5 : 0;
      return 1 / (s.x1i + add) + 1 / (s.x2i + add);
    }
    case 'PLO': {
      const add = s.xi === 0 || s.xi === s.ni ? 0.5 : 0;
      return 1 / (s.xi + add) + 1 / (s.ni - s.xi + add);
    }
    case 'IRLN':
      return 1 / (s.xi === 0 ? 0.5 : s.xi);
  }
}

/**
 * metafor's drop00 (its default for every model): a 2x2 table with no events, or only events, in
 * both groups, or a rate comparison with no events in either arm, is left out, with the reason;
 * null when the study is kept. Single-group studies are always kept.
 * @example doubleZeroReason({ study: 'A', measure: 'IRR', x1i: 0, t1i: 100, x2i: 0, t2i: 90 }) // 'no events in either group (double zero)'
 */
export function doubleZeroReason(s: GlmmStudy): string | null {
  if (s.measure === 'OR') {
    if (s.ai === 0 && s.ci === 0) return 'no events in either group (double zero)';
    if (s.bi === 0 && s.di === 0) return 'all participants had the event in both groups';
  }
  if (s.measure === 'IRR' && s.x1i === 0 && s.x2i === 0) return 'no events in either group (double zero)';
  return null;
}
