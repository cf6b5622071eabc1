// The text columns of a forest plot: extra columns from the input, the estimate with its interval,
// and the weight column(s), with headers in the preset's wording and on the preset's side.
import { armColumns } from './forestArms.js';
import type { Column, ForestContext } from './forestContext.js';
import { robColumns } from './forestRob.js';

/** Header of the estimate [CI] column, one string per line (RevMan puts it over the plot too). */
export function intervalHeader(ctx: ForestContext): string[] {
  const { names, ciWords } = ctx;
  const header: string[] =
    ctx.preset === 'revman5'
      ? [names.name.replace(/ ratio$/, ' Ratio').replace(/ difference$/, ' Difference'), `${ctx.methodLabel}, ${ciWords}`]
      : ctx.preset === 'bmj'
        ? [names.name, `(${ciWords})`]
        : ctx.preset === 'jama'
          ? [names.short, `(${ciWords})`]
          : [names.short, `[${ciWords}]`];
  if (ctx.variant === 'cumulative') header[0] = `Cumulative ${names.short}`;
  if (ctx.variant === 'leave-one-out') header[0] = `${names.short} without study`;
  return header;
}

function weightHeader(ctx: ForestContext, model: string): string[] {
  if (ctx.preset === 'jama') return ['Weight, %', ...(model ? [`(${model})`] : [])];
  if (ctx.preset === 'revman5') return ['Weight', ...(model ? [model] : [])];
  return model ? ['Weight (%)', model] : ['Weight', '(%)'];
}

function weightColumns(ctx: ForestContext, side: 'left' | 'right'): Column[] {
  if (!ctx.showWeights) return [];
  if (!ctx.bothWeights) return [{ id: 'w', header: weightHeader(ctx, ''), side }];
  return [
    { id: 'wCommon', header: weightHeader(ctx, 'common'), side },
    { id: 'w', header: weightHeader(ctx, 'random'), side },
  ];
}

/**
 * The columns in order: extra columns, the per-arm columns, then (RevMan) weight before the
 * estimate, or the estimate first, then the weight; the risk-of-bias lights last, on the right.
 */
export function forestColumns(ctx: ForestContext, ciHeader: readonly string[]): Column[] {
  const columns: Column[] = [];
  for (const c of ctx.options.columns ?? []) {
    columns.push({ id: `col:${c.key}`, header: typeof c.header === 'string' ? [c.header] : [...c.header], side: c.side ?? 'left' });
  }
  columns.push(...armColumns(ctx));
  const numericSide = ctx.style.columnsLeft ? 'left' : 'right';
  const ciColumn: Column = { id: 'ci', header: ciHeader, side: numericSide };
  const weights = weightColumns(ctx, numericSide);
  if (ctx.style.columnsLeft) columns.push(...weights, ciColumn);
  else columns.push(ciColumn, ...weights);
  columns.push(...robColumns(ctx));
  return columns;
}
