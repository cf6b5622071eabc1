import type { OptionSpec, ParsedArgs } from './args.js';

/** Where a command writes: injected so tests can capture output and the core stays pure. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal: only then may progress lines be shown. */
  readonly isTTY: boolean;
  readonly cwd: string;
}

export interface Command {
  readonly name: string;
  /** One line for `metasynth --help`. */
  readonly summary: string;
  /** Usage line(s), e.g. `metasynth effects FILE --measure M [--level 95] [--json]`. */
  readonly usage: string;
  readonly options: readonly OptionSpec[];
  /** Whether these arguments need R formulas evaluated (mathjs loaded); absent: when any option value holds a `~`. */
  readonly needsFormulas?: (args: ParsedArgs) => boolean;
  /** Returns the exit code: 0 success, 1 a check failed (check) or internal error, 2 bad input or usage. */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}
