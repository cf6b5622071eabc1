// `metasynth datasets [--json]`: the bundled datasets with their subsets, number of rows, default
// measure and a one-line description, from each dataset's metadata.
import { MetasynthError } from '../../core/errors.js';
import { datasetMetadata, loadDataset } from '../../datasets/loadDataset.js';
import { DATASET_NAMES } from '../../datasets/names.js';
import type { Command } from '../command.js';
import { formatTable, writeJson } from '../format.js';
import { CLI_MESSAGES } from '../messages.js';

/** One bundled dataset as listed: k is the number of rows (studies, or claims for non-effect tables). */
export interface DatasetListing {
  readonly name: string;
  readonly title: string;
  readonly synthetic: boolean;
  readonly k: number;
  /** The default measure; null for tables that are not study effects (use the library's loadDataset). */
  readonly measure: string | null;
  readonly kind: string | null;
  readonly subsets: readonly { readonly id: string; readonly k: number; readonly description: string }[];
}

/** The first sentence of a description, for a one-line listing. */
function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return (m ? m[1]! : text).trim();
}

/**
 * Every bundled dataset with its subsets and their sizes.
 * @example datasetListings().find((d) => d.name === 'classic/bcg')?.k // 13
 */
export function datasetListings(): DatasetListing[] {
  return DATASET_NAMES.map((name) => {
    const m = datasetMetadata(name);
    return {
      name,
      title: m.title,
      synthetic: m.synthetic,
      k: loadDataset(name).rows.length,
      measure: m.analysis?.measure ?? null,
      kind: m.analysis?.kind ?? null,
      subsets: m.subsets.map((s) => ({ id: s.id, k: loadDataset(name, { subset: s.id }).rows.length, description: firstSentence(s.description) })),
    };
  });
}

/** The listing for people: one line per dataset, then one per subset (`NAME:SUBSET`). */
export function datasetsText(list: readonly DatasetListing[]): string {
  const rows = list.flatMap((d) => [
    [
      d.name,
      String(d.k),
      d.measure ?? '—',
      `${d.synthetic && !d.title.startsWith('SYNTHETIC') ? 'SYNTHETIC. ' : ''}${d.title}${d.measure === null ? ' (not an effect table: library loadDataset only)' : ''}`,
    ],
    ...d.subsets.map((s) => [`${d.name}:${s.id}`, String(s.k), d.measure ?? '—', s.description]),
  ]);
  return [
    'Bundled datasets (analyse one with --dataset NAME or --dataset NAME:SUBSET; the group may be left out when the name is unique, e.g. bcg):',
    '',
    formatTable([{ header: 'dataset' }, { header: 'k', align: 'right' }, { header: 'measure' }, { header: 'description' }], rows),
    '',
  ].join('\n');
}

export const command: Command = {
  name: 'datasets',
  summary: 'list the bundled datasets with their subsets, k, measure and description',
  usage: 'metasynth datasets [--json]',
  options: [{ name: 'json', type: 'boolean', description: 'print one JSON document instead of a table' }],
  async run(args, io) {
    if (args.positionals.length > 0) throw new MetasynthError('usage', CLI_MESSAGES.datasets_takes_no_file(args.positionals));
    const list = datasetListings();
    if (args.options.json === true) writeJson(io, { datasets: list });
    else io.stdout(datasetsText(list));
    return 0;
  },
};
