// The web page's layer: web/src imports only the library's public entry (src/index.ts) or the
// browser-safe session facade (src/session/), its own modules, and the browser libraries it
// renders with; never a Node API (the page runs in browsers, from a file URL too).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const WEB_SRC = join(ROOT, 'web', 'src');
const PACKAGES = new Set(['vega', 'vega-lite', 'vega-interpreter']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every module specifier a file imports (static `from '…'` and dynamic `import('…')`). */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

/** Why an import is not allowed from `file`, or null. */
function refusal(file: string, spec: string): string | null {
  if (spec.startsWith('node:')) return 'a Node API';
  if (!spec.startsWith('.')) return PACKAGES.has(spec) ? null : 'a package the page does not declare for the browser';
  const target = relative(ROOT, resolve(dirname(file), spec))
    .split('\\')
    .join('/');
  if (target.startsWith('web/src/')) return null;
  if (target === 'src/index.js' || target.startsWith('src/session/')) return null;
  return 'a library module other than its public entry (src/index.ts) or src/session';
}

describe('web/src imports', () => {
  it('reach only the public entry, src/session, web/src and the declared browser packages', () => {
    const found = sources(WEB_SRC).flatMap((file) =>
      specifiers(readFileSync(file, 'utf8')).flatMap((spec) => {
        const why = refusal(file, spec);
        return why === null ? [] : [`${relative(ROOT, file)} imports ${spec}: ${why}`];
      }),
    );
    expect(found).toEqual([]);
  });

  it('a Node import or a deep library import is refused', () => {
    const file = join(WEB_SRC, 'main.ts');
    expect(refusal(file, 'node:fs')).toBe('a Node API');
    expect(refusal(file, '../../src/pool/pool.js')).toMatch(/public entry/);
    expect(refusal(file, '../../src/index.js')).toBeNull();
  });
});
