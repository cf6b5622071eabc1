// Walks the metafor fixture files (test/fixtures/metafor/*.json). Every JSON file present is
// walked, so reference cases added later are tested without code changes.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'metafor');

export type FixtureStudy = Record<string, string | number | null>;

export interface FixtureCase {
  readonly id: string;
  readonly analysis: string;
  readonly call: string;
  readonly options: Record<string, unknown>;
  readonly expected: Record<string, any> | null;
  readonly error?: string;
  readonly warnings?: readonly string[];
}

export interface FixtureFile {
  readonly file: string;
  readonly dataset: string;
  readonly measure: string;
  readonly measures: readonly string[];
  readonly columns: readonly { name: string; type: string; role: string; description: string }[];
  readonly csv: string;
  readonly studies: readonly FixtureStudy[];
  readonly cases: readonly FixtureCase[];
}

let cache: FixtureFile[] | undefined;

/** All dataset fixture files (`dat.*.json` and any other file with `cases` and `studies`). */
export function fixtureFiles(): FixtureFile[] {
  if (cache) return cache;
  cache = readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, ...JSON.parse(readFileSync(join(FIXTURE_DIR, f), 'utf8')) }))
    .filter((d) => Array.isArray(d.cases) && Array.isArray(d.studies)) as FixtureFile[];
  return cache;
}

/** Every case of one analysis (`escalc`, `rma.uni`, ...) across all files, with its dataset. */
export function fixtureCases(analysis: string | readonly string[]): { data: FixtureFile; kase: FixtureCase }[] {
  const wanted = typeof analysis === 'string' ? [analysis] : analysis;
  return fixtureFiles().flatMap((data) =>
    data.cases.filter((kase) => wanted.includes(kase.analysis)).map((kase) => ({ data, kase })),
  );
}

/** Path of a fixture dataset's CSV. */
export function fixtureCsvPath(data: FixtureFile): string {
  return join(FIXTURE_DIR, data.csv);
}
