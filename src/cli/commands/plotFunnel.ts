// `metasynth plot funnel`: the funnel with its optional lines (trim-and-fill, Egger, PET-PEESE with
// --pet-peese, selection models with --selection T[,T…] --steps --alternative). The analyses run
// here; the spec builder only draws their results.
import type { TopLevelSpec } from 'vega-lite';
import { eggerTest, petPeese, trimAndFill } from '../../bias/index.js';
import { MetasynthError } from '../../core/errors.js';
import type { EffectTable } from '../../effects/types.js';
import type { ModelMethod, Tau2Control } from '../../heterogeneity/index.js';
import { funnelInput, funnelPlotSpec } from '../../plots/index.js';
import type { PoolResult } from '../../pool/index.js';
import { isSelectionType, SELECTION_TYPES, selectionModel, type SelectionAlternative, type SelectionType } from '../../selection/index.js';
import type { OptionSpec } from '../args.js';
import { CLI_MESSAGES } from '../messages.js';
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

/** One selection model to fit for the funnel. */
export interface FunnelSelectionRequest {
  readonly type: SelectionType;
  readonly alternative: SelectionAlternative;
  readonly steps?: readonly number[];
}

/** The lines the funnel options ask for. */
export interface FunnelLineRequest {
  readonly petPeese: boolean;
  readonly selection: readonly FunnelSelectionRequest[];
}

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

/** What the funnel needs to know of the analysis. */
export interface FunnelRequest {
  readonly table: EffectTable;
  readonly method: ModelMethod;
  readonly level: number;
  readonly control?: Tau2Control;
  readonly contours?: boolean;
  readonly trimFill?: boolean;
  readonly egger?: boolean;
  readonly lines?: FunnelLineRequest;
  readonly text: { readonly title?: string; readonly caption?: string };
}

/** PET-PEESE for the funnel, refusing data where it has no estimate (too few studies, equal SEs). */
function petPeeseFor(table: EffectTable, level: number) {
  const pp = petPeese(table, { level });
  if (pp.pet.estimate === null || pp.petSlope.estimate === null) {
    const distinct = new Set(table.studies.map((s) => s.standardError)).size;
    throw new MetasynthError('invalid_input', CLI_MESSAGES.plot_funnel_pet_peese_not_estimable(table.studies.length, distinct));
  }
  return pp;
}

/**
 * Run the analyses the funnel's lines need (trim-and-fill, Egger, PET-PEESE, each selection model
 * under the request's method: EE fits the fixed-effects model, any other τ² by ML) and draw it.
 */
export function buildFunnelSpec(r: FunnelRequest, result: PoolResult): TopLevelSpec {
  const { table, method, level } = r;
  const model = { method, level, ...(r.control ? { control: r.control } : {}) };
  const tf = r.trimFill ? trimAndFill(table, model) : null;
  const eg = r.egger ? eggerTest(table, model) : null;
  const pp = r.lines?.petPeese ? petPeeseFor(table, level) : null;
  const selection = (r.lines?.selection ?? []).map((s) => selectionModel(table, { ...s, method, level }));
  const input = funnelInput(table, result, { trimFill: tf, egger: eg, petPeese: pp, selection });
  return funnelPlotSpec(input, { contours: r.contours ?? false, level, ...r.text });
}
