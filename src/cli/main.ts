// The CLI entry. Exit codes: 0 success; 1 internal error (or, for `check`, an expectation missed);
// 2 bad input or usage. Errors print one clear message on stderr, never a stack trace
// (set METASYNTH_DEBUG=1 to see one).
import { closestName } from '../core/closestName.js';
import { MetasynthError } from '../core/errors.js';
import { loadFormulaSupport } from '../regression/loadFormulaSupport.js';
import { KIND_COLUMNS, STUDY_KINDS } from '../schema/columns.js';
import { formatOptions, parseArgs, type ParsedArgs } from './args.js';
import type { CliIO, Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { VERSION } from '../version.js';
import { CLI_MESSAGES } from './messages.js';

function nodeIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  };
}

export function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `metasynth ${VERSION}: meta-analysis at metafor parity`,
    '',
    'Usage: metasynth <command> [FILE | --dataset NAME] [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `metasynth <command> --help` for a command's options.",
    'Global: --help, --version. Exit codes: 0 ok, 1 internal error or failed check, 2 bad input or usage.',
    '',
  ].join('\n');
}

export function commandHelp(cmd: Command): string {
  const readsFiles = cmd.options.some((o) => o.name === 'sheet');
  return [
    `Usage: ${cmd.usage}`,
    '',
    cmd.summary,
    '',
    'Options:',
    formatOptions(cmd.options),
    '  --help  show this help',
    '',
    ...(readsFiles ? [inputHelp(), ''] : []),
  ].join('\n');
}

/** The input section of an analysis command's help: file types and the kinds of record with their columns. */
export function inputHelp(): string {
  return [
    'Input: FILE is .csv, .tsv or .txt (comma, semicolon or tab), .json or .xlsx, one study per row with a',
    'study column; the kind of record is recognised from its columns (one kind per file):',
    ...STUDY_KINDS.map((k) => `  ${k.padEnd(11)}  ${KIND_COLUMNS[k].label}`),
    'Other columns are moderators. `metasynth columns` lists optional columns and accepted header spellings.',
  ].join('\n');
}

/** Does any option value hold an R formula (`~ ...`)? */
function hasFormulaArgument(args: ParsedArgs): boolean {
  return Object.values(args.options).some((v) => typeof v === 'string' && v.includes('~'));
}

/** Run the CLI; returns the exit code. */
export async function main(argv: readonly string[], io: CliIO = nodeIO()): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.stdout(globalHelp());
      return first === undefined ? 2 : 0;
    }
    if (first === '--version' || first === '-v') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const entry = COMMANDS.find((c) => c.name === first);
    if (!entry) {
      const near = closestName(
        first,
        COMMANDS.map((c) => c.name),
      );
      throw new MetasynthError('usage', CLI_MESSAGES.unknown_command_run_metasynth(first, near));
    }
    const cmd = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(commandHelp(cmd));
      return 0;
    }
    const parsed = parseArgs(rest, cmd.options, cmd.name);
    // Workbooks are read asynchronously, before the command (loaded only for commands that read FILEs).
    const args = cmd.options.some((o) => o.name === 'sheet') ? await (await import('./input.js')).preloadWorkbook(parsed, io, cmd.name) : parsed;
    // mathjs (R formulas in --mods) takes most of a second to load: only when an argument holds a formula
    // (commands whose modules import the formula code anyway have it already).
    if (cmd.needsFormulas ? cmd.needsFormulas(args) : hasFormulaArgument(args)) await loadFormulaSupport();
    return await cmd.run(args, io);
  } catch (err) {
    return reportError(err, io);
  }
}

/** One clear message on stderr; exit 2 for input and usage errors, 1 for anything unexpected. */
export function reportError(err: unknown, io: CliIO): number {
  if (process.env.METASYNTH_DEBUG && err instanceof Error) io.stderr(`${err.stack}\n`);
  if (err instanceof MetasynthError) {
    io.stderr(`metasynth: ${err.message}\n`);
    return err.code === 'internal' ? 1 : 2;
  }
  const fsProblem = fileSystemProblem(err);
  if (fsProblem !== undefined) {
    io.stderr(`metasynth: ${fsProblem}\n`);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr(`metasynth: ${CLI_MESSAGES.internal_error(message).text}\n`);
  return 1;
}

const FILE_SYSTEM_REASONS: Readonly<Record<string, string>> = {
  EISDIR: CLI_MESSAGES.fs_eisdir().text,
  ENOTDIR: CLI_MESSAGES.fs_enotdir().text,
  ENOENT: CLI_MESSAGES.fs_enoent().text,
  EACCES: CLI_MESSAGES.fs_eacces().text,
  EPERM: CLI_MESSAGES.fs_eperm().text,
  EROFS: CLI_MESSAGES.fs_erofs().text,
  ENOSPC: CLI_MESSAGES.fs_enospc().text,
  EEXIST: CLI_MESSAGES.fs_eexist().text,
};

/**
 * A file-system error on a path the user gave (e.g. `--out` naming a directory, or a folder without
 * write permission) is a problem of the input or the environment, not a bug: one message naming
 * the path, exit 2.
 */
function fileSystemProblem(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const { code, path } = err as Error & { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || typeof path !== 'string') return undefined;
  const reason = FILE_SYSTEM_REASONS[code];
  return reason === undefined ? undefined : CLI_MESSAGES.file_system_problem(path, reason).text;
}
