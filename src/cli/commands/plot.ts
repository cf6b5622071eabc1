// metasynth plot forest|funnel|baujat|radial|labbe FILE --out PATH: the extension of PATH picks the
// format (.svg, .png, .vl.json, .html). Writes only PATH, and never over the input file.
import { methodName } from '../methodName.js';
import { existsSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { eggerTest, trimAndFill } from '../../bias/index.js';
import { MetasynthError } from '../../core/errors.js';
import type { ModelMethod } from '../../heterogeneity/index.js';
import type { EffectTable } from '../../effects/types.js';
import { POOL_METHODS, TESTS, isCommonEffectMethod, isPoolMethod, isPoolTest, pool, type PoolMethod, type PoolResult, type PoolTest } from '../../pool/index.js';
import { subgroupAnalysis } from '../../regression/index.js';
import { baujat, cumulative, leaveOneOut } from '../../sensitivity/index.js';
import {
  baujatPlotSpec,
  modelDescription,
  forestInput,
  forestPlotSpec,
  FOREST_PRESETS,
  FOREST_SORTS,
  funnelInput,
  funnelPlotSpec,
  isForestPreset,
  labbeInput,
  labbePlotSpec,
  radialInput,
  radialPlotSpec,
  sensitivityForestInput,
  type ForestPreset,
  type ForestSortKey,
  type PooledFigures,
} from '../../plots/index.js';
import { renderPng, renderSvg } from '../../render/index.js';
import { pageAssets } from '../../render/assets.js';
import { htmlPage } from '../../report/html.js';
import type { Tau2Control } from '../../heterogeneity/index.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import { CONTROL_OPTION, parseControlOption } from '../control.js';
import type { CliIO, Command } from '../command.js';
import { INPUT_OPTIONS, inputSource, inputWarnings, loadEffectTable, parseLevelOption } from '../input.js';
import { writeFileNotice } from '../output.js';
import { buildModelPlotSpec, MODEL_PLOT_KINDS } from './plotModels.js';

export const PLOT_KINDS = ['forest', 'funnel', 'baujat', 'radial', 'labbe', 'leave1out', 'cumulative', ...MODEL_PLOT_KINDS] as const;
export type PlotKind = (typeof PLOT_KINDS)[number];
function isPlotKind(x: unknown): x is PlotKind {
  return typeof x === 'string' && (PLOT_KINDS as readonly string[]).includes(x);
}

export const OUTPUT_FORMATS = ['.svg', '.png', '.vl.json', '.html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The format an output path asks for, from its extension. */
export function outputFormat(path: string): OutputFormat {
  const lower = path.toLowerCase();
  const f = OUTPUT_FORMATS.find((ext) => lower.endsWith(ext));
  if (!f) throw new MetasynthError('usage', `--out ${JSON.stringify(path)}: the extension must be one of ${OUTPUT_FORMATS.join(', ')}`);
  return f;
}

/** `--json` of the commands that write a file: a JSON document about the file instead of the notice on stderr. */
export const FILE_JSON_OPTION: OptionSpec = { name: 'json', type: 'boolean', description: 'print one JSON document naming the file written (with "synthetic": true for synthetic data) instead of the notice on stderr' };

const ANALYSIS_OPTIONS: readonly OptionSpec[] = [
  ...INPUT_OPTIONS.filter((o) => o.name !== 'json'),
  FILE_JSON_OPTION,
  { name: 'method', type: 'string', metavar: 'X', default: 'REML', description: `pooling method: ${POOL_METHODS.join(', ')}` },
  { name: 'test', type: 'string', metavar: 'T', default: 'z', description: 'z, knha (Knapp–Hartung), t, or adhoc (Knapp–Hartung truncated at 1)' },
  CONTROL_OPTION,
];

const PLOT_OPTIONS: readonly OptionSpec[] = [
  ...ANALYSIS_OPTIONS,
  { name: 'out', type: 'string', metavar: 'PATH', description: 'output file; its extension picks the format: .svg, .png, .vl.json, .html (required)' },
  { name: 'by', type: 'string', metavar: 'G', description: 'forest: subgroups by this moderator column; orchard: the categorical moderator' },
  { name: 'mods', type: 'string', metavar: 'X', description: 'bubble: the numeric moderator of the meta-regression (metafor regplot)' },
  { name: 'preset', type: 'string', metavar: 'P', default: 'default', description: `forest layout: ${FOREST_PRESETS.join(', ')}` },
  { name: 'sort', type: 'string', metavar: 'S', default: 'input', description: `forest row order: ${FOREST_SORTS.join(', ')}` },
  { name: 'common', type: 'boolean', description: 'forest: draw the common-effect diamond beside the random-effects one' },
  { name: 'contours', type: 'boolean', description: 'funnel: contour-enhanced (p = 0.10, 0.05, 0.01)' },
  { name: 'trimfill', type: 'boolean', description: 'funnel: add the studies imputed by trim-and-fill' },
  { name: 'egger', type: 'boolean', description: "funnel: draw Egger's regression line" },
  { name: 'title', type: 'string', metavar: 'TEXT', description: 'plot title' },
  { name: 'caption', type: 'string', metavar: 'TEXT', description: 'caption under the plot' },
  { name: 'favours', type: 'string', metavar: 'L,R', description: 'forest: favours labels, e.g. "vaccine,control"' },
  { name: 'scale', type: 'string', metavar: 'N', default: '2', description: 'PNG pixel density' },
];

/** The analysis settings shared by plot and report. */
export interface AnalysisSettings {
  readonly method: PoolMethod;
  readonly test: PoolTest;
  readonly level: number;
  /** `--control metafor`: metafor's default control for every fit; absent: converged. */
  readonly control?: Tau2Control;
}

/** The control of the settings as an options fragment for the engines (nothing when converged). */
export function controlOf(settings: AnalysisSettings): { control?: Tau2Control } {
  return settings.control ? { control: settings.control } : {};
}

export function analysisSettings(args: ParsedArgs): AnalysisSettings {
  const method = methodName(String(args.options.method ?? 'REML'));
  const test = String(args.options.test ?? 'z').toLowerCase();
  if (!isPoolMethod(method)) throw new MetasynthError('invalid_option', `unknown --method ${JSON.stringify(args.options.method)}`);
  if (!isPoolTest(test)) throw new MetasynthError('invalid_option', `unknown --test ${JSON.stringify(args.options.test)}; choose one of ${TESTS.join(', ')}`);
  const control = parseControlOption(args.options.control, 'analysis');
  return { method, test, level: parseLevelOption(args.options.level), ...(control ? { control } : {}) };
}

/** Methods the bias, sensitivity and subgroup engines take (no MH/Peto: those fall back to EE). */
export function modelMethod(method: PoolMethod): ModelMethod {
  return method === 'MH' || method === 'PETO' ? 'EE' : method;
}

export interface PlotRequest {
  readonly kind: PlotKind;
  readonly table: EffectTable;
  readonly settings: AnalysisSettings;
  readonly preset?: ForestPreset;
  readonly sortBy?: ForestSortKey;
  readonly by?: string;
  /** bubble: the numeric moderator. */
  readonly mods?: string;
  readonly common?: boolean;
  readonly contours?: boolean;
  readonly trimFill?: boolean;
  readonly egger?: boolean;
  readonly title?: string;
  readonly caption?: string;
  readonly favours?: { left: string; right: string };
}

/** Run the analyses a plot needs and build its Vega-Lite spec. */
export function buildPlotSpec(r: PlotRequest, pooled?: PoolResult): TopLevelSpec {
  const { table, settings } = r;
  const result = pooled ?? pool(table, settings);
  const mm = modelMethod(settings.method);
  const text = { ...(r.title !== undefined ? { title: r.title } : {}), ...(r.caption !== undefined ? { caption: r.caption } : {}) };
  switch (r.kind) {
    case 'forest': {
      const common = r.common && !isCommonEffectMethod(settings.method) ? pool(table, { ...settings, method: 'EE' }) : null;
      let subgroups: { group: string; result: PooledFigures }[] | undefined;
      let subgroupTest: { q: number | null; df: number | null; pValue: number | null } | undefined;
      if (r.by !== undefined) {
        const sg = subgroupAnalysis(table, { by: r.by, method: mm, test: settings.test, level: settings.level, ...controlOf(settings) });
        subgroups = sg.subgroups.map((g) => ({ group: g.level, result: { ...g, method: mm, test: sg.test, level: sg.level } }));
        subgroupTest = { q: sg.between.q, df: sg.between.df, pValue: sg.between.pValue };
      }
      const input = forestInput(table, result, {
        common,
        preset: r.preset ?? 'default',
        ...(r.by !== undefined ? { by: r.by, subgroups, subgroupTest } : {}),
      });
      const columns =
        r.preset === 'revman5' && table.studies.every((s) => s.counts)
          ? [
              { key: 'eventsT', header: ['Treatment', 'Events'] },
              { key: 'totalT', header: ['', 'Total'] },
              { key: 'eventsC', header: ['Control', 'Events'] },
              { key: 'totalC', header: ['', 'Total'] },
            ]
          : [];
      return forestPlotSpec(input, {
        preset: r.preset ?? 'default',
        sortBy: r.sortBy ?? 'input',
        columns,
        ...(r.favours ? { favours: r.favours } : {}),
        ...text,
      });
    }
    case 'funnel': {
      const tf = r.trimFill ? trimAndFill(table, { method: mm, level: settings.level, ...controlOf(settings) }) : null;
      const eg = r.egger ? eggerTest(table, { method: mm, level: settings.level, ...controlOf(settings) }) : null;
      return funnelPlotSpec(funnelInput(table, result, { trimFill: tf, egger: eg }), { contours: r.contours ?? false, level: settings.level, ...text });
    }
    case 'baujat':
      return baujatSpec(table, settings, text);
    case 'radial':
      return radialPlotSpec(radialInput(table, result), text);
    case 'labbe': {
      const input = labbeInput(table, result);
      if (input.points.length === 0) throw new MetasynthError('invalid_input', "labbe: the L'Abbé plot needs 2x2 data (columns ai, bi, ci, di)");
      return labbePlotSpec(input, text);
    }
    case 'leave1out': {
      const loo = leaveOneOut(table, { method: mm, test: settings.test, level: settings.level, ...controlOf(settings) });
      return forestPlotSpec(sensitivityForestInput(table.measure, loo.steps, result, { synthetic: table.synthetic ?? false }), { variant: 'leave-one-out', preset: r.preset ?? 'default', ...text });
    }
    case 'bubble':
    case 'caterpillar':
    case 'orchard':
      return buildModelPlotSpec({ kind: r.kind, table, settings: { ...settings, method: mm }, ...(r.mods !== undefined ? { mods: r.mods } : {}), ...(r.by !== undefined ? { by: r.by } : {}), text }, result);
    case 'cumulative': {
      const cu = cumulative(table, { method: mm, test: settings.test, level: settings.level, ...controlOf(settings) });
      return forestPlotSpec(sensitivityForestInput(table.measure, cu.steps, result, { synthetic: table.synthetic ?? false }), { variant: 'cumulative', preset: r.preset ?? 'default', ...text });
    }
  }
}

/**
 * The Baujat plot under the analysis's method (metafor's baujat() refits the chosen model without
 * each study). Mantel–Haenszel and Peto have no leave-one-out refit of their own here: their plot
 * uses the inverse-variance common-effect model, and the caption says so.
 */
function baujatSpec(table: EffectTable, settings: AnalysisSettings, text: { title?: string; caption?: string }): TopLevelSpec {
  const method = modelMethod(settings.method);
  const b = baujat(table, { method, test: settings.test, level: settings.level, ...controlOf(settings) });
  const points = b.studies.filter((s) => s.influence !== null).map((s) => ({ study: s.study, contributionQ: s.contributionQ, influence: s.influence! }));
  const fallback = method !== settings.method ? ` (${settings.method} has no leave-one-out refit here)` : '';
  return baujatPlotSpec(points, {
    synthetic: table.synthetic ?? false,
    model: `${modelDescription(method)}${fallback}`,
    randomEffects: !isCommonEffectMethod(method),
    ...text,
  });
}

/**
 * Resolve --out and refuse to write over the input file (or into nothing). Returns the absolute path.
 */
export function checkedOutputPath(args: ParsedArgs, io: CliIO, command: string): string {
  const out = args.options.out;
  if (typeof out !== 'string' || out === '') throw new MetasynthError('usage', `${command}: --out PATH is required (see metasynth ${command} --help)`);
  const path = resolve(io.cwd, out);
  const source = inputSource(args, command);
  if (source.type === 'file') {
    const input = resolve(io.cwd, source.path);
    // The same file under another name: a symbolic link (realpath) or a hard link (device + inode).
    const same = (a: string, b: string) => {
      try {
        if (realpathSync(a) === realpathSync(b)) return true;
        const sa = statSync(a);
        const sb = statSync(b);
        return sa.dev === sb.dev && sa.ino === sb.ino;
      } catch {
        return a === b;
      }
    };
    if (path === input || (existsSync(path) && same(path, input))) {
      throw new MetasynthError('usage', `${command}: --out ${out} is the input file; refusing to overwrite it`);
    }
  }
  return path;
}

export function writeOutput(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/** Write a spec in the format of `path`'s extension. */
export async function writeSpec(spec: TopLevelSpec, path: string, options: { title: string; scale?: number }): Promise<void> {
  const format = outputFormat(path);
  switch (format) {
    case '.vl.json':
      return writeOutput(path, `${JSON.stringify(spec, null, 2)}\n`);
    case '.svg':
      return writeOutput(path, await renderSvg(spec));
    case '.png':
      return writeOutput(path, await renderPng(spec, options.scale !== undefined ? { scale: options.scale } : {}));
    case '.html':
      return writeOutput(path, htmlPage({ title: options.title, sections: [{ id: 'plot', heading: options.title, spec }] }, pageAssets()));
  }
}

export const command: Command = {
  name: 'plot',
  summary: "forest, funnel, Baujat, radial, L'Abbé, bubble, caterpillar and orchard plots (SVG, PNG, Vega-Lite, HTML)",
  usage: `metasynth plot ${PLOT_KINDS.join('|')} FILE [--measure M] [--method X] [--by G] [--mods X] --out PATH`,
  options: PLOT_OPTIONS,
  async run(args, io) {
    const [kind, ...rest] = args.positionals;
    if (!isPlotKind(kind)) {
      throw new MetasynthError('usage', `plot: the first argument must be the plot kind: ${PLOT_KINDS.join(', ')} (received ${JSON.stringify(kind ?? '')})`);
    }
    const inputArgs: ParsedArgs = { ...args, positionals: rest };
    const out = checkedOutputPath(inputArgs, io, 'plot');
    outputFormat(out);
    const preset = args.options.preset ?? 'default';
    if (!isForestPreset(preset)) throw new MetasynthError('invalid_option', `plot: unknown --preset ${JSON.stringify(preset)}; choose ${FOREST_PRESETS.join(', ')}`);
    const sort = String(args.options.sort ?? 'input');
    if (!(FOREST_SORTS as readonly string[]).includes(sort)) throw new MetasynthError('invalid_option', `plot: unknown --sort ${JSON.stringify(sort)}; choose ${FOREST_SORTS.join(', ')}`);
    const scale = Number(args.options.scale ?? '2');
    if (!(scale > 0 && scale <= 8)) throw new MetasynthError('invalid_option', `plot: --scale must be a number in (0, 8], received ${JSON.stringify(args.options.scale)}`);
    let favours: { left: string; right: string } | undefined;
    if (typeof args.options.favours === 'string') {
      const [left, right] = args.options.favours.split(',').map((s) => s.trim());
      if (!left || !right) throw new MetasynthError('invalid_option', 'plot: --favours takes two labels separated by a comma, e.g. "vaccine,control"');
      favours = { left, right };
    }
    const table = loadEffectTable(inputArgs, io, 'plot');
    const settings = analysisSettings(args);
    const spec = buildPlotSpec({
      kind,
      table,
      settings,
      preset,
      sortBy: sort as ForestSortKey,
      ...(typeof args.options.by === 'string' ? { by: args.options.by } : {}),
      ...(typeof args.options.mods === 'string' ? { mods: args.options.mods } : {}),
      common: args.options.common === true,
      contours: args.options.contours === true,
      trimFill: args.options.trimfill === true,
      egger: args.options.egger === true,
      ...(typeof args.options.title === 'string' ? { title: args.options.title } : {}),
      ...(typeof args.options.caption === 'string' ? { caption: args.options.caption } : {}),
      ...(favours ? { favours } : {}),
    });
    await writeSpec(spec, out, { title: `${kind} plot: ${table.file ?? 'studies'}`, scale });
    writeFileNotice(io, args, table, { command: 'plot', kind, file: String(args.options.out), format: outputFormat(out), warnings: inputWarnings(table) });
    return 0;
  },
};
