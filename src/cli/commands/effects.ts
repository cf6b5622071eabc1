// `metasynth effects FILE --measure M [--level 95] [--json]`: per-study effect sizes (escalc).
import { normalCritical } from '../../distributions/normal.js';
import { isRatioMeasure, type EffectTable } from '../../effects/types.js';
import type { Command } from '../command.js';
import { formatFixed, formatTable } from '../format.js';
import { writeResult } from '../output.js';
import { INPUT_OPTIONS, derivationNotes, loadEffectTable, parseLevelOption } from '../input.js';
import { measureDefinition } from '../../effects/measures/registry.js';

/** What the effect of each measure is, for the table's title. */
const MEASURE_NAMES: Readonly<Record<string, string>> = {
  GEN: 'effect as given (yi)',
  HR: 'log hazard ratio',
  OR: 'log odds ratio',
  RR: 'log risk ratio',
  RD: 'risk difference',
  PETO: 'log odds ratio (Peto)',
  MD: 'mean difference',
  SMD: "standardised mean difference (Hedges' g)",
  ROM: 'log ratio of means',
  ZCOR: 'Fisher z of the correlation',
  COR: 'correlation',
  PR: 'proportion',
  PLO: 'logit of the proportion',
};

/** The JSON document of `effects --json` (a public contract; see README, section json). */
export function effectsJson(table: EffectTable) {
  return {
    measure: table.measure,
    k: table.studies.length,
    studies: table.studies.map((s) => ({
      study: s.study,
      effect: s.effect,
      variance: s.variance,
      standardError: s.standardError,
      ...(s.derived && s.derived.length > 0 ? { derived: s.derived.map((d) => ({ columns: d.columns, method: d.method, note: d.note })) } : {}),
    })),
    excluded: table.excluded.map((e) => ({ study: e.study, ...(e.row === undefined ? {} : { row: e.row }), reason: e.reason })),
    warnings: table.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}

/** The table for people: yi, vi, sei and a Wald interval per study (and exp of them for ratio measures). */
export function effectsText(table: EffectTable, level: number): string {
  const z = normalCritical(level);
  const ratio = isRatioMeasure(table.measure);
  const rows = table.studies.map((s) => {
    const lo = s.effect - z * s.standardError;
    const hi = s.effect + z * s.standardError;
    const base = [s.study, formatFixed(s.effect), formatFixed(s.variance), formatFixed(s.standardError), formatFixed(lo), formatFixed(hi)];
    return ratio ? [...base, formatFixed(Math.exp(s.effect)), `${formatFixed(Math.exp(lo))} to ${formatFixed(Math.exp(hi))}`] : base;
  });
  const right = { align: 'right' } as const;
  const columns = [
    { header: 'study' },
    { header: 'yi', ...right },
    { header: 'vi', ...right },
    { header: 'sei', ...right },
    { header: 'ci.lb', ...right },
    { header: 'ci.ub', ...right },
    ...(ratio
      ? [
          { header: table.measure === 'PETO' ? 'OR' : table.measure, ...right },
          { header: `${level}% CI`, ...right },
        ]
      : []),
  ];
  const lines = [
    `${table.measure}: ${MEASURE_NAMES[table.measure] ?? measureDefinition(table.measure)?.scale ?? table.measure}; k = ${table.studies.length}${table.file ? ` (${table.file})` : ''}; ${level}% Wald intervals`,
    '',
    formatTable(columns, rows),
  ];
  if (table.excluded.length > 0) {
    lines.push('', `Left out (${table.excluded.length}):`, ...table.excluded.map((e) => `  row ${e.row ?? '?'} (${JSON.stringify(e.study)}): ${e.reason}`));
  }
  const notes = derivationNotes(table);
  if (notes.length > 0) lines.push('', 'Notes (inputs converted from what was reported):', ...notes.map((n) => `  ${n}`));
  // How the file was read heads the output already (loadEffectTable).
  const warnings = table.warnings.filter((w) => w.code !== 'input_format');
  if (warnings.length > 0) lines.push('', 'Warnings:', ...warnings.map((w) => `  ${w.message}`));
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  name: 'effects',
  summary: 'per-study effect sizes (escalc)',
  usage: 'metasynth effects FILE --measure M [--level 95] [--json]\n       metasynth effects --dataset NAME [--measure M] [--json]',
  // Effect sizes are per study: nothing is pooled, so repeated units need no permission.
  options: INPUT_OPTIONS.filter((o) => o.name !== 'allow-repeated-units'),
  async run(args, io) {
    const level = parseLevelOption(args.options.level);
    const table = loadEffectTable(args, io, 'effects', { reportWarnings: false, pools: false });
    writeResult(io, args, table, { json: () => effectsJson(table), text: () => effectsText(table, level) });
    return 0;
  },
};
