// src/index.ts re-exports by name (STYLE.md: a curated public API), so a name an area adds to its
// own index.ts must be added there too. This keeps the two in step: every name an area exports is
// exported by the package, and src/index.ts exports nothing an area does not.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../../../src/index.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src');

/** Names in `export { a, type B, c as d } from '...'` and `export type { ... } from '...'` statements. */
function exportedNames(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
  const names = new Set<string>();
  for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s*from/g)) {
    for (const raw of m[1]!.split(',')) {
      const item = raw.trim().replace(/^type\s+/, '');
      if (item)
        names.add(
          item
            .split(/\s+as\s+/)
            .pop()!
            .trim(),
        );
    }
  }
  return names;
}

// The Node edge has its own entry points (bin/metasynth.js, metasynth/render), not src/index.ts.
const EDGE = ['cli', 'io', 'render'];
const areas = readdirSync(SRC, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !EDGE.includes(d.name) && existsSync(join(SRC, d.name, 'index.ts')))
  .map((d) => d.name);

describe('the package entry point (src/index.ts)', () => {
  const top = exportedNames(join(SRC, 'index.ts'));
  it.each(areas)('re-exports every name of src/%s/index.ts', (area) => {
    const missing = [...exportedNames(join(SRC, area, 'index.ts'))].filter((n) => !top.has(n));
    expect(missing).toEqual([]);
  });
  it('exports only names some area exports (plus VERSION)', () => {
    const all = new Set(areas.flatMap((a) => [...exportedNames(join(SRC, a, 'index.ts'))]));
    expect([...top].filter((n) => !all.has(n) && n !== 'VERSION')).toEqual([]);
  });
  it('every runtime export is defined (no name resolves to undefined)', () => {
    const undefinedNames = Object.entries(api)
      .filter(([, v]) => v === undefined)
      .map(([k]) => k);
    expect(undefinedNames).toEqual([]);
    expect(Object.keys(api).length).toBeGreaterThan(200);
  });
});
