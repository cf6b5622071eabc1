// The offline HTML report of the page's analysis, built by the library's report builder (htmlPage,
// htmlTable): the summary, each plot as the SVG its live view draws, the commands that reproduce the
// numbers, the data as read, and the JSON document. The report has no script: it opens anywhere.
import { htmlPage, htmlTable, type PageSection } from '../../src/index.js';
import type { View } from 'vega';
import { el } from './dom.js';
import type { ParsedTable } from './analysis.js';
import { plotSvg } from './vegaView.js';

/** What the report shows. */
export interface ReportContent {
  readonly name: string;
  readonly synthetic: boolean;
  readonly summary: HTMLElement;
  readonly plots: readonly { readonly name: string; readonly title: string; readonly view: View }[];
  readonly cliCommand: string;
  readonly rCall: string;
  readonly table?: ParsedTable;
  readonly json: unknown;
}

/** The banner of every report of synthetic data (the page's own banner text). */
export const SYNTHETIC_BANNER = 'SYNTHETIC DATA: simulated studies, not evidence; do not cite the results.';

/** HTML of an element built from text nodes (the browser escapes every text). */
function html(node: HTMLElement): string {
  return node.outerHTML;
}

/** The summary's figures as a two-column table (its first paragraph above it). */
function summaryHtml(summary: HTMLElement): string {
  const lead = summary.querySelector('p')?.textContent ?? '';
  const terms = Array.from(summary.querySelectorAll('dt'));
  const rows = terms.map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? '']);
  return `${html(el('p', {}, lead))}\n${htmlTable(['figure', 'value'], rows, [1])}`;
}

/**
 * The report as one HTML document (text).
 * @example const page = await reportHtml(content) // '<!DOCTYPE html>...'
 */
export async function reportHtml(c: ReportContent): Promise<string> {
  const sections: PageSection[] = [{ id: 'summary', heading: 'Summary', html: summaryHtml(c.summary) }];
  for (const p of c.plots) sections.push({ id: `plot-${p.name}`, heading: p.title, html: `<div class="plot">${await plotSvg(p.view)}</div>` });
  sections.push({
    id: 'reproduce',
    heading: 'Reproduce these numbers',
    html: [
      html(el('p', {}, 'metasynth command line (the data saved as data.csv):')),
      html(el('pre', {}, el('code', {}, c.cliCommand))),
      html(el('p', {}, 'R with metafor 3.8-1:')),
      html(el('pre', {}, el('code', {}, c.rCall))),
    ].join('\n'),
  });
  if (c.table) sections.push({ id: 'data', heading: 'The data as read', html: htmlTable(c.table.columns, c.table.rows) });
  sections.push({
    id: 'json',
    heading: 'The result as JSON',
    html: html(el('details', {}, el('summary', {}, 'show'), el('pre', {}, JSON.stringify(c.json, null, 2)))),
  });
  return htmlPage(
    {
      title: `metasynth analysis: ${c.name}`,
      ...(c.synthetic ? { banner: SYNTHETIC_BANNER } : {}),
      sections,
      footer: `Made with the metasynth web page on ${new Date().toISOString().slice(0, 10)}; computed in the browser.`,
    },
    { scripts: [] },
  );
}
