// Descriptive statistics of the studies in a report: sample sizes, effects, standard errors and
// every numeric moderator column (year, latitude, dose, …), the table a reader checks first.
// simple-statistics does the descriptive statistics; its quantiles are R's type 7 (quantile()'s
// default), so the quartiles equal R's summary() of the same column.
import { mean, quantileSorted } from 'simple-statistics';
import type { EffectTable } from '../effects/types.js';

/** Five numbers and the mean of one study characteristic over the studies that report it. */
export interface CharacteristicSummary {
  /** `Sample size`, `Effect (yi)`, `Standard error` or the moderator column's name. */
  readonly characteristic: string;
  /** Studies with a value. */
  readonly k: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  readonly mean: number;
}

function summarise(characteristic: string, values: readonly number[]): CharacteristicSummary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    characteristic,
    k: sorted.length,
    min: sorted[0]!,
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    max: sorted[sorted.length - 1]!,
    mean: mean(sorted),
  };
}

/** Names of the moderator columns holding only numbers (or missing values) and at least one number. */
function numericModerators(table: EffectTable): string[] {
  const names = new Set<string>();
  const text = new Set<string>();
  for (const s of table.studies) {
    for (const [name, value] of Object.entries(s.moderators)) {
      if (typeof value === 'number') names.add(name);
      else if (typeof value === 'string') text.add(name);
    }
  }
  return [...names].filter((n) => !text.has(n));
}

/**
 * Summaries of the study characteristics: total sample size (2x2 inputs), the effect and its
 * standard error on the analysis scale, and each numeric moderator, with min, quartiles (R's
 * quantile type 7), max and mean over the studies that report the value.
 * @example studyCharacteristics({ measure: 'GEN', excluded: [], warnings: [], studies: [1, 2, 3, 4].map((x) => ({ study: `S${x}`, effect: x, variance: 1, standardError: 1, moderators: { year: 2000 + x } })) })[2].q1 // 2001.75
 */
export function studyCharacteristics(table: EffectTable): CharacteristicSummary[] {
  const counts = table.studies.flatMap((s) => (s.counts ? [s.counts.ai + s.counts.bi + s.counts.ci + s.counts.di] : []));
  const rows = [
    summarise('Sample size', counts),
    summarise(
      'Effect (yi)',
      table.studies.map((s) => s.effect),
    ),
    summarise(
      'Standard error',
      table.studies.map((s) => s.standardError),
    ),
    ...numericModerators(table).map((name) =>
      summarise(
        name,
        table.studies.flatMap((s) => (typeof s.moderators[name] === 'number' ? [s.moderators[name] as number] : [])),
      ),
    ),
  ];
  return rows.filter((r): r is CharacteristicSummary => r !== null);
}
