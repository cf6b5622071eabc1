// metasynth plot forest|funnel|baujat|radial|labbe|leave1out|cumulative|bubble|caterpillar|orchard|influence FILE --out PATH: the extension of PATH picks the
// format (.svg, .png, .vl.json, .html). Writes only PATH, and never over the input file.
import { methodName } from '../methodName.js';
import { existsSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { MetasynthError } from '../../core/errors.js';
import { POOL_METHODS, TESTS, isPoolMethod, isPoolTest } from '../../pool/index.js';
import { FOREST_PRESETS, FOREST_SORTS, isForestPreset, SUBGROUP_TESTS, type ForestSortKey, type SubgroupTestKind } from '../../plots/index.js';
import { renderPng, renderSvg } from '../../render/index.js';
import { pageAssets } from '../../render/assets.js';
import { htmlPage } from '../../report/html.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import { CONTROL_OPTION, parseControlOption } from '../control.js';
import type { CliIO, Command } from '../command.js';
import { INPUT_OPTIONS, inputSource, inputWarnings, loadEffectTable, parseLevelOption } from '../input.js';
import { writeFileNotice } from '../output.js';
import { CLI_MESSAGES } from '../messages.js';
import { buildPlotPages, isPlotKind, PLOT_KINDS, type PlotSettings as AnalysisSettings } from '../../session/plotSpecs.js';
import { FUNNEL_LINE_OPTIONS, parseFunnelLineOptions } from './plotFunnel.js';

// The spec builders live in src/session/plotSpecs.ts (shared with the web page); re-exported for the commands and tests.
export {
  buildPlotPages,
  buildPlotSpec,
  controlOf,
  modelMethod,
  PLOT_KINDS,
  subgroupTestOf,
  type PlotKind,
  type PlotRequest,
  type PlotSettings as AnalysisSettings,
} from '../../session/plotSpecs.js';

export const OUTPUT_FORMATS = ['.svg', '.png', '.vl.json', '.html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The format an output path asks for, from its extension. */
export function outputFormat(path: string): OutputFormat {
  const lower = path.toLowerCase();
  const f = OUTPUT_FORMATS.find((ext) => lower.endsWith(ext));
  if (!f) throw new MetasynthError('usage', CLI_MESSAGES.out_extension_one(path, OUTPUT_FORMATS));
  return f;
}

/** `--json` of the commands that write a file: a JSON document about the file instead of the notice on stderr. */
export const FILE_JSON_OPTION: OptionSpec = {
  name: 'json',
  type: 'boolean',
  description: 'print one JSON document naming the file written (with "synthetic": true for synthetic data) instead of the notice on stderr',
};

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
  {
    name: 'subgroup-test',
    type: 'string',
    metavar: 'T',
    default: 'separate',
    description:
      'forest --by: test of subgroup differences: separate (Q between subgroup estimates with separate τ², RevMan 5) or mixed (QM of the mixed-effects model, metafor)',
  },
  {
    name: 'max-rows',
    type: 'string',
    metavar: 'N',
    description: 'forest: at most N rows per page; .svg/.png/.vl.json write one file per page (FILE-1.svg, ...), .html one page with every part',
  },
  { name: 'contours', type: 'boolean', description: 'funnel: contour-enhanced (p = 0.10, 0.05, 0.01)' },
  { name: 'trimfill', type: 'boolean', description: 'funnel: add the studies imputed by trim-and-fill' },
  { name: 'egger', type: 'boolean', description: "funnel: draw Egger's regression line" },
  ...FUNNEL_LINE_OPTIONS,
  { name: 'title', type: 'string', metavar: 'TEXT', description: 'plot title' },
  { name: 'caption', type: 'string', metavar: 'TEXT', description: 'caption under the plot' },
  { name: 'favours', type: 'string', metavar: 'L,R', description: 'forest: favours labels, e.g. "vaccine,control"' },
  { name: 'scale', type: 'string', metavar: 'N', default: '2', description: 'PNG pixel density' },
];

export function analysisSettings(args: ParsedArgs): AnalysisSettings {
  const method = methodName(String(args.options.method ?? 'REML'));
  const test = String(args.options.test ?? 'z').toLowerCase();
  if (!isPoolMethod(method)) throw new MetasynthError('invalid_option', CLI_MESSAGES.plot_unknown_method(args.options.method));
  if (!isPoolTest(test)) throw new MetasynthError('invalid_option', CLI_MESSAGES.plot_unknown_test(args.options.test, TESTS));
  const control = parseControlOption(args.options.control, 'analysis');
  return { method, test, level: parseLevelOption(args.options.level), ...(control ? { control } : {}) };
}

/**
 * Resolve --out and refuse to write over the input file (or into nothing). Returns the absolute path.
 */
export function checkedOutputPath(args: ParsedArgs, io: CliIO, command: string): string {
  const out = args.options.out;
  if (typeof out !== 'string' || out === '') throw new MetasynthError('usage', CLI_MESSAGES.out_path_required_see(command));
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
      throw new MetasynthError('usage', CLI_MESSAGES.out_input_file_refusing(command, out));
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

function parseMaxRows(v: string | boolean | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(Number.isInteger(n) && n >= 5)) throw new MetasynthError('invalid_option', CLI_MESSAGES.plot_max_rows_whole(v));
  return n;
}

/** `forest.png` → `forest-2.png` (the extension kept whole: `.vl.json`). */
export function pagePath(path: string, page: number): string {
  const ext = outputFormat(path);
  return `${path.slice(0, path.length - ext.length)}-${page}${path.slice(path.length - ext.length)}`;
}

/** Write one spec, or the pages of a split forest plot: one file per page, or one HTML page with each part. */
export async function writePages(pages: readonly TopLevelSpec[], path: string, options: { title: string; scale?: number }): Promise<void> {
  if (pages.length === 1) return writeSpec(pages[0]!, path, options);
  if (outputFormat(path) === '.html') {
    const sections = pages.map((spec, i) => ({ id: `plot-${i + 1}`, heading: `${options.title} (page ${i + 1} of ${pages.length})`, spec }));
    return writeOutput(path, htmlPage({ title: options.title, sections }, pageAssets()));
  }
  for (const [i, spec] of pages.entries()) await writeSpec(spec, pagePath(path, i + 1), options);
}

export const command: Command = {
  name: 'plot',
  summary: "forest, funnel, Baujat, radial, L'Abbé, bubble, caterpillar and orchard plots (SVG, PNG, Vega-Lite, HTML)",
  usage: `metasynth plot ${PLOT_KINDS.join('|')} FILE [--measure M] [--method X] [--by G] [--mods X] --out PATH`,
  options: PLOT_OPTIONS,
  async run(args, io) {
    const [kind, ...rest] = args.positionals;
    if (!isPlotKind(kind)) {
      throw new MetasynthError('usage', CLI_MESSAGES.plot_first_argument_plot(PLOT_KINDS, kind));
    }
    const inputArgs: ParsedArgs = { ...args, positionals: rest };
    const out = checkedOutputPath(inputArgs, io, 'plot');
    outputFormat(out);
    const preset = args.options.preset ?? 'default';
    if (!isForestPreset(preset)) throw new MetasynthError('invalid_option', CLI_MESSAGES.plot_unknown_preset_choose(preset, FOREST_PRESETS));
    const sort = String(args.options.sort ?? 'input');
    if (!(FOREST_SORTS as readonly string[]).includes(sort))
      throw new MetasynthError('invalid_option', CLI_MESSAGES.plot_unknown_sort_choose(sort, FOREST_SORTS));
    const scale = Number(args.options.scale ?? '2');
    if (!(scale > 0 && scale <= 8)) throw new MetasynthError('invalid_option', CLI_MESSAGES.plot_scale_number(args.options.scale));
    let favours: { left: string; right: string } | undefined;
    if (typeof args.options.favours === 'string') {
      const [left, right] = args.options.favours.split(',').map((s) => s.trim());
      if (!left || !right) throw new MetasynthError('invalid_option', CLI_MESSAGES.plot_favours_takes_two());
      favours = { left, right };
    }
    const subgroupTest = String(args.options['subgroup-test'] ?? 'separate');
    if (!(SUBGROUP_TESTS as readonly string[]).includes(subgroupTest))
      throw new MetasynthError('invalid_option', CLI_MESSAGES.plot_unknown_subgroup_test(subgroupTest, SUBGROUP_TESTS));
    const maxRows = parseMaxRows(args.options['max-rows']);
    const funnelLines = kind === 'funnel' ? parseFunnelLineOptions(args.options) : undefined;
    const table = loadEffectTable(inputArgs, io, 'plot');
    const settings = analysisSettings(args);
    const pages = buildPlotPages({
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
      ...(funnelLines ? { funnelLines } : {}),
      ...(typeof args.options.title === 'string' ? { title: args.options.title } : {}),
      ...(typeof args.options.caption === 'string' ? { caption: args.options.caption } : {}),
      ...(favours ? { favours } : {}),
      subgroupTest: subgroupTest as SubgroupTestKind,
      ...(maxRows !== undefined ? { maxRows } : {}),
    });
    await writePages(pages, out, { title: `${kind} plot: ${table.file ?? 'studies'}`, scale });
    const given = String(args.options.out);
    const split = pages.length > 1 && outputFormat(out) !== '.html' ? { pages: pages.map((_, i) => pagePath(given, i + 1)) } : {};
    writeFileNotice(io, args, table, { command: 'plot', kind, file: given, format: outputFormat(out), warnings: inputWarnings(table), ...split });
    return 0;
  },
};
