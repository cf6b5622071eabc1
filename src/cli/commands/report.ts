// metasynth report FILE --out report.html: one self-contained HTML file (vega, vega-lite and
// vega-embed inlined, Arimo fonts as data: URLs, a Content-Security-Policy that forbids any
// request) with the summary, forest and funnel plots, publication-bias tests and sensitivity tables.
import { eggerTest, failSafeN, rankCorrelationTest, trimAndFill } from '../../bias/index.js';
import { MetasynthError } from '../../core/errors.js';
import { applyBackTransform, measureBackTransform } from '../../effects/backTransform.js';
import type { EffectTable } from '../../effects/types.js';
import { POOL_METHODS, isCommonEffectMethod, pool, type PoolResult } from '../../pool/index.js';
import { subgroupAnalysis } from '../../regression/index.js';
import { cumulative, influenceDiagnostics, leaveOneOut } from '../../sensitivity/index.js';
import { MEASURE_NAMES } from '../../plots/index.js';
import { escapeXml, formatNumber, formatPValue } from '../../plots/format.js';
import { pageAssets } from '../../render/assets.js';
import { htmlPage, htmlTable, type PageSection } from '../../report/html.js';
import { studyCharacteristics } from '../../report/studyCharacteristics.js';
import { VERSION } from '../../version.js';
import type { OptionSpec } from '../args.js';
import type { Command } from '../command.js';
import { INPUT_OPTIONS, inputWarnings, loadEffectTable } from '../input.js';
import { writeFileNotice } from '../output.js';
import { CONTROL_OPTION } from '../control.js';
import {
  FILE_JSON_OPTION,
  analysisSettings,
  buildPlotSpec,
  checkedOutputPath,
  controlOf,
  modelMethod,
  outputFormat,
  writeOutput,
  type AnalysisSettings,
} from './plot.js';
import { countOf } from '../../core/plural.js';
import { CLI_MESSAGES } from '../messages.js';

const REPORT_OPTIONS: readonly OptionSpec[] = [
  ...INPUT_OPTIONS.filter((o) => o.name !== 'json'),
  FILE_JSON_OPTION,
  { name: 'method', type: 'string', metavar: 'X', default: 'REML', description: `pooling method: ${POOL_METHODS.join(', ')}` },
  { name: 'test', type: 'string', metavar: 'T', default: 'z', description: 'z, knha (Knapp–Hartung), t, or adhoc (Knapp–Hartung truncated at 1)' },
  CONTROL_OPTION,
  { name: 'by', type: 'string', metavar: 'G', description: 'add a subgroup analysis by this moderator column' },
  { name: 'title', type: 'string', metavar: 'TEXT', description: 'report title' },
  { name: 'out', type: 'string', metavar: 'PATH', description: 'the .html file to write (required)' },
];

const n = (x: number | null | undefined, d = 3) => (x == null || !Number.isFinite(x) ? '\u2013' : formatNumber(x, d));
const p = (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? '\u2013' : formatPValue(x, 'default').replace(/^p = /, '').replace(/^p /, ''));

/** Run `f`; on failure, a note saying what could not be computed instead of aborting the report. */
function attempt(what: string, f: () => string): string {
  try {
    return f();
  } catch (err) {
    const message = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    return `<p class="note">${escapeXml(`${what} could not be computed: ${message}`)}</p>`;
  }
}

/** Sample sizes, effects, standard errors and numeric moderators: min, quartiles, max, mean. */
function characteristicsSection(table: EffectTable): PageSection {
  const rows = studyCharacteristics(table).map((c) => [c.characteristic, String(c.k), n(c.min), n(c.q1), n(c.median), n(c.q3), n(c.max), n(c.mean)]);
  return {
    id: 'characteristics',
    heading: 'Study characteristics',
    html: [
      htmlTable(['Characteristic', 'k', 'Min', 'Q1', 'Median', 'Q3', 'Max', 'Mean'], rows, [1, 2, 3, 4, 5, 6, 7]),
      `<p class="note">${escapeXml(`Quartiles as R's quantile() (type 7); effects on the analysis scale (${table.measure}).`)}</p>`,
    ].join('\n'),
  };
}

/** What every section reads: the table, the settings, the main fit and the display scale. */
interface ReportContext {
  readonly table: EffectTable;
  readonly settings: AnalysisSettings;
  readonly result: PoolResult;
  /** The tau² method of the bias and sensitivity fits. */
  readonly mm: ReturnType<typeof modelMethod>;
  /** A figure on the display scale (back-transformed for ratio measures). */
  show(x: number | null | undefined): number | null;
}

/** The sections of the report, in order. Exported for tests. */
export function reportSections(table: EffectTable, settings: AnalysisSettings, options: { by?: string } = {}): PageSection[] {
  // Figures on the reader's scale: the measure's back-transformation (exp for ratios, inverse logit for PLO, tanh for ZCOR).
  const back = measureBackTransform(table.measure);
  const ctx: ReportContext = {
    table,
    settings,
    result: pool(table, settings),
    mm: modelMethod(settings.method),
    show: (x) => (x == null ? null : back ? applyBackTransform(back.scale, x) : x),
  };
  return [
    summarySection(ctx),
    characteristicsSection(table),
    { id: 'forest', heading: 'Forest plot', spec: buildPlotSpec({ kind: 'forest', table, settings, ...(options.by ? { by: options.by } : {}) }, ctx.result) },
    ...(options.by ? [subgroupSection(ctx, options.by)] : []),
    funnelSection(ctx),
    biasSection(ctx),
    leaveOneOutSection(ctx),
    influenceSection(ctx),
    cumulativeSection(ctx),
  ];
}

/** The pooled models (random effects and the common effect), with exclusions and warnings. */
function summarySection(ctx: ReportContext): PageSection {
  const { table, settings, result, show } = ctx;
  const measure = table.measure;
  const back = measureBackTransform(measure);
  const scale =
    back?.scale === 'exp'
      ? ` (${MEASURE_NAMES[measure].name.toLowerCase()}, back-transformed from the log scale)`
      : back
        ? ` (${back.label}, back-transformed with ${back.scale} from the ${MEASURE_NAMES[measure].name.toLowerCase()})`
        : '';
  const models: PoolResult[] = [result];
  if (!isCommonEffectMethod(settings.method)) models.push(pool(table, { ...settings, method: 'EE' }));
  const summary = htmlTable(
    ['Model', 'k', 'Estimate', `${settings.level}% CI`, 'p', 'Prediction interval', '\u03c4\u00b2', 'I\u00b2 (%)', 'Q (df)', 'p (Q)'],
    models.map((r) => [
      r.method === 'EE' || r.method === 'FE'
        ? 'Common effect (EE)'
        : r.method === 'MH'
          ? 'Mantel\u2013Haenszel'
          : r.method === 'PETO'
            ? 'Peto'
            : `Random effects (${r.method}, ${r.test})`,
      String(r.k),
      n(show(r.estimate)),
      `${n(show(r.ciLower))} to ${n(show(r.ciUpper))}`,
      p(r.pValue),
      r.piLower != null && !isCommonEffectMethod(r.method) ? `${n(show(r.piLower))} to ${n(show(r.piUpper))}` : '\u2013',
      n(r.tau2, 4),
      n(r.i2, 1),
      `${n(r.q, 2)} (${r.qDf ?? '\u2013'})`,
      p(r.qPValue),
    ]),
    [1, 2, 4, 6, 7, 9],
  );
  const notes = [
    ...table.excluded.map((e) => `Excluded: ${e.study}${e.row !== undefined ? ` (row ${e.row})` : ''}: ${e.reason}`),
    ...[...table.warnings, ...result.warnings].map((w) => `Warning: ${w.message}`),
  ];
  return {
    id: 'summary',
    heading: 'Summary',
    html: [
      `<p>${escapeXml(`${countOf(table.studies.length, 'study', 'studies')} from ${table.file ?? 'the input'}; measure ${measure}${scale}; ${settings.level}% intervals.`)}</p>`,
      summary,
      ...notes.map((t) => `<p class="note">${escapeXml(t)}</p>`),
    ].join('\n'),
  };
}

function subgroupSection(ctx: ReportContext, by: string): PageSection {
  const { table, settings, mm, show } = ctx;
  return {
    id: 'subgroups',
    heading: `Subgroups by ${by}`,
    html: attempt('The subgroup analysis', () => {
      const sg = subgroupAnalysis(table, { by, method: mm, test: settings.test, level: settings.level, ...controlOf(settings) });
      return [
        htmlTable(
          ['Subgroup', 'k', 'Estimate', `${settings.level}% CI`, 'p', '\u03c4\u00b2', 'I\u00b2 (%)', 'Q (df)', 'p (Q)'],
          // A one-study subgroup has no heterogeneity to estimate: its τ², I² and Q cells stay empty (note below).
          sg.subgroups.map((g) => [
            g.level,
            String(g.k),
            n(show(g.estimate)),
            `${n(show(g.ciLower))} to ${n(show(g.ciUpper))}`,
            p(g.pValue),
            ...(g.k === 1 ? ['', '', '', ''] : [n(g.tau2, 4), n(g.i2, 1), `${n(g.q, 2)} (${g.qDf})`, p(g.qPValue)]),
          ]),
          [1, 2, 4, 5, 6, 8],
        ),
        ...singleStudyNote(sg.subgroups),
        `<p>${escapeXml(`Test of subgroup differences: Q = ${n(sg.between.q, 2)}, df = ${sg.between.df}, p = ${p(sg.between.pValue)}.`)}</p>`,
      ].join('\n');
    }),
  };
}

/** The funnel plot with trim-and-fill and Egger's line, or the plain one when those cannot run. */
function funnelSection(ctx: ReportContext): PageSection {
  const { table, settings, result } = ctx;
  try {
    return { id: 'funnel', heading: 'Funnel plot', spec: buildPlotSpec({ kind: 'funnel', table, settings, trimFill: true, egger: true }, result) };
  } catch {
    return { id: 'funnel', heading: 'Funnel plot', spec: buildPlotSpec({ kind: 'funnel', table, settings }, result) };
  }
}

/** One row per publication-bias method; a method that cannot run becomes a note. */
function biasSection(ctx: ReportContext): PageSection {
  const { table, settings, mm, show } = ctx;
  const biasRows: string[][] = [];
  const biasNotes: string[] = [];
  const tryRow = (what: string, f: () => string[]) => {
    try {
      biasRows.push(f());
    } catch (err) {
      biasNotes.push(`${what}: ${err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)}`);
    }
  };
  tryRow("Egger's regression test", () => {
    const e = eggerTest(table, { method: mm, test: settings.test, level: settings.level, ...controlOf(settings) });
    return [
      "Egger's regression test (mixed-effects, predictor SE)",
      `${e.test} = ${n(e.statistic, 3)}`,
      p(e.pValue),
      `limit estimate ${n(show(e.limitEstimate))} (${n(show(e.limitCiLower))} to ${n(show(e.limitCiUpper))})`,
    ];
  });
  tryRow("Egger's test (classic, weighted least squares)", () => {
    const e = eggerTest(table, { model: 'lm' });
    return [
      "Egger's test (classic, weighted least squares)",
      `t(${e.df ?? '\u2013'}) = ${n(e.statistic, 3)}`,
      p(e.pValue),
      `limit estimate ${n(show(e.limitEstimate))}`,
    ];
  });
  tryRow('Begg and Mazumdar rank correlation', () => {
    const r = rankCorrelationTest(table);
    return [
      'Begg and Mazumdar rank correlation',
      `Kendall's \u03c4 = ${n(r.kendallTau, 3)}`,
      p(r.pValue),
      r.pValueMethod === 'exact' ? 'exact p-value' : 'normal approximation',
    ];
  });
  tryRow('Trim-and-fill', () => {
    const t = trimAndFill(table, { method: mm, level: settings.level, ...controlOf(settings) });
    const m = t.model;
    return [
      'Trim-and-fill (L0)',
      `k0 = ${t.k0 ?? '\u2013'} (${t.side ?? '\u2013'})`,
      '',
      `adjusted estimate ${n(show(m?.estimate))} (${n(show(m?.ciLower))} to ${n(show(m?.ciUpper))})`,
    ];
  });
  for (const type of ['Rosenthal', 'Orwin', 'Rosenberg'] as const) {
    tryRow(`Fail-safe N (${type})`, () => {
      const f = failSafeN(table, { type });
      return [`Fail-safe N (${type})`, `N = ${f.failSafeN ?? '\u2013'}`, f.pValue == null ? '' : p(f.pValue), f.target != null ? `target ${n(f.target)}` : ''];
    });
  }
  return {
    id: 'bias',
    heading: 'Publication bias',
    html: [
      htmlTable(['Method', 'Statistic', 'p', 'Detail'], biasRows, [2]),
      ...biasNotes.map((t) => `<p class="note">${escapeXml(`Not computed: ${t}`)}</p>`),
    ].join('\n'),
  };
}

function leaveOneOutSection(ctx: ReportContext): PageSection {
  const { table, settings, mm, show } = ctx;
  return {
    id: 'leave-one-out',
    heading: 'Sensitivity: leave one out',
    html: attempt('The leave-one-out analysis', () => {
      const loo = leaveOneOut(table, { method: mm, test: settings.test, level: settings.level, ...controlOf(settings) });
      return htmlTable(
        ['Study left out', 'Estimate', `${settings.level}% CI`, 'p', '\u03c4\u00b2', 'I\u00b2 (%)', 'Q', 'p (Q)'],
        loo.steps.map((s) => [
          s.study,
          n(show(s.estimate)),
          `${n(show(s.ciLower))} to ${n(show(s.ciUpper))}`,
          p(s.pValue),
          n(s.tau2, 4),
          n(s.i2, 1),
          n(s.q, 2),
          p(s.qPValue),
        ]),
        [1, 3, 4, 5, 6, 7],
      );
    }),
  };
}

function influenceSection(ctx: ReportContext): PageSection {
  const { table, settings, mm } = ctx;
  return {
    id: 'influence',
    heading: 'Sensitivity: influence diagnostics',
    html: attempt('The influence diagnostics', () => {
      const inf = influenceDiagnostics(table, { method: mm, test: settings.test, level: settings.level, ...controlOf(settings) });
      return htmlTable(
        ['Study', 'rstudent', 'DFFITS', "Cook's D", 'Cov. ratio', 'Hat', 'Weight (%)', 'Influential'],
        inf.studies.map((s) => [s.study, n(s.rstudent), n(s.dffits), n(s.cooksDistance), n(s.covRatio), n(s.hat), n(s.weight, 1), s.influential ? 'yes' : '']),
        [1, 2, 3, 4, 5, 6],
      );
    }),
  };
}

function cumulativeSection(ctx: ReportContext): PageSection {
  const { table, settings, mm, show } = ctx;
  return {
    id: 'cumulative',
    heading: 'Sensitivity: cumulative meta-analysis (input order)',
    html: attempt('The cumulative meta-analysis', () => {
      const cu = cumulative(table, { method: mm, test: settings.test, level: settings.level, ...controlOf(settings) });
      return htmlTable(
        ['Study added', 'k', 'Estimate', `${settings.level}% CI`, 'p', '\u03c4\u00b2', 'I\u00b2 (%)'],
        cu.steps.map((s) => [
          s.study,
          String(s.k),
          n(show(s.estimate)),
          `${n(show(s.ciLower))} to ${n(show(s.ciUpper))}`,
          p(s.pValue),
          n(s.tau2, 4),
          n(s.i2, 1),
        ]),
        [1, 2, 4, 5, 6],
      );
    }),
  };
}

export const command: Command = {
  name: 'report',
  summary: 'a self-contained offline HTML report',
  usage: 'metasynth report FILE [--measure M] [--method X] [--by G] --out report.html',
  options: REPORT_OPTIONS,
  async run(args, io) {
    const out = checkedOutputPath(args, io, 'report');
    if (outputFormat(out) !== '.html') throw new MetasynthError('usage', CLI_MESSAGES.report_out_end_html(args.options.out));
    const table = loadEffectTable(args, io, 'report');
    const settings = analysisSettings(args);
    const sections = reportSections(table, settings, typeof args.options.by === 'string' ? { by: args.options.by } : {});
    const title = typeof args.options.title === 'string' ? args.options.title : `Meta-analysis of ${table.file ?? 'studies'}`;
    const html = htmlPage(
      {
        title,
        ...(table.synthetic ? { banner: 'SYNTHETIC DATA: these studies are not real; do not cite the results.' } : {}),
        sections,
        footer: `Made with metasynth ${VERSION}: estimates match R's metafor; plots are Vega-Lite specs drawn with vega-embed, all inlined, so this file works offline.`,
      },
      pageAssets(),
    );
    writeOutput(out, html);
    writeFileNotice(io, args, table, { command: 'report', file: String(args.options.out), format: '.html', warnings: inputWarnings(table) });
    return 0;
  },
};

/** The note under a subgroup table when some subgroups hold one study (nothing in their heterogeneity cells). */
function singleStudyNote(subgroups: readonly { readonly level: string; readonly k: number }[]): string[] {
  const single = subgroups.filter((g) => g.k === 1).map((g) => g.level);
  if (single.length === 0) return [];
  const which = single.length === 1 ? `Subgroup ${single[0]} has` : `Subgroups ${single.join(', ')} have`;
  return [
    `<p class="note">${escapeXml(`${which} one study: there is no heterogeneity to estimate (\u03c4\u00b2, I\u00b2 and Q need two studies or more), so those cells are empty.`)}</p>`,
  ];
}
