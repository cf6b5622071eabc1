// metasynth reproduce cik [--out DIR] [--json]: the main job (`npm start`). Prints (a) the SYNTHETIC
// calibrated CIK base, (b) the verified trials by outcome, (c) the claim check with the published
// pooled estimates beside the claimed HR, and writes the forest plot (SVG, PNG), the funnel plot
// (SVG) and an offline HTML report into DIR. The figures come from src/reproduce (browser-safe);
// this file formats them and writes the files.
import { join, resolve } from 'node:path';
import { MetasynthError } from '../../core/errors.js';
import { escapeXml } from '../../plots/format.js';
import { renderSvg, svgToPng } from '../../render/index.js';
import { pageAssets } from '../../render/assets.js';
import { htmlPage, htmlTable, type PageSection } from '../../report/html.js';
import {
  analyseCikCalibrated,
  cikForestSpec,
  cikFunnelSpec,
  reproduceCik,
  type CheckedClaim,
  type CikReproduction,
  type CikSyntheticAnalysis,
  type PublishedPooledEstimate,
  type VerifiedTrial,
} from '../../reproduce/index.js';
import { VERSION } from '../../version.js';
import type { OptionSpec } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { formatFixed, formatPValue, formatTable, writeJson } from '../format.js';
import { reportSections } from './report.js';
import { writeOutput } from './plot.js';
import { countOf } from '../../core/plural.js';
import { CLI_MESSAGES } from '../messages.js';

/** The reproductions this command knows. */
export const REPRODUCTIONS = ['cik'] as const;

const OPTIONS: readonly OptionSpec[] = [
  { name: 'out', type: 'string', metavar: 'DIR', default: 'out', description: 'directory for cik-forest.svg/.png, cik-funnel.svg/.png and cik-report.html' },
  { name: 'json', type: 'boolean', description: 'print one JSON document with the figures instead of the text report' },
];

/** The files written, by key of the JSON document's `files`. */
export const CIK_FILES = {
  forestSvg: 'cik-forest.svg',
  forestPng: 'cik-forest.png',
  funnelSvg: 'cik-funnel.svg',
  funnelPng: 'cik-funnel.png',
  report: 'cik-report.html',
} as const;

const WIDTH = 100;

const f2 = (x: number | null | undefined) => formatFixed(x, 2);
const f3 = (x: number | null | undefined) => formatFixed(x, 3);
const ci = (lo: number | null | undefined, hi: number | null | undefined, d = 2) => `${formatFixed(lo, d)} to ${formatFixed(hi, d)}`;
/** A ratio from a dataset with at least 2 decimals (0.6 prints as 0.60, 0.594 as 0.594), as sources print them. */
const asPrinted = (x: number | null | undefined) => {
  if (x == null || !Number.isFinite(x)) return 'NA';
  const decimals = (String(x).split('.')[1] ?? '').length;
  return x.toFixed(Math.max(2, Math.min(decimals, 6)));
};
/** A long label cut to `max` characters with an ellipsis (the full text is in --json and the HTML report). */
const cut = (s: string, max = 50) => (s.length <= max ? s : `${s.slice(0, max - 1)}\u2026`);

/** Greedy word wrap to WIDTH, every line indented by `indent` (the first by `first` if given). */
function wrap(textIn: string, indent: string, first = indent): string[] {
  const words = textIn.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const w of words) {
    if (!empty && line.length + 1 + w.length > WIDTH) {
      lines.push(line);
      line = indent + w;
    } else {
      line += (empty ? '' : ' ') + w;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

function indentBlock(block: string, indent: string): string[] {
  return block.split('\n').map((l) => (l === '' ? l : indent + l));
}

/** Part (a) as text. Every heading says SYNTHETIC. */
export function formatSynthetic(r: CikReproduction): string[] {
  const s = r.synthetic;
  const p = s.pooled;
  const out: string[] = [
    `(a) SYNTHETIC calibrated evidence base (dataset ${s.dataset})`,
    ...wrap(
      `SYNTHETIC: ${s.k} simulated two-arm RCTs from a seeded generator, calibrated to what the two pages state. They show what the claimed evidence would look like; they are not evidence.`,
      '    ',
    ),
    '',
    `    SYNTHETIC pooled HR (${s.method}, k = ${s.k})  ${f3(p.hr)}  ${s.level}% CI ${ci(p.ciLower, p.ciUpper, 3)}  p ${formatPValue(p.pValue)}`,
    `    Prediction interval                ${ci(p.piLower, p.piUpper, 3)}`,
    `    Heterogeneity                      I² = ${formatFixed(p.i2, 1)}%, tau² = ${formatFixed(p.tau2, 4)}, Q = ${f2(p.q)} (df ${p.qDf ?? 'NA'}), p ${formatPValue(p.qPValue)}`,
    '',
    '    SYNTHETIC subgroups by cancer (each its own tau²):',
    ...indentBlock(
      formatTable(
        [
          { header: 'cancer' },
          { header: 'k', align: 'right' },
          { header: 'HR', align: 'right' },
          { header: `${s.level}% CI`, align: 'right' },
          { header: 'I² (%)', align: 'right' },
        ],
        s.subgroups.map((g) => [g.cancer, String(g.k), f3(g.hr), ci(g.ciLower, g.ciUpper, 3), formatFixed(g.i2, 1)]),
      ),
      '    ',
    ),
    `    Test of subgroup differences: Q = ${f2(s.subgroupTest.q)}, df = ${s.subgroupTest.df}, p ${formatPValue(s.subgroupTest.pValue)}`,
    `    Egger's regression test (${s.method}, predictor SE): z = ${f2(s.egger.statistic)}, p ${formatPValue(s.egger.pValue)}; limit HR ${f3(s.egger.limitHr)}`,
    `    Trim-and-fill (L0): ${s.trimFill.k0 === null ? 'NA studies' : countOf(s.trimFill.k0, 'study', 'studies')} imputed on the ${s.trimFill.side ?? 'NA'}; adjusted HR ${f3(s.trimFill.hr)} (${ci(s.trimFill.ciLower, s.trimFill.ciUpper, 3)})`,
  ];
  for (const w of s.warnings) out.push(...wrap(`warning: ${w.message}`, '      ', '    '));
  return out;
}

function trialRow(t: VerifiedTrial): string[] {
  return [t.study, t.cancer, t.outcome, asPrinted(t.hr), `${asPrinted(t.lower)}-${asPrinted(t.upper)}`, `${t.n1 ?? 'NA'}/${t.n2 ?? 'NA'}`, t.design];
}

const TRIAL_COLUMNS = [
  { header: 'study' },
  { header: 'cancer' },
  { header: 'outcome' },
  { header: 'HR', align: 'right' as const },
  { header: '95% CI', align: 'right' as const },
  { header: 'n CIK/ctrl', align: 'right' as const },
  { header: 'design' },
];

/** Part (b) as text: one table per outcome, one row per trial, each row's source and quote. */
export function formatVerified(r: CikReproduction): string[] {
  const v = r.verifiedTrials;
  const out: string[] = [
    `(b) Verified trials by outcome (dataset ${v.dataset}: per-trial HRs with CIs found in public sources)`,
    ...wrap(
      'One row per trial per outcome: later reports of a trial already counted (the Lee follow-ups) are listed, never pooled again. HR < 1 favours CIK.',
      '    ',
    ),
  ];
  for (const o of v.outcomes) {
    out.push('', `    ${o.outcome} (${o.subset}), ${o.trials.length} trial${o.trials.length === 1 ? '' : 's'}:`);
    out.push(...indentBlock(formatTable(TRIAL_COLUMNS, o.trials.map(trialRow)), '      '));
    if (o.pooled !== null) {
      out.push(
        `      pooled (${o.pooled.method}, k = ${o.pooled.k}): HR ${f2(o.pooled.hr)} (${ci(o.pooled.ciLower, o.pooled.ciUpper)}), I² ${formatFixed(o.pooled.i2, 0)}%`,
      );
    } else {
      out.push('      one trial: nothing to pool');
    }
    for (const t of o.trials) out.push(...wrap(`${t.study}: "${t.quote}" (${t.source}${t.doi === null ? '' : `; doi ${t.doi}`})`, '          ', '      '));
    for (const w of o.warnings) out.push(...wrap(`warning: ${w.message}`, '        ', '      '));
  }
  if (v.laterReports.length > 0) {
    out.push('', '    Later reports of trials already counted (shown, not pooled):');
    for (const t of v.laterReports) {
      out.push(
        ...wrap(
          `${t.study}: ${t.outcome} HR ${asPrinted(t.hr)} (${asPrinted(t.lower)}-${asPrinted(t.upper)}), ${t.followUp}; same trial as ${t.reportOf}. "${t.quote}" (${t.source})`,
          '        ',
          '      ',
        ),
      );
    }
  }
  return out;
}

function claimLines(c: CheckedClaim): string[] {
  const lines = wrap(
    `${c.id}  [${c.verdict}]  ${c.claim}: "${c.valueAsStated}"${c.attributedTo !== '' && c.attributedTo !== 'not stated' ? ` (attributed to ${c.attributedTo})` : ''}`,
    '          ',
    '      ',
  );
  lines.push(...wrap(`evidence: ${c.evidence}${c.evidenceSource ? ` (${c.evidenceSource})` : ''}`, '          ', '          '));
  return lines;
}

function publishedRow(e: PublishedPooledEstimate): string[] {
  return [
    e.id,
    cut(e.metaAnalysis),
    e.cancer,
    e.outcome,
    e.effectType,
    asPrinted(e.estimate),
    `${asPrinted(e.lower)}-${asPrinted(e.upper)}`,
    e.k === null ? 'NA' : String(e.k),
  ];
}

const PUBLISHED_COLUMNS = [
  { header: 'id' },
  { header: 'meta-analysis' },
  { header: 'cancer' },
  { header: 'outcome' },
  { header: 'type' },
  { header: 'estimate', align: 'right' as const },
  { header: '95% CI', align: 'right' as const },
  { header: 'k', align: 'right' as const },
];

/** Part (c) as text: every claim with its verdict and evidence; the published estimates beside the claimed HR. */
export function formatClaims(r: CikReproduction): string[] {
  const c = r.claimCheck;
  const verdicts = Object.entries(c.verdicts)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
  const out: string[] = [
    `(c) Claim check (dataset ${c.dataset}): ${countOf(c.claims.length, 'claim')} of two public pages, verdicts of the evidence check`,
    `    Verdicts: ${verdicts}`,
  ];
  for (const page of c.pages) {
    out.push('', ...wrap(`${page.citation} (${page.page}), ${countOf(page.claims, 'claim')}:`, '      ', '    '));
    for (const claim of c.claims.filter((x) => x.page === page.page)) out.push(...claimLines(claim));
  }
  out.push('', ...formatPublishedBesideClaim(r));
  return out;
}

const EFFECT_TYPE_NAMES: Readonly<Record<string, string>> = { HR: 'hazard ratios', RR: 'risk ratios', OR: 'odds ratios' };
const typeName = (t: string) => EFFECT_TYPE_NAMES[t] ?? t;
const figure = (e: PublishedPooledEstimate) => `${e.id} ${e.effectType} ${asPrinted(e.estimate)} (${asPrinted(e.lower)}-${asPrinted(e.upper)})`;

/**
 * The sentences of part (c) about the published figures, each built from `claimCheck.published`
 * (publishedBesideClaim), so that a row added to the dataset changes them and never makes one false.
 */
export function publishedSentences(r: CikReproduction): {
  osHazardRatios: string;
  closest: string | null;
  closer: string | null;
  byType: string[];
  reading: string;
} {
  const c = r.claimCheck;
  const p = c.published;
  const claimed = asPrinted(p.claimed);
  const range = p.osHazardRatioRange;
  const n = p.osHazardRatios.length;
  const them = n === 1 ? 'it' : 'all of them';
  const position = {
    above: `the claimed ${claimed} lies above ${them}`,
    below: `the claimed ${claimed} lies below ${them}`,
    within: `the claimed ${claimed} lies within their range`,
  };
  const osHazardRatios =
    range === null || p.claimPosition === null
      ? `No published pooled OS hazard ratio was found; claimed: ${claimed}.`
      : `${n} published pooled OS hazard ratio${n === 1 ? '' : 's'}, ${n === 1 ? asPrinted(range.min) : `from ${asPrinted(range.min)} to ${asPrinted(range.max)} (median ${asPrinted(range.median)})`}; ${position[p.claimPosition]}. ` +
        `${p.osHazardRatioCisIncludingClaim.length} of the ${n} ha${p.osHazardRatioCisIncludingClaim.length === 1 ? 's' : 've'} a 95% CI that includes ${claimed}${p.osHazardRatioCisIncludingClaim.length > 0 ? ` (${p.osHazardRatioCisIncludingClaim.join(', ')})` : ''}.`;
  const best = p.closestOsHazardRatio;
  const closest =
    best === null
      ? null
      : `Closest to the claimed ${claimed}: ${figure(best)}, ${best.metaAnalysis}; ${best.cancer}${best.k === null ? '' : `, k = ${best.k}`}.`;
  const others = p.closerOtherFigures;
  const closer =
    others.length === 0
      ? null
      : best === null
        ? `Published figures nearest the claimed ${claimed} (none is an OS hazard ratio): ${others.length}.`
        : `${others.length} published figure${others.length === 1 ? ' lies' : 's lie'} closer to the claimed ${claimed} than any pooled OS HR; ${others.length === 1 ? 'it is' : 'they are'} ${describeFigures(others)}, not pooled OS hazard ratios.`;
  const byType = p.byEffectType.map(
    (t) =>
      `${t.effectType} (${typeName(t.effectType)}): ${t.count} figure${t.count === 1 ? '' : 's'}, ${t.count === 1 ? asPrinted(t.min) : `${asPrinted(t.min)} to ${asPrinted(t.max)}`}; ${t.outcomes.map((o) => `${o.outcome} ${o.count}`).join(', ')}`,
  );
  const os = r.verifiedTrials.outcomes.find((o) => o.outcome === 'OS');
  const osText =
    os?.pooled != null
      ? ` The ${os.pooled.k} verified trials with an OS HR pool to ${f2(os.pooled.hr)} (${ci(os.pooled.ciLower, os.pooled.ciUpper)}), part (b).`
      : '';
  const reading =
    (range === null || p.claimPosition === null || best === null
      ? `Reading: no published pooled OS hazard ratio was found to compare with the claimed ${claimed}.`
      : `Reading: the published pooled OS hazard ratios found run from ${asPrinted(range.min)} to ${asPrinted(range.max)}, and ${position[p.claimPosition]}; the closest is ${best.id}, HR ${asPrinted(best.estimate)}, in ${best.cancer}.`) +
    (others.length > 0 && best !== null
      ? ` The ${others.length} figure${others.length === 1 ? '' : 's'} nearer ${claimed} ${others.length === 1 ? 'is' : 'are'} ${describeFigures(others)}.`
      : '') +
    `${osText} The SYNTHETIC base of part (a) pools to HR ${f3(r.synthetic.pooled.hr)} because it was generated to match the pages' claims; it is not evidence.`;
  return { osHazardRatios, closest, closer, byType, reading };
}

/** "risk ratios (RR) of PFS and OS", or "2 risk ratios (RR) of OS; 1 hazard ratio (HR) of PFS" when types mix. */
function describeFigures(es: readonly PublishedPooledEstimate[]): string {
  const types = [...new Set(es.map((e) => e.effectType))];
  const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)!}`);
  return types
    .map((t) => {
      const of = es.filter((e) => e.effectType === t);
      const name = of.length === 1 ? typeName(t).replace(/s$/, '') : typeName(t);
      const count = types.length === 1 ? (of.length === 1 ? 'a ' : '') : `${of.length} `;
      return `${count}${name} (${t}) of ${list([...new Set(of.map((e) => e.outcome))])}`;
    })
    .join('; ');
}

/** The published figures beside the claimed HR, as text: OS HRs, the closest, the nearer figures of other kinds, all by effect type. */
function formatPublishedBesideClaim(r: CikReproduction): string[] {
  const c = r.claimCheck;
  const p = c.published;
  const claimed = c.claimedHr;
  const s = publishedSentences(r);
  const out: string[] = [
    ...wrap(
      `The claimed pooled OS HR: ${claimed.id} "${claimed.valueAsStated}" ("${claimed.pageQuote}"), verdict ${claimed.verdict}. Beside it, the pooled estimates published meta-analyses report (dataset ${p.dataset}):`,
      '    ',
    ),
    '',
    `    Pooled overall-survival hazard ratios (${p.dataset}:os-hr):`,
    ...indentBlock(formatTable(PUBLISHED_COLUMNS, p.osHazardRatios.map(publishedRow)), '      '),
    ...wrap(s.osHazardRatios, '        ', '      '),
  ];
  if (s.closest !== null) out.push(...wrap(s.closest, '        ', '      '));
  if (s.closer !== null) {
    out.push('', ...wrap(s.closer, '      ', '    '), ...indentBlock(formatTable(PUBLISHED_COLUMNS, p.closerOtherFigures.map(publishedRow)), '      '));
  }
  out.push('', `    All ${p.estimates.length} published pooled figures by effect type:`);
  for (const line of s.byType) out.push(...wrap(line, '        ', '      '));
  out.push('', '    Sources of these estimates:');
  const shown = new Map([...p.osHazardRatios, ...p.closerOtherFigures].map((e) => [e.id, e]));
  for (const e of shown.values()) out.push(...wrap(`${e.id}: "${e.quote}" (${e.source}${e.doi === null ? '' : `; doi ${e.doi}`})`, '          ', '      '));
  out.push(
    '',
    ...wrap(s.reading, '    '),
    ...wrap(
      `All ${p.estimates.length} published pooled estimates: metasynth reproduce cik --json (claimCheck.published.estimates), or the HTML report.`,
      '    ',
    ),
  );
  return out;
}

/** The whole text report. */
export function formatReproduction(r: CikReproduction, files: Readonly<Record<string, string>>): string {
  const lines = [
    `metasynth ${VERSION} reproduce cik: the clinical evidence for CIK (cytokine-induced killer cell) therapy`,
    '',
    ...formatSynthetic(r),
    '',
    ...formatVerified(r),
    '',
    ...formatClaims(r),
    '',
    'Files:',
    ...Object.values(files).map((f) => `  ${f}`),
    '',
  ];
  return lines.join('\n');
}

function verifiedSection(r: CikReproduction): PageSection {
  const v = r.verifiedTrials;
  const parts: string[] = [
    `<p>${escapeXml('Per-trial hazard ratios with CIs found in public sources (dataset cik/verified-trials). One row per trial per outcome; later reports of a trial already counted are listed apart and never pooled again. HR < 1 favours CIK.')}</p>`,
  ];
  for (const o of v.outcomes) {
    parts.push(`<h3>${escapeXml(`${o.outcome} (${o.subset})`)}</h3>`);
    parts.push(
      htmlTable(
        ['Study', 'Cancer', 'Setting', 'Outcome', 'HR', '95% CI', 'n CIK / control', 'Design', 'Source', 'DOI', 'Quote'],
        o.trials.map((t) => [
          t.study,
          t.cancer,
          t.setting,
          t.outcome,
          asPrinted(t.hr),
          `${asPrinted(t.lower)} to ${asPrinted(t.upper)}`,
          `${t.n1 ?? 'NA'} / ${t.n2 ?? 'NA'}`,
          t.design,
          t.source,
          t.doi ?? '',
          t.quote,
        ]),
        [4, 5, 6],
      ),
    );
    parts.push(
      `<p>${escapeXml(o.pooled === null ? 'One trial: nothing to pool.' : `Pooled (${o.pooled.method}, k = ${o.pooled.k}): HR ${f2(o.pooled.hr)} (${ci(o.pooled.ciLower, o.pooled.ciUpper)}), I² ${formatFixed(o.pooled.i2, 0)}%.`)}</p>`,
    );
  }
  if (v.laterReports.length > 0) {
    parts.push(`<h3>${escapeXml('Later reports of trials already counted (not pooled)')}</h3>`);
    parts.push(
      htmlTable(
        ['Report', 'Same trial as', 'Outcome', 'Follow-up', 'HR', '95% CI', 'Source', 'Quote'],
        v.laterReports.map((t) => [
          t.study,
          t.reportOf,
          t.outcome,
          t.followUp,
          asPrinted(t.hr),
          `${asPrinted(t.lower)} to ${asPrinted(t.upper)}`,
          t.source,
          t.quote,
        ]),
        [4, 5],
      ),
    );
  }
  parts.push(...v.notes.map((n) => `<p class="note">${escapeXml(n)}</p>`));
  return { id: 'verified-trials', heading: 'B. Verified trials by outcome (real, sourced)', html: parts.join('\n') };
}

function claimsSection(r: CikReproduction): PageSection {
  const c = r.claimCheck;
  const p = c.published;
  const parts: string[] = [
    `<p>${escapeXml(
      `Every quantitative claim of the two pages (dataset cik/source-claims) with the verdict and evidence of the evidence check (datasets/cik/sources/cik-evidence-check.md). Verdicts: ${Object.entries(
        c.verdicts,
      )
        .map(([v, n]) => `${n} ${v}`)
        .join(', ')}.`,
    )}</p>`,
    htmlTable(
      ['Id', 'Page', 'Claim', 'As stated', 'Verdict', 'Evidence', 'Evidence source', 'Evidence quote'],
      c.claims.map((x) => [x.id, x.page.replace(/^.*\//, ''), x.claim, x.valueAsStated, x.verdict, x.evidence, x.evidenceSource ?? '', x.evidenceQuote ?? '']),
    ),
    `<h3>${escapeXml(`Published pooled estimates beside the claimed ${c.claimedHr.valueAsStated} (dataset cik/published-pooled)`)}</h3>`,
    ...(() => {
      const t = publishedSentences(r);
      return [t.osHazardRatios, t.closest, t.closer, `By effect type: ${t.byType.join('. ')}.`, t.reading]
        .filter((x): x is string => x !== null)
        .map((x) => `<p>${escapeXml(x)}</p>`);
    })(),
    htmlTable(
      ['Id', 'Meta-analysis', 'Cancer', 'Outcome', 'Type', 'Direction', 'Estimate', '95% CI', 'k', 'Source', 'DOI', 'Quote'],
      p.estimates.map((e) => [
        e.id,
        e.metaAnalysis,
        e.cancer,
        e.outcome,
        e.effectType,
        e.direction,
        asPrinted(e.estimate),
        `${asPrinted(e.lower)} to ${asPrinted(e.upper)}`,
        e.k === null ? '' : String(e.k),
        e.source,
        e.doi ?? '',
        e.quote,
      ]),
      [6, 7, 8],
    ),
  ];
  return { id: 'claim-check', heading: 'C. Claim check and published pooled estimates (real, sourced)', html: parts.join('\n') };
}

/** The HTML report: part A through the plots engineer's report sections (each marked SYNTHETIC), then B and C. */
export function cikReportHtml(r: CikReproduction, a: CikSyntheticAnalysis): string {
  const forest = cikForestSpec(a);
  const funnel = cikFunnelSpec(a);
  const synthetic = reportSections(a.table, { method: a.pooled.method, test: a.pooled.test, level: a.pooled.level }, { by: 'cancer' }).map((s) => ({
    ...s,
    id: `synthetic-${s.id}`,
    heading: `A. SYNTHETIC: ${s.heading}`,
    ...(s.id === 'forest' ? { spec: forest } : s.id === 'funnel' ? { spec: funnel } : {}),
  }));
  return htmlPage(
    {
      title: 'CIK cell therapy: the claims, the verified trials, and a SYNTHETIC calibrated evidence base',
      banner: `Part A uses SYNTHETIC data (${r.synthetic.dataset}): simulated trials, not evidence; do not cite them. Parts B and C are records from public sources, each with its source and quote.`,
      sections: [...synthetic, verifiedSection(r), claimsSection(r)],
      footer: `Made with metasynth ${VERSION} (metasynth reproduce cik): estimates match R's metafor; plots are Vega-Lite specs drawn with vega-embed, all inlined, so this file works offline.`,
    },
    pageAssets(),
  );
}

/** A one-line progress display on a terminal (stderr a TTY, not --json); erased at the end. */
function progressLine(io: CliIO, active: boolean, total: number): { step(label: string): void; done(): void } {
  if (!active) return { step() {}, done() {} };
  let i = 0;
  return {
    step(label) {
      i += 1;
      io.stderr(`\r\x1b[2Kmetasynth reproduce cik [${i}/${total}] ${label}...`);
    },
    done() {
      io.stderr('\r\x1b[2K');
    },
  };
}

export const command: Command = {
  name: 'reproduce',
  summary: 'reproduce a bundled analysis: reproduce cik (the CIK evidence, SYNTHETIC base, claim check)',
  usage: 'metasynth reproduce cik [--out DIR] [--json]',
  options: OPTIONS,
  async run(args, io) {
    const [which, ...rest] = args.positionals;
    if (which === undefined) throw new MetasynthError('usage', CLI_MESSAGES.reproduce_name_analysis_metasynth(REPRODUCTIONS));
    if (!(REPRODUCTIONS as readonly string[]).includes(which) || rest.length > 0) {
      throw new MetasynthError('usage', CLI_MESSAGES.reproduce_unknown_analysis_available(which, rest, REPRODUCTIONS));
    }
    const json = args.options.json === true;
    const outOption = args.options.out;
    if (typeof outOption !== 'string' || outOption === '') throw new MetasynthError('usage', CLI_MESSAGES.reproduce_out_needs_directory());
    const dir = resolve(io.cwd, outOption);
    const progress = progressLine(io, io.isTTY && !json, 6);

    progress.step('fitting the SYNTHETIC calibrated base');
    const analysis = analyseCikCalibrated();
    progress.step('verified trials and claim check');
    const result = reproduceCik({ analysis });
    const files: Record<keyof typeof CIK_FILES, string> = {
      forestSvg: join(outOption, CIK_FILES.forestSvg),
      forestPng: join(outOption, CIK_FILES.forestPng),
      funnelSvg: join(outOption, CIK_FILES.funnelSvg),
      funnelPng: join(outOption, CIK_FILES.funnelPng),
      report: join(outOption, CIK_FILES.report),
    };
    progress.step('forest plot (SVG)');
    const forestSvg = await renderSvg(cikForestSpec(analysis));
    writeOutput(join(dir, CIK_FILES.forestSvg), forestSvg);
    progress.step('forest plot (PNG)');
    writeOutput(join(dir, CIK_FILES.forestPng), svgToPng(forestSvg));
    progress.step('funnel plot (SVG, PNG)');
    const funnelSvg = await renderSvg(cikFunnelSpec(analysis));
    writeOutput(join(dir, CIK_FILES.funnelSvg), funnelSvg);
    writeOutput(join(dir, CIK_FILES.funnelPng), svgToPng(funnelSvg));
    progress.step('HTML report');
    writeOutput(join(dir, CIK_FILES.report), cikReportHtml(result, analysis));
    progress.done();

    if (json) {
      writeJson(io, { ...result, version: VERSION, files });
    } else {
      io.stdout(formatReproduction(result, files));
    }
    return 0;
  },
};
