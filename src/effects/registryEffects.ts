// Effect sizes of the registry measures (src/effects/measures): inputs from escalc-kind records (or
// from the fields of a record kind that carries the measure's columns), the measure's zero-cell
// rule with its own default `add`, its kernel, and a reason for every row that cannot be used.
import { MetasynthError, type Issue, type Warning } from '../core/errors.js';
import { fieldIssue, invalidInputSummary } from '../messages.js';
import type { Derivation, StudyRecord } from '../schema/studyRecord.js';
import type { Inputs, MeasureDefinition } from './measures/definition.js';
import type { YiVi } from './twoByTwo.js';
import type { Exclusion, StudyEffect } from './types.js';
import { receivesAdd, type ZeroCellOptions } from './zeroCells.js';
import { EFFECTS_MESSAGES } from './messages.js';

const RECORD_FIELDS = new Set(['kind', 'study', 'row', 'moderators', 'source']);

/** The numeric fields of a record by escalc argument name. */
function recordFields(r: StudyRecord): Inputs {
  if (r.kind === 'escalc') return r.inputs;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(r)) if (!RECORD_FIELDS.has(k) && typeof v === 'number') out[k] = v;
  return out;
}

/**
 * The measure's canonical inputs from a set of fields: the canonical columns, else the first
 * complete alternative (converted); undefined when neither is complete.
 * @example
 * const m = measureInputs(registryMeasure('AS'), { ai: 1, n1i: 10, ci: 2, n2i: 10 });
 * m.toCanonical(m.inputs) // { ai: 1, bi: 9, ci: 2, di: 8 }
 */
export function measureInputs(
  def: MeasureDefinition,
  fields: Inputs,
): { inputs: Inputs; schema: MeasureDefinition['schema']; columns: readonly string[]; toCanonical?: (v: Inputs) => Inputs } | undefined {
  if (def.columns.every((c) => c in fields)) return { inputs: pick(fields, def.columns), schema: def.schema, columns: def.columns };
  for (const alt of def.alternatives ?? []) {
    if (alt.columns.every((c) => c in fields))
      return { inputs: pick(fields, alt.columns), schema: alt.schema, columns: alt.columns, toCanonical: alt.toCanonical };
  }
  return undefined;
}

function pick(fields: Inputs, columns: readonly string[]): Inputs {
  return Object.fromEntries(columns.map((c) => [c, fields[c]!]));
}

/** The columns a measure reads, for messages: `m1i, sd1i, n1i, m2i, sd2i, n2i` (or `ai, n1i, ci, n2i`). */
export function describeColumns(def: MeasureDefinition): string {
  const alts = (def.alternatives ?? []).map((a) => ` (or ${a.columns.join(', ')})`).join('');
  return `${def.columns.join(', ')}${alts}`;
}

/** Canonical inputs of every record, validated by the measure's schema; throws with every problem found. */
function validatedInputs(records: readonly StudyRecord[], def: MeasureDefinition, file: string | undefined): Inputs[] {
  const issues: Issue[] = [];
  const out: Inputs[] = [];
  for (const r of records) {
    const found = measureInputs(def, recordFields(r));
    const loc = { ...(file === undefined ? {} : { file }), row: r.row, study: r.study };
    if (!found) {
      throw new MetasynthError('invalid_option', EFFECTS_MESSAGES.measure_needs_columns_does(def.name, describeColumns(def), file));
    }
    const res = found.schema.safeParse(found.inputs, { reportInput: true });
    if (!res.success) {
      for (const zi of res.error.issues) {
        const field = String(zi.path[0] ?? def.columns[0]);
        const code = zi.code === 'custom' ? String((zi.params as { code?: string } | undefined)?.code ?? 'invalid') : 'out_of_range';
        issues.push(fieldIssue({ ...loc, field }, code, found.inputs[field], zi.message));
      }
      continue;
    }
    out.push(found.toCanonical ? found.toCanonical(found.inputs) : found.inputs);
  }
  if (issues.length > 0) throw new MetasynthError('invalid_input', invalidInputSummary(file, issues.length), issues);
  return out;
}

export interface RegistryEffects {
  readonly studies: StudyEffect[];
  readonly excluded: Exclusion[];
  readonly warnings: Warning[];
  readonly zero: ZeroCellOptions;
}

/**
 * yi and vi of every record under a registry measure (metafor 3.8-1 escalc, `vtype = "LS"`).
 * `add` defaults to the measure's own escalc default (0 for AS, PHI, RTET, IRSD, PAS, PFT, IRS,
 * IRFT; 1/2 otherwise). Rows whose effect or variance is not finite are listed in `excluded`.
 * @example
 * const { records } = parseMeasureRecords([{ study: 'A', sd1i: 2, n1i: 20, sd2i: 3, n2i: 25 }], registryMeasure('VR'));
 * registryEffects(records, registryMeasure('VR'), { to: 'only0', drop00: false }).studies[0].effect // -0.39998 (metafor escalc("VR", sd1i = 2, n1i = 20, sd2i = 3, n2i = 25))
 */
export function registryEffects(
  records: readonly StudyRecord[],
  def: MeasureDefinition,
  zeroOptions: { readonly add?: number; readonly to: ZeroCellOptions['to']; readonly drop00: boolean },
  file?: string,
): RegistryEffects {
  const inputs = validatedInputs(records, def, file);
  const zero: ZeroCellOptions = { add: zeroOptions.add ?? def.zeroCells?.defaultAdd ?? 0.5, to: zeroOptions.to, drop00: zeroOptions.drop00 };
  const spec = def.zeroCells;
  const isDoubleZero = (v: Inputs) => zero.drop00 && spec !== undefined && doubleZero(v);
  const anyZero = spec !== undefined && inputs.some((v) => !isDoubleZero(v) && spec.cells(v).some((c) => c === 0));
  const studies: StudyEffect[] = [];
  const excluded: Exclusion[] = [];
  const adjusted: string[] = [];
  records.forEach((r, i) => {
    let v = inputs[i]!;
    const counts = spec !== undefined && 'ai' in v && 'di' in v ? { ai: v.ai!, bi: v.bi!, ci: v.ci!, di: v.di! } : undefined;
    const where = { study: r.study, row: r.row };
    if (isDoubleZero(v)) {
      excluded.push({ ...where, reason: EFFECTS_MESSAGES.double_zero_dropped().text });
      return;
    }
    const added = spec !== undefined && zero.add > 0 && receivesAdd(spec.cells(v), zero, anyZero);
    if (added) {
      v = spec.apply(v, zero.add);
      adjusted.push(r.study);
    }
    const reason = unusable(def, def.compute(v), spec !== undefined && (zero.to === 'none' || zero.add === 0));
    if (reason !== undefined) {
      excluded.push({ ...where, reason });
      return;
    }
    const value = def.compute(v);
    const derived: readonly Derivation[] | undefined = r.kind === 'escalc' ? r.derived : undefined;
    studies.push({
      study: r.study,
      effect: value.yi,
      variance: value.vi,
      standardError: Math.sqrt(value.vi),
      row: r.row,
      moderators: { ...r.moderators },
      ...(counts ? { counts } : {}),
      ...(r.source === undefined ? {} : { source: r.source }),
      ...(derived && derived.length > 0 ? { derived } : {}),
    });
  });
  const warnings: Warning[] = [];
  if (adjusted.length > 0) {
    warnings.push({
      ...(file === undefined ? {} : { file }),
      code: 'zero_cells_adjusted',
      message: EFFECTS_MESSAGES.zero_cells_adjusted_added(file, zero.add, adjusted.length, zero.to, adjusted).text,
    });
  }
  return { studies, excluded, warnings, zero };
}

/** Double-zero: no events, or no non-events, in both groups (2x2 and two-group incidence). */
function doubleZero(v: Inputs): boolean {
  if ('ai' in v && 'di' in v) return (v.ai === 0 && v.ci === 0) || (v.bi === 0 && v.di === 0);
  if ('x1i' in v) return v.x1i === 0 && v.x2i === 0;
  return false;
}

/** Why a computed value cannot be used, in words (never NaN), or undefined when it can. */
function unusable(def: MeasureDefinition, value: YiVi, countsUnadjusted: boolean): string | undefined {
  const hint = countsUnadjusted ? EFFECTS_MESSAGES.zero_counts_not_adjusted().text : '';
  if (!Number.isFinite(value.yi)) return EFFECTS_MESSAGES.effect_cannot_computed_from(def.name, value.yi, hint).text;
  if (!(Number.isFinite(value.vi) && value.vi > 0)) return EFFECTS_MESSAGES.sampling_variance_so_study(def.name, value.vi, hint).text;
  return undefined;
}
