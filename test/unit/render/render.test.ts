// Rendering at the Node edge: SVG through vega's headless view, PNG through resvg with the bundled
// Arimo fonts; escaping of input text; notebook MIME bundles; the font-metrics table.
import { describe, expect, it } from 'vitest';
import { forestPlotSpec, funnelPlotSpec, plotMimeBundle, VEGALITE_MIME_TYPES } from '../../../src/plots/index.js';
import { ARIMO_ADVANCES, textWidth } from '../../../src/plots/textMetrics.js';
import { escapeXml } from '../../../src/plots/format.js';
import { loadFontAdvances } from '../../../src/render/fontFile.js';
import { displayPlot, renderPng, renderSvg } from '../../../src/render/index.js';
import { htmlPage } from '../../../src/report/html.js';
import { bcgForest, bcgFunnel, labels } from '../plots/bcgInputs.js';

const EVIL = '<script>alert(1)</script> & "x"';

describe('renderSvg', () => {
  it('renderSvg(forestPlotSpec(bcg)) contains every study label, the diamond and the axis', async () => {
    const svg = await renderSvg(forestPlotSpec(bcgForest()));
    expect(svg.startsWith('<svg')).toBe(true);
    for (const label of labels) expect(svg).toContain(`>${escapeXml(label)}</text>`);
    expect(labels).toHaveLength(13);
    // The diamond is the area mark; the axis is a group with role "axis" and its tick labels.
    expect(svg).toMatch(/class="mark-area[^"]*"/);
    expect(svg).toMatch(/role-axis/);
    for (const tick of ['0.1', '0.25', '0.5', '1', '2', '4']) expect(svg).toContain(`>${tick}</text>`);
    expect(svg).toContain('>0.49 [0.34, 0.70]</text>');
    expect(svg).toContain('Random-effects model (REML)');
  });

  it('renderSvg escapes study labels: <script> shows as text and runs nothing', async () => {
    const svg = await renderSvg(forestPlotSpec(bcgForest({ labels: [EVIL] }), { title: EVIL }));
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; ');
    const funnel = await renderSvg(funnelPlotSpec({ ...bcgFunnel(), points: [{ study: EVIL, effect: -0.5, standardError: 0.3 }] }, { caption: EVIL }));
    expect(funnel).not.toContain('<script');
  });

  it('htmlPage escapes titles and embeds specs without a closing </script>', () => {
    const spec = forestPlotSpec(bcgForest({ labels: [EVIL] }));
    const html = htmlPage({ title: EVIL, sections: [{ id: 'forest', heading: EVIL, spec }] }, { scripts: [], fonts: { regular: '', bold: '', italic: '' } });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(html).toContain('\\u003cscript>alert(1)\\u003c/script> & \\"x\\"');
  });

  it('renderPng(spec) gives the same PNG bytes twice (bundled fonts only)', async () => {
    const spec = forestPlotSpec(bcgForest(), { preset: 'jama' });
    const a = await renderPng(spec, { scale: 1 });
    const b = await renderPng(spec, { scale: 1 });
    expect(Buffer.from(a.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(a.length).toBeGreaterThan(10_000);
  });
});

describe('notebook display', () => {
  it('plotMimeBundle(spec) carries the spec under the Vega-Lite v6 and v5 MIME types', () => {
    const spec = forestPlotSpec(bcgForest());
    const bundle = plotMimeBundle(spec);
    expect(VEGALITE_MIME_TYPES).toEqual(['application/vnd.vegalite.v6+json', 'application/vnd.vegalite.v5+json']);
    expect(bundle['application/vnd.vegalite.v6+json']).toBe(spec);
    expect((bundle['application/vnd.vegalite.v5+json'] as { $schema: string }).$schema).toMatch(/v5\.json$/);
    expect(bundle['text/plain']).toMatch(/Forest plot of 13 studies/);
  });

  it('displayPlot(spec)[Symbol.for("Jupyter.display")]() adds the SVG fallback', async () => {
    const shown = await displayPlot(funnelPlotSpec(bcgFunnel()));
    const bundle = (shown as unknown as Record<symbol, () => Record<string, unknown>>)[Symbol.for('Jupyter.display')]!();
    expect(String(bundle['image/svg+xml'])).toMatch(/^<svg/);
    expect(JSON.parse(JSON.stringify(shown))).toEqual(shown.spec);
  });
});

describe('text metrics', () => {
  it('ARIMO_ADVANCES equals the advance widths of the bundled Arimo TTFs', () => {
    for (const weight of ['regular', 'bold'] as const) {
      const font = loadFontAdvances(weight);
      expect(font.unitsPerEm).toBe(2048);
      const t = ARIMO_ADVANCES[weight];
      for (let cp = 32; cp <= 126; cp++) expect(t.latin[cp - 32]).toBe(font.advance(cp));
      for (let cp = 160; cp <= 255; cp++) expect(t.latin[cp - 160 + 95]).toBe(font.advance(cp));
      for (const [cp, w] of Object.entries(t.extra)) expect(w).toBe(font.advance(Number(cp)));
    }
  });

  it("textWidth('1.00', 11) is four advance widths of Arimo at 11 px", () => {
    expect(textWidth('1.00', 11)).toBeCloseTo(((1139 * 3 + 569) * 11) / 2048, 12);
  });
});
