// `metasynth measures [NAME] [--json]`: every effect-size measure with its input columns (named as
// metafor escalc's arguments), its scale and its back-transform.
import { MetasynthError } from '../../core/errors.js';
import { measureCatalogue, type MeasureInfo } from '../../effects/measures/catalogue.js';
import type { Command } from '../command.js';
import { formatTable, writeJson } from '../format.js';
import { CLI_MESSAGES } from '../messages.js';

function inputs(m: MeasureInfo): string {
  return m.columns.map((c) => c.join(', ')).join(' | ');
}

/** The table for people: one row per measure. */
export function measuresText(list: readonly MeasureInfo[]): string {
  const rows = list.map((m) => [m.name, m.family, inputs(m), m.scale, m.backTransform === 'none' ? '-' : m.backTransform]);
  const table = formatTable(
    [{ header: 'measure' }, { header: 'family' }, { header: 'input columns' }, { header: 'scale' }, { header: 'back-transform' }],
    rows,
  );
  const note = 'Columns after | are an alternative set. `metasynth measures NAME` shows one measure with its conversions and reference.';
  return `${list.length} measures (metafor 3.8-1 escalc names; give one with --measure)\n\n${table}\n${note}\n`;
}

function measureDetail(m: MeasureInfo): string {
  return [
    `${m.name}: ${m.label}`,
    `  family:          ${m.family}`,
    `  input columns:   ${inputs(m)}`,
    ...(m.conversions.length > 0 ? [`  or converted from: ${m.conversions.join(', ')}`] : []),
    `  scale:           ${m.scale}`,
    `  back-transform:  ${m.backTransform}`,
    ...(m.defaultAdd !== undefined ? [`  zero counts:     add = ${m.defaultAdd} (escalc's default, applied to counts of 0 under to = "only0")`] : []),
    `  reference:       ${m.reference}`,
    '',
  ].join('\n');
}

export const command: Command = {
  name: 'measures',
  summary: 'every effect-size measure: input columns, scale and back-transform',
  usage: 'metasynth measures [NAME] [--json]',
  options: [{ name: 'json', type: 'boolean', description: 'print one JSON document instead of a table' }],
  async run(args, io) {
    const list = measureCatalogue();
    const name = args.positionals[0];
    if (args.positionals.length > 1) throw new MetasynthError('usage', CLI_MESSAGES.measures_most_one_name(args.positionals.length));
    const chosen = name === undefined ? list : list.filter((m) => m.name === name.trim().toUpperCase());
    if (name !== undefined && chosen.length === 0) {
      throw new MetasynthError('usage', CLI_MESSAGES.measures_unknown_measure_run(name));
    }
    if (args.options.json === true) writeJson(io, { count: chosen.length, measures: chosen });
    else io.stdout(name === undefined ? measuresText(chosen) : measureDetail(chosen[0]!));
    return 0;
  },
};
