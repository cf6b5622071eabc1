// The per-arm columns of a forest plot, as RevMan 5 prints them: events and totals of each arm for
// 2x2 data, mean, SD and total for continuous data; the participants of each arm summed on the
// subtotal and total rows, and RevMan's "Total events" row under them. One number of decimals per
// column: the most any of its values needs (at most 3).
import { formatNumber } from './format.js';
import type { Column, ForestContext } from './forestContext.js';
import type { ForestArms, ForestStudy } from './types.js';

type ArmField = 'events' | 'mean' | 'sd' | 'total';
const FIELDS: Readonly<Record<'events' | 'means', readonly ArmField[]>> = { events: ['events', 'total'], means: ['mean', 'sd', 'total'] };
const HEADERS: Readonly<Record<ArmField, string>> = { events: 'Events', mean: 'Mean', sd: 'SD', total: 'Total' };

function armValue(arms: ForestArms, arm: 0 | 1, field: ArmField): number | undefined {
  const a = (arm === 0 ? arms.treatment : arms.control) as unknown as Record<string, number>;
  return a[field];
}

/**
 * Decimals a number needs (0 to `max`), so a column can print every value with the same count.
 * @example decimalsOf(27.5) // 1
 */
export function decimalsOf(v: number, max = 3): number {
  for (let d = 0; d < max; d++) if (Math.abs(Number(v.toFixed(d)) - v) <= 1e-9 * Math.max(1, Math.abs(v))) return d;
  return max;
}

/** The arm columns in order: for each arm its fields, the arm's name over the first. */
export function armColumns(ctx: ForestContext): Column[] {
  if (!ctx.arms) return [];
  const names = ctx.options.armLabels ?? (ctx.preset === 'revman5' ? ['Experimental', 'Control'] : ['Treatment', 'Control']);
  const fields = FIELDS[ctx.arms];
  return ([0, 1] as const).flatMap((arm) =>
    fields.map((f, j) => ({ id: armId(arm, f), header: [HEADERS[f]], span: names[arm]!, side: 'left' as const, ...(j > 0 ? { gap: 8 } : {}) })),
  );
}

function armId(arm: 0 | 1, field: ArmField): string {
  return `arm:${arm}:${field}`;
}

/** Decimals of each arm column over the studies. */
export function armDigits(ctx: ForestContext): Map<string, number> {
  const digits = new Map<string, number>();
  if (!ctx.arms) return digits;
  for (const arm of [0, 1] as const) {
    for (const f of FIELDS[ctx.arms]) {
      const values = ctx.input.studies.map((s) => armValue(s.arms!, arm, f)).filter((v): v is number => v !== undefined && Number.isFinite(v));
      digits.set(armId(arm, f), Math.max(0, ...values.map((v) => decimalsOf(v))));
    }
  }
  return digits;
}

/** The arm cells of one study row. */
export function armCells(ctx: ForestContext, digits: ReadonlyMap<string, number>, s: ForestStudy): Record<string, string> {
  const cells: Record<string, string> = {};
  if (!ctx.arms || !s.arms) return cells;
  for (const arm of [0, 1] as const) {
    for (const f of FIELDS[ctx.arms]) cells[armId(arm, f)] = formatNumber(armValue(s.arms, arm, f), digits.get(armId(arm, f)) ?? 0);
  }
  return cells;
}

/**
 * The totals of a block of studies: participants of each arm (for the pooled row) and, for 2x2
 * data, the events of each arm (for RevMan's "Total events" row); null when there are no arm columns.
 */
export function armTotals(
  ctx: ForestContext,
  studies: readonly ForestStudy[],
): { participants: Record<string, string>; events: Record<string, string> | null } | null {
  if (!ctx.arms || studies.length === 0) return null;
  const sum = (arm: 0 | 1, f: ArmField) =>
    formatNumber(
      studies.reduce((a, s) => a + (armValue(s.arms!, arm, f) ?? 0), 0),
      0,
    );
  const participants = { [armId(0, 'total')]: sum(0, 'total'), [armId(1, 'total')]: sum(1, 'total') };
  const events = ctx.arms === 'events' ? { [armId(0, 'events')]: sum(0, 'events'), [armId(1, 'events')]: sum(1, 'events') } : null;
  return { participants, events };
}
