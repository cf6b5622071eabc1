/**
 * The datasets bundled with metasynth, as `group/name` (folders under `datasets/`). A test checks
 * that this list, the folders and the generated bundle agree.
 */
export const DATASET_NAMES = [
  'cik/verified-trials',
  'cik/published-pooled',
  'cik/source-claims',
  'cik/calibrated',
  'classic/bcg',
  'classic/hackshaw1998',
  'classic/konstantopoulos2011',
] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/**
 * True for the name of a bundled dataset (DATASET_NAMES).
 * @example isDatasetName('classic/bcg') // true
 */
export function isDatasetName(x: unknown): x is DatasetName {
  return typeof x === 'string' && (DATASET_NAMES as readonly string[]).includes(x);
}
