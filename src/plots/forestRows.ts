// The rows of a forest plot's table: studies (sorted as asked), subgroup headers with their
// subtotals and heterogeneity notes, pooled models with their prediction intervals, and the cells
// of every text column on each row.
import { heterogeneityText, overallTestText } from './forestAnnotations.js';
import { armCells, armDigits, armTotals, decimalsOf } from './forestArms.js';
import { formatEffect, formatWeight, hasPredictionInterval, intervalText, type ForestContext, type Row } from './forestContext.js';
import { formatNumber } from './format.js';
import type { ForestPlotOptions, ForestPooled, ForestStudy, ForestSubgroup } from './types.js';

const SPACER: Row = { kind: 'spacer', label: '', cells: {}, bold: false };

/** Decimals of every numeric column: the arm columns and the extra columns (one count per column). */
function columnDigits(ctx: ForestContext): Map<string, number> {
  const digits = armDigits(ctx);
  for (const c of ctx.options.columns ?? []) {
    const values = ctx.input.studies.map((s) => s.columns?.[c.key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    digits.set(`col:${c.key}`, c.digits ?? Math.max(0, ...values.map((v) => decimalsOf(v))));
  }
  return digits;
}

function studyCells(ctx: ForestContext, digits: ReadonlyMap<string, number>, s: ForestStudy): Record<string, string> {
  const cells: Record<string, string> = {
    ci: intervalText(ctx, s.effect, s.ciLower, s.ciUpper),
    w: formatWeight(ctx, s.weight),
    wCommon: formatWeight(ctx, s.weightCommon),
    ...armCells(ctx, digits, s),
  };
  for (const c of ctx.options.columns ?? []) {
    const v = s.columns?.[c.key];
    cells[`col:${c.key}`] = v == null ? '' : typeof v === 'number' ? formatNumber(v, digits.get(`col:${c.key}`) ?? 0) : v;
  }
  return cells;
}

function pooledCells(ctx: ForestContext, p: ForestPooled, weightTotal: string | null): Record<string, string> {
  const cells: Record<string, string> = { ci: intervalText(ctx, p.estimate, p.ciLower, p.ciUpper) };
  if (weightTotal !== null) cells[p.model === 'common' && ctx.bothWeights ? 'wCommon' : 'w'] = weightTotal;
  return cells;
}

/** The participants of each arm on the block's first pooled row, and RevMan's "Total events" row after its pooled rows. */
function withArmTotals(ctx: ForestContext, rows: Row[], studies: readonly ForestStudy[]): Row[] {
  const totals = armTotals(ctx, studies);
  const first = rows.findIndex((r) => r.kind === 'pooled');
  if (!totals || first < 0) return rows;
  const out = rows.map((r, i) => (i === first ? { ...r, cells: { ...r.cells, ...totals.participants } } : r));
  if (totals.events) out.push({ kind: 'events', label: 'Total events', cells: totals.events, bold: false });
  return out;
}

function predictionCells(ctx: ForestContext, p: ForestPooled): Record<string, string> {
  const lo = formatEffect(ctx, p.piLower!);
  const hi = formatEffect(ctx, p.piUpper!);
  return { ci: ctx.preset === 'jama' ? `(${lo}-${hi})` : ctx.preset === 'bmj' ? `(${lo} to ${hi})` : `[${lo}, ${hi}]` };
}

function studyRows(ctx: ForestContext, studies: readonly ForestStudy[]): Row[] {
  const label = (s: ForestStudy) => (ctx.variant === 'cumulative' ? `+ ${s.study}` : ctx.variant === 'leave-one-out' ? `\u2212 ${s.study}` : s.study);
  const digits = columnDigits(ctx);
  return sortStudies(studies, ctx.options).map((s) => ({ kind: 'study', study: s, label: label(s), cells: studyCells(ctx, digits, s), bold: false }));
}

function pooledRows(ctx: ForestContext, pooled: readonly ForestPooled[], weightTotal: (p: ForestPooled) => string | null): Row[] {
  return pooled.flatMap((p): Row[] => [
    { kind: 'pooled', pooled: p, label: p.label, cells: pooledCells(ctx, p, weightTotal(p)), bold: true },
    ...(hasPredictionInterval(p) ? [{ kind: 'pi', pooled: p, label: 'Prediction interval', cells: predictionCells(ctx, p), bold: false } as const] : []),
  ]);
}

/** The note of a one-study subgroup, in place of its heterogeneity line. */
export const ONE_STUDY_NOTE = 'One study: no heterogeneity to estimate';

/** A subgroup: its header, studies, subtotal(s) with the summed weights, heterogeneity note and a spacer. */
function subgroupRows(ctx: ForestContext, g: ForestSubgroup): Row[] {
  const members = ctx.input.studies.filter((s) => s.group === g.group);
  const sum = (key: 'weight' | 'weightCommon') => {
    const ws = members.map((s) => s[key]);
    return ws.length > 0 && ws.every((w) => w != null && Number.isFinite(w))
      ? formatWeight(
          ctx,
          ws.reduce<number>((a, w) => a + (w ?? 0), 0),
        )
      : null;
  };
  // One study has no heterogeneity to estimate (τ² = 0, Q = 0 on 0 df): a note says so instead.
  const het = members.length === 1 && g.heterogeneity ? ONE_STUDY_NOTE : heterogeneityText(g.heterogeneity, ctx.preset, true);
  const test = overallTestText(g.overallTest, ctx.preset);
  const pooled = pooledRows(ctx, g.pooled, (p) => (ctx.showWeights ? sum(p.model === 'common' && ctx.bothWeights ? 'weightCommon' : 'weight') : null));
  return [
    { kind: 'header', label: g.group, cells: {}, bold: true },
    ...studyRows(ctx, members),
    ...withArmTotals(ctx, pooled, members),
    ...[het, test].filter((t) => t !== '').map((label): Row => ({ kind: 'note', label, cells: {}, bold: false })),
    SPACER,
  ];
}

/** Every row of the table, top to bottom; the overall model(s) come last. */
export function forestRows(ctx: ForestContext): Row[] {
  const { input, subgroups } = ctx;
  const rows: Row[] = [];
  if (subgroups.length > 0) {
    const known = new Set(subgroups.map((g) => g.group));
    for (const g of subgroups) rows.push(...subgroupRows(ctx, g));
    const rest = input.studies.filter((s) => s.group == null || !known.has(s.group));
    if (rest.length > 0) rows.push({ kind: 'header', label: 'Other', cells: {}, bold: true }, ...studyRows(ctx, rest), SPACER);
  } else {
    rows.push(...studyRows(ctx, input.studies));
    if (input.pooled.length > 0) rows.push(SPACER);
  }
  // Synthetic data: the overall diamond's row repeats the title's label, so that a crop of the
  // bottom of a tall plot (the pooled estimate and what is under it) keeps it.
  const overall = input.synthetic ? input.pooled.map((p) => ({ ...p, label: `${p.label} (SYNTHETIC)` })) : input.pooled;
  rows.push(
    ...withArmTotals(
      ctx,
      pooledRows(ctx, overall, () => (ctx.showWeights ? formatWeight(ctx, 100) : null)),
      input.studies,
    ),
  );
  return rows;
}

/** Studies in the order `sortBy` asks (stable: ties keep the input order). */
export function sortStudies(studies: readonly ForestStudy[], options: ForestPlotOptions): ForestStudy[] {
  const by = options.sortBy ?? 'input';
  const indexed = studies.map((s, i) => ({ s, i }));
  const key = (s: ForestStudy): number | string => {
    if (typeof by === 'object') {
      const v = s.columns?.[by.column];
      return v == null ? '' : v;
    }
    switch (by) {
      case 'effect':
        return s.effect;
      case 'weight':
        return -(s.weight ?? 0);
      case 'precision':
        return s.ciUpper - s.ciLower;
      case 'label':
        return s.study;
      default:
        return 0;
    }
  };
  indexed.sort((a, b) => {
    const ka = key(a.s);
    const kb = key(b.s);
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka) < String(kb) ? -1 : String(ka) > String(kb) ? 1 : 0;
    return (options.descending ? -c : c) || a.i - b.i;
  });
  return indexed.map((x) => x.s);
}
