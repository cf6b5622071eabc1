// Adapters from metasynth's results to the plot inputs. They read results through small structural
// types (the keys of issue 3's PoolResult, issue 4's trim-and-fill and Egger results, issue 5's
import { isCommonEffectMethod } from '../pool/types.js';
// subgroup analysis) so that plots depend on the figures, not on the engines' modules.
import { normalQuantile } from '../distributions/index.js';
import { MetasynthError } from '../core/errors.js';
import type { EffectTable, Measure, StudyEffect } from '../effects/types.js';
import type { ForestPreset } from './format.js';
import { ROB_DOMAINS, ROB_JUDGEMENTS } from './types.js';
import type {
  BaujatPoint,
  ForestArms,
  ForestOverallTest,
  ForestSubgroupTest,
  RobDomain,
  RobJudgement,
  ForestPlotInput,
  ForestPooled,
  ForestStudy,
  ForestSubgroup,
  FunnelPlotInput,
  LabbePlotInput,
  LabbePoint,
  LabbeScale,
  RadialPlotInput,
} from './types.js';
import { PLOTS_MESSAGES } from './messages.js';
import { funnelPetPeese, funnelSelectionEstimate, type PetPeeseFigures, type SelectionFigures } from './funnelOverlays.js';

/** The PoolResult keys the plots read (issue 3). */
export interface PooledFigures {
  readonly method: string;
  readonly test?: string;
  readonly level?: number;
  readonly estimate: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
  readonly piLower?: number | null;
  readonly piUpper?: number | null;
  readonly statistic?: number | null;
  readonly df?: number | null;
  readonly pValue?: number | null;
  readonly tau2?: number | null;
  readonly i2?: number | null;
  readonly q?: number | null;
  readonly qDf?: number | null;
  readonly qPValue?: number | null;
  /** Percent, in the order of the table's studies. */
  readonly weights?: readonly (number | null)[];
}

/** One subgroup of a subgroup analysis: its level and the model fitted to its studies. */
export interface SubgroupFigures {
  readonly group: string;
  readonly result: PooledFigures;
}

function isCommon(r: PooledFigures): boolean {
  return isCommonEffectMethod(r.method);
}

/**
 * RevMan's method wording: "IV, Random", "IV, Fixed", "M-H, Fixed", "Peto, Fixed".
 * @example methodLabel(pool(bcgTable)) // 'IV, Random'
 */
export function methodLabel(r: PooledFigures): string {
  if (r.method === 'MH') return 'M-H, Fixed';
  if (r.method === 'PETO') return 'Peto, Fixed';
  return isCommon(r) ? 'IV, Fixed' : 'IV, Random';
}

/**
 * The model a method fits, in words for captions: "common-effect model, M-H", "random-effects model, REML".
 * @example modelDescription('REML') // 'random-effects model, REML'
 */
export function modelDescription(method: string): string {
  if (method === 'MH') return 'common-effect model, Mantel-Haenszel';
  if (method === 'PETO') return "common-effect model, Peto's method";
  return isCommonEffectMethod(method) ? 'common-effect model, inverse variance' : `random-effects model, ${method}`;
}

function modelLabel(r: PooledFigures, preset: ForestPreset, both: boolean, level: number): string {
  if (preset === 'revman5') return both ? `Total (${level}% CI, ${isCommon(r) ? 'fixed' : 'random'})` : `Total (${level}% CI)`;
  if (isCommon(r)) return r.method === 'MH' ? 'Common-effect model (M-H)' : r.method === 'PETO' ? 'Common-effect model (Peto)' : 'Common-effect model';
  return `Random-effects model (${r.method})`;
}

function pooledRow(r: PooledFigures, label: string): ForestPooled | null {
  if (r.estimate == null || r.ciLower == null || r.ciUpper == null) return null;
  return {
    label,
    estimate: r.estimate,
    ciLower: r.ciLower,
    ciUpper: r.ciUpper,
    piLower: isCommon(r) ? null : (r.piLower ?? null),
    piUpper: isCommon(r) ? null : (r.piUpper ?? null),
    model: isCommon(r) ? 'common' : 'random',
  };
}

export interface ForestAdapterOptions {
  /** A second model to draw as well (e.g. the common-effect model beside the random-effects one). */
  readonly common?: PooledFigures | null;
  readonly subgroups?: readonly SubgroupFigures[];
  readonly subgroupTest?: ForestSubgroupTest | null;
  /** Name of the moderator the subgroups come from (each study's `moderators[by]`). */
  readonly by?: string;
  readonly preset?: ForestPreset;
}

/**
 * The forest plot input for an effect table and its pooled result: study intervals at the result's
 * level (yi ± z·sei), weights from `result.weights`, the diamond(s), the prediction interval, and
 * the heterogeneity and overall test lines.
 * @example forestInput(bcgTable, pool(bcgTable)).pooled.map((p) => p.label) // ['Random-effects model (REML)']
 * @example forestInput(bcgTable, pool(bcgTable)).studies.length // 13
 */
export function forestInput(table: EffectTable, result: PooledFigures, options: ForestAdapterOptions = {}): ForestPlotInput {
  const level = result.level ?? 95;
  const z = -normalQuantile((1 - level / 100) / 2);
  const preset = options.preset ?? 'default';
  const common = options.common && !isCommon(result) ? options.common : null;
  const both = common !== null;
  const studies: ForestStudy[] = table.studies.map((s, i) => {
    const group = options.by !== undefined ? s.moderators[options.by] : undefined;
    const arms = studyArms(s);
    const rob = studyRob(s, i);
    return {
      study: s.study,
      effect: s.effect,
      ciLower: s.effect - z * s.standardError,
      ciUpper: s.effect + z * s.standardError,
      weight: result.weights?.[i] ?? null,
      weightCommon: common?.weights?.[i] ?? null,
      ...(group !== undefined ? { group: group === null ? null : String(group) } : {}),
      ...(arms ? { arms } : {}),
      ...(rob ? { rob } : {}),
    };
  });
  const pooled = [common, result]
    .filter((r): r is PooledFigures => r !== null)
    .map((r) => pooledRow(r, modelLabel(r, preset, both, level)))
    .filter((p): p is ForestPooled => p !== null);
  const subgroups: ForestSubgroup[] = (options.subgroups ?? []).map((g) => {
    const row = pooledRow(g.result, preset === 'revman5' ? `Subtotal (${level}% CI)` : `Subtotal (${isCommon(g.result) ? 'common' : 'random'})`);
    return {
      group: g.group,
      pooled: row ? [{ ...row, piLower: null, piUpper: null }] : [],
      heterogeneity: {
        tau2: isCommon(g.result) ? null : (g.result.tau2 ?? null),
        i2: g.result.i2 ?? null,
        q: g.result.q ?? null,
        df: g.result.qDf ?? null,
        pValue: g.result.qPValue ?? null,
      },
      overallTest: overallTestOf(g.result),
    };
  });
  return {
    measure: table.measure,
    studies,
    pooled,
    heterogeneity: {
      tau2: isCommon(result) ? null : (result.tau2 ?? null),
      i2: result.i2 ?? null,
      q: result.q ?? null,
      df: result.qDf ?? null,
      pValue: result.qPValue ?? null,
    },
    overallTest: overallTestOf(result),
    ...(subgroups.length > 0 ? { subgroups } : {}),
    ...(options.subgroupTest ? { subgroupTest: options.subgroupTest } : {}),
    level,
    methodLabel: methodLabel(result),
    ...(table.synthetic ? { synthetic: true } : {}),
  };
}

function overallTestOf(r: PooledFigures): ForestOverallTest | null {
  return r.statistic != null
    ? { statistic: r.statistic, pValue: r.pValue ?? null, test: r.test !== undefined && r.test !== 'z' ? 't' : 'z', df: r.df ?? null }
    : null;
}

/** Events and totals (2x2) or means, SDs and sizes (continuous) of a study's two arms, as read. */
function studyArms(s: StudyEffect): ForestArms | null {
  const c = s.counts;
  if (c) return { kind: 'events', treatment: { events: c.ai, total: c.ai + c.bi }, control: { events: c.ci, total: c.ci + c.di } };
  const g = s.groups;
  if (g) return { kind: 'means', treatment: { mean: g.m1i, sd: g.sd1i, total: g.n1i }, control: { mean: g.m2i, sd: g.sd2i, total: g.n2i } };
  return null;
}

/** The RoB 2 columns of a study (`rob_d1` … `rob_d5`, `rob_overall`), judgements in the tool's words. */
function studyRob(s: StudyEffect, index: number): Partial<Record<RobDomain, RobJudgement>> | null {
  const out: Partial<Record<RobDomain, RobJudgement>> = {};
  for (const d of ROB_DOMAINS) {
    const v = s.moderators[`rob_${d}`];
    if (v == null || v === '') continue;
    const j = String(v).trim().toLowerCase().replace(/[_-]+/g, ' ');
    if (!(ROB_JUDGEMENTS as readonly string[]).includes(j)) {
      throw new MetasynthError('invalid_input', PLOTS_MESSAGES.study_rob_one(index, s.study, d, v, ROB_JUDGEMENTS), [
        { code: 'invalid_value', study: s.study, field: `rob_${d}`, message: PLOTS_MESSAGES.rob_low_some_concerns(d).text, received: v },
      ]);
    }
    out[d] = j as RobJudgement;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** One row of a leave-one-out or cumulative analysis (issue 4's `leaveOneOut`, `cumulative`). */
export interface SensitivityRow {
  readonly study: string;
  readonly estimate: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
}

/**
 * Forest input for a leave-one-out or cumulative analysis: one row per refit, with the full-data
 * result as the diamond. Draw it with `forestPlotSpec(input, { variant: 'leave-one-out' | 'cumulative' })`.
 * @example sensitivityForestInput('RR', leaveOneOut(bcgTable).steps, pool(bcgTable)).studies[0].study // 'Aronson, 1948'
 */
export function sensitivityForestInput(
  measure: Measure,
  rows: readonly SensitivityRow[],
  overall: PooledFigures | null,
  options: { readonly synthetic?: boolean } = {},
): ForestPlotInput {
  const studies: ForestStudy[] = rows
    .filter((r) => r.estimate != null && r.ciLower != null && r.ciUpper != null)
    .map((r) => ({ study: r.study, effect: r.estimate!, ciLower: r.ciLower!, ciUpper: r.ciUpper! }));
  const pooled = overall ? pooledRow(overall, 'All studies') : null;
  return { measure, studies, pooled: pooled ? [{ ...pooled, piLower: null, piUpper: null }] : [], ...(options.synthetic ? { synthetic: true } : {}) };
}

/** The trim-and-fill keys the funnel reads (issue 4's `TrimAndFillResult`). */
export interface TrimFillFigures {
  readonly filled: readonly { readonly study: string; readonly effect: number; readonly variance: number; readonly imputed: boolean }[];
  readonly model?: { readonly estimate: number | null; readonly ciLower?: number | null; readonly ciUpper?: number | null } | null;
}

/** The Egger keys the funnel reads (issue 4's `EggerResult`): effect = limitEstimate + slope·SE. */
export interface EggerFigures {
  readonly limitEstimate: number | null;
  readonly slope: number | null;
}

/**
 * Funnel plot input: the table's studies (or trim-and-fill's observed plus imputed studies), centred
 * on the pooled estimate, with the adjusted estimate and Egger's line when given, PET-PEESE's lines
 * from a `petPeese` result and the adjusted estimates of `selectionModel` fits.
 * @example funnelInput(bcgTable, pool(bcgTable)).points.length // 13
 */
export function funnelInput(
  table: EffectTable,
  result: { readonly estimate: number | null; readonly method?: string; readonly ciLower?: number | null; readonly ciUpper?: number | null },
  options: {
    readonly trimFill?: TrimFillFigures | null;
    readonly egger?: EggerFigures | null;
    readonly petPeese?: PetPeeseFigures | null;
    readonly selection?: readonly SelectionFigures[] | null;
  } = {},
): FunnelPlotInput {
  const tf = options.trimFill;
  const points = tf
    ? tf.filled.map((s) => ({
        study: s.imputed ? `${s.study} (imputed)` : s.study,
        effect: s.effect,
        standardError: Math.sqrt(s.variance),
        imputed: s.imputed,
      }))
    : table.studies.map((s) => ({ study: s.study, effect: s.effect, standardError: s.standardError }));
  const e = options.egger;
  return {
    measure: table.measure,
    points,
    estimate: result.estimate ?? NaN,
    adjustedEstimate: tf?.model?.estimate ?? null,
    ...intervalOf('estimateInterval', result),
    ...intervalOf('adjustedInterval', tf?.model),
    egger: e && e.limitEstimate != null && e.slope != null ? { intercept: e.limitEstimate, slope: e.slope } : null,
    ...(options.petPeese ? { petPeese: funnelPetPeese(options.petPeese) } : {}),
    ...(options.selection?.length ? { adjusted: options.selection.map(funnelSelectionEstimate).filter((a) => a !== null) } : {}),
    ...(result.method !== undefined ? { model: modelDescription(result.method) } : {}),
    ...(table.synthetic ? { synthetic: true } : {}),
  };
}

/** `{ [key]: { ciLower, ciUpper } }` when both ends are finite, else nothing. */
function intervalOf(
  key: 'estimateInterval' | 'adjustedInterval',
  e: { readonly ciLower?: number | null; readonly ciUpper?: number | null } | null | undefined,
) {
  const lo = e?.ciLower;
  const hi = e?.ciUpper;
  return typeof lo === 'number' && typeof hi === 'number' && Number.isFinite(lo) && Number.isFinite(hi) ? { [key]: { ciLower: lo, ciUpper: hi } } : {};
}

function commonEffect(yi: readonly number[], vi: readonly number[]): { estimate: number; sumW: number } {
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < yi.length; i++) {
    const w = 1 / vi[i]!;
    sw += w;
    swy += w * yi[i]!;
  }
  return { estimate: swy / sw, sumW: sw };
}

/**
 * Baujat plot data under the common-effect model, as Baujat et al. (2002) define it: x = (yᵢ − θ̂)²/vᵢ,
 * the study's share of Cochran's Q; y = (θ̂ − θ̂₍₋ᵢ₎)² / Var(θ̂₍₋ᵢ₎), its influence on the pooled estimate.
 * @example baujatData(bcgTable)[0] // { study: 'Aronson, 1948', contributionQ: 0.6472, influence: 0.003277 }
 */
export function baujatData(table: EffectTable): BaujatPoint[] {
  const yi = table.studies.map((s) => s.effect);
  const vi = table.studies.map((s) => s.variance);
  const all = commonEffect(yi, vi);
  return table.studies.map((s, i) => {
    const w = 1 / vi[i]!;
    const sumW = all.sumW - w;
    const without = (all.estimate * all.sumW - w * yi[i]!) / sumW;
    return { study: s.study, contributionQ: (yi[i]! - all.estimate) ** 2 / vi[i]!, influence: (all.estimate - without) ** 2 * sumW };
  });
}

/**
 * Radial plot input: the studies and the model drawn through them: its estimate (the slope), τ̂²,
 * confidence interval and level; without a result, the common-effect estimate (Galbraith 1988).
 * @example radialInput(bcgTable).points.length // 13
 */
export function radialInput(
  table: EffectTable,
  result?: {
    readonly method: string;
    readonly estimate: number | null;
    readonly tau2?: number | null;
    readonly ciLower?: number | null;
    readonly ciUpper?: number | null;
    readonly level?: number;
  } | null,
): RadialPlotInput {
  const points = table.studies.map((s) => ({ study: s.study, effect: s.effect, standardError: s.standardError }));
  const synthetic = table.synthetic ? { synthetic: true } : {};
  if (!result) {
    const est = commonEffect(
      table.studies.map((s) => s.effect),
      table.studies.map((s) => s.variance),
    ).estimate;
    return { measure: table.measure, estimate: est, points, model: modelDescription('EE'), ...synthetic };
  }
  return {
    measure: table.measure,
    estimate: result.estimate ?? NaN,
    points,
    tau2: isCommonEffectMethod(result.method) ? 0 : (result.tau2 ?? 0),
    ciLower: result.ciLower ?? null,
    ciUpper: result.ciUpper ?? null,
    level: result.level ?? 95,
    model: modelDescription(result.method),
    ...synthetic,
  };
}

const LABBE_SCALE_OF: Partial<Record<Measure, LabbeScale>> = { RR: 'log-risk', OR: 'log-odds', RD: 'risk', AS: 'arcsine' };

/**
 * One arm on an L'Abbé scale with its sampling variance, as metafor's escalc measures PLN, PLO, PR
 * and PAS: ½ is added to the arm's events and non-events when either is zero (metafor's `add = 1/2,
 * to = "only0"`); log risk and log odds of an arm with no events are then finite.
 * @example labbeArm('log-odds', 4, 119) // { value: -3.3928, variance: 0.2584 }
 */
export function labbeArm(scale: LabbeScale, events: number, nonEvents: number): { value: number; variance: number } {
  const add = events === 0 || nonEvents === 0 ? 0.5 : 0;
  const x = events + add;
  const m = nonEvents + add;
  const n = x + m;
  const p = x / n;
  switch (scale) {
    case 'log-risk':
      return { value: Math.log(p), variance: 1 / x - 1 / n };
    case 'log-odds':
      return { value: Math.log(x / m), variance: 1 / x + 1 / m };
    case 'risk':
      return { value: p, variance: (p * (1 - p)) / n };
    case 'arcsine':
      return { value: Math.asin(Math.sqrt(p)), variance: 1 / (4 * n) };
  }
}

/**
 * L'Abbé input from the raw 2x2 counts on the measure's scale, as metafor's `labbe(res)`: log risk
 * for RR, log odds for OR, risk for RD, arcsine square-root risk for AS; studies without counts
 * are left out, the pooled estimate (analysis scale) draws the line y = x + estimate.
 * @example labbeInput(bcgTable).points[0] // { study: 'Aronson, 1948', treatment: -3.4259, control: -2.5366, variance: 0.3256, treatmentText: '4/123', controlText: '11/139' }
 */
export function labbeInput(table: EffectTable, pooled?: { readonly estimate: number | null; readonly method?: string } | null): LabbePlotInput {
  const scale = LABBE_SCALE_OF[table.measure];
  if (scale === undefined) {
    throw new MetasynthError('invalid_input', PLOTS_MESSAGES.labbe_l_abbe_plot(table.measure));
  }
  const points: LabbePoint[] = [];
  for (const s of table.studies) {
    const c = s.counts;
    if (!c || c.ai + c.bi <= 0 || c.ci + c.di <= 0) continue;
    const t = labbeArm(scale, c.ai, c.bi);
    const k = labbeArm(scale, c.ci, c.di);
    points.push({
      study: s.study,
      treatment: t.value,
      control: k.value,
      variance: t.variance + k.variance,
      treatmentText: `${c.ai}/${c.ai + c.bi}`,
      controlText: `${c.ci}/${c.ci + c.di}`,
    });
  }
  return {
    scale,
    points,
    measure: table.measure,
    pooled: pooled?.estimate ?? null,
    ...(pooled?.method !== undefined ? { model: modelDescription(pooled.method) } : {}),
    ...(table.synthetic ? { synthetic: true } : {}),
  };
}
