// Random valid meta-analysis datasets for the property tests (fast-check). Effects are finite,
// variances positive and log-uniform over four decades, so one run sees studies of very unequal
// weight; a share of datasets has tied effects, which drives tau² estimators to the boundary 0.
import fc from 'fast-check';
import type { EffectTable, StudyEffect } from '../../src/effects/types.js';

export interface Dataset {
  readonly effect: readonly number[];
  readonly variance: readonly number[];
}

/**
 * Runs per property (stated once so the README count stays true). `FC_RUNS` and `FC_SEED` in the
 * environment override the run count and the fixed seed, for a longer hunt:
 * `FC_RUNS=5000 FC_SEED=7 npx vitest run test/property`.
 */
export const NUM_RUNS = Number(process.env.FC_RUNS ?? 200);
/** A fixed seed keeps CI deterministic; a failure prints its seed and path to replay it. */
export const SEED = Number(process.env.FC_SEED ?? 20240609);
export const RUNS = { numRuns: NUM_RUNS, seed: SEED } as const;

const effectValue = fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true });
const varianceValue = fc.double({ min: -3, max: 1, noNaN: true, noDefaultInfinity: true }).map((e) => 10 ** e);
/** A few distinct values, so that ties (and tau² = 0) are common. */
const tiedEffect = fc.constantFrom(-1, 0, 0.25, 0.5);

/** k studies (minK..maxK) with finite effects and positive variances. */
export function dataset(minK = 2, maxK = 25): fc.Arbitrary<Dataset> {
  return fc.integer({ min: minK, max: maxK }).chain((k) =>
    fc.record({
      effect: fc.oneof(
        { weight: 4, arbitrary: fc.array(effectValue, { minLength: k, maxLength: k }) },
        { weight: 1, arbitrary: fc.array(tiedEffect, { minLength: k, maxLength: k }) },
      ),
      variance: fc.array(varianceValue, { minLength: k, maxLength: k }),
    }),
  );
}

/** Datasets over a wide range: effects to ±1e4, variances from 1e-8 to 1e8 (one study may dominate). */
export function wideDataset(minK = 1, maxK = 20): fc.Arbitrary<Dataset> {
  return fc.integer({ min: minK, max: maxK }).chain((k) =>
    fc.record({
      effect: fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: k, maxLength: k }),
      variance: fc.array(
        fc.double({ min: -8, max: 8, noNaN: true }).map((e) => 10 ** e),
        { minLength: k, maxLength: k },
      ),
    }),
  );
}

/** A dataset and a permutation of its study indices. */
export function datasetWithPermutation(minK = 2, maxK = 25): fc.Arbitrary<{ data: Dataset; order: number[] }> {
  return dataset(minK, maxK).chain((data) =>
    fc
      .shuffledSubarray(
        data.effect.map((_, i) => i),
        { minLength: data.effect.length, maxLength: data.effect.length },
      )
      .map((order) => ({ data, order })),
  );
}

export function permute<T>(xs: readonly T[], order: readonly number[]): T[] {
  return order.map((i) => xs[i]!);
}

/** An EffectTable of GEN effects (what the CLI hands to the analyses), with optional moderators. */
export function effectTable(data: Dataset, moderators?: (i: number) => Record<string, number | string | null>): EffectTable {
  const studies: StudyEffect[] = data.effect.map((y, i) => ({
    study: `S${i + 1}`,
    effect: y,
    variance: data.variance[i]!,
    standardError: Math.sqrt(data.variance[i]!),
    row: i + 1,
    moderators: moderators ? moderators(i) : {},
  }));
  return { measure: 'GEN', studies, excluded: [], warnings: [] };
}

/** |a − b| ≤ rel·scale, with a message naming the figure (for use inside fc.property). */
export function assertClose(a: number | null, b: number | null, rel: number, scale: number, what: string): void {
  if (a === null || b === null) {
    if (a !== b) throw new Error(`${what}: ${a} vs ${b}`);
    return;
  }
  const tol = rel * Math.max(scale, Number.MIN_VALUE);
  if (!(Math.abs(a - b) <= tol)) throw new Error(`${what}: ${a} vs ${b} (Δ = ${Math.abs(a - b)}, tol = ${tol})`);
}
