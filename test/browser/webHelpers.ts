// Shared machinery of the real-browser tests (test/browser/*.test.ts): Debian's chromium driven by
// playwright-core (never a browser download), the web page built once (web/dist/, `npm run web:build`),
// opened from a file URL or from the project's static server (scripts/serve-web.mjs), with every
// network request, console error, page error, CSP violation and dialog recorded so a test can assert
// there were none; axe-core for the accessibility checks; screenshots compared with committed
// references through the pixel helper (test/helpers/pixels.ts).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { expectPngMatches, type PixelResult } from '../helpers/pixels.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the browser tests leave their screenshots and downloads (git-ignored). */
export const OUT = join(ROOT, 'test', '.tmp', 'browser');
export const WEB_DIST = join(ROOT, 'web', 'dist');
/** Committed screenshots of the web page (METASYNTH_UPDATE_PIXELS=1 rewrites them). */
export const WEB_REFERENCE_DIR = join(ROOT, 'test', 'browser', 'web-reference');

function findChromium(): string | null {
  try {
    const path = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
    return path === '' ? null : path;
  } catch {
    return null;
  }
}

/** Debian's chromium (/usr/bin/chromium), or null when it is not installed (the tests then skip with a message). */
export const CHROMIUM = findChromium();

/** The warning a browser test file prints when it skips for want of chromium. */
export function warnIfNoChromium(file: string): void {
  if (!CHROMIUM) console.warn(`${file}: skipped: Debian chromium is not installed (run .ci/install-browser.sh)`);
}

export interface LaunchOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly colorScheme?: 'light' | 'dark';
  /** Block every request that is not file:, data: or blob: (the report tests); the web tests record instead. */
  readonly offline?: boolean;
}

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launch Debian's chromium headless with a fresh profile directory (playwright's persistent context),
 * no GPU, no sandbox (containers), no background networking, animations reduced, downloads accepted.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<Chromium> {
  if (!CHROMIUM) throw new Error('chromium is not installed (run .ci/install-browser.sh)');
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'metasynth-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    offline: options.offline ?? false,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
    locale: 'en-GB',
    timezoneId: 'UTC',
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--font-render-hinting=none',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Abort every request of `context` that is not file:, data: or blob: (the offline HTML reports). */
export async function blockNetwork(context: BrowserContext): Promise<string[]> {
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return blocked;
}

// ---------------------------------------------------------------------------------------------
// Building the page once.

const BUILD_INPUTS = ['web', 'src', 'scripts/build-web.mjs', 'package.json'];

function newestInput(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'dist' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestInput(join(path, entry)));
  }
  return newest;
}

function oldestOutput(): number {
  if (!existsSync(join(WEB_DIST, 'index.html'))) return -1;
  return Math.min(...readdirSync(WEB_DIST).map((f) => statSync(join(WEB_DIST, f)).mtimeMs));
}

/** True when web/dist/ is missing or older than any file it is built from. */
export function webBuildIsStale(): boolean {
  const newest = Math.max(...BUILD_INPUTS.map((p) => newestInput(join(ROOT, p))));
  return oldestOutput() < newest;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Build the page (`npm run web:build`) when web/dist/ is missing or stale. Several test files run in
 * parallel: a lock directory makes one of them check and build while the others wait for it.
 */
export function ensureWebBuild(): void {
  mkdirSync(OUT, { recursive: true });
  const lock = join(OUT, 'web-build.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker holds the lock; one older than 3 minutes is left over from a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`web build: waited 3 minutes for ${relative(ROOT, lock)}`);
      sleep(250);
    }
  }
  try {
    if (webBuildIsStale()) execFileSync('npm', ['run', '--silent', 'web:build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('npm run web:build wrote no web/dist/index.html');
}

// ---------------------------------------------------------------------------------------------
// The static server.

export interface WebServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Start scripts/serve-web.mjs (serving the already built web/dist/ on 127.0.0.1) and return the URL it
 * prints. It takes the first free port from --port; each test worker starts from its own port.
 */
export async function startWebServer(): Promise<WebServer> {
  const port = 20_000 + (process.pid % 20_000);
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'scripts', 'serve-web.mjs'), '--port', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve-web.mjs printed no URL in 20 s: ${printed}`)), 20_000);
    const take = (chunk: Buffer) => {
      printed += chunk.toString();
      const m = /http:\/\/(127\.0\.0\.1|localhost):\d+\/?/.exec(printed);
      if (m) {
        clearTimeout(timer);
        resolve(m[0].endsWith('/') ? m[0] : `${m[0]}/`);
      }
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve-web.mjs exited (${code}) before printing a URL: ${printed}`));
    });
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Opening the page with everything recorded.

export interface PageWatch {
  /** Console errors, uncaught page errors and CSP violations. */
  readonly errors: string[];
  /** Requests to anything but file:, data:, blob: and the page's own server. */
  readonly requests: string[];
  /** Messages of alert/confirm/prompt dialogs (dismissed). */
  readonly dialogs: string[];
}

export interface WebPage {
  readonly page: Page;
  readonly watch: PageWatch;
}

const WATCH_SCRIPT = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber);
  });
`;

function allowedRequest(url: string, origin: string | null): boolean {
  return /^(file|data|blob):/.test(url) || (origin !== null && url.startsWith(origin));
}

/** Record (and abort) every foreign request, console error, page error and dialog of `page`. */
async function watchPage(page: Page, origin: string | null): Promise<PageWatch> {
  const watch: PageWatch = { errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => watch.errors.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    watch.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!allowedRequest(r.url(), origin)) watch.requests.push(r.url());
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    return allowedRequest(url, origin) ? route.continue() : route.abort();
  });
  await page.addInitScript({ content: WATCH_SCRIPT });
  return watch;
}

/** The page's CSP violations recorded by the init script (none allowed). */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

export interface OpenOptions {
  /** A file URL of web/dist/index.html (default) or the static server's URL. */
  readonly server?: WebServer;
  /** Query string to open the page with (settings in the URL), without '?'. */
  readonly query?: string;
  /** Load the bundled Arimo and make it every element's font (screenshots). */
  readonly pinFonts?: boolean;
  /** Another address to open with the same watch (e.g. a downloaded report); default the page. */
  readonly url?: string;
  /** What to wait for after loading; default the paste box. */
  readonly readySelector?: string;
}

/** The page's address: web/dist/index.html as a file URL, or the server's URL. */
export function webPageUrl(options: OpenOptions = {}): string {
  const base = options.server ? options.server.url : pathToFileURL(join(WEB_DIST, 'index.html')).href;
  return options.query ? `${base}?${options.query}` : base;
}

/** Open the web page in a new tab of `context` with everything watched; waits for the paste box. */
export async function openWebPage(context: BrowserContext, options: OpenOptions = {}): Promise<WebPage> {
  const page = await context.newPage();
  const origin = options.server ? new URL(options.server.url).origin : null;
  const watch = await watchPage(page, origin);
  if (options.pinFonts) await page.addInitScript({ content: arimoScript() });
  await page.goto(options.url ?? webPageUrl(options));
  await page.locator(options.readySelector ?? '[data-testid="paste-input"]').waitFor({ state: 'attached', timeout: 30_000 });
  if (options.pinFonts) await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return { page, watch };
}

/** A describe block's chromium and the pages its tests open (see useWebPages). */
export interface WebPages {
  /** Open the page (openWebPage) in the block's browser; after the test it is checked clean and closed. */
  open(options?: OpenOptions): Promise<WebPage>;
  /** The browser context, for a page a test opens and checks itself. */
  context(): BrowserContext;
}

/**
 * Call inside a describe block: builds the page if stale and launches chromium before its tests,
 * asserts after each test that every page opened through `open` saw no console error, network
 * request or dialog (then closes it), and closes the browser after the block.
 */
export function useWebPages(launch: LaunchOptions = {}): WebPages {
  let browser: Chromium | undefined;
  const opened: WebPage[] = [];
  beforeAll(async () => {
    ensureWebBuild();
    browser = await launchChromium(launch);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const web of opened.splice(0)) {
      expect(await expectClean(web)).toEqual({ errors: [], requests: [], dialogs: [] });
      await web.page.close();
    }
  });
  const context = (): BrowserContext => {
    if (!browser) throw new Error('useWebPages: chromium is not launched yet (open pages inside a test)');
    return browser.context;
  };
  return {
    context,
    async open(options: OpenOptions = {}): Promise<WebPage> {
      const web = await openWebPage(context(), options);
      opened.push(web);
      return web;
    },
  };
}

/** Records every value the progress bar `testId` takes (a fraction of its max), on each frame and attribute change. */
export async function recordProgress(page: Page, testId: string): Promise<void> {
  await page.evaluate((id) => {
    const bar = document.querySelector<HTMLProgressElement>(`[data-testid="${id}"]`);
    const seen: number[] = [];
    (window as unknown as { __progress: Record<string, number[]> }).__progress ??= {};
    (window as unknown as { __progress: Record<string, number[]> }).__progress[id] = seen;
    if (!bar) return;
    const take = () => {
      const f = bar.max > 0 ? bar.value / bar.max : 0;
      if (seen[seen.length - 1] !== f) seen.push(f);
    };
    new MutationObserver(take).observe(bar, { attributes: true });
    const frame = () => {
      take();
      requestAnimationFrame(frame);
    };
    frame();
  }, testId);
}

/** The values recordProgress saw so far on the bar `testId`. */
export async function progressSeen(page: Page, testId: string): Promise<number[]> {
  return page.evaluate((id) => [...((window as unknown as { __progress?: Record<string, number[]> }).__progress?.[id] ?? [])], testId);
}

/**
 * CSP reports of `eval` refused: feature probes of bundled libraries (zod's JIT check, stdlib's
 * generator-support check) that try `new Function`/`eval` once, catch the refusal and carry on. They
 * are no console error and run nothing; every other violation (an inline script or handler, a
 * fetch) counts as an error.
 */
export function isEvalProbe(violation: string): boolean {
  return /^script-src eval /.test(violation);
}

/** Everything a test must end with: no console or page error, no CSP violation, no foreign request, no dialog. */
export async function expectClean(web: WebPage): Promise<{ errors: string[]; requests: string[]; dialogs: string[] }> {
  const csp = web.page.isClosed() ? [] : await cspViolations(web.page);
  const errors = [...web.watch.errors, ...csp.filter((v) => !isEvalProbe(v)).map((v) => `csp: ${v}`)];
  return { errors, requests: [...web.watch.requests], dialogs: [...web.watch.dialogs] };
}

// ---------------------------------------------------------------------------------------------
// Fonts, screenshots, axe.

const require = createRequire(import.meta.url);

function arimoScript(): string {
  const regular = readFileSync(require.resolve('@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf')).toString('base64');
  const bold = readFileSync(require.resolve('@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf')).toString('base64');
  // Fonts from bytes and a constructed style sheet: neither is a fetch nor inline markup, so the page's
  // CSP (no network, no inline style) does not apply to them.
  return `
    (() => {
      const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      document.fonts.add(new FontFace('Arimo', bytes('${regular}'), { weight: '400' }));
      document.fonts.add(new FontFace('Arimo', bytes('${bold}'), { weight: '700' }));
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('*, *::before, *::after, svg text { font-family: Arimo !important; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    })();
  `;
}

export interface ShotOptions {
  /** Selectors of elements painted over (texts that change from run to run, e.g. timings). */
  readonly mask?: readonly string[];
  /** A region of the page (CSS pixels from the page's top-left corner); default the window. */
  readonly clip?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

/**
 * Screenshot `page` (the window or a region, animations off, caret hidden, `mask` painted over) and
 * compare it with test/browser/web-reference/NAME.png; METASYNTH_UPDATE_PIXELS=1 rewrites it.
 */
export async function expectWebScreenshot(page: Page, name: string, options: ShotOptions = {}): Promise<PixelResult> {
  mkdirSync(OUT, { recursive: true });
  const png = await page.screenshot({
    path: join(OUT, `${name}.png`),
    ...(options.clip ? { clip: { ...options.clip }, fullPage: true } : {}),
    animations: 'disabled',
    caret: 'hide',
    mask: (options.mask ?? []).map((s) => page.locator(s)),
    maskColor: '#808080',
  });
  // Identical chromium and fonts give identical pixels here; 0.1 % of the pixels absorbs the
  // anti-aliasing of text between chromium builds; a moved panel or a missing plot changes far more.
  return expectPngMatches(name, png, { referenceDir: WEB_REFERENCE_DIR, maxDiffRatio: 0.001 });
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/**
 * Run axe-core on the page and return its serious and critical violations. axe's source is evaluated
 * through the DevTools protocol (page.evaluate), which the page's Content-Security-Policy does not
 * govern, so the page keeps its CSP during the check (no bypassCSP, no injected <script>). axe's
 * preload (it fetches the style sheets again) is off: the CSP forbids fetches, and the page's sheets
 * are same-origin, readable through the CSSOM.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(`${source}\n;void 0`);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const r = await axe.run(document, {
      preload: false,
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  });
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

// ---------------------------------------------------------------------------------------------
// Data and the CLI.

/** Run the CLI in-process (in `cwd`, default the project); returns its exit code, stdout and stderr. */
export async function runCli(args: readonly string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), isTTY: false, cwd };
  const code = await main([...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** A CSV text as tab-separated text (what a spreadsheet puts on the clipboard). */
export async function csvToTsv(csv: string): Promise<string> {
  const { csvParseRows, tsvFormatRows } = await import('d3-dsv');
  return tsvFormatRows(csvParseRows(csv.replace(/^\uFEFF/, '')));
}

/** The BCG trials as the project bundles them (metadat dat.bcg: datasets/classic/bcg/data.csv). */
export const BCG_CSV = join(ROOT, 'datasets', 'classic', 'bcg', 'data.csv');

/** mulberry32: a small seeded generator for the SYNTHETIC tables (same numbers on every run). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * SYNTHETIC generic effects (study, yi, vi), seeded: yi ~ N(-0.3, 0.2² + vi), vi uniform in [0.01, 0.2].
 * Tab-separated with a header, for the paste box.
 */
export function syntheticGenericTsv(k: number, seed: number): string {
  const rnd = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const lines = ['study\tyi\tvi'];
  for (let i = 1; i <= k; i++) {
    const vi = 0.01 + 0.19 * rnd();
    const yi = -0.3 + Math.sqrt(0.04 + vi) * normal();
    lines.push(`SYNTHETIC study ${i}\t${yi.toFixed(6)}\t${vi.toFixed(6)}`);
  }
  return lines.join('\n');
}

/** The summary quantities the page shows (data-testid `summary-<name>`), as the CLI's text output prints them. */
export const SUMMARY_FIELDS = ['estimate', 'ci-lower', 'ci-upper', 'pi-lower', 'pi-upper', 'tau2', 'i2', 'q', 'qp'] as const;
export type SummaryField = (typeof SUMMARY_FIELDS)[number];

export interface CliSummary {
  /** The `--json` document. */
  readonly json: Record<string, unknown> & { transformed?: Record<string, number> | null };
  /** Each quantity exactly as the text output prints it (absent when it prints none, e.g. tau² of EE). */
  readonly printed: Partial<Record<SummaryField, string>>;
  /** The JSON number behind each printed quantity (back-transformed where the text prints a back-transformed line). */
  readonly values: Partial<Record<SummaryField, number>>;
}

function tableRow(text: string): Record<string, string> {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^estimate\s/.test(l));
  if (at < 0) throw new Error(`no estimate table in the CLI output:\n${text}`);
  const names = (lines[at] ?? '').trim().split(/\s+/);
  const cells = (lines[at + 2] ?? '').trim().split(/\s+/);
  return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
}

/**
 * `metasynth pool ARGS` run twice in-process (text and --json): the printed digits of every summary
 * quantity and the JSON number behind it, for comparing the page's texts with the CLI.
 */
export async function cliSummary(args: readonly string[]): Promise<CliSummary> {
  const text = await runCli(['pool', ...args]);
  const json = await runCli(['pool', ...args, '--json']);
  if (text.code !== 0 || json.code !== 0) throw new Error(`metasynth pool ${args.join(' ')} failed: ${text.stderr}${json.stderr}`);
  const doc = JSON.parse(json.stdout) as CliSummary['json'];
  const printed: Partial<Record<SummaryField, string>> = {};
  const values: Partial<Record<SummaryField, number>> = {};
  const put = (field: SummaryField, shown: string | undefined, value: unknown) => {
    if (shown === undefined || typeof value !== 'number') return;
    printed[field] = shown;
    values[field] = value;
  };
  const out = text.stdout;
  const back = /^\S+ = (\S+) \(\d+% CI (\S+) to (\S+)(?:; PI (\S+) to (\S+))?\)$/m.exec(out);
  const t = doc.transformed ?? null;
  if (back && t) {
    put('estimate', back[1], t.estimate);
    put('ci-lower', back[2], t.ciLower);
    put('ci-upper', back[3], t.ciUpper);
    put('pi-lower', back[4], t.piLower);
    put('pi-upper', back[5], t.piUpper);
  } else {
    const row = tableRow(out);
    const pi = /prediction interval: (\S+) to (\S+)$/m.exec(out);
    put('estimate', row.estimate, doc.estimate);
    put('ci-lower', row['ci.lb'], doc.ciLower);
    put('ci-upper', row['ci.ub'], doc.ciUpper);
    put('pi-lower', pi?.[1], doc.piLower);
    put('pi-upper', pi?.[2], doc.piUpper);
  }
  put('tau2', /^tau² = (\S+)/m.exec(out)?.[1], doc.tau2);
  put('i2', /^I²\s+= (\S+)%/m.exec(out)?.[1], doc.i2);
  const q = /Q\(df = \d+\) = (\S+), p (.+)$/m.exec(out);
  put('q', q?.[1], doc.q);
  put('qp', q?.[2]?.replace(/^= /, ''), doc.qPValue);
  return { json: doc, printed, values };
}

/** The first number in a page text (a Unicode minus read as '-'), as printed. */
export function printedNumber(text: string): string | null {
  return /-?\d+(?:\.\d+)?/.exec(text.replace(/\u2212/g, '-'))?.[0] ?? null;
}

/** The page's summary texts by field (trimmed; '' when the element is missing). */
export async function summaryTexts(page: Page): Promise<Record<SummaryField, string>> {
  return page.evaluate(
    (fields) => {
      const out: Record<string, string> = {};
      for (const f of fields) out[f] = document.querySelector(`[data-testid="summary-${f}"]`)?.textContent?.trim() ?? '';
      return out;
    },
    SUMMARY_FIELDS as unknown as string[],
  ) as Promise<Record<SummaryField, string>>;
}

/** Paste tab-separated text into the paste box and apply it. */
export async function pasteTable(page: Page, tsv: string): Promise<void> {
  const box = page.getByTestId('paste-input');
  // Typing-like insertion of a k = 10,000 table takes longer than a paste: set it at once instead.
  if (tsv.length > 50_000) {
    await box.evaluate((el, text) => {
      (el as HTMLTextAreaElement).value = text;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, tsv);
  } else await box.fill(tsv);
  await page.getByTestId('paste-apply').click();
}

/** A page text in the CLI's form: the number as printed; a p-value without spaces ('< .0001' = '<.0001'). */
export function shown(field: SummaryField, text: string): string | null {
  return field === 'qp' ? text.replace(/\s+/g, '').replace(/^p/, '') : printedNumber(text);
}

/** What the page must show for a CLI result: each printed quantity in the CLI's form. */
function expectedShown(cli: CliSummary): Partial<Record<SummaryField, string>> {
  return Object.fromEntries(Object.entries(cli.printed).map(([f, text]) => [f, shown(f as SummaryField, text)]));
}

export async function pageShown(page: Page): Promise<Partial<Record<SummaryField, string | null>>> {
  const texts = await summaryTexts(page);
  return Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, shown(f, texts[f])]));
}

/** Waits until the page's summary shows exactly what the CLI printed (fails with the difference after 30 s). */
export async function expectSummaryOf(page: Page, cli: CliSummary): Promise<void> {
  const expected = expectedShown(cli);
  await expect.poll(async () => pick(await pageShown(page), Object.keys(expected)), { timeout: 30_000, interval: 100 }).toEqual(expected);
}

function pick<T>(o: Partial<Record<string, T>>, keys: readonly string[]): Partial<Record<string, T>> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

/** The CLI on a CSV text (written to a temporary file). */
export async function cliOnCsv(csv: string, args: readonly string[]): Promise<CliSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'metasynth-web-'));
  try {
    const file = join(dir, 'data.csv');
    writeFileSync(file, csv);
    return await cliSummary([file, ...args]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The words of a POSIX shell command line (plain words, '…' and "…" quoting, backslash escapes), up to
 * an unquoted `#` comment: how a shell reads the page's reproduce command.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < line.length && line[j] !== '"'; j++) text += line[j] === '\\' && j + 1 < line.length ? (line[++j] as string) : line[j];
      if (j >= line.length) throw new Error(`unterminated " in ${line}`);
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) word = (word ?? '') + line[++i];
    else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '#' && word === null) break;
    else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}
