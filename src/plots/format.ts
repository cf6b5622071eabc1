// Number and label formatting shared by the plot builders: display scales, measure names and the
// wording of the layout presets. Deterministic (no locale): the same input gives the same text.
import { REGISTRY_MEASURES } from '../effects/measures/registry.js';
import { isRatioMeasure, type KindMeasure, type Measure } from '../effects/types.js';

/** Layout presets: metafor-like default, Cochrane RevMan 5, JAMA and BMJ house styles. */
export const FOREST_PRESETS = ['default', 'revman5', 'jama', 'bmj'] as const;
export type ForestPreset = (typeof FOREST_PRESETS)[number];
/**
 * True for a forest-plot preset (FOREST_PRESETS).
 * @example isForestPreset('revman5') // true
 */
export function isForestPreset(x: unknown): x is ForestPreset {
  return typeof x === 'string' && (FOREST_PRESETS as readonly string[]).includes(x);
}

/** Full names of the measures, as axis and column titles. */
const KIND_MEASURE_NAMES: Readonly<Record<KindMeasure, { readonly name: string; readonly short: string }>> = {
  GEN: { name: 'Effect size', short: 'Effect' },
  HR: { name: 'Hazard ratio', short: 'HR' },
  OR: { name: 'Odds ratio', short: 'OR' },
  RR: { name: 'Risk ratio', short: 'RR' },
  RD: { name: 'Risk difference', short: 'RD' },
  PETO: { name: 'Peto odds ratio', short: 'OR' },
  MD: { name: 'Mean difference', short: 'MD' },
  SMD: { name: 'Standardised mean difference', short: 'SMD' },
  ROM: { name: 'Ratio of means', short: 'ROM' },
  ZCOR: { name: "Fisher's z", short: 'z' },
  COR: { name: 'Correlation', short: 'r' },
  PR: { name: 'Proportion', short: 'Prop.' },
  PLO: { name: 'Log odds', short: 'Log odds' },
};

/** Full names of the measures, as axis and column titles (registry measures: their label). */
export const MEASURE_NAMES: Readonly<Record<Measure, { readonly name: string; readonly short: string }>> = {
  ...KIND_MEASURE_NAMES,
  ...Object.fromEntries(REGISTRY_MEASURES.map((m) => [m.name, { name: m.label.charAt(0).toUpperCase() + m.label.slice(1), short: m.name }])),
} as Record<Measure, { readonly name: string; readonly short: string }>;

/** Ratio measures are analysed on the log scale and shown back-transformed with exp. */
export function toDisplay(measure: Measure, value: number): number {
  return isRatioMeasure(measure) ? Math.exp(value) : value;
}

/** The value of "no effect" on the display scale: 1 for ratios, 0 for differences. */
export function nullValue(measure: Measure): number {
  return isRatioMeasure(measure) ? 1 : 0;
}

const MINUS = '\u2212';

/**
 * A number with `digits` decimals and a true minus sign; '' for null or non-finite.
 * @example formatNumber(-0.4302, 2) // '−0.43'
 */
export function formatNumber(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '';
  let s = x.toFixed(digits);
  // A value that rounds to zero is printed unsigned ("0.00", not "−0.00").
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}

/** Digits for a ratio shown on the display scale: more below 0.1 so that 0.04 and 0.05 differ. */
export function displayDigits(measure: Measure, value: number): number {
  if (!isRatioMeasure(measure)) return 2;
  const a = Math.abs(value);
  return a !== 0 && a < 0.1 ? 3 : 2;
}

/** An estimate and its interval in the preset's wording: `0.49 [0.34, 0.70]`, `0.49 (0.34-0.70)` ... */
export function formatInterval(preset: ForestPreset, est: string, lo: string, hi: string): string {
  switch (preset) {
    case 'jama':
      return `${est} (${lo}-${hi})`;
    case 'bmj':
      return `${est} (${lo} to ${hi})`;
    default:
      return `${est} [${lo}, ${hi}]`;
  }
}

/**
 * A p-value in the preset's style: `p < 0.001` (default), `P < 0.00001` (RevMan 5), `P < .001` (JAMA),
 * `P<0.001` (BMJ).
 * @example formatPValue(0.0123, 'jama') // 'P = .01'
 */
export function formatPValue(p: number | null | undefined, preset: ForestPreset): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '';
  if (preset === 'revman5') {
    if (p < 0.00001) return 'P < 0.00001';
    if (p < 0.0001) return 'P < 0.0001';
    if (p < 0.001) return `P = ${p.toFixed(4)}`;
    return `P = ${p.toFixed(p < 0.01 ? 3 : 2)}`;
  }
  const letter = preset === 'default' ? 'p' : 'P';
  const gap = preset === 'bmj' ? '' : ' ';
  const strip = (s: string) => (preset === 'jama' ? s.replace(/^0\./, '.') : s);
  if (p < 0.001) return `${letter}${gap}<${gap}${strip('0.001')}`;
  return `${letter}${gap}=${gap}${strip(p.toFixed(p < 0.01 ? 3 : 2))}`;
}

/** "Favours"/"Favors" labels, the CI wording and the model names of each preset. */
export interface PresetWords {
  readonly favours: string;
  readonly tau2: string;
  readonly q: string;
  readonly i2: string;
  readonly ciLabel: (level: number) => string;
}

export function presetWords(preset: ForestPreset): PresetWords {
  const ci = (level: number) => `${formatLevel(level)}% CI`;
  switch (preset) {
    case 'revman5':
      return { favours: 'Favours', tau2: 'Tau\u00b2', q: 'Chi\u00b2', i2: 'I\u00b2', ciLabel: ci };
    case 'jama':
      return { favours: 'Favors', tau2: '\u03c4\u00b2', q: 'Q', i2: 'I\u00b2', ciLabel: ci };
    case 'bmj':
      return { favours: 'Favours', tau2: '\u03c4\u00b2', q: '\u03c7\u00b2', i2: 'I\u00b2', ciLabel: ci };
    default:
      return { favours: 'Favours', tau2: '\u03c4\u00b2', q: 'Q', i2: 'I\u00b2', ciLabel: ci };
  }
}

/** 95 → '95', 99.5 → '99.5'. */
export function formatLevel(level: number): string {
  return Number.isInteger(level) ? String(level) : String(Number(level.toFixed(3)));
}

/**
 * Readable tick values for a log axis between `lo` and `hi` (display scale): 0.1, 0.25, 0.5, 1, 2, 4, 10 ...
 * @example logTicks(0.05, 10) // [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 10]
 */
export function logTicks(lo: number, hi: number): number[] {
  const ladder = logLadder();
  let ticks = ladder.filter((t) => t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9));
  // Too many ticks for a narrow panel: keep the powers of ten, the halves/doubles and 1.
  if (ticks.length > 9) ticks = ticks.filter((t) => [0.001, 0.01, 0.1, 0.5, 1, 2, 10, 100, 1000].some((k) => Math.abs(t / k - 1) < 1e-9));
  return ticks;
}

/** Multipliers per decade of the finer ratio ladders, coarse to fine (ratioTicks). */
const RATIO_LADDERS: readonly (readonly number[])[] = [
  [1, 2, 5],
  [1, 2, 3, 5],
  [1, 1.5, 2, 3, 4, 5, 6, 8],
];

/**
 * Readable ratio ticks in [lo, hi] (display scale), at least `wanted` of them when a ladder allows:
 * logTicks' values when they are enough, else the coarsest finer ladder (per decade 1-2-5, 1-2-3-5,
 * 1-1.5-2-3-4-5-6-8) that gives `wanted`, else the finest.
 * @example ratioTicks(0.5, 1, 3) // [0.5, 0.6, 0.8, 1]
 */
export function ratioTicks(lo: number, hi: number, wanted: number): number[] {
  const coarse = logTicks(lo, hi);
  if (coarse.length >= wanted) return coarse;
  let ticks = coarse;
  for (const ladder of RATIO_LADDERS) {
    ticks = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of ladder) {
        const t = Number((m * 10 ** e).toPrecision(3));
        if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push(t);
      }
    }
    if (ticks.length >= wanted) break;
  }
  return ticks.length >= coarse.length ? ticks : coarse;
}

/** The ladder of readable ratio values, symmetric around 1 (0.5 ↔ 2, 0.25 ↔ 4, 0.1 ↔ 10). */
export function logLadder(): number[] {
  return [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 10, 20, 50, 100, 200, 500, 1000];
}

/** The smallest ladder value ≤ x and the largest ≥ x (log axis limits). */
export function logBounds(min: number, max: number): [number, number] {
  const ladder = logLadder();
  const lo = [...ladder].reverse().find((t) => t <= min * (1 + 1e-9)) ?? ladder[0]!;
  const hi = ladder.find((t) => t >= max * (1 - 1e-9)) ?? ladder[ladder.length - 1]!;
  return [lo, hi];
}

/** The smallest range linearTicks divides into steps: its ticks then need at most ~95 decimals. */
const MIN_TICK_SPAN = 1e-90;

/**
 * Nice linear ticks (steps of 1, 2 or 5 × 10^k) covering [lo, hi]; returns the ticks and the widened domain.
 * @example linearTicks(-0.13, 0.04) // { ticks: [-0.15, -0.1, -0.05, 0, 0.05], domain: [-0.15, 0.05] }
 */
export function linearTicks(lo: number, hi: number, count = 5): { ticks: number[]; domain: [number, number] } {
  // A range that is empty, below 1e-12 of its magnitude, or so small (down to subnormals) that its
  // step could not be printed (toFixed takes at most 100 digits) is widened around its centre:
  // by half the centre, or to ±1 when the centre itself is (nearly) 0.
  const span = hi - lo;
  if (!(span > MIN_TICK_SPAN && span > 1e-12 * Math.max(Math.abs(lo), Math.abs(hi)))) {
    const centre = lo / 2 + hi / 2;
    const pad = Math.abs(centre) > MIN_TICK_SPAN ? Math.abs(centre) * 0.5 : 1;
    return linearTicks(centre - pad, centre + pad, count);
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const start = Math.floor(lo / step + 1e-9);
  const end = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / mag === 2.5 ? 1 : 0));
  for (let i = start; i <= end; i++) ticks.push(Number((i * step).toFixed(decimals)) + 0);
  return { ticks, domain: [ticks[0]!, ticks[ticks.length - 1]!] };
}

/** Escape text for HTML and SVG element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Break `text` into lines no wider than `maxWidth` px at `fontSize` (for captions). */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const next = line === '' ? word : `${line} ${word}`;
      if (line !== '' && measure(next) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}
