// `--control converged|metafor`, shared by every command that fits a model: converged estimates
// (the default) or metafor 3.8's default control, to reproduce output printed by metafor as it is.
import { MetasynthError } from '../core/errors.js';
import { METAFOR_DEFAULT_CONTROL, type Tau2Control } from '../heterogeneity/index.js';
import type { OptionSpec } from './args.js';
import { CLI_MESSAGES } from './messages.js';

/** The iteration controls a user can choose. */
export const CONTROL_CHOICES = ['converged', 'metafor'] as const;
export type ControlChoice = (typeof CONTROL_CHOICES)[number];

export const CONTROL_OPTION: OptionSpec = {
  name: 'control',
  type: 'string',
  metavar: 'converged|metafor',
  default: 'converged',
  description:
    "iteration control: 'converged' (tau² to 1e-12) or 'metafor' (metafor 3.8's defaults: |Δtau²| ≤ 1e-5, 100 steps, uniroot tol 2^-13), to reproduce a paper that printed metafor's default output",
};

/**
 * The library control for `--control`: undefined for 'converged' (each function's converged
 * default), METAFOR_DEFAULT_CONTROL for 'metafor'.
 * @example parseControlOption('metafor', 'pool') // { threshold: 1e-5, maxIterations: 100, rootTolerance: 0.0001220703125 }
 */
export function parseControlOption(value: string | boolean | undefined, command: string): Tau2Control | undefined {
  if (value === undefined) return undefined;
  const choice = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (choice === 'converged') return undefined;
  if (choice === 'metafor') return METAFOR_DEFAULT_CONTROL;
  throw new MetasynthError('invalid_option', CLI_MESSAGES.unknown_control(command, value, CONTROL_CHOICES));
}
