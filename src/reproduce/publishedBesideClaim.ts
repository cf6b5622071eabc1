// Part (c) of the CIK reproduction compares a claimed pooled OS hazard ratio with the pooled
// estimates published meta-analyses report. Every statement about them is computed here from the
// rows, so a row added to cik/published-pooled changes the figures and never leaves a sentence
// false: no window of "nearby" values, no effect type, no outcome is fixed in the code.

/** One pooled estimate of a published meta-analysis (a row of `cik/published-pooled`). */
export interface PublishedPooledEstimate {
  readonly id: string;
  readonly metaAnalysis: string;
  readonly year: number | null;
  readonly cancer: string;
  readonly outcome: string;
  readonly effectType: string;
  readonly direction: string;
  readonly estimate: number;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly k: number | null;
  readonly cikSpecific: boolean | null;
  readonly source: string;
  readonly doi: string | null;
  readonly quote: string;
}

/** The published figures of one effect type: how many, their range, and their outcomes. */
export interface EffectTypeSummary {
  readonly effectType: string;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  /** Outcomes in order of first appearance, with the number of figures of each. */
  readonly outcomes: readonly { readonly outcome: string; readonly count: number }[];
}

/** The published estimates set beside a claimed pooled OS hazard ratio. */
export interface PublishedBesideClaim {
  /** The claimed value (e.g. 0.75). */
  readonly claimed: number;
  readonly estimates: readonly PublishedPooledEstimate[];
  /** Pooled overall-survival hazard ratios: the only figures that measure what the claim states. */
  readonly osHazardRatios: readonly PublishedPooledEstimate[];
  readonly osHazardRatioRange: { readonly min: number; readonly max: number; readonly median: number } | null;
  /** Where the claim lies relative to the OS HRs' range; null when there is no OS HR. */
  readonly claimPosition: 'above' | 'below' | 'within' | null;
  /** Ids of the OS HRs whose 95% CI includes the claimed value (bounds included). */
  readonly osHazardRatioCisIncludingClaim: readonly string[];
  /** The OS HR closest to the claim on the log scale (the first of equals in dataset order); null when none. */
  readonly closestOsHazardRatio: PublishedPooledEstimate | null;
  /**
   * Figures that lie strictly closer to the claim (log scale) than the closest OS HR, nearest first;
   * by construction none is an OS HR. All figures when there is no OS HR.
   */
  readonly closerOtherFigures: readonly PublishedPooledEstimate[];
  /** Every figure by effect type, in order of first appearance. */
  readonly byEffectType: readonly EffectTypeSummary[];
}

/** Distance of a ratio from the claim on the log scale, |ln(x / claimed)|. */
const logDistance = (x: number, claimed: number): number => Math.abs(Math.log(x / claimed));

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function byEffectType(estimates: readonly PublishedPooledEstimate[]): EffectTypeSummary[] {
  const types = [...new Set(estimates.map((e) => e.effectType))];
  return types.map((effectType) => {
    const of = estimates.filter((e) => e.effectType === effectType);
    const outcomes = [...new Set(of.map((e) => e.outcome))].map((outcome) => ({ outcome, count: of.filter((e) => e.outcome === outcome).length }));
    const values = of.map((e) => e.estimate);
    return { effectType, count: of.length, min: Math.min(...values), max: Math.max(...values), outcomes };
  });
}

/**
 * Sets published pooled estimates beside a claimed pooled OS HR: the range of the OS HRs and where
 * the claim lies in it, the OS HRs whose CI includes the claim, the closest OS HR, the figures of
 * other types or outcomes that lie closer to the claim than any OS HR, and every figure by effect
 * type. Closeness of ratios is measured on the log scale, where meta-analyses pool them.
 * @example summariseClaimCheck().published.closestOsHazardRatio.estimate // 0.712 (Wang X 2018; summariseClaimCheck calls publishedBesideClaim on the cik/published-pooled rows)
 */
export function publishedBesideClaim(
  claimed: number,
  estimates: readonly PublishedPooledEstimate[],
  isOsHazardRatio: (e: PublishedPooledEstimate) => boolean,
): PublishedBesideClaim {
  const osHazardRatios = estimates.filter(isOsHazardRatio);
  const os = osHazardRatios.map((e) => e.estimate);
  const range = os.length > 0 ? { min: Math.min(...os), max: Math.max(...os), median: median(os) } : null;
  let closest: PublishedPooledEstimate | null = null;
  for (const e of osHazardRatios) if (closest === null || logDistance(e.estimate, claimed) < logDistance(closest.estimate, claimed)) closest = e;
  const bound = closest === null ? Infinity : logDistance(closest.estimate, claimed);
  const closer = estimates
    .filter((e) => logDistance(e.estimate, claimed) < bound)
    .sort((a, b) => logDistance(a.estimate, claimed) - logDistance(b.estimate, claimed));
  return {
    claimed,
    estimates,
    osHazardRatios,
    osHazardRatioRange: range,
    claimPosition: range === null ? null : claimed > range.max ? 'above' : claimed < range.min ? 'below' : 'within',
    osHazardRatioCisIncludingClaim: osHazardRatios
      .filter((e) => e.lower !== null && e.upper !== null && e.lower <= claimed && claimed <= e.upper)
      .map((e) => e.id),
    closestOsHazardRatio: closest,
    closerOtherFigures: closer,
    byEffectType: byEffectType(estimates),
  };
}
