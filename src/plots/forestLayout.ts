// Where everything of a forest plot goes, in pixels from Arimo's metrics: horizontally the label
// column, the left columns, the plot panel and the right columns; vertically the header lines,
// one line per row and the axis.
import { GAP, type Column, type ForestContext, type Row } from './forestContext.js';
import { textWidth, truncateText, type TextWeight } from './textMetrics.js';

export interface ColumnPlace {
  readonly center: number;
  /** Right edge of the values (numbers right-align under a centred header). */
  readonly right: number;
  readonly width: number;
}

export interface HorizontalLayout {
  /** Each row's label as drawn (study labels shortened to maxLabelWidth) and its width. */
  readonly labelText: readonly { readonly text: string; readonly width: number }[];
  readonly labelHeader: string;
  /** Indent of study and note labels under subgroup headers. */
  readonly labelIndent: number;
  readonly columns: ReadonlyMap<string, ColumnPlace>;
  readonly plotLeft: number;
  readonly plotRight: number;
  readonly totalWidth: number;
}

export interface VerticalLayout {
  readonly headerLines: number;
  readonly headerBottom: number;
  readonly firstRowY: number;
  /** Centre line of each row. */
  readonly rowY: readonly number[];
  readonly axisY: number;
}

function rowLabels(ctx: ForestContext, rows: readonly Row[]): { text: string; width: number }[] {
  const maxLabel = ctx.options.maxLabelWidth ?? 200;
  return rows.map((r) => {
    const weight: TextWeight = r.bold ? 'bold' : 'regular';
    const size = r.kind === 'note' ? ctx.style.small : ctx.style.fontSize;
    // Labels of studies are shortened; pooled labels and notes are ours and always shown whole.
    const text = r.kind === 'study' || r.kind === 'header' ? truncateText(r.label, maxLabel, size, weight) : r.label;
    return { text, width: textWidth(text, size, weight) };
  });
}

/** Place the columns of one side left to right from `x`; returns the right edge. */
function placeColumns(ctx: ForestContext, columns: readonly Column[], rows: readonly Row[], x: number, places: Map<string, ColumnPlace>): number {
  const fs = ctx.style.fontSize;
  for (const c of columns) {
    const headerW = Math.max(...c.header.map((h) => textWidth(h, fs, 'bold')));
    const valuesW = Math.max(0, ...rows.map((r) => textWidth(r.cells[c.id] ?? '', fs, r.bold ? 'bold' : 'regular')));
    const width = Math.max(headerW, valuesW, c.minWidth ?? 0);
    const left = x + (c.gap ?? GAP);
    const center = left + width / 2;
    places.set(c.id, { center, right: center + valuesW / 2, width });
    x = left + width;
  }
  return x;
}

/** Label column | left columns | plot panel | right columns. */
export function horizontalLayout(ctx: ForestContext, rows: readonly Row[], columns: readonly Column[]): HorizontalLayout {
  const labelText = rowLabels(ctx, rows);
  const labelHeader = ctx.options.labelHeader ?? ctx.style.labelHeader;
  const labelIndent = ctx.subgroups.length > 0 ? 8 : 0;
  // The grey notes (heterogeneity, tests) run on under the empty cells of their rows: they do not
  // widen the label column, which would shrink the whole figure at page width.
  const labelWidth = Math.max(
    textWidth(labelHeader, ctx.style.fontSize, 'bold'),
    ...labelText.map((t, i) => (rows[i]!.kind === 'note' ? 0 : t.width + (rows[i]!.kind === 'study' || rows[i]!.kind === 'events' ? labelIndent : 0))),
  );
  const places = new Map<string, ColumnPlace>();
  const leftEnd = placeColumns(
    ctx,
    columns.filter((c) => c.side === 'left'),
    rows,
    labelWidth,
    places,
  );
  const right = columns.filter((c) => c.side === 'right');
  const plotLeft = leftEnd + GAP + 4;
  const rightWidth = placeColumns(ctx, right, rows, 0, new Map()) + 4;
  const plotRight = plotLeft + (ctx.options.plotWidth ?? panelWidth(ctx, plotLeft + rightWidth));
  const totalWidth = placeColumns(ctx, right, rows, plotRight + 4, places);
  return { labelText, labelHeader, labelIndent, columns: places, plotLeft, plotRight, totalWidth };
}

/**
 * Figure widths (px, without the 16-px padding on each side) at which 10-px text prints at 7 pt:
 * 7 in (504 pt, a full-width journal figure) for plain tables, 9.7 in (700 pt, landscape A4) for
 * tables with per-arm columns, which RevMan prints landscape.
 */
export const PAGE_WIDTH_PX = { portrait: 688, landscape: 968 } as const;

/** The plot panel's width: 260 px, narrowed down to 180 px to keep the figure within its page width. */
function panelWidth(ctx: ForestContext, tableWidth: number): number {
  const page = ctx.arms ? PAGE_WIDTH_PX.landscape : PAGE_WIDTH_PX.portrait;
  return Math.max(180, Math.min(260, page - tableWidth));
}

/** Header lines (at least two for RevMan), one line per row, the axis under the last row. */
export function verticalLayout(ctx: ForestContext, rows: readonly Row[], columns: readonly Column[]): VerticalLayout {
  const rh = ctx.style.rowHeight;
  const headerLines = Math.max(1, ...columns.map((c) => c.header.length + (c.span !== undefined ? 1 : 0)), ctx.preset === 'revman5' ? 2 : 1);
  const headerBottom = headerLines * (ctx.style.fontSize + 3) + 6;
  const firstRowY = headerBottom + rh / 2 + 2;
  const rowY = rows.map((_, i) => firstRowY + i * rh);
  const lastRowY = rowY[rowY.length - 1] ?? firstRowY;
  return { headerLines, headerBottom, firstRowY, rowY, axisY: lastRowY + rh * 0.9 };
}

/** Centre of header line `line` of a header with `count` lines (bottom-aligned over the hairline). */
export function headerY(ctx: ForestContext, layout: VerticalLayout, line: number, count: number): number {
  const headerLineHeight = ctx.style.fontSize + 3;
  return layout.headerBottom - 6 - (count - 1 - line) * headerLineHeight - headerLineHeight / 2 + 2;
}
