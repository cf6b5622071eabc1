// `metasynth plot funnel`: the options that add lines to the funnel (trim-and-fill, Egger, PET-PEESE
// with --pet-peese, selection models with --selection T[,T…] --steps --alternative); the analyses
// and the spec are built in src/session/funnelSpec.ts.
import { MetasynthError } from '../../core/errors.js';
import { isSelectionType, SELECTION_TYPES, type SelectionType } from '../../selection/index.js';
import type { OptionSpec } from '../args.js';
import { CLI_MESSAGES } from '../messages.js';
import type { FunnelLineRequest } from '../../session/funnelSpec.js';

// The funnel's analyses and spec live in src/session/funnelSpec.ts (shared with the web page).
export { buildFunnelSpec, type FunnelLineRequest, type FunnelRequest, type FunnelSelectionRequest } from '../../session/funnelSpec.js';
import { parseAlternativeOption, parseStepsOption } from './selection.js';

/** The options of `plot funnel` that add lines (beside --contours, --trimfill and --egger). */
export const FUNNEL_LINE_OPTIONS: readonly OptionSpec[] = [
  { name: 'pet-peese', type: 'boolean', description: "funnel: draw PET's line, PEESE's curve and the conditional PET-PEESE estimate" },
  {
    name: 'selection',
    type: 'string',
    metavar: 'T[,T...]',
    description: `funnel: draw the adjusted estimate of each selection model (as metasynth selection fits it): ${SELECTION_TYPES.join(', ')}`,
  },
  { name: 'steps', type: 'string', metavar: 'p1,...,1', description: 'funnel --selection stepfun: the cut-points of the step function, ending at 1' },
  {
    name: 'alternative',
    type: 'string',
    metavar: 'A',
    default: 'greater',
    description: 'funnel --selection: direction of the p-values: greater, less, two.sided',
  },
];

/**
 * Read --pet-peese, --selection, --steps and --alternative. `--steps` goes to the step function
 * (stepfun), as `selection --steps` does; given without stepfun it is refused rather than ignored.
 */
export function parseFunnelLineOptions(options: Readonly<Record<string, string | boolean | undefined>>): FunnelLineRequest {
  const command = 'plot funnel';
  const raw = options.selection;
  const types =
    raw === undefined
      ? []
      : String(raw)
          .split(',')
          .map((t) => t.trim());
  if (raw === true || types.some((t) => !isSelectionType(t)))
    throw new MetasynthError('invalid_option', CLI_MESSAGES.plot_funnel_selection_one(SELECTION_TYPES, raw));
  const steps = parseStepsOption(options.steps, command);
  if (steps && !types.includes('stepfun')) throw new MetasynthError('invalid_option', CLI_MESSAGES.plot_funnel_steps_without_stepfun(types));
  const alternative = parseAlternativeOption(options.alternative, command);
  const selection = [...new Set(types as SelectionType[])].map((type) => ({ type, alternative, ...(type === 'stepfun' && steps ? { steps } : {}) }));
  return { petPeese: options['pet-peese'] === true, selection };
}
