// The effect axis of a forest plot, on the display scale: a log scale with readable ticks for ratio
// measures (never beyond 0.01–100; wider intervals get arrows), linear otherwise, or the caller's
// xDomain; always covering the null value.
import { linearTicks, logBounds, logTicks, nullValue, ratioTicks, toDisplay } from './format.js';
import { hasPredictionInterval, type ForestContext } from './forestContext.js';
import { px, type Json } from './spec.js';

export interface EffectAxis {
  readonly domain: [number, number];
  readonly ticks: number[];
  /** 1 for ratio measures (display scale), 0 otherwise. */
  readonly nullValue: number;
  /** The Vega-Lite x scale shared by every layer. */
  readonly scale: Json;
}

/** Every interval end (studies, pooled models, prediction intervals) on the display scale. */
function intervalEnds(ctx: ForestContext): number[] {
  const intervals: number[] = [];
  for (const s of ctx.input.studies) intervals.push(s.ciLower, s.ciUpper);
  for (const p of [...ctx.input.pooled, ...ctx.subgroups.flatMap((g) => g.pooled)]) {
    intervals.push(p.ciLower, p.ciUpper);
    if (hasPredictionInterval(p)) intervals.push(p.piLower!, p.piUpper!);
  }
  return intervals.filter(Number.isFinite).map((v) => toDisplay(ctx.measure, v));
}

function domainAndTicks(ctx: ForestContext, nv: number): { domain: [number, number]; ticks: number[] } {
  const xDomain = ctx.options.xDomain;
  if (xDomain) {
    const domain: [number, number] = [xDomain[0], xDomain[1]];
    const ticks = ctx.ratio ? logTicks(domain[0], domain[1]) : linearTicks(domain[0], domain[1]).ticks.filter((t) => t >= domain[0] && t <= domain[1]);
    return { domain, ticks };
  }
  const finite = intervalEnds(ctx);
  if (ctx.ratio) {
    // Cover every interval, but never beyond 0.01–100: wider intervals get arrows.
    const lo = Math.max(0.01, Math.min(nv, ...finite));
    const hi = Math.min(100, Math.max(nv, ...finite));
    const domain = logBounds(lo, hi);
    // A narrow axis (e.g. leave-one-out at k = 200, 0.5 to 1) gets intermediate ticks: at least three values.
    return { domain, ticks: ratioTicks(domain[0], domain[1], 3) };
  }
  const t = linearTicks(Math.min(nv, ...finite), Math.max(nv, ...finite));
  return { domain: t.domain, ticks: t.ticks };
}

/** The axis over the plot panel from `plotLeft` to `plotRight` (px). */
export function effectAxis(ctx: ForestContext, plotLeft: number, plotRight: number): EffectAxis {
  const nv = nullValue(ctx.measure);
  const { domain, ticks } = domainAndTicks(ctx, nv);
  const scale: Json = {
    type: ctx.ratio ? 'log' : 'linear',
    domain,
    range: [px(plotLeft), px(plotRight)],
    nice: false,
    ...(ctx.ratio ? {} : { zero: false }),
  };
  return { domain, ticks, nullValue: nv, scale };
}

/** A value clipped to the axis domain (whiskers and diamonds stop at the panel's edge). */
export function clipToAxis(axis: EffectAxis, v: number): number {
  return Math.min(axis.domain[1], Math.max(axis.domain[0], v));
}

/** Pixel position of `v` on the effect axis (the same mapping Vega applies to the x scale). */
export function scalePosition(v: number, domain: readonly [number, number], left: number, right: number, log: boolean): number {
  const f = (t: number) => (log ? Math.log(t) : t);
  return left + ((f(v) - f(domain[0])) / (f(domain[1]) - f(domain[0]))) * (right - left);
}
