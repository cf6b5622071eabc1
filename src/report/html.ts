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
  /** data: URLs of the Arimo TTFs. */
  readonly fonts: { readonly regular: string; readonly bold: string; readonly italic: string };
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
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function scriptText(source: string): string {
  // Defensive: the builds contain no "</script", but a future one must not end the element early.
  return source.replace(/<\/(script)/gi, '<\\/$1');
}

/**
 * One HTML document: the sections in order, plots embedded with vega-embed (SVG renderer, no action
 * menu, tooltips on) from inlined libraries. Opens from a file URL with no network.
 */
export function htmlPage(options: { readonly title: string; readonly banner?: string; readonly sections: readonly PageSection[]; readonly footer?: string }, assets: PageAssets): string {
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
  const css = `
@font-face { font-family: Arimo; font-weight: 400; font-style: normal; src: url(${assets.fonts.regular}) format("truetype"); }
@font-face { font-family: Arimo; font-weight: 700; font-style: normal; src: url(${assets.fonts.bold}) format("truetype"); }
@font-face { font-family: Arimo; font-weight: 400; font-style: italic; src: url(${assets.fonts.italic}) format("truetype"); }
body { font-family: ${FONT_FAMILY}; color: #1a1a1a; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
.banner { background: #b3261e; color: white; font-weight: bold; padding: .4rem .8rem; border-radius: 4px; display: inline-block; }
table { border-collapse: collapse; font-size: .92rem; margin: .5rem 0; }
th, td { padding: .2rem .7rem; text-align: left; border-bottom: 1px solid #eee; vertical-align: top; }
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
    `<script type="application/json" id="metasynth-specs">${scriptJson(specs)}</script>`,
    ...assets.scripts.map((s) => `<script>${scriptText(s)}</script>`),
    `<script>${boot}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** An HTML table; cells are escaped text. `numeric` marks right-aligned columns by index. */
export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const cls = (i: number) => (numeric.includes(i) ? ' class="num"' : '');
  return [
    '<table>',
    `<thead><tr>${header.map((h, i) => `<th${cls(i)}>${escapeXml(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeXml(c)}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}
