// effectSizes: the escalc analogue. Validates the records and options, applies the zero-cell rule,
// computes yi/vi with the measure's kernel, and reports every row it cannot use in `excluded`.
import { MetasynthError, type Issue, type Warning } from '../core/errors.js';
import { fieldIssue, invalidInputSummary } from '../messages.js';
import { KIND_COLUMNS, kindDataColumns, type StudyKind } from '../schema/columns.js';
import type { MeasureDefinition } from './measures/definition.js';
import { REGISTRY_MEASURE_NAMES } from './measures/names.js';
import { REGISTRY_MEASURES, measureDefinition, registryMeasure } from './measures/registry.js';
import { registryEffects } from './registryEffects.js';
import type { ParsedStudies } from '../schema/rawTable.js';
import { studyRecordSchema, type StudyRecord } from '../schema/studyRecord.js';
import { isChecked } from '../schema/checkedRecords.js';
import { logRatioOfMeans, meanDifference, standardisedMeanDifference } from './continuous.js';
import { fisherZ, rawCorrelation } from './correlation.js';
import { logHazardRatio } from './hazardRatio.js';
import { logitProportion, rawProportion } from './proportion.js';
import { logOddsRatio, logRiskRatio, petoLogOddsRatio, riskDifference, type YiVi } from './twoByTwo.js';
import { MEASURES, isMeasure, type EffectTable, type Exclusion, type Measure, type StudyEffect, type TwoByTwo } from './types.js';
import { DEFAULT_ZERO_CELL_OPTIONS, ZERO_CELL_RULES, isZeroCellRule, receivesAdd, type ZeroCellOptions, type ZeroCellRule } from './zeroCells.js';
import { EFFECTS_MESSAGES } from './messages.js';

/** The measures each kind of record can produce. Generic yi/vi input may carry any measure as a label of its scale. */
export const MEASURES_BY_KIND: Readonly<Record<StudyKind, readonly Measure[]>> = {
  hr: ['HR'],
  generic: MEASURES,
  twoByTwo: ['OR', 'RR', 'RD', 'PETO', ...registryMeasuresOf('twoByTwo')],
  twoByTwoN: ['OR', 'RR', 'RD', 'PETO', ...registryMeasuresOf('twoByTwoN')],
  continuous: ['MD', 'SMD', 'ROM', ...registryMeasuresOf('continuous')],
  correlation: ['ZCOR', 'COR', ...registryMeasuresOf('correlation')],
  proportion: ['PLO', 'PR', ...registryMeasuresOf('proportion')],
  escalc: REGISTRY_MEASURE_NAMES,
};

/** Registry measures whose columns (or an alternative set of them) a record kind carries. */
function registryMeasuresOf(kind: StudyKind): Measure[] {
  const have = new Set(kindDataColumns(kind));
  return REGISTRY_MEASURES.filter((m) => [m.columns, ...(m.alternatives ?? []).map((a) => a.columns)].some((cols) => cols.every((c) => have.has(c)))).map(
    (m) => m.name as Measure,
  );
}

/**
 * The measure used when none is given. 2x2 → OR (metafor's `rma.mh` default), continuous → SMD,
 * correlations → ZCOR, proportions → PLO (metafor's `rma.glmm` default), hr → HR, yi/vi → GEN.
 * The CLI still asks for `--measure` for 2x2 and continuous data, where the choice changes the scale.
 */
export const DEFAULT_MEASURE: Readonly<Record<Exclude<StudyKind, 'escalc'>, Measure>> = {
  hr: 'HR',
  generic: 'GEN',
  twoByTwo: 'OR',
  twoByTwoN: 'OR',
  continuous: 'SMD',
  correlation: 'ZCOR',
  proportion: 'PLO',
};

/** Kinds whose measure is a real choice (the scale changes): the CLI requires `--measure` for them. */
export const MEASURE_REQUIRED_KINDS: readonly StudyKind[] = ['twoByTwo', 'twoByTwoN', 'continuous'];

export interface EffectSizeOptions {
  /** Effect-size measure (default: `DEFAULT_MEASURE` of the records' kind). */
  readonly measure?: Measure;
  /** Confidence level (percent) of hazard-ratio intervals in rows without a `level` column value (default 95). */
  readonly level?: number;
  /** Added to the cells of 2x2 tables and proportions under the `to` rule (default 0.5, escalc's `add`). */
  readonly add?: number;
  /** Which tables get `add` (default `only0`, escalc's `to`). */
  readonly to?: ZeroCellRule;
  /** Exclude tables with no events or no non-events in both groups (default false, escalc's `drop00`). */
  readonly drop00?: boolean;
  /** File or dataset name, echoed on the table and used in messages. */
  readonly file?: string;
}

/**
 * Per-study effect sizes and sampling variances (metafor 3.8 `escalc`, `vtype = "LS"`).
 *
 * Measures: HR (log hazard ratio from a ratio and its CI), OR, RR, RD, PETO (2x2 tables, with
 * escalc's zero-cell rule `add = 1/2, to = "only0", drop00 = FALSE`; raw counts are kept on each
 * study as `counts` for Mantel–Haenszel and Peto pooling), MD, SMD (Hedges' g with the exact
 * gamma-function correction), ROM, ZCOR, COR, PR, PLO, and GEN (yi/vi passed through).
 * Rows whose effect or variance cannot be computed (e.g. ZCOR with ni <= 3) are listed in
 * `excluded` with the reason; no NaN or Infinity ever reaches `studies`.
 *
 * @example
 * effectSizes(parseStudyRecords([{ study: 'Aronson', ai: 4, bi: 119, ci: 11, di: 128 }]), { measure: 'RR' }).studies[0].effect
 * // -0.8893113339202054 (metafor: escalc("RR", ai=4, bi=119, ci=11, di=128)$yi)
 */
export function effectSizes(input: ParsedStudies | readonly StudyRecord[], options: EffectSizeOptions = {}): EffectTable {
  const parsed = isParsedStudies(input) ? input : undefined;
  const records = parsed ? parsed.records : (input as readonly StudyRecord[]);
  const file = options.file ?? parsed?.file;
  const at = file === undefined ? {} : { file };
  if (records.length === 0) throw new MetasynthError('invalid_input', EFFECTS_MESSAGES.effects_no_study_records(file));

  validateRecords(records, file);
  const kind = records[0]!.kind;
  const mixed = records.find((r) => r.kind !== kind);
  if (mixed) {
    throw new MetasynthError('invalid_input', EFFECTS_MESSAGES.records_more_than_one(file, kind, mixed.kind, mixed.row));
  }
  const measure = kind === 'escalc' ? escalcMeasure(records, options.measure) : resolveMeasure(kind, options.measure);
  // Escalc-kind records (and registry measures of kind records) are computed by their definition.
  const def = kind === 'escalc' ? measureDefinition(measure) : registryMeasure(measure);
  if (def) return registryTable(records, def, kind, options, file);
  const zero = resolveZeroCells(options);
  const level = options.level ?? 95;
  if (!(Number.isFinite(level) && level > 1 && level < 100)) {
    throw new MetasynthError('invalid_option', EFFECTS_MESSAGES.level_percentage_between(options.level));
  }

  const anyZero = records.some((r) => {
    const cells = zeroCellsOf(r);
    return cells !== undefined && !isDoubleZero(r, zero) && cells.some((c) => c === 0);
  });
  const studies: StudyEffect[] = [];
  const excluded: Exclusion[] = [];
  const adjusted: string[] = [];
  for (const r of records) {
    const result = computeEffect(r, measure, zero, level, anyZero);
    const where = { study: r.study, row: r.row };
    if ('reason' in result) {
      excluded.push({ ...where, reason: result.reason });
      continue;
    }
    if (result.added) adjusted.push(r.study);
    const counts = countsOf(r);
    const groups = r.kind === 'continuous' ? { m1i: r.m1i, sd1i: r.sd1i, n1i: r.n1i, m2i: r.m2i, sd2i: r.sd2i, n2i: r.n2i } : undefined;
    studies.push({
      study: r.study,
      effect: result.yi,
      variance: result.vi,
      standardError: Math.sqrt(result.vi),
      row: r.row,
      moderators: { ...r.moderators },
      ...(counts ? { counts } : {}),
      ...(groups ? { groups } : {}),
      ...(r.source === undefined ? {} : { source: r.source }),
    });
  }
  const warnings: Warning[] = [...(parsed?.warnings ?? [])];
  if (adjusted.length > 0) {
    warnings.push({
      ...at,
      code: 'zero_cells_adjusted',
      message: EFFECTS_MESSAGES.zero_cells_adjusted(file, zero.add, adjusted.length, zero.to, adjusted).text,
    });
  }
  return {
    measure,
    kind,
    studies,
    excluded,
    warnings,
    settings: { measure, level, ...zero },
    ...at,
  };
}

/** The measure of escalc-kind records: the one they were parsed for (an option must agree with it). */
function escalcMeasure(records: readonly StudyRecord[], option: Measure | undefined): Measure {
  const named = records[0]!.kind === 'escalc' ? records[0]!.measure : undefined;
  const measure = option ?? named;
  if (!isMeasure(measure) || measureDefinition(measure) === undefined) {
    throw new MetasynthError('invalid_option', EFFECTS_MESSAGES.unknown_measure_escalc_inputs(measure, REGISTRY_MEASURE_NAMES));
  }
  if (named !== undefined && named !== measure) {
    throw new MetasynthError('invalid_option', EFFECTS_MESSAGES.records_were_read_measure(named, measure));
  }
  return measure;
}

function registryTable(
  records: readonly StudyRecord[],
  def: MeasureDefinition,
  kind: StudyKind,
  options: EffectSizeOptions,
  file: string | undefined,
): EffectTable {
  const base = resolveZeroCells({ ...options, add: options.add ?? 0 });
  const result = registryEffects(records, def, { ...(options.add === undefined ? {} : { add: base.add }), to: base.to, drop00: base.drop00 }, file);
  const level = options.level ?? 95;
  const measure = def.name as Measure;
  return {
    measure,
    kind,
    studies: result.studies,
    excluded: result.excluded,
    warnings: result.warnings,
    settings: { measure, level, ...result.zero },
    ...(file === undefined ? {} : { file }),
  };
}

function isParsedStudies(x: unknown): x is ParsedStudies {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Array.isArray((x as ParsedStudies).records);
}

/** Library callers may build records by hand: check them with the same schema as parsed input. */
function validateRecords(records: readonly StudyRecord[], file: string | undefined): void {
  const issues: Issue[] = [];
  records.forEach((r, i) => {
    if (isChecked(r)) return;
    const res = studyRecordSchema.safeParse(r, { reportInput: true });
    if (res.success) return;
    const rec = (typeof r === 'object' && r !== null ? r : {}) as Partial<Record<string, unknown>>;
    const row = typeof rec.row === 'number' ? rec.row : i + 1;
    const study = typeof rec.study === 'string' && rec.study !== '' ? rec.study : undefined;
    for (const zi of res.error.issues) {
      const field = String(zi.path[0] ?? 'record');
      issues.push(
        fieldIssue(
          { ...(file === undefined ? {} : { file }), row, ...(study ? { study } : {}), field },
          zi.code === 'custom' ? String((zi.params as { code?: string } | undefined)?.code ?? 'invalid') : zi.code,
          field in rec ? rec[field] : zi.input,
          zi.message,
        ),
      );
    }
  });
  if (issues.length > 0) throw new MetasynthError('invalid_input', invalidInputSummary(file, issues.length), issues);
}

/**
 * The measure for a kind: the one asked for, checked against the kind, or the kind's default.
 * Throws `invalid_option` naming the measures the data allow.
 * @example resolveMeasure('twoByTwo', 'RR') // 'RR'
 */
export function resolveMeasure(kind: StudyKind, measure: unknown): Measure {
  if (measure === undefined && kind !== 'escalc') return DEFAULT_MEASURE[kind];
  if (!isMeasure(measure)) {
    throw new MetasynthError('invalid_option', EFFECTS_MESSAGES.unknown_measure_choose_one(measure, MEASURES));
  }
  const allowed = MEASURES_BY_KIND[kind];
  if (!allowed.includes(measure)) {
    throw new MetasynthError('invalid_option', EFFECTS_MESSAGES.measure_does_not_apply(measure, KIND_COLUMNS[kind].label, allowed));
  }
  return measure;
}

function resolveZeroCells(options: EffectSizeOptions): ZeroCellOptions {
  const add = options.add ?? DEFAULT_ZERO_CELL_OPTIONS.add;
  const to = options.to ?? DEFAULT_ZERO_CELL_OPTIONS.to;
  const drop00 = options.drop00 ?? DEFAULT_ZERO_CELL_OPTIONS.drop00;
  if (!(Number.isFinite(add) && add >= 0)) throw new MetasynthError('invalid_option', EFFECTS_MESSAGES.add_number(add));
  if (!isZeroCellRule(to)) throw new MetasynthError('invalid_option', EFFECTS_MESSAGES.unknown_zero_cell_rule(to, ZERO_CELL_RULES));
  if (typeof drop00 !== 'boolean') throw new MetasynthError('invalid_option', EFFECTS_MESSAGES.drop00_true_false(drop00));
  return { add, to, drop00 };
}

/** Raw 2x2 counts of a record (2x2 kinds only). */
function countsOf(r: StudyRecord): TwoByTwo | undefined {
  if (r.kind === 'twoByTwo') return { ai: r.ai, bi: r.bi, ci: r.ci, di: r.di };
  if (r.kind === 'twoByTwoN') return { ai: r.x1i, bi: r.n1i - r.x1i, ci: r.x2i, di: r.n2i - r.x2i };
  return undefined;
}

/** The cells the zero-cell rule looks at: the four 2x2 cells, or events and non-events of a proportion. */
function zeroCellsOf(r: StudyRecord): number[] | undefined {
  const t = countsOf(r);
  if (t) return [t.ai, t.bi, t.ci, t.di];
  if (r.kind === 'proportion') return [r.xi, r.ni - r.xi];
  return undefined;
}

function isDoubleZero(r: StudyRecord, zero: ZeroCellOptions): boolean {
  const t = countsOf(r);
  return zero.drop00 && t !== undefined && ((t.ai === 0 && t.ci === 0) || (t.bi === 0 && t.di === 0));
}

type Computed = (YiVi & { added: boolean }) | { reason: string };

function computeEffect(r: StudyRecord, measure: Measure, zero: ZeroCellOptions, level: number, anyZero: boolean): Computed {
  let added = false;
  let value: YiVi;
  switch (r.kind) {
    case 'hr':
      value = logHazardRatio(r.hr, r.lower, r.upper, r.level ?? level);
      break;
    case 'generic':
      value = { yi: r.yi, vi: r.vi };
      break;
    case 'twoByTwo':
    case 'twoByTwoN': {
      if (isDoubleZero(r, zero)) return { reason: EFFECTS_MESSAGES.double_zero_dropped().text };
      const t = countsOf(r)!;
      added = receivesAdd([t.ai, t.bi, t.ci, t.di], zero, anyZero) && zero.add > 0;
      const a = added ? zero.add : 0;
      const kernel = measure === 'OR' ? logOddsRatio : measure === 'RR' ? logRiskRatio : measure === 'RD' ? riskDifference : petoLogOddsRatio;
      value = kernel(t.ai + a, t.bi + a, t.ci + a, t.di + a);
      break;
    }
    case 'continuous':
      if (measure === 'ROM' && !(r.m1i / r.m2i > 0)) {
        return { reason: EFFECTS_MESSAGES.rom_needs_two_means(r.m1i, r.m2i).text };
      }
      value = measure === 'MD' ? meanDifference(r) : measure === 'SMD' ? standardisedMeanDifference(r) : logRatioOfMeans(r);
      break;
    case 'correlation':
      if (measure === 'ZCOR' && r.ni <= 3) return { reason: EFFECTS_MESSAGES.zcor_needs_ni_variance(r.ni).text };
      value = measure === 'ZCOR' ? fisherZ(r.ri, r.ni) : rawCorrelation(r.ri, r.ni);
      break;
    case 'escalc':
      // Escalc-kind records are computed by their registry measure (registryTable), never here.
      return { reason: EFFECTS_MESSAGES.effect_not_computed_from(measure).text };
    case 'proportion': {
      const mi = r.ni - r.xi;
      added = receivesAdd([r.xi, mi], zero, anyZero) && zero.add > 0;
      const a = added ? zero.add : 0;
      value = measure === 'PR' ? rawProportion(r.xi + a, mi + a) : logitProportion(r.xi + a, mi + a);
      break;
    }
  }
  // Reasons are read by people and written into JSON: they say "infinite" or "undefined", never NaN.
  const notAdjusted = zero.to === 'none' || zero.add === 0 ? EFFECTS_MESSAGES.zero_cells_not_adjusted().text : '';
  if (!Number.isFinite(value.yi)) {
    return { reason: EFFECTS_MESSAGES.effect_cannot_computed_from(measure, value.yi, notAdjusted).text };
  }
  if (!(Number.isFinite(value.vi) && value.vi > 0)) {
    return { reason: EFFECTS_MESSAGES.sampling_variance_so_study(measure, value.vi, notAdjusted).text };
  }
  return { ...value, added };
}
