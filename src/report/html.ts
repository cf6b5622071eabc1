// Self-contained HTML pages (browser-safe string building; the Node edge supplies the inlined
// scripts and fonts). Every text from input goes through escapeXml; specs are embedded as JSON in
// <script type="application/json"> with "<" written as \u003c, so a study label such as
// `<script>alert(1)</script>` can neither close the element nor run.
import type { TopLevelSpec } from 'vega-lite';
import { escapeXml } from '../plots/format.js';
import { FONT_FAMILY } from '../plots/textMetrics.js';

export interface PageAssets {
  /** Script sources inlined in order: vega, vega-lite, vega-embed. */
  readonly scripts: readonly string[];
  /** data: URLs of the Arimo TTFs (without them the page's text uses the fallbacks of FONT_FAMILY). */
  readonly fonts?: { readonly regular: string; readonly bold: string; readonly italic: string };
}

/** A page section: a heading and HTML that the caller built with `escapeXml` for every input text. */
export interface PageSection {
  readonly id: string;
  readonly heading: string;
  /** Trusted HTML (built by metasynth, input text escaped). */
  readonly html?: string;
  /** A plot drawn with vega-embed in the browser. */
  readonly spec?: TopLevelSpec;
}

/** JSON safe to place inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function scriptText(source: string): string {
  // Defensive: the builds contain no "</script", but a future one must not end the element early.
  return source.replace(/<\/(script)/gi, '<\\/$1');
}

/** The @font-face rules of the inlined Arimo fonts (none without them). */
function fontFaces(fonts: PageAssets['fonts']): string {
  if (!fonts) return '';
  return `
@font-face { font-family: Arimo; font-weight: 400; font-style: normal; src: url(${fonts.regular}) format("truetype"); }
@font-face { font-family: Arimo; font-weight: 700; font-style: normal; src: url(${fonts.bold}) format("truetype"); }
@font-face { font-family: Arimo; font-weight: 400; font-style: italic; src: url(${fonts.italic}) format("truetype"); }`;
}

/**
 * One HTML document: the sections in order, plots embedded with vega-embed (SVG renderer, no action
 * menu, tooltips on) from inlined libraries. Opens from a file URL with no network. A page whose
 * sections are all static HTML (no `spec`) has no script and needs no assets but `{ scripts: [] }`.
 * @example htmlPage({ title: 'BCG <1948>', sections: [{ id: 's', heading: 'Summary', html: '<p>k = 13</p>' }] }, { scripts: [] }).includes('<title>BCG &lt;1948&gt;</title>') // true
 * @example htmlPage({ title: 'BCG', sections: [{ id: 's', heading: 'Summary', html: '<p>k = 13</p>' }] }, { scripts: [] }).includes('<script') // false
 */
export function htmlPage(
  options: { readonly title: string; readonly banner?: string; readonly sections: readonly PageSection[]; readonly footer?: string },
  assets: PageAssets,
): string {
  const specs: Record<string, TopLevelSpec> = {};
  const body = options.sections
    .map((s) => {
      const parts = [`<section id="${escapeXml(s.id)}">`, `<h2>${escapeXml(s.heading)}</h2>`];
      if (s.html) parts.push(s.html);
      if (s.spec) {
        specs[s.id] = s.spec;
        parts.push(`<div class="plot" data-plot="${escapeXml(s.id)}"></div>`);
      }
      parts.push('</section>');
      return parts.join('\n');
    })
    .join('\n');
  const css = `${fontFaces(assets.fonts)}
body { font-family: ${FONT_FAMILY}; color: #1a1a1a; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
.banner { background: #b3261e; color: white; font-weight: bold; padding: .4rem .8rem; border-radius: 4px; display: inline-block; }
p, li, footer { overflow-wrap: anywhere; }
a { color: #0b57d0; overflow-wrap: anywhere; }
.table-scroll { overflow-x: auto; max-width: 100%; margin: .5rem 0; }
table { border-collapse: collapse; font-size: .92rem; }
th, td { padding: .2rem .7rem; text-align: left; border-bottom: 1px solid #eee; vertical-align: top; }
td { overflow-wrap: anywhere; min-width: 4ch; }
td.long { min-width: 16rem; }
details > summary { cursor: pointer; color: #0b57d0; margin: .5rem 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #5f6368; font-size: .9rem; }
.plot { margin: .5rem 0; overflow-x: auto; }
footer { margin-top: 3rem; color: #5f6368; font-size: .85rem; }`;
  const boot = `
(async function () {
  var specs = JSON.parse(document.getElementById('metasynth-specs').textContent);
  try { await document.fonts.load('11px Arimo'); await document.fonts.load('bold 11px Arimo'); } catch (e) {}
  var nodes = document.querySelectorAll('[data-plot]');
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    await vegaEmbed(el, specs[el.getAttribute('data-plot')], { actions: false, renderer: 'svg' });
    el.setAttribute('data-rendered', 'true');
  }
  document.body.setAttribute('data-ready', 'true');
})().catch(function (err) { console.error('metasynth report: ' + (err && err.message ? err.message : err)); });`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network: the page may load nothing but itself, data: fonts and its inline scripts.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; font-src data:; img-src data:">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeXml(options.title)}</h1>`,
    options.banner ? `<p class="banner">${escapeXml(options.banner)}</p>` : '',
    body,
    options.footer ? `<footer>${escapeXml(options.footer)}</footer>` : '',
    // A page without live plots (sections of static HTML only, e.g. SVG drawn by the caller) has no scripts at all.
    ...(Object.keys(specs).length === 0
      ? []
      : [
          `<script type="application/json" id="metasynth-specs">${scriptJson(specs)}</script>`,
          ...assets.scripts.map((s) => `<script>${scriptText(s)}</script>`),
          `<script>${boot}</script>`,
        ]),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Tables with more rows than this are collapsed behind a summary line (an HTML <details>). */
export const COLLAPSE_ROWS_ABOVE = 30;

/** A cell this long (quotes, claims) gets room to wrap instead of a narrow column. */
const LONG_CELL = 60;

/** http(s) addresses inside text; a trailing ")", ".", ",", ";" or ":" is punctuation, not address. */
const URL_PATTERN = /https?:\/\/[^\s<>"'`]+[^\s<>"'`).,;:]/g;

/**
 * Text as HTML with every http(s) address a link (opened in a new tab, no referrer); everything
 * else escaped. Other schemes (javascript:, data:) stay text.
 * @example linkifiedText('see https://example.org/a?b=1&c=2.') // 'see <a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">https://example.org/a?b=1&amp;c=2</a>.'
 */
export function linkifiedText(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    const url = m[0];
    const at = m.index ?? 0;
    out += escapeXml(text.slice(last, at));
    out += `<a href="${escapeXml(url)}" target="_blank" rel="noopener noreferrer">${escapeXml(url)}</a>`;
    last = at + url.length;
  }
  return out + escapeXml(text.slice(last));
}

/**
 * An HTML table inside a box that scrolls sideways when the table is wider than the page; cells are
 * escaped text with their http(s) addresses as links. `numeric` marks right-aligned columns by
 * index. A table of more than COLLAPSE_ROWS_ABOVE rows is collapsed behind a summary naming its
 * row count (click to show).
 * @example htmlTable(['study', 'yi'], [['<b>A</b>', '0.1']], [1]).includes('<td>&lt;b&gt;A&lt;/b&gt;</td><td class="num">0.1</td>') // true
 */
export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const cls = (i: number, cell = '') => {
    const names = [...(numeric.includes(i) ? ['num'] : []), ...(cell.length > LONG_CELL ? ['long'] : [])];
    return names.length > 0 ? ` class="${names.join(' ')}"` : '';
  };
  const table = [
    '<div class="table-scroll">',
    '<table>',
    `<thead><tr>${header.map((h, i) => `<th${cls(i)}>${escapeXml(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i, c)}>${linkifiedText(c)}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
    '</div>',
  ].join('\n');
  if (rows.length <= COLLAPSE_ROWS_ABOVE) return table;
  return `<details>\n<summary>${rows.length} rows (show the table)</summary>\n${table}\n</details>`;
}
