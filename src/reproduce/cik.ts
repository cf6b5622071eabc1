// The CIK reproduction (issue #7): the three parts `metasynth reproduce cik` prints, computed from
// the bundled datasets only. Browser-safe: no file access, no formatting (the CLI formats; the
// notebooks and tests read the plain JSON result).
//   (a) the SYNTHETIC calibrated evidence base: pooled HR, PI, I², subgroups by cancer, Egger, trim-and-fill;
//   (b) the verified per-trial HRs, one row per trial per outcome (the named subsets of the dataset);
//   (c) the claim check of the two source pages, and the published pooled estimates beside the claimed HR
//       (compared in publishedBesideClaim.ts, from the rows only).
// No number is written here: every figure is read from a dataset or computed by the toolkit.
import { eggerTest, trimAndFill, type EggerResult, type ModelMethod, type TrimAndFillResult } from '../bias/index.js';
import type { Warning } from '../core/errors.js';
import { MetasynthError } from '../core/errors.js';
import { datasetEffectTable, loadDataset, type DatasetRow, type LoadedDataset } from '../datasets/index.js';
import type { EffectTable } from '../effects/types.js';
import { pool, type PoolResult } from '../pool/index.js';
import { subgroupAnalysis, type SubgroupAnalysisResult } from '../regression/index.js';
import { publishedBesideClaim, type PublishedBesideClaim, type PublishedPooledEstimate } from './publishedBesideClaim.js';
import { REPRODUCE_MESSAGES } from './messages.js';

/** The four CIK datasets the reproduction reads. */
export const CIK_DATASETS = {
  calibrated: 'cik/calibrated',
  verified: 'cik/verified-trials',
  claims: 'cik/source-claims',
  published: 'cik/published-pooled',
} as const;

/** Options of the CIK reproduction. */
export interface CikOptions {
  /** τ² estimator of every model (default `REML`, as metafor and the pages' claim). */
  readonly method?: ModelMethod;
  /** Confidence level in percent (default 95). */
  readonly level?: number;
}

/** The engine results of part (a), for plots and reports that need more than the summary. */
export interface CikSyntheticAnalysis {
  /** The SYNTHETIC effect table (`synthetic: true`). */
  readonly table: EffectTable;
  readonly pooled: PoolResult;
  readonly subgroups: SubgroupAnalysisResult;
  readonly egger: EggerResult;
  readonly trimFill: TrimAndFillResult;
}

/**
 * Part (a): fits the SYNTHETIC calibrated CIK base (`cik/calibrated`) as the pages describe their
 * evidence: a random-effects pooled log HR, subgroups by cancer, Egger's regression test
 * (metafor `regtest`) and trim-and-fill (metafor `trimfill`), all with the same τ² method.
 * @example analyseCikCalibrated().pooled.transformed.estimate // 0.7378 (SYNTHETIC data)
 */
export function analyseCikCalibrated(options: CikOptions = {}): CikSyntheticAnalysis {
  const method = options.method ?? 'REML';
  const level = options.level ?? 95;
  const table = datasetEffectTable(CIK_DATASETS.calibrated);
  if (table.synthetic !== true) throw new MetasynthError('internal', REPRODUCE_MESSAGES.marked_synthetic(CIK_DATASETS.calibrated));
  return {
    table,
    pooled: pool(table, { method, level }),
    subgroups: subgroupAnalysis(table, { by: 'cancer', method, level }),
    egger: eggerTest(table, { method, level }),
    trimFill: trimAndFill(table, { method, level }),
  };
}

/** A ratio with its interval (back-transformed from the log scale); null where not computable. */
export interface RatioFigure {
  readonly hr: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
}

const exp = (x: number | null | undefined): number | null => (x == null ? null : Math.exp(x));

export interface CikSyntheticSummary {
  readonly dataset: string;
  /** Always true: part (a) is SYNTHETIC and must say so wherever it is shown. */
  readonly synthetic: true;
  readonly label: 'SYNTHETIC';
  readonly title: string;
  readonly k: number;
  readonly measure: string;
  readonly method: string;
  readonly level: number;
  readonly pooled: RatioFigure & {
    readonly piLower: number | null;
    readonly piUpper: number | null;
    readonly pValue: number | null;
    readonly tau2: number | null;
    readonly i2: number | null;
    readonly q: number | null;
    readonly qDf: number | null;
    readonly qPValue: number | null;
  };
  readonly subgroups: readonly (RatioFigure & {
    readonly cancer: string;
    readonly k: number;
    readonly pValue: number | null;
    readonly tau2: number | null;
    readonly i2: number | null;
  })[];
  /** Test of subgroup differences (Q between, fixed-effect model on the subgroup estimates). */
  readonly subgroupTest: { readonly q: number | null; readonly df: number; readonly pValue: number | null };
  /** Moderator test of the mixed-effects model with cancer as a factor. */
  readonly moderatorTest: { readonly qm: number | null; readonly df: number; readonly pValue: number | null };
  readonly egger: { readonly statistic: number | null; readonly pValue: number | null; readonly limitHr: number | null };
  readonly trimFill: RatioFigure & { readonly k0: number | null; readonly side: string | null };
  readonly warnings: readonly Warning[];
}

/**
 * The JSON summary of part (a).
 * @example summariseCikCalibrated(analyseCikCalibrated()).pooled.hr // 0.7378 (SYNTHETIC data)
 */
export function summariseCikCalibrated(a: CikSyntheticAnalysis): CikSyntheticSummary {
  const r = a.pooled;
  const t = r.transformed;
  const tf = a.trimFill.model;
  const meta = loadDataset(CIK_DATASETS.calibrated).metadata;
  return {
    dataset: CIK_DATASETS.calibrated,
    synthetic: true,
    label: 'SYNTHETIC',
    title: meta.title,
    k: r.k,
    measure: r.measure,
    method: r.method,
    level: r.level,
    pooled: {
      hr: t?.estimate ?? null,
      ciLower: t?.ciLower ?? null,
      ciUpper: t?.ciUpper ?? null,
      piLower: t?.piLower ?? null,
      piUpper: t?.piUpper ?? null,
      pValue: r.pValue,
      tau2: r.tau2,
      i2: r.i2,
      q: r.q,
      qDf: r.qDf,
      qPValue: r.qPValue,
    },
    subgroups: a.subgroups.subgroups.map((g) => ({
      cancer: g.level,
      k: g.k,
      hr: exp(g.estimate),
      ciLower: exp(g.ciLower),
      ciUpper: exp(g.ciUpper),
      pValue: g.pValue,
      tau2: g.tau2,
      i2: g.i2,
    })),
    subgroupTest: { q: a.subgroups.between.q, df: a.subgroups.between.df, pValue: a.subgroups.between.pValue },
    moderatorTest: { qm: a.subgroups.moderatorTest.qm, df: a.subgroups.moderatorTest.df, pValue: a.subgroups.moderatorTest.pValue },
    egger: { statistic: a.egger.statistic, pValue: a.egger.pValue, limitHr: exp(a.egger.limitEstimate) },
    trimFill: {
      k0: a.trimFill.k0,
      side: a.trimFill.side,
      hr: tf?.transformed?.estimate ?? null,
      ciLower: tf?.transformed?.ciLower ?? null,
      ciUpper: tf?.transformed?.ciUpper ?? null,
    },
    warnings: [...a.table.warnings, ...r.warnings, ...a.subgroups.warnings, ...a.egger.warnings, ...a.trimFill.warnings],
  };
}

/** One verified trial report: the dataset's row, its numbers as published, and where they come from. */
export interface VerifiedTrial {
  readonly study: string;
  readonly trialId: string;
  readonly year: number | null;
  readonly cancer: string;
  readonly setting: string;
  readonly outcome: string;
  readonly followUp: string;
  readonly hr: number;
  readonly lower: number;
  readonly upper: number;
  readonly n1: number | null;
  readonly n2: number | null;
  readonly design: string;
  readonly source: string;
  /** DOI of the publication the quote is taken from, where the evidence check or the DOI look-up (provenance.doiEvidence) states it. */
  readonly doi: string | null;
  readonly quote: string;
}

export interface VerifiedOutcome {
  /** The dataset's `outcome_group` (recurrence, OS, PFS). */
  readonly outcome: string;
  /** The dataset reference that selects it, e.g. `cik/verified-trials:os`. */
  readonly subset: string;
  readonly description: string;
  /** One row per trial. */
  readonly trials: readonly VerifiedTrial[];
  /** Random-effects pool of those rows (null for a single trial). */
  readonly pooled: (RatioFigure & { readonly k: number; readonly method: string; readonly i2: number | null; readonly tau2: number | null }) | null;
  readonly warnings: readonly Warning[];
}

export interface VerifiedTrialsSummary {
  readonly dataset: string;
  readonly synthetic: false;
  readonly title: string;
  readonly outcomes: readonly VerifiedOutcome[];
  /** Later reports of a trial already counted under the same outcome: shown, never pooled again. */
  readonly laterReports: readonly (VerifiedTrial & { readonly reportOf: string })[];
  readonly notes: readonly string[];
}

function text(row: DatasetRow, column: string): string {
  const v = row[column];
  return v === null || v === undefined ? '' : String(v);
}
function num(row: DatasetRow, column: string): number | null {
  const v = row[column];
  return typeof v === 'number' ? v : null;
}

function verifiedTrial(row: DatasetRow): VerifiedTrial {
  const need = (column: string): number => {
    const v = num(row, column);
    if (v === null) throw new MetasynthError('internal', REPRODUCE_MESSAGES.verified_cell_missing(CIK_DATASETS.verified, text(row, 'study'), column));
    return v;
  };
  return {
    study: text(row, 'study'),
    trialId: text(row, 'trial_id'),
    year: num(row, 'year'),
    cancer: text(row, 'cancer'),
    setting: text(row, 'setting'),
    outcome: text(row, 'outcome'),
    followUp: text(row, 'follow_up'),
    hr: need('hr'),
    lower: need('lower'),
    upper: need('upper'),
    n1: num(row, 'n1'),
    n2: num(row, 'n2'),
    design: text(row, 'design'),
    source: text(row, 'source'),
    doi: text(row, 'doi') === '' ? null : text(row, 'doi'),
    quote: text(row, 'quote'),
  };
}

/**
 * Part (b): the verified trials by outcome. For each outcome group the dataset's own subset that
 * keeps one row per trial (`where: { outcome_group: [g], primary: [true] }`) is used, so the Lee
 * follow-ups are never counted twice; the other reports of the same trials are listed apart.
 * @example summariseVerifiedTrials({}).outcomes.map((o) => o.subset) // ['cik/verified-trials:recurrence', 'cik/verified-trials:os', 'cik/verified-trials:pfs']
 */
export function summariseVerifiedTrials(options: CikOptions = {}): VerifiedTrialsSummary {
  const method = options.method ?? 'REML';
  const level = options.level ?? 95;
  const all = loadDataset(CIK_DATASETS.verified);
  const groups = all.metadata.columns.find((c) => c.name === 'outcome_group')?.levels ?? [];
  const outcomes: VerifiedOutcome[] = [];
  const counted = new Set<number>();
  for (const group of groups) {
    const subset = all.metadata.subsets.find(
      (s) => sameValues(s.where.outcome_group, [group]) && sameValues(s.where.primary, [true]) && Object.keys(s.where).length === 2,
    );
    if (subset === undefined) throw new MetasynthError('internal', REPRODUCE_MESSAGES.no_one_row_per(CIK_DATASETS.verified, group));
    const reference = `${CIK_DATASETS.verified}:${subset.id}`;
    const selected = loadDataset(reference);
    for (const n of selected.rowNumbers) counted.add(n);
    const trials = selected.rows.map(verifiedTrial);
    let pooled: VerifiedOutcome['pooled'] = null;
    const warnings: Warning[] = [...selected.warnings];
    if (trials.length >= 2) {
      const table = datasetEffectTable(reference);
      const r = pool(table, { method, level });
      warnings.push(...table.warnings, ...r.warnings);
      pooled = {
        k: r.k,
        method: r.method,
        hr: r.transformed?.estimate ?? null,
        ciLower: r.transformed?.ciLower ?? null,
        ciUpper: r.transformed?.ciUpper ?? null,
        i2: r.i2,
        tau2: r.tau2,
      };
    }
    outcomes.push({ outcome: group, subset: reference, description: subset.description, trials, pooled, warnings });
  }
  const laterReports = all.rows.flatMap((row, i) => {
    if (counted.has(all.rowNumbers[i]!)) return [];
    const trial = verifiedTrial(row);
    const first = outcomes.flatMap((o) => o.trials).find((t) => t.trialId === trial.trialId && sameOutcomeGroup(all, t, trial));
    return [{ ...trial, reportOf: first?.study ?? trial.trialId }];
  });
  return { dataset: CIK_DATASETS.verified, synthetic: false, title: all.metadata.title, outcomes, laterReports, notes: all.metadata.notes };
}

function sameOutcomeGroup(all: LoadedDataset, a: VerifiedTrial, b: VerifiedTrial): boolean {
  const group = (t: VerifiedTrial) => all.rows.find((r) => text(r, 'study') === t.study)?.outcome_group;
  return group(a) === group(b);
}

function sameValues(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

export const CLAIM_VERDICTS = ['confirmed', 'real-but-misattributed', 'not-found', 'not-checked'] as const;
export type ClaimVerdict = (typeof CLAIM_VERDICTS)[number];

export interface CheckedClaim {
  readonly id: string;
  /** Repository path of the page the claim is on. */
  readonly page: string;
  readonly section: string;
  readonly claimType: string;
  readonly claim: string;
  readonly valueAsStated: string;
  readonly value: number | null;
  readonly unit: string;
  readonly attributedTo: string;
  readonly pageQuote: string;
  readonly verdict: string;
  readonly evidence: string;
  readonly evidenceSource: string | null;
  readonly evidenceQuote: string | null;
}

export interface ClaimCheckSummary {
  readonly dataset: string;
  readonly pages: readonly { readonly page: string; readonly citation: string; readonly claims: number }[];
  readonly claims: readonly CheckedClaim[];
  /** Number of claims per verdict, in the order of CLAIM_VERDICTS. */
  readonly verdicts: Readonly<Record<string, number>>;
  /** The pages' pooled OS HR claim (the claim about a pooled OS hazard ratio across cancer types). */
  readonly claimedHr: CheckedClaim;
  /** The published pooled estimates (`cik/published-pooled`) beside the claimed value, all derived from the rows. */
  readonly published: { readonly dataset: string } & PublishedBesideClaim;
}

/** Options of the claim check. */
export interface ClaimCheckOptions {
  /**
   * Rows to use instead of those of `cik/published-pooled` (same columns), e.g. to see how the
   * comparison changes when a meta-analysis is added. The dataset's `os-hr` subset still decides
   * which rows are pooled OS hazard ratios.
   */
  readonly publishedRows?: readonly DatasetRow[];
}

function checkedClaim(row: DatasetRow): CheckedClaim {
  const orNull = (s: string) => (s === '' ? null : s);
  return {
    id: text(row, 'id'),
    page: text(row, 'page'),
    section: text(row, 'section'),
    claimType: text(row, 'claim_type'),
    claim: text(row, 'claim'),
    valueAsStated: text(row, 'value_as_stated'),
    value: num(row, 'value'),
    unit: text(row, 'unit'),
    attributedTo: text(row, 'attributed_to'),
    pageQuote: text(row, 'page_quote'),
    verdict: text(row, 'verdict'),
    evidence: text(row, 'evidence'),
    evidenceSource: orNull(text(row, 'evidence_source')),
    evidenceQuote: orNull(text(row, 'evidence_quote')),
  };
}

function publishedEstimate(row: DatasetRow): PublishedPooledEstimate {
  const estimate = num(row, 'estimate');
  if (estimate === null) throw new MetasynthError('internal', REPRODUCE_MESSAGES.estimate_missing(CIK_DATASETS.published, text(row, 'id')));
  const flag = row.cik_specific;
  return {
    id: text(row, 'id'),
    metaAnalysis: text(row, 'meta_analysis'),
    year: num(row, 'year'),
    cancer: text(row, 'cancer'),
    outcome: text(row, 'outcome'),
    effectType: text(row, 'effect_type'),
    direction: text(row, 'direction'),
    estimate,
    lower: num(row, 'lower'),
    upper: num(row, 'upper'),
    k: num(row, 'k'),
    cikSpecific: typeof flag === 'boolean' ? flag : null,
    source: text(row, 'source'),
    doi: text(row, 'doi') === '' ? null : text(row, 'doi'),
    quote: text(row, 'quote'),
  };
}

/**
 * Part (c): every claim of the two pages with its verdict and evidence (`cik/source-claims`), and
 * the published pooled estimates (`cik/published-pooled`) beside the claimed pooled OS HR
 * (`publishedBesideClaim`: every comparison is computed from the rows).
 * @example summariseClaimCheck().claimedHr.valueAsStated // 'HR ~0.75'
 */
export function summariseClaimCheck(options: ClaimCheckOptions = {}): ClaimCheckSummary {
  const ds = loadDataset(CIK_DATASETS.claims);
  const claims = ds.rows.map(checkedClaim);
  const verdicts: Record<string, number> = {};
  for (const v of CLAIM_VERDICTS) verdicts[v] = claims.filter((c) => c.verdict === v).length;
  const pages = [...new Set(claims.map((c) => c.page))].map((page) => ({
    page,
    citation: ds.metadata.citation.find((c) => c.file === page)?.text ?? page,
    claims: claims.filter((c) => c.page === page).length,
  }));
  // The claim of a pooled OS HR across cancer types: unit HR, "pooled" and "across cancer types".
  const claimedHr = claims.find((c) => c.unit === 'HR' && /pooled os hazard ratio/i.test(c.claim) && /across cancer types/i.test(c.claim));
  if (claimedHr === undefined) throw new MetasynthError('internal', REPRODUCE_MESSAGES.pooled_os_hr_claim(CIK_DATASETS.claims));

  const published = loadDataset(CIK_DATASETS.published);
  const osHr = published.metadata.subsets.find((s) => s.id === 'os-hr');
  if (osHr === undefined) throw new MetasynthError('internal', REPRODUCE_MESSAGES.os_hr_subset_missing(CIK_DATASETS.published));
  if (claimedHr.value === null) throw new MetasynthError('internal', REPRODUCE_MESSAGES.has_no_value(CIK_DATASETS.claims, claimedHr.id));
  const rows = options.publishedRows ?? published.rows;
  const estimates = rows.map(publishedEstimate);
  const osIds = new Set(rows.filter((row) => matchesWhere(row, osHr.where)).map((row) => text(row, 'id')));
  return {
    dataset: CIK_DATASETS.claims,
    pages,
    claims,
    verdicts,
    claimedHr,
    published: { dataset: CIK_DATASETS.published, ...publishedBesideClaim(claimedHr.value, estimates, (e) => osIds.has(e.id)) },
  };
}

/** True when the row holds one of the listed values in every column of a subset's `where`. */
function matchesWhere(row: DatasetRow, where: Readonly<Record<string, readonly unknown[]>>): boolean {
  return Object.entries(where).every(([column, allowed]) => allowed.includes(row[column]));
}

/** The whole reproduction as one JSON document (the `reproduce cik --json` contract). */
export interface CikReproduction {
  readonly analysis: 'reproduce cik';
  readonly synthetic: CikSyntheticSummary;
  readonly verifiedTrials: VerifiedTrialsSummary;
  readonly claimCheck: ClaimCheckSummary;
}

/**
 * The CIK reproduction: (a) the SYNTHETIC calibrated base, (b) the verified trials by outcome,
 * (c) the claim check. Pass `analysis` to reuse a fit of part (a) already made.
 * @example reproduceCik().synthetic.pooled.hr // 0.7378 (computed from the SYNTHETIC trials)
 */
export function reproduceCik(options: CikOptions & { readonly analysis?: CikSyntheticAnalysis } = {}): CikReproduction {
  const a = options.analysis ?? analyseCikCalibrated(options);
  return {
    analysis: 'reproduce cik',
    synthetic: summariseCikCalibrated(a),
    verifiedTrials: summariseVerifiedTrials(options),
    claimCheck: summariseClaimCheck(),
  };
}
