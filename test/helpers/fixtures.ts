// Walks the metafor fixture files (test/fixtures/metafor/*.json). Every JSON file present is
// walked, so reference cases added later are tested without code changes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { effectSizes } from '../../src/effects/index.js';
import type { EffectTable, Measure } from '../../src/effects/types.js';
import { parseStudyRecords } from '../../src/schema/index.js';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'metafor');

export type FixtureStudy = Record<string, string | number | null>;

/**
 * A value read from a fixture file that an R script wrote (jsonlite): numbers, strings, nulls,
 * arrays and objects in R's shapes, which differ per function and per case. Tests index into it
 * field by field and compare every figure they read, so it stays untyped: the one alias for `any`
 * in the test tree (biome's noExplicitAny holds everywhere else).
 */
// biome-ignore lint/suspicious/noExplicitAny: R-written fixture JSON, read field by field (see above)
export type RFixtureValue = any;

export interface FixtureCase {
  readonly id: string;
  readonly analysis: string;
  readonly call: string;
  readonly options: Record<string, unknown>;
  readonly expected: Record<string, RFixtureValue> | null;
  readonly error?: string;
  readonly warnings?: readonly string[];
}

export interface FixtureFile {
  readonly file: string;
  /** The folder holding the file (and its CSV). */
  readonly dir: string;
  readonly dataset: string;
  readonly measure: string;
  readonly measures: readonly string[];
  readonly columns: readonly { name: string; type: string; role: string; description: string }[];
  readonly csv: string;
  readonly studies: readonly FixtureStudy[];
  readonly cases: readonly FixtureCase[];
}

/** Fixture folders walked: metafor's own (from shared/) and the extra cases made by the same generator. */
export const FIXTURE_DIRS = [FIXTURE_DIR, join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'metafor-extra')];

let cache: FixtureFile[] | undefined;

/** All dataset fixture files (any JSON with `cases` and `studies`) in FIXTURE_DIRS. */
export function fixtureFiles(): FixtureFile[] {
  if (cache) return cache;
  cache = FIXTURE_DIRS.filter((dir) => existsSync(dir)).flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ file: f, dir, ...JSON.parse(readFileSync(join(dir, f), 'utf8')) }))
      .filter((d) => Array.isArray(d.cases) && Array.isArray(d.studies)),
  ) as FixtureFile[];
  return cache;
}

/**
 * Every case of one analysis (`escalc`, `rma.uni`, ...) across all files, with its dataset. Cases
 * where metafor itself stopped with an error (`expected` null, the message in `error`) are not
 * here: they are in fixtureErrorCases().
 */
export function fixtureCases(analysis: string | readonly string[]): { data: FixtureFile; kase: FixtureCase }[] {
  const wanted = typeof analysis === 'string' ? [analysis] : analysis;
  return fixtureFiles().flatMap((data) =>
    data.cases.filter((kase) => wanted.includes(kase.analysis) && kase.expected !== null).map((kase) => ({ data, kase })),
  );
}

/** The cases where metafor stopped with an error (e.g. Fisher scoring did not converge). */
export function fixtureErrorCases(): { data: FixtureFile; kase: FixtureCase }[] {
  return fixtureFiles().flatMap((data) => data.cases.filter((kase) => kase.expected === null).map((kase) => ({ data, kase })));
}

/** Path of a fixture dataset's CSV. */
export function fixtureCsvPath(data: FixtureFile): string {
  return join(data.dir, data.csv);
}

/**
 * The effect table of a fixture dataset for one measure, computed from its `studies` through the
 * library's own pipeline (parseStudyRecords → effectSizes, i.e. metafor's escalc, or log HR and
 * its variance from the CI for hr/lower/upper data). Datasets given as yi/vi are used as given,
 * with the measure echoed. Every reference test builds its input here, so a new fixture file of
 * any input kind is analysed exactly as a user's file would be.
 */
export function fixtureEffectTable(data: FixtureFile, measure: string): EffectTable {
  const parsed = parseStudyRecords(data.studies, { file: data.csv });
  const hasYiVi = data.studies.every((s) => s.yi !== undefined && s.vi !== undefined) && data.studies.every((s) => s.ai === undefined && s.x1i === undefined);
  const table = effectSizes(parsed, hasYiVi ? {} : { measure: measure as Measure });
  return hasYiVi ? { ...table, measure: measure as Measure } : table;
}

/** The same as plain arrays (effect, variance, study), input order. */
export function fixtureEffectArrays(data: FixtureFile, measure: string): { effect: number[]; variance: number[]; study: string[] } {
  const t = fixtureEffectTable(data, measure);
  return { effect: t.studies.map((s) => s.effect), variance: t.studies.map((s) => s.variance), study: t.studies.map((s) => s.study) };
}
