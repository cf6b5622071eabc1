// `metasynth columns [--json]`: the kinds of study record, their columns, and every accepted header
// spelling, from the same tables the parser uses (so this listing cannot drift from the parser).
import { MetasynthError } from '../../core/errors.js';
import { MEASURES_BY_KIND } from '../../effects/effectSizes.js';
import { COLUMN_ALIASES, COMBINED_COLUMNS, DETECTABLE_KINDS, KIND_COLUMNS, isCombinedColumn } from '../../schema/columns.js';
import type { Command } from '../command.js';
import { formatTable, writeJson } from '../format.js';
import { CLI_MESSAGES } from '../messages.js';

/** The kinds of record with their columns and measures, and the alias table, as one document. */
export function columnsDocument() {
  return {
    kinds: DETECTABLE_KINDS.map((kind) => {
      const k = KIND_COLUMNS[kind];
      return { kind, label: k.label, required: k.required, oneOf: k.oneOf ?? [], optional: k.optional ?? [], measures: MEASURES_BY_KIND[kind] };
    }),
    labels: { study: 'required: the study label', source: 'optional: where the figures come from' },
    aliases: COLUMN_ALIASES,
    combined: COMBINED_COLUMNS,
    matching:
      'case, spaces, dots and underscores are ignored; a percentage such as 95% matches any percentage and sets the level when there is no level column',
  };
}

/** The listing for people: kinds, then spellings. */
export function columnsText(): string {
  const doc = columnsDocument();
  const kindRows = doc.kinds.map((k) => [
    k.kind,
    [...k.required, ...(k.oneOf.length > 0 ? [k.oneOf.join(' or ')] : [])].join(', '),
    k.optional.join(', '),
    k.measures.join(', '),
  ]);
  const aliasRows = Object.entries(doc.aliases).map(([canonical, spellings]) => [
    isCombinedColumn(canonical) ? `${canonical} → ${COMBINED_COLUMNS[canonical].join(', ')}` : canonical,
    spellings.filter((s) => s !== canonical).join('; ') || '—',
  ]);
  return [
    'Kinds of study record (recognised from the columns present; one kind per file; every other measure reads its own columns, see metasynth measures):',
    '',
    formatTable([{ header: 'kind' }, { header: 'columns' }, { header: 'optional' }, { header: 'measures (default first)' }], kindRows),
    '',
    'Every file has a study column (the label); source is optional; every other column is a moderator.',
    '',
    `Accepted header spellings (${doc.matching}):`,
    '',
    formatTable([{ header: 'column' }, { header: 'also written as' }], aliasRows),
    '',
    'Combined columns are split, with a note: ci_range holds "0.55-0.94" or "0.55 to 0.94"; hr_ci holds "0.72 (0.55-0.94)".',
    '',
  ].join('\n');
}

export const command: Command = {
  name: 'columns',
  summary: 'the kinds of study record, their columns and accepted header spellings',
  usage: 'metasynth columns [--json]',
  options: [{ name: 'json', type: 'boolean', description: 'print one JSON document instead of a table' }],
  async run(args, io) {
    if (args.positionals.length > 0) throw new MetasynthError('usage', CLI_MESSAGES.columns_takes_no_file(args.positionals));
    if (args.options.json === true) writeJson(io, columnsDocument());
    else io.stdout(columnsText());
    return 0;
  },
};
