// The forest plot as one Vega-Lite layered view. Every row, column and text position is computed
// here in pixels from Arimo's font metrics (./textMetrics.ts), so the layout never depends on the
// renderer's text measurement: labels cannot collide with the plot, numbers right-align under
// centred headers, and the same input always gives the same JSON. Only the effect axis is a real
// scale (log for ratio measures), so tooltips and the axis stay live in a browser.
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../core/errors.js';
import { isRatioMeasure } from '../effects/types.js';
import {
  displayDigits,
  formatInterval,
  formatLevel,
  formatNumber,
  formatPValue,
  isForestPreset,
  linearTicks,
  logBounds,
  logTicks,
  MEASURE_NAMES,
  nullValue,
  presetWords,
  toDisplay,
  wrapText,
  type ForestPreset,
} from './format.js';
import { baseConfig, finish, INK, MUTED, px, SYNTHETIC_COLOUR, SYNTHETIC_FOOTER, titleBlock, VEGA_LITE_SCHEMA, type Json } from './spec.js';
import { textWidth, truncateText, type TextWeight } from './textMetrics.js';
import type {
  ForestHeterogeneity,
  ForestPlotInput,
  ForestPlotOptions,
  ForestPooled,
  ForestStudy,
} from './types.js';

interface Style {
  readonly fontSize: number;
  readonly small: number;
  readonly rowHeight: number;
  readonly square: string;
  readonly whisker: string;
  readonly diamond: string;
  readonly diamondCommon: string;
  readonly prediction: string;
  readonly labelHeader: string;
  readonly totalLabel: string;
  /** Numeric columns left of the plot (RevMan) or right of it (metafor, JAMA, BMJ). */
  readonly columnsLeft: boolean;
  readonly weightSuffix: string;
}

const STYLES: Readonly<Record<ForestPreset, Style>> = {
  default: {
    fontSize: 11, small: 10, rowHeight: 19, square: '#2f4f7f', whisker: INK, diamond: INK, diamondCommon: '#9aa0a6',
    prediction: '#b3261e', labelHeader: 'Study', totalLabel: 'Overall', columnsLeft: false, weightSuffix: '',
  },
  revman5: {
    fontSize: 11, small: 10, rowHeight: 17, square: '#1d4ed8', whisker: INK, diamond: INK, diamondCommon: '#6b7280',
    prediction: INK, labelHeader: 'Study or Subgroup', totalLabel: 'Total', columnsLeft: true, weightSuffix: '%',
  },
  jama: {
    fontSize: 11, small: 10, rowHeight: 19, square: '#1f5f99', whisker: INK, diamond: '#b8572b', diamondCommon: '#e0a37f',
    prediction: '#b8572b', labelHeader: 'Source', totalLabel: 'Overall', columnsLeft: false, weightSuffix: '',
  },
  bmj: {
    fontSize: 11, small: 10, rowHeight: 19, square: INK, whisker: INK, diamond: INK, diamondCommon: '#9aa0a6',
    prediction: INK, labelHeader: 'Study', totalLabel: 'Overall', columnsLeft: false, weightSuffix: '',
  },
};

const GAP = 16;
const SORTS = ['input', 'effect', 'weight', 'label', 'precision'];

type RowKind = 'study' | 'header' | 'pooled' | 'pi' | 'note' | 'spacer';
interface Row {
  readonly kind: RowKind;
  readonly study?: ForestStudy;
  readonly pooled?: ForestPooled;
  readonly label: string;
  /** Cells of the text columns, by column id. */
  readonly cells: Readonly<Record<string, string>>;
  readonly bold: boolean;
}

interface Column {
  readonly id: string;
  readonly header: readonly string[];
  readonly side: 'left' | 'right';
}

/**
 * A forest plot: study labels, squares sized by weight with confidence-interval whiskers (arrows where
 * an interval leaves the axis), one diamond per pooled estimate (common and random effects together
 * if both are given), the prediction interval, effect [CI] and weight columns on the display scale, a
 * log axis with readable ticks for ratio measures, favours labels, heterogeneity and test lines,
 * subgroups, and presets for RevMan 5, JAMA and BMJ. Modelled on metafor's `forest()` and RevMan 5.
 *
 * @example
 * forestPlotSpec({ measure: 'RR', studies: [{ study: 'Aronson, 1948', effect: -0.889, ciLower: -2.007, ciUpper: 0.229, weight: 5.06 }],
 *   pooled: [{ label: 'Random-effects model', estimate: -0.715, ciLower: -1.067, ciUpper: -0.362 }] })
 * // a Vega-Lite spec: { $schema: '.../vega-lite/v6.json', layer: [...], ... }
 */
export function forestPlotSpec(input: ForestPlotInput, options: ForestPlotOptions = {}): TopLevelSpec {
  validateForest(input, options);
  const preset: ForestPreset = options.preset ?? 'default';
  const style = STYLES[preset];
  const words = presetWords(preset);
  const measure = input.measure;
  const ratio = isRatioMeasure(measure);
  const level = input.level ?? 95;
  const variant = options.variant ?? 'standard';
  const fs = style.fontSize;
  const rh = style.rowHeight;
  const names = MEASURE_NAMES[measure];
  const ciWords = words.ciLabel(level);
  const hasCommon = input.pooled.some((p) => p.model === 'common');
  const hasRandom = input.pooled.some((p) => p.model !== 'common');
  const methodLabel = input.methodLabel ?? (hasRandom ? 'IV, Random' : 'IV, Fixed');
  const showWeights = (options.showWeights ?? true) && variant === 'standard';
  const bothWeights = showWeights && hasCommon && hasRandom && input.studies.some((s) => s.weightCommon != null);

  // Columns: effect [CI], weight(s), extra columns.
  const ciHeader: string[] =
    preset === 'revman5'
      ? [names.name.replace(/ ratio$/, ' Ratio').replace(/ difference$/, ' Difference'), `${methodLabel}, ${ciWords}`]
      : preset === 'bmj'
        ? [names.name, `(${ciWords})`]
        : preset === 'jama'
          ? [names.short, `(${ciWords})`]
          : [names.short, `[${ciWords}]`];
  if (variant === 'cumulative') ciHeader[0] = `Cumulative ${names.short}`;
  if (variant === 'leave-one-out') ciHeader[0] = `${names.short} without study`;
  const weightHeader = (model: string) =>
    preset === 'jama' ? ['Weight, %', ...(model ? [`(${model})`] : [])] : preset === 'revman5' ? ['Weight', ...(model ? [model] : [])] : ['Weight', model ? `(%, ${model})` : '(%)'];
  const columns: Column[] = [];
  for (const c of options.columns ?? []) {
    columns.push({ id: `col:${c.key}`, header: typeof c.header === 'string' ? [c.header] : [...c.header], side: c.side ?? 'left' });
  }
  const numericSide = style.columnsLeft ? 'left' : 'right';
  const ciColumn: Column = { id: 'ci', header: ciHeader, side: numericSide };
  const weightColumns: Column[] = !showWeights
    ? []
    : bothWeights
      ? [
          { id: 'wCommon', header: weightHeader('common'), side: numericSide },
          { id: 'w', header: weightHeader('random'), side: numericSide },
        ]
      : [{ id: 'w', header: weightHeader(''), side: numericSide }];
  // RevMan: Weight before the estimate; metafor/JAMA/BMJ: the estimate first, then the weight.
  if (style.columnsLeft) columns.push(...weightColumns, ciColumn);
  else columns.push(ciColumn, ...weightColumns);

  // Journals print two decimals; the metafor-like default adds one below 0.1 so small ratios stay distinct.
  const fmtEffect = (v: number) => formatNumber(toDisplay(measure, v), preset === 'default' ? displayDigits(measure, toDisplay(measure, v)) : 2);
  const ciText = (est: number, lo: number, hi: number) => formatInterval(preset, fmtEffect(est), fmtEffect(lo), fmtEffect(hi));
  const fmtWeight = (w: number | null | undefined) => (w == null || !Number.isFinite(w) ? '' : `${formatNumber(w, 1)}${style.weightSuffix}`);

  const studyCells = (s: ForestStudy): Record<string, string> => {
    const cells: Record<string, string> = { ci: ciText(s.effect, s.ciLower, s.ciUpper), w: fmtWeight(s.weight), wCommon: fmtWeight(s.weightCommon) };
    for (const c of options.columns ?? []) {
      const v = s.columns?.[c.key];
      cells[`col:${c.key}`] = v == null ? '' : typeof v === 'number' ? String(v) : v;
    }
    return cells;
  };
  const pooledCells = (p: ForestPooled, weightTotal: string | null): Record<string, string> => {
    const cells: Record<string, string> = { ci: ciText(p.estimate, p.ciLower, p.ciUpper) };
    if (weightTotal !== null) cells[p.model === 'common' && bothWeights ? 'wCommon' : 'w'] = weightTotal;
    return cells;
  };
  const piCells = (p: ForestPooled): Record<string, string> => ({
    ci: preset === 'jama' ? `(${fmtEffect(p.piLower!)}-${fmtEffect(p.piUpper!)})` : preset === 'bmj' ? `(${fmtEffect(p.piLower!)} to ${fmtEffect(p.piUpper!)})` : `[${fmtEffect(p.piLower!)}, ${fmtEffect(p.piUpper!)}]`,
  });
  const hasPi = (p: ForestPooled) => p.piLower != null && p.piUpper != null && Number.isFinite(p.piLower) && Number.isFinite(p.piUpper);

  // Rows.
  const sorted = (studies: readonly ForestStudy[]) => sortStudies(studies, options);
  const rows: Row[] = [];
  const studyLabel = (s: ForestStudy) => (variant === 'cumulative' ? `+ ${s.study}` : variant === 'leave-one-out' ? `\u2212 ${s.study}` : s.study);
  const pushStudies = (studies: readonly ForestStudy[]) => {
    for (const s of sorted(studies)) rows.push({ kind: 'study', study: s, label: studyLabel(s), cells: studyCells(s), bold: false });
  };
  const pushPooled = (pooled: readonly ForestPooled[], weightTotal: (p: ForestPooled) => string | null) => {
    for (const p of pooled) {
      rows.push({ kind: 'pooled', pooled: p, label: p.label, cells: pooledCells(p, weightTotal(p)), bold: true });
      if (hasPi(p)) rows.push({ kind: 'pi', pooled: p, label: 'Prediction interval', cells: piCells(p), bold: false });
    }
  };
  const footer: string[] = [];
  const subgroups = input.subgroups ?? [];
  if (subgroups.length > 0) {
    const known = new Set(subgroups.map((g) => g.group));
    for (const g of subgroups) {
      const members = input.studies.filter((s) => s.group === g.group);
      rows.push({ kind: 'header', label: g.group, cells: {}, bold: true });
      pushStudies(members);
      const sum = (key: 'weight' | 'weightCommon') => {
        const ws = members.map((s) => s[key]);
        return ws.length > 0 && ws.every((w) => w != null && Number.isFinite(w)) ? fmtWeight(ws.reduce<number>((a, w) => a + (w ?? 0), 0)) : null;
      };
      pushPooled(
        g.pooled.map((p) => ({ ...p, label: p.label })),
        (p) => (showWeights ? sum(p.model === 'common' && bothWeights ? 'weightCommon' : 'weight') : null),
      );
      const het = heterogeneityText(g.heterogeneity, preset, true);
      if (het !== '') rows.push({ kind: 'note', label: het, cells: {}, bold: false });
      rows.push({ kind: 'spacer', label: '', cells: {}, bold: false });
    }
    const rest = input.studies.filter((s) => s.group == null || !known.has(s.group));
    if (rest.length > 0) {
      rows.push({ kind: 'header', label: 'Other', cells: {}, bold: true });
      pushStudies(rest);
      rows.push({ kind: 'spacer', label: '', cells: {}, bold: false });
    }
  } else {
    pushStudies(input.studies);
    if (input.pooled.length > 0) rows.push({ kind: 'spacer', label: '', cells: {}, bold: false });
  }
  // Synthetic data: the overall diamond's row and the first footer line repeat the title's label,
  // so that a crop of the bottom of a tall plot (the pooled estimate and what is under it) keeps it.
  const overall = input.synthetic ? input.pooled.map((p) => ({ ...p, label: `${p.label} (SYNTHETIC)` })) : input.pooled;
  pushPooled(overall, () => (showWeights ? fmtWeight(100) : null));
  if (input.synthetic) footer.push(SYNTHETIC_FOOTER);

  const het = heterogeneityText(input.heterogeneity, preset, false);
  if (het !== '') footer.push(het);
  const test = overallTestText(input.overallTest, preset);
  if (test !== '') footer.push(test);
  if (input.subgroupTest) {
    const t = input.subgroupTest;
    const df = t.df == null ? '' : `, df = ${t.df}`;
    footer.push(`Test for subgroup differences: ${words.q} = ${formatNumber(t.q, 2)}${df} (${formatPValue(t.pValue, preset)})`);
  }

  // Horizontal layout: label | left columns | plot | right columns.
  const maxLabel = options.maxLabelWidth ?? 200;
  const labelText = rows.map((r) => {
    const weight: TextWeight = r.bold ? 'bold' : 'regular';
    const size = r.kind === 'note' ? style.small : fs;
    // Labels of studies are shortened; pooled labels and notes are ours and always shown whole.
    const text = r.kind === 'study' || r.kind === 'header' ? truncateText(r.label, maxLabel, size, weight) : r.label;
    return { text, width: textWidth(text, size, weight) };
  });
  const labelHeader = options.labelHeader ?? style.labelHeader;
  const labelIndent = subgroups.length > 0 ? 8 : 0;
  const labelWidth = Math.max(
    textWidth(labelHeader, fs, 'bold'),
    ...labelText.map((t, i) => t.width + (rows[i]!.kind === 'study' || rows[i]!.kind === 'note' ? labelIndent : 0)),
  );
  const colLayout = new Map<string, { center: number; right: number; width: number }>();
  const measureColumn = (c: Column) => {
    const headerW = Math.max(...c.header.map((h) => textWidth(h, fs, 'bold')));
    const valuesW = Math.max(0, ...rows.map((r) => textWidth(r.cells[c.id] ?? '', fs, r.bold ? 'bold' : 'regular')));
    return { headerW, valuesW, width: Math.max(headerW, valuesW) };
  };
  let x = labelWidth;
  for (const c of columns.filter((c) => c.side === 'left')) {
    const m = measureColumn(c);
    const left = x + GAP;
    const center = left + m.width / 2;
    colLayout.set(c.id, { center, right: center + m.valuesW / 2, width: m.width });
    x = left + m.width;
  }
  const plotLeft = x + GAP + 4;
  const plotWidth = options.plotWidth ?? 280;
  const plotRight = plotLeft + plotWidth;
  x = plotRight + 4;
  for (const c of columns.filter((c) => c.side === 'right')) {
    const m = measureColumn(c);
    const left = x + GAP;
    const center = left + m.width / 2;
    colLayout.set(c.id, { center, right: center + m.valuesW / 2, width: m.width });
    x = left + m.width;
  }
  const totalWidth = x;

  // Effect axis on the display scale.
  const intervals: number[] = [];
  for (const s of input.studies) intervals.push(s.ciLower, s.ciUpper);
  const allPooled = [...input.pooled, ...subgroups.flatMap((g) => g.pooled)];
  for (const p of allPooled) {
    intervals.push(p.ciLower, p.ciUpper);
    if (hasPi(p)) intervals.push(p.piLower!, p.piUpper!);
  }
  const finite = intervals.filter(Number.isFinite).map((v) => toDisplay(measure, v));
  const nv = nullValue(measure);
  let domain: [number, number];
  let ticks: number[];
  if (options.xDomain) {
    domain = [options.xDomain[0], options.xDomain[1]];
    ticks = ratio ? logTicks(domain[0], domain[1]) : linearTicks(domain[0], domain[1]).ticks.filter((t) => t >= domain[0] && t <= domain[1]);
  } else if (ratio) {
    // Cover every interval, but never beyond 0.01–100: wider intervals get arrows.
    const lo = Math.max(0.01, Math.min(nv, ...finite));
    const hi = Math.min(100, Math.max(nv, ...finite));
    domain = logBounds(lo, hi);
    ticks = logTicks(domain[0], domain[1]);
  } else {
    const t = linearTicks(Math.min(nv, ...finite), Math.max(nv, ...finite));
    domain = t.domain;
    ticks = t.ticks;
  }
  const clip = (v: number) => Math.min(domain[1], Math.max(domain[0], v));
  const xScale: Json = {
    type: ratio ? 'log' : 'linear',
    domain,
    range: [px(plotLeft), px(plotRight)],
    nice: false,
    ...(ratio ? {} : { zero: false }),
  };

  // Vertical layout.
  const headerLines = Math.max(1, ...columns.map((c) => c.header.length), preset === 'revman5' ? 2 : 1);
  const headerLineHeight = fs + 3;
  const headerBottom = headerLines * headerLineHeight + 6;
  const firstRowY = headerBottom + rh / 2 + 2;
  const rowY = rows.map((r, i) => firstRowY + i * rh - (r.kind === 'spacer' ? 0 : 0));
  const lastRowY = rowY[rowY.length - 1] ?? firstRowY;
  const axisY = lastRowY + rh * 0.9;
  const headerY = (line: number, count: number) => headerBottom - 6 - (count - 1 - line) * headerLineHeight - headerLineHeight / 2 + 2;

  // Data.
  const display = (v: number) => toDisplay(measure, v);
  const maxWeight = Math.max(0, ...input.studies.map((s) => (s.weight != null && Number.isFinite(s.weight) ? s.weight : 0)));
  const maxSide = rh * 0.78;
  const studyMarks: Json[] = [];
  const whiskers: Json[] = [];
  const arrows: Json[] = [];
  const tooltipCi = `${names.short} [${ciWords}]`;
  rows.forEach((r, i) => {
    if (r.kind !== 'study' || !r.study) return;
    const s = r.study;
    const y = px(rowY[i]!);
    const lo = display(s.ciLower);
    const hi = display(s.ciUpper);
    const est = display(s.effect);
    const w = s.weight != null && Number.isFinite(s.weight) ? s.weight : null;
    const side = variant !== 'standard' ? 7 : w === null || maxWeight === 0 ? 5 : Math.max(3, maxSide * Math.sqrt(w / maxWeight));
    const tip = { study: s.study, estimate: r.cells.ci ?? '', weight: w === null ? '' : `${formatNumber(w, 1)}%` };
    whiskers.push({ lo: clip(lo), hi: clip(hi), y, ...tip });
    if (lo < domain[0]) arrows.push({ x: domain[0], y, shape: 'triangle-left' });
    if (hi > domain[1]) arrows.push({ x: domain[1], y, shape: 'triangle-right' });
    if (est >= domain[0] && est <= domain[1]) studyMarks.push({ est, y, size: px(side * side), ...tip });
  });
  const diamonds: Json[] = [];
  const predictions: Json[] = [];
  rows.forEach((r, i) => {
    const p = r.pooled;
    if (!p) return;
    const y = rowY[i]!;
    const colour = p.model === 'common' ? style.diamondCommon : style.diamond;
    if (r.kind === 'pooled') {
      const h = rh * 0.36;
      const tip = { label: p.label, estimate: r.cells.ci ?? '' };
      const id = `d${i}`;
      diamonds.push(
        { id, x: clip(display(p.ciLower)), y: px(y), y2: px(y), fill: colour, ...tip },
        { id, x: clip(display(p.estimate)), y: px(y - h), y2: px(y + h), fill: colour, ...tip },
        { id, x: clip(display(p.ciUpper)), y: px(y), y2: px(y), fill: colour, ...tip },
      );
    } else if (r.kind === 'pi') {
      predictions.push({ lo: clip(display(p.piLower!)), hi: clip(display(p.piUpper!)), y: px(y), y1: px(y - 4), y2: px(y + 4), label: `${formatLevel(level)}% prediction interval`, estimate: r.cells.ci ?? '', colour: style.prediction });
    }
  });

  // Layers.
  const yEnc = (field = 'y'): Json => ({ field, type: 'quantitative', scale: null, axis: null });
  const xEnc = (field: string, withAxis = false): Json => ({
    field,
    type: 'quantitative',
    scale: xScale,
    ...(withAxis
      ? {
          axis: {
            values: ticks,
            format: '~g',
            title: null,
            grid: false,
            labelFlush: false,
            labelOverlap: false,
            tickSize: 4,
            labelPadding: 3,
            domainWidth: 1,
            tickWidth: 1,
            labelFontSize: fs - 1,
          },
        }
      : { title: null }),
  });
  const layers: Json[] = [];
  // The null line (and the axis) first, so that the data draw over it.
  const topY = firstRowY - rh / 2;
  layers.push({
    data: { values: [{ x: nv, y: px(topY), y2: px(axisY) }] },
    mark: { type: 'rule', color: '#7a7a7a', strokeWidth: 0.8 },
    encoding: { x: xEnc('x', true), y: yEnc(), y2: { field: 'y2' } },
  });
  if (predictions.length > 0) {
    layers.push({
      data: { values: predictions },
      mark: { type: 'rule', strokeWidth: 1.6 },
      encoding: { x: xEnc('lo'), x2: { field: 'hi' }, y: yEnc(), color: { field: 'colour', type: 'nominal', scale: null }, tooltip: [{ field: 'label', title: 'Interval' }, { field: 'estimate', title: 'Limits' }] },
    });
    for (const end of ['lo', 'hi']) {
      layers.push({
        data: { values: predictions },
        mark: { type: 'rule', strokeWidth: 1.6 },
        encoding: { x: xEnc(end), y: yEnc('y1'), y2: { field: 'y2' }, color: { field: 'colour', type: 'nominal', scale: null } },
      });
    }
  }
  const studyTooltip: Json = [
    { field: 'study', title: 'Study' },
    { field: 'estimate', title: tooltipCi },
    ...(showWeights ? [{ field: 'weight', title: 'Weight' }] : []),
  ];
  if (whiskers.length > 0) {
    layers.push({
      data: { values: whiskers },
      mark: { type: 'rule', color: style.whisker, strokeWidth: 1 },
      encoding: { x: xEnc('lo'), x2: { field: 'hi' }, y: yEnc(), tooltip: studyTooltip },
    });
  }
  if (arrows.length > 0) {
    layers.push({
      data: { values: arrows },
      mark: { type: 'point', filled: true, color: style.whisker, size: 36, opacity: 1 },
      encoding: { x: xEnc('x'), y: yEnc(), shape: { field: 'shape', type: 'nominal', scale: null } },
    });
  }
  if (studyMarks.length > 0) {
    layers.push({
      data: { values: studyMarks },
      mark: { type: 'point', shape: 'square', filled: true, color: style.square, opacity: 1, strokeWidth: 0 },
      encoding: { x: xEnc('est'), y: yEnc(), size: { field: 'size', type: 'quantitative', scale: null }, tooltip: studyTooltip },
    });
  }
  if (diamonds.length > 0) {
    layers.push({
      data: { values: diamonds },
      mark: { type: 'area', orient: 'vertical', interpolate: 'linear', stroke: INK, strokeWidth: 0.6, opacity: 1 },
      encoding: {
        x: xEnc('x'),
        y: { ...(yEnc() as object), stack: null },
        y2: { field: 'y2' },
        detail: { field: 'id', type: 'nominal' },
        fill: { field: 'fill', type: 'nominal', scale: null },
        tooltip: [{ field: 'label', title: 'Model' }, { field: 'estimate', title: tooltipCi }],
      },
    });
  }

  // A hairline under the column headers, across the whole table.
  layers.push({
    data: { values: [{ y: px(headerBottom - 1) }] },
    mark: { type: 'rule', color: '#b0b0b0', strokeWidth: 0.8 },
    encoding: { x: { value: 0 }, x2: { value: px(totalWidth) }, y: yEnc() },
  });

  // Text: headers, labels, cells, favours labels, footer.
  const texts = new Map<string, { x: number; align: string; weight: string; style: string; size: number; colour: string; values: Json[] }>();
  const addText = (x: number, y: number, text: string, o: { align?: string; bold?: boolean; italic?: boolean; size?: number; colour?: string } = {}) => {
    if (text === '') return;
    const align = o.align ?? 'left';
    const weight = o.bold ? 'bold' : 'normal';
    const fstyle = o.italic ? 'italic' : 'normal';
    const size = o.size ?? fs;
    const colour = o.colour ?? INK;
    const key = [px(x), align, weight, fstyle, size, colour].join('|');
    let group = texts.get(key);
    if (!group) {
      group = { x: px(x), align, weight, style: fstyle, size, colour, values: [] };
      texts.set(key, group);
    }
    group.values.push({ y: px(y), text });
  };
  // Headers.
  addText(0, headerY(headerLines - 1, headerLines), labelHeader, { bold: true });
  for (const c of columns) {
    const l = colLayout.get(c.id)!;
    c.header.forEach((h, line) => addText(l.center, headerY(line, c.header.length), h, { align: 'center', bold: true }));
  }
  if (preset === 'revman5') {
    const plotHeader = [ciHeader[0]!, ciHeader[1]!];
    plotHeader.forEach((h, line) => addText((plotLeft + plotRight) / 2, headerY(line, 2), h, { align: 'center', bold: true }));
  }
  // Row labels and cells.
  rows.forEach((r, i) => {
    const y = rowY[i]!;
    const lt = labelText[i]!.text;
    if (r.kind === 'note') addText(labelIndent, y, lt, { size: style.small, colour: MUTED });
    else if (r.kind === 'pi') addText(labelIndent, y, lt, { italic: true, colour: INK });
    else if (r.kind === 'study') addText(labelIndent, y, lt);
    else addText(0, y, lt, { bold: r.bold });
    for (const c of columns) {
      const cell = r.cells[c.id];
      if (cell === undefined || cell === '') continue;
      addText(colLayout.get(c.id)!.right, y, cell, { align: 'right', bold: r.bold, italic: r.kind === 'pi' });
    }
  });
  // Favours labels under the axis, pointing away from the null line.
  const favours = options.favours === false ? null : (options.favours ?? { left: 'treatment', right: 'control' });
  const nullX = scalePosition(nv, domain, plotLeft, plotRight, ratio);
  const favoursY = axisY + fs + 20;
  if (favours && variant === 'standard') {
    const fav = (s: string) => (/^favou?rs\b/i.test(s) ? s : `${words.favours} ${s}`);
    addText(nullX - 6, favoursY, `\u2190 ${fav(favours.left)}`, { align: 'right', size: style.small });
    addText(nullX + 6, favoursY, `${fav(favours.right)} \u2192`, { align: 'left', size: style.small });
  }
  const axisTitle = `${names.name}${ratio ? ' (log scale)' : ''}`;
  if (preset !== 'revman5') addText((plotLeft + plotRight) / 2, favoursY + fs + 5, axisTitle, { align: 'center', size: style.small, colour: MUTED });
  let footY = favoursY + 2 * (fs + 6);
  for (const line of footer) {
    addText(0, footY, line, line === SYNTHETIC_FOOTER ? { size: style.small, bold: true, colour: SYNTHETIC_COLOUR } : { size: style.small });
    footY += style.small + 5;
  }
  if (options.caption) {
    footY += 4;
    for (const line of wrapText(options.caption, totalWidth, (s) => textWidth(s, style.small, 'regular'))) {
      addText(0, footY, line, { size: style.small, italic: true, colour: MUTED });
      footY += style.small + 4;
    }
  }
  for (const g of texts.values()) {
    layers.push({
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
      encoding: { x: { value: g.x }, y: yEnc(), text: { field: 'text', type: 'nominal' } },
    });
  }

  return finish({
    $schema: VEGA_LITE_SCHEMA,
    description: `Forest plot of ${input.studies.length} studies (${names.name})`,
    title: titleBlock({ title: options.title, subtitle: options.subtitle, synthetic: input.synthetic }, fs),
    width: px(totalWidth),
    height: px(axisY),
    autosize: { type: 'pad' },
    padding: 16,
    config: baseConfig(fs),
    layer: layers,
  });
}

/** Pixel position of `v` on the effect axis (the same mapping Vega applies to the x scale). */
function scalePosition(v: number, domain: readonly [number, number], left: number, right: number, log: boolean): number {
  const f = (t: number) => (log ? Math.log(t) : t);
  return left + ((f(v) - f(domain[0])) / (f(domain[1]) - f(domain[0]))) * (right - left);
}

function sortStudies(studies: readonly ForestStudy[], options: ForestPlotOptions): ForestStudy[] {
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

/** The heterogeneity line in the preset's wording; `short` for a subgroup's own row. */
export function heterogeneityText(h: ForestHeterogeneity | null | undefined, preset: ForestPreset, short: boolean): string {
  if (!h) return '';
  const w = presetWords(preset);
  const parts: string[] = [];
  const tau2 = h.tau2 != null ? `${w.tau2} = ${formatNumber(h.tau2, h.tau2 !== 0 && h.tau2 < 0.01 ? 4 : 2)}` : '';
  const i2 = h.i2 != null ? `${w.i2} = ${formatNumber(h.i2, preset === 'default' ? 1 : 0)}%` : '';
  const q = h.q != null ? `${w.q} = ${formatNumber(h.q, 2)}${h.df != null ? `, df = ${h.df}` : ''}` : '';
  const p = formatPValue(h.pValue, preset);
  if (preset === 'revman5') {
    if (tau2) parts.push(tau2);
    if (q) parts.push(p ? `${q} (${p})` : q);
    if (i2) parts.push(i2);
    return `Heterogeneity: ${parts.join('; ')}`;
  }
  if (tau2) parts.push(tau2);
  if (i2) parts.push(i2);
  if (q) parts.push(p ? `${q}, ${p}` : q);
  return short ? `Heterogeneity: ${parts.join('; ')}` : `Heterogeneity: ${parts.join('; ')}`;
}

function overallTestText(t: ForestPlotInput['overallTest'], preset: ForestPreset): string {
  if (!t || t.statistic == null) return '';
  const name = t.test === 't' ? `t${t.df != null ? `(${t.df})` : ''}` : preset === 'revman5' ? 'Z' : 'z';
  // RevMan prints |Z|; the others keep the sign.
  const stat = preset === 'revman5' ? Math.abs(t.statistic) : t.statistic;
  return `Test for overall effect: ${name} = ${formatNumber(stat, 2)} (${formatPValue(t.pValue, preset)})`;
}

function validateForest(input: ForestPlotInput, options: ForestPlotOptions): void {
  const bad = (message: string, field: string, received: unknown) =>
    new MetasynthError('invalid_option', `forestPlotSpec: ${message}`, [{ code: 'invalid_value', field, message: `${field}: ${message}`, received }]);
  if (options.preset !== undefined && !isForestPreset(options.preset)) throw bad(`unknown preset ${JSON.stringify(options.preset)}`, 'preset', options.preset);
  if (typeof options.sortBy === 'string' && !SORTS.includes(options.sortBy)) throw bad(`unknown sortBy ${JSON.stringify(options.sortBy)}`, 'sortBy', options.sortBy);
  if (options.xDomain) {
    const [a, b] = options.xDomain;
    if (!(Number.isFinite(a) && Number.isFinite(b) && b > a) || (isRatioMeasure(input.measure) && a <= 0)) {
      throw bad('xDomain must be two increasing finite numbers (positive for ratio measures)', 'xDomain', options.xDomain);
    }
  }
  const issues = input.studies.flatMap((s, i) =>
    [s.effect, s.ciLower, s.ciUpper].every(Number.isFinite)
      ? []
      : [{ code: 'not_a_number', study: s.study, field: 'effect', message: `study ${i + 1} (${JSON.stringify(s.study)}): effect and interval must be finite numbers`, received: [s.effect, s.ciLower, s.ciUpper] }],
  );
  if (issues.length > 0) throw new MetasynthError('invalid_input', 'forestPlotSpec: studies without a finite effect and interval', issues);
}
