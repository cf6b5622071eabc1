// The text of a forest plot as few text layers as possible: column headers, row labels and cells,
// the favours labels and axis title under the axis, the footer lines and the caption. Texts that
// share x, alignment, weight, style, size and colour go into one layer.
import { wrapText } from './format.js';
import { scalePosition, type EffectAxis } from './forestAxis.js';
import type { Column, ForestContext, Row } from './forestContext.js';
import { headerY, type HorizontalLayout, type VerticalLayout } from './forestLayout.js';
import type { Encoders } from './forestMarks.js';
import { INK, MUTED, px, SYNTHETIC_COLOUR, SYNTHETIC_FOOTER, type Json } from './spec.js';
import { robLayers } from './forestRob.js';
import { textWidth } from './textMetrics.js';

interface TextStyle {
  readonly align?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  readonly colour?: string;
}
interface TextGroup {
  readonly x: number;
  readonly align: string;
  readonly weight: string;
  readonly style: string;
  readonly size: number;
  readonly colour: string;
  readonly values: Json[];
}

/** Texts grouped by their shared style, in the order the groups were first used. */
class TextGroups {
  readonly groups = new Map<string, TextGroup>();
  constructor(private readonly fontSize: number) {}
  add(x: number, y: number, text: string, o: TextStyle = {}): void {
    if (text === '') return;
    const align = o.align ?? 'left';
    const weight = o.bold ? 'bold' : 'normal';
    const fstyle = o.italic ? 'italic' : 'normal';
    const size = o.size ?? this.fontSize;
    const colour = o.colour ?? INK;
    const key = [px(x), align, weight, fstyle, size, colour].join('|');
    let group = this.groups.get(key);
    if (!group) {
      group = { x: px(x), align, weight, style: fstyle, size, colour, values: [] };
      this.groups.set(key, group);
    }
    group.values.push({ y: px(y), text });
  }
}

function headerTexts(ctx: ForestContext, t: TextGroups, columns: readonly Column[], ciHeader: readonly string[], h: HorizontalLayout, v: VerticalLayout): void {
  t.add(0, headerY(ctx, v, v.headerLines - 1, v.headerLines), h.labelHeader, { bold: true });
  for (const c of columns) {
    const l = h.columns.get(c.id)!;
    c.header.forEach((text, line) => {
      t.add(l.center, headerY(ctx, v, line, c.header.length), text, { align: 'center', bold: true });
    });
  }
  for (const s of spans(columns, h)) t.add(s.center, headerY(ctx, v, s.line, s.lines), s.text, { align: 'center', bold: true });
  if (ctx.preset === 'revman5') {
    const plotHeader = [ciHeader[0]!, ciHeader[1]!];
    plotHeader.forEach((text, line) => {
      t.add((h.plotLeft + h.plotRight) / 2, headerY(ctx, v, line, 2), text, { align: 'center', bold: true });
    });
  }
}

/** The shared header lines over runs of consecutive columns with the same `span`. */
export function spans(
  columns: readonly Column[],
  h: HorizontalLayout,
): { text: string; center: number; left: number; right: number; line: number; lines: number }[] {
  const out: { text: string; center: number; left: number; right: number; line: number; lines: number }[] = [];
  let i = 0;
  while (i < columns.length) {
    const c = columns[i]!;
    let j = i;
    while (j + 1 < columns.length && c.span !== undefined && columns[j + 1]!.span === c.span && columns[j + 1]!.side === c.side) j++;
    if (c.span !== undefined) {
      const a = h.columns.get(c.id)!;
      const b = h.columns.get(columns[j]!.id)!;
      const left = a.center - a.width / 2;
      const right = b.center + b.width / 2;
      const lines = Math.max(...columns.slice(i, j + 1).map((x) => x.header.length)) + 1;
      out.push({ text: c.span, center: (left + right) / 2, left, right, line: 0, lines });
    }
    i = j + 1;
  }
  return out;
}

function rowTexts(ctx: ForestContext, t: TextGroups, rows: readonly Row[], columns: readonly Column[], h: HorizontalLayout, v: VerticalLayout): void {
  rows.forEach((r, i) => {
    const y = v.rowY[i]!;
    const lt = h.labelText[i]!.text;
    if (r.kind === 'note') t.add(h.labelIndent, y, lt, { size: ctx.style.small, colour: MUTED });
    else if (r.kind === 'pi') t.add(h.labelIndent, y, lt, { italic: true, colour: INK });
    else if (r.kind === 'study') t.add(h.labelIndent, y, lt);
    else t.add(0, y, lt, { bold: r.bold });
    for (const c of columns) {
      const cell = r.cells[c.id];
      if (cell === undefined || cell === '') continue;
      t.add(h.columns.get(c.id)!.right, y, cell, { align: 'right', bold: r.bold, italic: r.kind === 'pi' });
    }
  });
}

/** Favours labels under the axis, pointing away from the null line, and the axis title; returns the y below them. */
function axisTexts(ctx: ForestContext, t: TextGroups, axis: EffectAxis, h: HorizontalLayout, v: VerticalLayout): number {
  const { options, style, ratio } = ctx;
  const fs = style.fontSize;
  // Which side favours which arm depends on the outcome, not on the measure: labels only when given.
  const favours = options.favours ? options.favours : null;
  const nullX = scalePosition(axis.nullValue, axis.domain, h.plotLeft, h.plotRight, ratio);
  // The lines under the tick labels: favours labels (when given), then the axis title; no blank
  // space is kept for a line that is not drawn.
  let y = v.axisY + fs + 20;
  if (favours && ctx.variant === 'standard') {
    const fav = (s: string) => (/^favou?rs\b/i.test(s) ? s : `${ctx.words.favours} ${s}`);
    t.add(nullX - 6, y, `\u2190 ${fav(favours.left)}`, { align: 'right', size: style.small });
    t.add(nullX + 6, y, `${fav(favours.right)} \u2192`, { align: 'left', size: style.small });
    y += fs + 5;
  }
  if (ctx.preset !== 'revman5') {
    t.add((h.plotLeft + h.plotRight) / 2, y, `${ctx.names.name}${ratio ? ' (log scale)' : ''}`, { align: 'center', size: style.small, colour: MUTED });
    y += fs + 5;
  }
  return y + 2;
}

function footerTexts(ctx: ForestContext, t: TextGroups, footer: readonly string[], footY: number, totalWidth: number, last: boolean): number {
  const small = ctx.style.small;
  // Footer lines longer than the figure (a long test name, the risk-of-bias legend) wrap at its width.
  for (const line of footer) {
    const style = line === SYNTHETIC_FOOTER ? { size: small, bold: true, colour: SYNTHETIC_COLOUR } : { size: small };
    for (const part of wrapText(line, totalWidth, (x) => textWidth(x, small, style.bold ? 'bold' : 'regular'))) {
      t.add(0, footY, part, style);
      footY += small + 5;
    }
  }
  if (ctx.options.caption && last) {
    footY += 4;
    for (const line of wrapText(ctx.options.caption, totalWidth, (s) => textWidth(s, small, 'regular'))) {
      t.add(0, footY, line, { size: small, italic: true, colour: MUTED });
      footY += small + 4;
    }
  }
  return footY;
}

/** Every text of the plot, as text layers. */
export function textLayers(
  ctx: ForestContext,
  parts: { rows: readonly Row[]; columns: readonly Column[]; ciHeader: readonly string[]; footer: readonly string[]; last?: boolean },
  axis: EffectAxis,
  h: HorizontalLayout,
  v: VerticalLayout,
  enc: Encoders,
): Json[] {
  const t = new TextGroups(ctx.style.fontSize);
  headerTexts(ctx, t, parts.columns, parts.ciHeader, h, v);
  rowTexts(ctx, t, parts.rows, parts.columns, h, v);
  const footY = axisTexts(ctx, t, axis, h, v);
  const last = parts.last ?? true;
  const bottom = footerTexts(ctx, t, parts.footer, footY, h.totalWidth, last);
  const centres = new Map([...h.columns].map(([id, c]) => [id, c.center]));
  const rob = robLayers(ctx, parts.rows, v.rowY, centres, bottom + 6, last);
  const texts = [...t.groups.values()].map((g) => ({
    data: { values: g.values },
    mark: {
      type: 'text',
      align: g.align,
      baseline: 'middle',
      fontSize: g.size,
      ...(g.weight !== 'normal' ? { fontWeight: g.weight } : {}),
      ...(g.style !== 'normal' ? { fontStyle: g.style } : {}),
      color: g.colour,
    },
    encoding: { x: { value: g.x }, y: enc.y(), text: { field: 'text', type: 'nominal' } },
  }));
  return [...texts, ...rob.layers];
}
