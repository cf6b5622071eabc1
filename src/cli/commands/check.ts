// metasynth check EXPECTATIONS.json [...] [--json]: runs the analyses an expectations file lists and
// compares each figure with its expected value (tolerance, range or equality). Prints a pass/fail
// table; exit 0 when every figure passes, 1 when any misses, 2 when a file is unreadable or invalid.
// The parsing and checking live in src/check (browser-safe); this file reads the files.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { parseExpectations, runExpectations, type CheckReport, type FileTableLoader } from '../../check/index.js';
import { MetasynthError } from '../../core/errors.js';
import { effectSizes } from '../../effects/effectSizes.js';
import { readTableFile } from '../../io/node.js';
import type { OptionSpec } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { formatTable, writeJson } from '../format.js';
import { readStudies } from '../input.js';
import { countOf } from '../../core/plural.js';
import { CLI_MESSAGES } from '../messages.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'json', type: 'boolean', description: 'print one JSON document (every figure, expected and actual) instead of the table' },
];

/** Study files named in an expectations file are read relative to that file. */
function fileLoader(expectationsPath: string, io: CliIO): FileTableLoader {
  return (file, options) => {
    const path = isAbsolute(file) ? file : resolve(dirname(expectationsPath), file);
    const name = relative(io.cwd, path) || file;
    if (!existsSync(path)) throw new MetasynthError('invalid_file', CLI_MESSAGES.study_file_not_found(file, name));
    const table = readTableFile(path, { name });
    const measure = options.measure;
    const studies = readStudies(table, measure, name);
    const computed = effectSizes(studies, { ...(measure !== undefined ? { measure } : {}), file: name });
    return table.meta?.synthetic === true ? { ...computed, synthetic: true } : computed;
  };
}

/** Reads, parses and runs one expectations file. */
export function checkFile(path: string, io: CliIO): CheckReport {
  const absolute = resolve(io.cwd, path);
  if (!existsSync(absolute)) throw new MetasynthError('invalid_file', CLI_MESSAGES.check_no_such_file(path));
  if (statSync(absolute).isDirectory()) throw new MetasynthError('invalid_file', CLI_MESSAGES.check_directory_not_expectations(path));
  const entries = parseExpectations(readFileSync(absolute, 'utf8'), { file: path });
  return runExpectations(entries, { file: path, loadFile: fileLoader(absolute, io) });
}

function shown(x: unknown): string {
  if (typeof x === 'number') return Number.isInteger(x) ? String(x) : x.toPrecision(8).replace(/\.?0+$/, '');
  if (x === undefined) return 'NA';
  return JSON.stringify(x);
}

/** The pass/fail table of one file's report. */
export function formatCheckReport(report: CheckReport): string {
  const rows = report.entries.flatMap((e) =>
    e.checks.map((c) => [
      e.id ?? `#${e.index + 1}`,
      e.analysis,
      `${e.input}${e.synthetic ? ' (SYNTHETIC)' : ''}`,
      c.path,
      c.expected,
      shown(c.actual),
      c.pass ? 'pass' : `FAIL (${c.reason ?? 'failed'})`,
    ]),
  );
  const table = formatTable(
    [
      { header: 'expectation' },
      { header: 'analysis' },
      { header: 'input' },
      { header: 'figure' },
      { header: 'expected' },
      { header: 'actual', align: 'right' },
      { header: 'result' },
    ],
    rows,
  );
  const passed = report.figures - report.failed;
  return `${report.file ?? 'expectations'}\n${table}\n${countOf(report.figures, 'figure')} in ${countOf(report.entries.length, 'expectation')}: ${passed} passed, ${report.failed} failed\n`;
}

export const command: Command = {
  name: 'check',
  summary: 'check analyses against expected values with tolerances (for CI pipelines; exit 1 on a miss)',
  usage: 'metasynth check EXPECTATIONS.json [MORE.json ...] [--json]',
  options: OPTIONS,
  async run(args, io) {
    if (args.positionals.length === 0) throw new MetasynthError('usage', CLI_MESSAGES.check_expectations_file_see());
    // Parse and run every file first: a bad file is exit 2 whatever the others give.
    const reports = args.positionals.map((p) => checkFile(p, io));
    const figures = reports.reduce((n, r) => n + r.figures, 0);
    const failed = reports.reduce((n, r) => n + r.failed, 0);
    if (args.options.json === true) {
      writeJson(io, { pass: failed === 0, figures, failed, files: reports });
    } else {
      io.stdout(reports.map(formatCheckReport).join('\n'));
      if (reports.length > 1) io.stdout(`\nAll files: ${figures - failed} of ${countOf(figures, 'figure')} passed\n`);
    }
    return failed === 0 ? 0 : 1;
  },
};
