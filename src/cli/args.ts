// Minimal, strict argument parser: every command declares its options, anything else is a
// usage error (exit 2). No dependency: node:util.parseArgs would tie the parser to Node.
import { closestName } from '../core/closestName.js';
import { MetasynthError } from '../core/errors.js';
import type { RawTable } from '../schema/rawTable.js';
import { CLI_MESSAGES } from './messages.js';

export interface OptionSpec {
  readonly name: string; // long name without dashes, e.g. "measure"
  readonly type: 'string' | 'boolean';
  readonly description: string;
  readonly default?: string | boolean;
  /** For --help: a placeholder such as "M" or "PATH". */
  readonly metavar?: string;
  /** A string option that may be repeated; its values are joined with MULTIPLE_SEPARATOR (`\n`). */
  readonly multiple?: boolean;
}

/** Joins the values of a repeated option (`--random a --random b` → `a\nb`). */
export const MULTIPLE_SEPARATOR = '\n';

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  /** Study files read before the command runs (workbooks, which are read asynchronously), by path as given. */
  readonly preloaded?: ReadonlyMap<string, RawTable>;
}

/** Parse `argv` against `specs`: `--name value`, `--name=value`, boolean `--flag`, `--` ends options. */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command: string): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const options: Record<string, string | boolean | undefined> = Object.create(null);
  const positionals: string[] = [];
  for (const s of specs) if (s.default !== undefined) options[s.name] = s.default;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new MetasynthError('usage', unknownOptionMessage(name, specs, command));
      if (spec.type === 'boolean') {
        if (eq >= 0) throw new MetasynthError('usage', CLI_MESSAGES.takes_no_value(command, name));
        options[name] = true;
      } else {
        const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined || (eq < 0 && value.startsWith('--'))) {
          throw new MetasynthError('usage', CLI_MESSAGES.needs_value(command, name));
        }
        const prev = options[name];
        options[name] = spec.multiple === true && typeof prev === 'string' && prev !== spec.default ? `${prev}${MULTIPLE_SEPARATOR}${value}` : value;
      }
    } else {
      positionals.push(a);
    }
  }
  return { positionals, options };
}

/**
 * `pool: unknown option --metod; did you mean --method? (see metasynth pool --help)`.
 * @example unknownOptionMessage('metod', [{ name: 'method', type: 'string', description: '' }], 'pool') // 'pool: unknown option --metod; did you mean --method? (see metasynth pool --help)'
 */
export function unknownOptionMessage(name: string, specs: readonly OptionSpec[], command: string): string {
  const near = closestName(name, [...specs.map((s) => s.name), 'help']);
  return `${command}: unknown option --${name}${near === undefined ? '' : `; did you mean --${near}?`} (see metasynth ${command} --help)`;
}

/** The usage text of one command's options, aligned. */
export function formatOptions(specs: readonly OptionSpec[]): string {
  const rows = specs.map((s) => {
    const left = `--${s.name}${s.type === 'string' ? ` ${s.metavar ?? 'VALUE'}` : ''}`;
    const def = s.default !== undefined && s.default !== false ? ` (default: ${String(s.default)})` : '';
    return [left, `${s.description}${def}`] as const;
  });
  const width = Math.max(0, ...rows.map(([l]) => l.length));
  return rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`).join('\n');
}
