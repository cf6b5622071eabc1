// The one place where an analysis command's result leaves the program. Whether the analysed data
// are SYNTHETIC is a property of the data set, set once when it is loaded (EffectTable.synthetic,
// from the dataset's metadata or the file's `meta`); every output path reads it here, so no command
// can drop the label: the JSON document gets `"synthetic": true` as its first key, the text for
// people a banner as its first and last line, and a written file's notice says so. Plots and
// reports carry the same flag into their titles, footers and banners (src/plots, src/report).
import type { Warning } from '../core/errors.js';
import { MULTIPLE_SEPARATOR, type ParsedArgs } from './args.js';
import type { CliIO } from './command.js';
import { writeJson } from './format.js';
import { CLI_MESSAGES } from './messages.js';

import type { DataLabel } from '../session/document.js';

export { labelDocument, type DataLabel } from '../session/document.js';
import { labelDocument } from '../session/document.js';
import { withExcludedStudies } from '../session/exclude.js';

/** The banner of every text output of synthetic data. */
export const SYNTHETIC_BANNER = 'SYNTHETIC DATA: simulated studies, not evidence; do not cite the results.';

/**
 * A text for people, with the SYNTHETIC banner as its first and last line when the data are
 * synthetic (so neither the head nor the tail of a long table loses it); other texts unchanged.
 * @example labelText('k = 3\n', { synthetic: true }).split('\n') // ['SYNTHETIC DATA: simulated studies, not evidence; do not cite the results.', 'k = 3', 'SYNTHETIC DATA: simulated studies, not evidence; do not cite the results.', '']
 */
export function labelText(text: string, data: DataLabel): string {
  if (data.synthetic !== true) return text;
  return `${SYNTHETIC_BANNER}\n${text}${text.endsWith('\n') ? '' : '\n'}${SYNTHETIC_BANNER}\n`;
}

/**
 * Writes a command's result: one JSON document with `--json`, else the text for people. Both are
 * built lazily, and both carry the data's SYNTHETIC label.
 */
export function writeResult(io: CliIO, args: ParsedArgs, data: DataLabel, output: { readonly json: () => object; readonly text: () => string }): void {
  const excluded = excludedLabelsOf(args);
  if (args.options.json === true) writeJson(io, labelDocument(withExcludedStudies(output.json(), excluded), data));
  else io.stdout(labelText(output.text() + excludedText(excluded), data));
}

/**
 * The study labels of `--exclude` (each value one label, given order, once each); none without it.
 * @example excludedLabelsOf({ positionals: [], options: { exclude: 'A\nB\nA' } }) // ['A', 'B']
 */
export function excludedLabelsOf(args: ParsedArgs): string[] {
  const v = args.options.exclude;
  return typeof v === 'string' ? [...new Set(v.split(MULTIPLE_SEPARATOR))] : [];
}

/** The line listing the studies left out by --exclude, or nothing. */
function excludedText(excluded: readonly string[]): string {
  return excluded.length === 0 ? '' : `\n${CLI_MESSAGES.excluded_by_option(excluded).text}\n`;
}

/**
 * Reports a file a command wrote (a plot, a report): a JSON document with `--json`, else a notice
 * on stderr; both say SYNTHETIC DATA when the data are synthetic.
 */
export function writeFileNotice(
  io: CliIO,
  args: ParsedArgs,
  data: DataLabel,
  notice: {
    readonly command: string;
    readonly file: string;
    readonly format: string;
    readonly warnings: readonly Warning[];
    readonly kind?: string;
    readonly pages?: readonly string[];
  },
): void {
  if (args.options.json === true) {
    const { command, kind, file, format, warnings, pages } = notice;
    writeJson(io, labelDocument({ command, ...(kind === undefined ? {} : { kind }), file, ...(pages === undefined ? {} : { pages }), format, warnings }, data));
  } else {
    io.stderr(`metasynth: ${CLI_MESSAGES.wrote_file(notice.pages ? notice.pages.join(', ') : notice.file, data.synthetic === true).text}\n`);
  }
}
