// Risk-of-bias traffic lights beside a forest plot, as the Cochrane RoB 2 tool's figures draw them
// (Sterne et al. 2019, BMJ 366:l4898; McGuinness & Higgins 2021, robvis): one column per domain
// and the overall judgement, a green "+" for low risk, a yellow "−" for some concerns, a red "×"
// for high risk, and the legend naming the domains under the plot.
import type { Column, ForestContext, Row } from './forestContext.js';
import { INK, px, type Json } from './spec.js';
import { textWidth } from './textMetrics.js';
import type { RobDomain, RobJudgement } from './types.js';

const LIGHTS: Readonly<Record<RobJudgement, { readonly fill: string; readonly symbol: string; readonly ink: string; readonly word: string }>> = {
  low: { fill: '#02a144', symbol: '+', ink: 'white', word: 'Low risk of bias' },
  'some concerns': { fill: '#e8c300', symbol: '\u2212', ink: INK, word: 'Some concerns' },
  high: { fill: '#c0181f', symbol: '\u00d7', ink: 'white', word: 'High risk of bias' },
};

const DOMAIN_NAMES: Readonly<Record<RobDomain, string>> = {
  d1: 'randomisation process',
  d2: 'deviations from intended interventions',
  d3: 'missing outcome data',
  d4: 'measurement of the outcome',
  d5: 'selection of the reported result',
  overall: 'overall',
};

const header = (d: RobDomain) => (d === 'overall' ? 'Overall' : d.toUpperCase());

/** One narrow column per domain the studies carry, right of everything else. */
export function robColumns(ctx: ForestContext): Column[] {
  return ctx.robDomains.map((d, i) => ({
    id: `rob:${d}`,
    header: [header(d)],
    span: 'Risk of bias',
    side: 'right' as const,
    gap: i === 0 ? undefined : 4,
    minWidth: 16,
  }));
}

/** The legend under the plot: what each domain is. */
export function robLegendLine(ctx: ForestContext): string {
  const domains = ctx.robDomains.filter((d) => d !== 'overall');
  return domains.length === 0 ? '' : `Risk of bias (RoB 2): ${domains.map((d) => `${header(d)} ${DOMAIN_NAMES[d]}`).join('; ')}.`;
}

/** A traffic light: a coloured disc with its symbol, centred at (x, y). */
function light(x: number, y: number, j: RobJudgement): { disc: Json; symbol: Json } {
  const l = LIGHTS[j];
  return { disc: { x: px(x), y: px(y), fill: l.fill, judgement: j }, symbol: { x: px(x), y: px(y), text: l.symbol, ink: l.ink } };
}

function lightLayers(discs: Json[], symbols: Json[], size: number, fontSize: number): Json[] {
  if (discs.length === 0) return [];
  const y = { field: 'y', type: 'quantitative', scale: null, axis: null };
  const x = { field: 'x', type: 'quantitative', scale: null, axis: null };
  return [
    {
      data: { values: discs },
      mark: { type: 'point', shape: 'circle', filled: true, opacity: 1, size, strokeWidth: 0 },
      encoding: { x, y, fill: { field: 'fill', type: 'nominal', scale: null }, tooltip: [{ field: 'judgement', title: 'Risk of bias' }] },
    },
    {
      data: { values: symbols },
      mark: { type: 'text', align: 'center', baseline: 'middle', fontSize, fontWeight: 'bold' },
      encoding: { x, y: { ...y }, text: { field: 'text', type: 'nominal' }, color: { field: 'ink', type: 'nominal', scale: null } },
    },
  ];
}

/**
 * The traffic lights of the study rows (at each RoB column's centre) and the colour key at `legendY`,
 * left-aligned at x = 0; returns the layers and the y under the key.
 */
export function robLayers(
  ctx: ForestContext,
  rows: readonly Row[],
  rowY: readonly number[],
  centres: ReadonlyMap<string, number>,
  legendY: number,
  withKey = true,
): { layers: Json[]; bottom: number } {
  if (ctx.robDomains.length === 0) return { layers: [], bottom: legendY };
  const discs: Json[] = [];
  const symbols: Json[] = [];
  const push = (l: { disc: Json; symbol: Json }) => {
    discs.push(l.disc);
    symbols.push(l.symbol);
  };
  rows.forEach((r, i) => {
    for (const d of ctx.robDomains) {
      const j = r.kind === 'study' ? r.study?.rob?.[d] : undefined;
      if (j) push(light(centres.get(`rob:${d}`)!, rowY[i]!, j));
    }
  });
  const size = Math.PI * (ctx.style.rowHeight * 0.36) ** 2;
  const keyTexts: Json[] = [];
  let x = 0;
  for (const j of withKey ? (Object.keys(LIGHTS) as RobJudgement[]) : []) {
    push(light(x + 7, legendY, j));
    keyTexts.push({ x: px(x + 17), y: px(legendY), text: LIGHTS[j].word });
    x += 17 + textWidth(LIGHTS[j].word, ctx.style.small, 'regular') + 14;
  }
  const key: Json = {
    data: { values: keyTexts },
    mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: ctx.style.small, color: INK },
    encoding: {
      x: { field: 'x', type: 'quantitative', scale: null, axis: null },
      y: { field: 'y', type: 'quantitative', scale: null, axis: null },
      text: { field: 'text', type: 'nominal' },
    },
  };
  return {
    layers: [...lightLayers(discs, symbols, size, ctx.style.fontSize), ...(withKey ? [key] : [])],
    bottom: withKey ? legendY + ctx.style.rowHeight : legendY,
  };
}
