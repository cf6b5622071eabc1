// The files a self-contained HTML page inlines, read from node_modules at the Node edge: the
// minified UMD builds of vega, vega-lite and vega-embed (so the page makes no network request),
// and the Arimo fonts as data: URLs (so the browser lays text out with the metrics the specs were
// built with, even on a machine without Arial).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PageAssets } from '../report/html.js';
import { fontFilePath } from './fontFile.js';

const require = createRequire(import.meta.url);

/** A file of an installed package (found from its entry point: vega's exports hide package.json). */
function packageFile(pkg: string, file: string): string {
  let dir = dirname(require.resolve(pkg));
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith(pkg)) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the ${pkg} package`);
    dir = up;
  }
  return readFileSync(join(dir, file), 'utf8');
}

let cached: PageAssets | undefined;

/** vega, vega-lite and vega-embed builds and the Arimo fonts, read once per process. */
export function pageAssets(): PageAssets {
  if (cached) return cached;
  const font = (w: 'regular' | 'bold' | 'italic') => `data:font/ttf;base64,${readFileSync(fontFilePath(w)).toString('base64')}`;
  cached = {
    scripts: [
      packageFile('vega', 'build/vega.min.js'),
      packageFile('vega-lite', 'build/vega-lite.min.js'),
      packageFile('vega-embed', 'build/vega-embed.min.js'),
    ],
    fonts: { regular: font('regular'), bold: font('bold'), italic: font('italic') },
  };
  return cached;
}
