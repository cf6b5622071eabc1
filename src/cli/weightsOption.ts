// --weights COL and --tau2-ci PL, shared by pool and regress (metafor rma(..., weights = ) and
// confint(type = "PL")).
import { MetasynthError } from '../core/errors.js';
import { TAU2_INTERVAL_TYPES, type Tau2IntervalType } from '../pool/types.js';
import type { OptionSpec } from './args.js';
import { CLI_MESSAGES } from './messages.js';

export const WEIGHTS_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'weights',
    type: 'string',
    metavar: 'COL',
    description:
      'user weights from this column (metafor rma(..., weights = )): every method; required by GENQ and GENQM; each a number >= 0; a column the measure reads (e.g. ni) must be copied under another name',
  },
  { name: 'tau2-ci', type: 'string', metavar: 'PL', description: 'also the profile-likelihood CI of tau² (PL; ML and REML fits), in JSON under confintPL' },
];

/**
 * The --weights column name (undefined when not given).
 * @example parseWeightsOption('n', 'pool') // 'n'
 */
export function parseWeightsOption(value: string | boolean | undefined, command: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new MetasynthError('usage', CLI_MESSAGES.weights_needs_column_name(command));
  return value.trim();
}

/**
 * The --tau2-ci interval type (undefined when not given).
 * @example parseTau2CiOption('pl', 'pool') // 'PL'
 */
export function parseTau2CiOption(value: string | boolean | undefined, command: string): Tau2IntervalType | undefined {
  if (value === undefined) return undefined;
  const t = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!(TAU2_INTERVAL_TYPES as readonly string[]).includes(t))
    throw new MetasynthError('invalid_option', CLI_MESSAGES.tau2_ci_one_q(command, value, TAU2_INTERVAL_TYPES));
  return t as Tau2IntervalType;
}
