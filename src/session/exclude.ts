// Studies left out by the user (the CLI's --exclude, the page's clicks): the loaded studies without the
// rows of the named labels, and the labels that were excluded, which every result document lists
// under `excludedStudies` so that no exclusion is silent.
import type { LoadedStudies } from './input.js';

/** The studies without the excluded labels, the labels excluded (given order, once each) and the labels no study has. */
export interface Exclusion {
  readonly loaded: LoadedStudies;
  readonly excluded: readonly string[];
  readonly unknown: readonly string[];
}

/**
 * Leaves out every row whose study label is one of `labels` (all its rows when a label repeats, as in
 * multilevel data); labels are matched exactly, without trimming.
 * @example excludeStudies({ studies: { kind: 'generic', records: [{ study: 'A' }, { study: 'B' }], warnings: [], moderators: [] }, name: 'x', synthetic: false, warnings: [] }, ['B', 'C']).unknown // ['C']
 */
export function excludeStudies(loaded: LoadedStudies, labels: readonly string[]): Exclusion {
  if (labels.length === 0) return { loaded, excluded: [], unknown: [] };
  const present = new Set(loaded.studies.records.map((r) => r.study));
  const asked = [...new Set(labels)];
  const excluded = asked.filter((l) => present.has(l));
  const out = new Set(excluded);
  const records = loaded.studies.records.filter((r) => !out.has(r.study));
  return { loaded: { ...loaded, studies: { ...loaded.studies, records } }, excluded, unknown: asked.filter((l) => !present.has(l)) };
}

/**
 * The result document with the excluded labels listed last (`excludedStudies`), or unchanged when
 * none was excluded (the documents of analyses without exclusions keep their keys).
 * @example withExcludedStudies({ k: 12 }, ['Aronson, 1948']) // { k: 12, excludedStudies: ['Aronson, 1948'] }
 */
export function withExcludedStudies<T extends object>(doc: T, excluded: readonly string[]): T {
  return excluded.length === 0 ? doc : { ...doc, excludedStudies: [...excluded] };
}
