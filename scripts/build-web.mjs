// Builds the web page (web/) into web/dist/ with esbuild: app.js (the page, one IIFE bundle so it
// runs from a file URL, where module scripts across files are blocked), worker.js (the Web Worker of
// long runs, GOSH and permutation tests), index.html and styles.css. No network, no CDN: everything
// the page runs is in these files. Prints each file's size and the page's JavaScript gzipped.
//
// Web Workers cannot be started from a file URL by path (Chromium refuses `new Worker('worker.js')`
// in an opaque origin), so worker.js is wrapped: run as a worker it starts the worker; loaded by the
// page as a classic <script> it only stores its own source text (Function.prototype.toString, no
// eval) in `self.__metasynthWorkerSource`, from which the page makes a blob: worker (the CSP allows
// `worker-src 'self' blob:`).
//
// Usage: node scripts/build-web.mjs
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WEB = join(ROOT, 'web');
const OUT = join(WEB, 'dist');
const APP_ENTRY = join(WEB, 'src', 'main.ts');
const WORKER_ENTRY = join(WEB, 'src', 'worker', 'goshWorker.ts');
/** The budget for the page's JavaScript, gzipped. */
const BUDGET_BYTES = 1.5 * 1024 * 1024;

/** esbuild settings shared by the page and the worker. */
const COMMON = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Core modules never import node:*; an accidental import must fail the build, not ship a shim.
  external: [],
  define: { 'process.env.NODE_ENV': '"production"' },
};

async function bundle(entry) {
  const result = await build({ ...COMMON, entryPoints: [entry], write: false });
  return result.outputFiles[0].text;
}

/** The worker bundle, wrapped so that it runs only inside a worker (see the header). */
function wrapWorker(code) {
  return [
    '(function(){',
    `function metasynthWorker(){${code}}`,
    "if(typeof WorkerGlobalScope!=='undefined'&&self instanceof WorkerGlobalScope){metasynthWorker();}",
    "else{self.__metasynthWorkerSource='('+metasynthWorker.toString()+')();';}",
    '})();',
  ].join('\n');
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const files = { 'app.js': await bundle(APP_ENTRY) };
  if (existsSync(WORKER_ENTRY)) files['worker.js'] = wrapWorker(await bundle(WORKER_ENTRY));
  else console.log('web:build: no web/src/worker/goshWorker.ts yet: built without worker.js');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(OUT, name), text);
  // The worker's script tag goes in only when there is a worker (a missing file would be a console error).
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  const scripts = files['worker.js'] ? '<script src="worker.js"></script>\n<script src="app.js"></script>' : '<script src="app.js"></script>';
  writeFileSync(join(OUT, 'index.html'), html.replace('<script src="app.js"></script>', scripts));
  copyFileSync(join(WEB, 'styles.css'), join(OUT, 'styles.css'));
  let gzipped = 0;
  for (const [name, text] of Object.entries(files)) {
    const gz = gzipSync(Buffer.from(text)).length;
    gzipped += gz;
    console.log(`web/dist/${name}: ${kib(Buffer.byteLength(text))} (${kib(gz)} gzipped)`);
  }
  const css = readFileSync(join(OUT, 'styles.css'));
  console.log(`web/dist/styles.css: ${kib(css.length)}; web/dist/index.html copied`);
  console.log(`web:build: the page's JavaScript is ${kib(gzipped)} gzipped (budget ${kib(BUDGET_BYTES)})`);
  if (gzipped > BUDGET_BYTES) {
    console.error(`web:build: over the budget of ${kib(BUDGET_BYTES)} gzipped`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
