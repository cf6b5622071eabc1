// Safe output: every text from the input is escaped in SVG and HTML (a study label
// `<script>alert(1)</script> & "x"`, a subgroup level, a title and a file name that are markup);
// reports and HTML plots request nothing from the network; the CLI writes only the --out file and
// never writes over its input (same path, another spelling of it, a symbolic or a hard link).
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const TMP = join(ROOT, 'test', '.tmp', 'safety');

const LABEL = '<script>alert(1)</script> & "x"';
const LEVEL = '<b onmouseover=alert(2)>';
const TITLE = '</title><script>alert(3)</script>';
const FILE_NAME = '<img src=x onerror=alert(4)>.csv';

function csvCell(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The BCG trials with a hostile first label and a hostile subgroup level. */
function hostileCsv(): string {
  const rows = readFileSync(join(ROOT, 'test/fixtures/metafor/dat.bcg.csv'), 'utf8').trim().split('\n');
  return [
    'study,ai,bi,ci,di,ablat,alloc',
    ...rows.slice(1).map((line, i) => {
      const cells = line.match(/("([^"]|"")*"|[^,]+)/g)!;
      const [, , ai, bi, ci, di, ablat, alloc] = cells;
      return [csvCell(i === 0 ? LABEL : cells[0]!.replace(/^"|"$/g, '')), ai, bi, ci, di, ablat, i % 3 === 0 ? csvCell(LEVEL) : alloc].join(',');
    }),
    '',
  ].join('\n');
}

function capture(cwd: string): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY: false,
    cwd,
    out: () => out,
    err: () => err,
  };
}

/** Every file under dir (relative paths), to prove what a command wrote. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** No raw markup from the input, and every & starts an entity. */
function expectEscapedMarkup(doc: string, what: string): void {
  expect(doc, what).not.toContain('<script>alert');
  expect(doc, what).not.toContain('<b onmouseover');
  expect(doc, what).not.toContain('<img src=x');
  expect(doc, what).not.toContain('</title><script');
  expect(doc, what).not.toContain('& "x"');
}

describe('safe output', () => {
  let dir: string;
  const input = 'hostile.csv';
  beforeAll(() => {
    dir = join(TMP, 'work');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, input), hostileCsv());
    writeFileSync(join(dir, FILE_NAME), hostileCsv());
  });
  afterAll(() => rmSync(TMP, { recursive: true, force: true }));

  const svgPlots: readonly (readonly [string, readonly string[]])[] = [
    [
      'forest --by alloc with a hostile title, caption and favours',
      ['forest', '--by', 'alloc', '--title', TITLE, '--caption', LABEL, '--favours', `${LEVEL},${LABEL.replace(',', '')}`],
    ],
    ['forest --preset revman5 --common', ['forest', '--preset', 'revman5', '--common']],
    ['funnel --contours --trimfill --egger with a hostile title', ['funnel', '--contours', '--trimfill', '--egger', '--title', TITLE]],
    ['baujat', ['baujat']],
    ['radial', ['radial']],
    ['labbe', ['labbe']],
    ['leave1out', ['leave1out']],
    ['cumulative', ['cumulative']],
  ];
  it.each(svgPlots)('plot %s --out x.svg escapes every input text', async (_title, args) => {
    const [kind, ...opts] = args;
    const out = `plot-${kind}-${opts.length}.svg`;
    const io = capture(dir);
    const code = await main(['plot', kind!, input, '--measure', 'RR', ...opts, '--out', out], io);
    expect(code, io.err()).toBe(0);
    const svg = readFileSync(join(dir, out), 'utf8');
    expectEscapedMarkup(svg, `${kind} svg`);
    expect(svg).not.toMatch(/<script|<foreignObject|\bon[a-z]+\s*=\s*["'][^"']*alert/i);
    expect(svg, 'a bare & in SVG').not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
    if (['forest', 'leave1out', 'cumulative'].includes(kind!)) expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
  });

  /** HTML that requests nothing from the network, whatever the inlined libraries contain. */
  function expectOffline(html: string): void {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<(img|iframe|embed|object|source|audio|video)\b[^>]*\b(src|data)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    // The embedded Vega-Lite specs load no data from URLs.
    const specs = /<script type="application\/json" id="metasynth-specs">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(specs.length).toBeGreaterThan(0);
    expect(specs).not.toMatch(/"url"\s*:/);
    expect(specs).not.toContain('<');
  }

  it('report FILE --by alloc --title <markup> --out r.html escapes every input text and loads nothing from the network', async () => {
    const io = capture(dir);
    const code = await main(['report', input, '--measure', 'RR', '--by', 'alloc', '--title', TITLE, '--out', 'r.html'], io);
    expect(code, io.err()).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expectEscapedMarkup(html, 'report');
    expectOffline(html);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
  });

  it('report and plot name a file called <img src=x onerror=…>.csv escaped', async () => {
    for (const args of [
      ['report', FILE_NAME, '--measure', 'RR', '--out', 'named.html'],
      ['plot', 'forest', FILE_NAME, '--measure', 'RR', '--out', 'named-plot.html'],
    ]) {
      const io = capture(dir);
      const code = await main(args, io);
      expect(code, io.err()).toBe(0);
      const html = readFileSync(join(dir, args[args.length - 1]!), 'utf8');
      expectEscapedMarkup(html, args[0]!);
      expectOffline(html);
    }
  });

  it('plot forest FILE --out x.html (an HTML plot) is escaped and offline', async () => {
    const io = capture(dir);
    const code = await main(['plot', 'forest', input, '--measure', 'RR', '--title', TITLE, '--out', 'plot.html'], io);
    expect(code, io.err()).toBe(0);
    const html = readFileSync(join(dir, 'plot.html'), 'utf8');
    expectEscapedMarkup(html, 'plot html');
    expectOffline(html);
  });

  it('plot forest FILE --out x.vl.json writes the label only as JSON text', async () => {
    const io = capture(dir);
    expect(await main(['plot', 'forest', input, '--measure', 'RR', '--out', 'spec.vl.json'], io)).toBe(0);
    const spec = readFileSync(join(dir, 'spec.vl.json'), 'utf8');
    expect(JSON.stringify(JSON.parse(spec))).toContain(JSON.stringify(LABEL).slice(1, -1));
  });
});

describe('the CLI writes only where --out says', () => {
  let dir: string;
  beforeAll(() => {
    dir = join(TMP, 'only-out');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(ROOT, 'test/fixtures/metafor/dat.bcg.csv'), join(dir, 'bcg.csv'));
  });

  it.each([
    ['plot forest bcg.csv --measure RR --out figs/forest.svg', 'figs/forest.svg'],
    ['plot funnel bcg.csv --measure RR --out funnel.png', 'funnel.png'],
    ['plot forest bcg.csv --measure RR --out spec.vl.json', 'spec.vl.json'],
    ['report bcg.csv --measure RR --out out/report.html', 'out/report.html'],
    ['pool bcg.csv --measure RR --json', null],
    ['bias bcg.csv --measure RR --json', null],
    ['sensitivity bcg.csv --measure RR --json', null],
    ['regress bcg.csv --measure RR --mods ablat --json', null],
  ] as const)('metasynth %s adds exactly its --out file', async (joined, written) => {
    const before = tree(dir);
    const io = capture(dir);
    const code = await main(joined.split(' '), io);
    expect(code, io.err()).toBe(0);
    const added = tree(dir).filter((f) => !before.includes(f));
    expect(added).toEqual(written === null ? [] : [written]);
  });
});

describe('the CLI refuses to write over its input', () => {
  let dir: string;
  const original = () => readFileSync(join(ROOT, 'test/fixtures/metafor/dat.bcg.json'));
  beforeAll(() => {
    dir = join(TMP, 'overwrite');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // A JSON study file whose name is also a valid output name (.vl.json), and links to it.
    copyFileSync(join(ROOT, 'test/fixtures/metafor/dat.bcg.json'), join(dir, 'studies.vl.json'));
    symlinkSync('studies.vl.json', join(dir, 'symlink.svg'));
    symlinkSync('studies.vl.json', join(dir, 'symlink.html'));
    linkSync(join(dir, 'studies.vl.json'), join(dir, 'hardlink.svg'));
    mkdirSync(join(dir, 'a-directory.svg'));
  });
  // Restore the input in place (keeping the links to it) in case a refusal failed and wrote over it.
  beforeEach(() => writeFileSync(join(dir, 'studies.vl.json'), original()));

  it.each([
    ['plot forest studies.vl.json --measure RR --out studies.vl.json', 'the same path'],
    ['plot forest studies.vl.json --measure RR --out ./sub/../studies.vl.json', 'another spelling of the path'],
    ['plot forest studies.vl.json --measure RR --out symlink.svg', 'a symbolic link to the input'],
    ['report studies.vl.json --measure RR --out symlink.html', 'a symbolic link to the input (report)'],
    ['plot forest studies.vl.json --measure RR --out hardlink.svg', 'a hard link to the input'],
  ])('metasynth %s is refused (%s) and the input is unchanged', async (joined) => {
    const io = capture(dir);
    const code = await main(joined.split(' '), io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^metasynth: (plot|report): --out .* is the input file; refusing to overwrite it/);
    expect(readFileSync(join(dir, 'studies.vl.json')).equals(original())).toBe(true);
  });

  it('plot forest FILE --out an-existing-directory.svg is a usage error (exit 2), not an internal error', async () => {
    const io = capture(dir);
    const code = await main(['plot', 'forest', 'studies.vl.json', '--measure', 'RR', '--out', 'a-directory.svg'], io);
    expect(io.err()).not.toMatch(/internal error/);
    expect(io.err()).toMatch(/^metasynth: .*a-directory\.svg: cannot write or read it \(is a directory\)/);
    expect(code).toBe(2);
    expect(statSync(join(dir, 'a-directory.svg')).isDirectory()).toBe(true);
  });
});
