// A small static server for the built page (web/dist/) on 127.0.0.1: the first free port from 8080
// (or --port N; 0 for any free port), prints the URL; Ctrl-C stops it. It serves files only: the page computes
// everything in the browser and makes no request beyond its own files.
//
// Usage: node scripts/serve-web.mjs [--port 8080]   (or PORT=8080 in the environment)
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');
const HOST = '127.0.0.1';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The file under web/dist/ a request path names, or null (outside the folder, or not a file). */
function fileFor(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  const full = normalize(join(ROOT, path.endsWith('/') ? `${path}index.html` : path));
  if (full !== ROOT && !full.startsWith(ROOT + sep)) return null;
  return existsSync(full) && statSync(full).isFile() ? full : null;
}

function handle(req, res) {
  const file = req.method === 'GET' || req.method === 'HEAD' ? fileFor(req.url ?? '/') : null;
  if (file === null) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

/** The port to start from: `--port N`, else the PORT environment variable, else 8080. */
function portOption() {
  const i = process.argv.indexOf('--port');
  const given = i >= 0 ? (process.argv[i + 1] ?? '') : process.env.PORT;
  if (given === undefined || given === '') return 8080;
  const port = Number(given);
  if (!/^\d+$/.test(given) || port > 65535) {
    console.error(`serve-web: the port must be a whole number from 0 (any free port) to 65535, not ${JSON.stringify(given)}`);
    process.exit(2);
  }
  return port;
}

/** Listens on the first free port from `port` (up to 100 tries). */
function listen(port, tries = 100) {
  const server = createServer(handle);
  server.once('error', (err) => {
    if (err.code === 'EADDRINUSE' && tries > 1) listen(port + 1, tries - 1);
    else {
      console.error(`serve-web: cannot listen on ${HOST}:${port}: ${err.message}`);
      process.exit(1);
    }
  });
  server.listen(port, HOST, () => {
    console.log(`metasynth web page: http://${HOST}:${server.address().port}/ (Ctrl-C stops the server)`);
    const stop = () => {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

if (!existsSync(join(ROOT, 'index.html'))) {
  console.error('serve-web: web/dist/index.html is missing: run `npm run web:build` first');
  process.exit(1);
}
listen(portOption());
