// The core (everything src/index.ts re-exports) must run in browsers and Deno: no node:* imports,
// no require(), no process/Buffer. Node-only code lives at the edge: the CLI, file reading, PNG/SVG
// rendering and GOSH's worker threads. This walks the import graph of src/index.ts and fails on any
// module of the core that reaches for a Node API.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src');

function coreModules(): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    seen.set(file, text);
    for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/g)) {
      visit(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
    }
  };
  visit(join(SRC, 'index.ts'));
  return seen;
}

describe('the public entry point src/index.ts is browser-safe', () => {
  const modules = coreModules();
  it('reaches the core modules (sanity: the walk found the areas)', () => {
    expect(modules.size).toBeGreaterThan(50);
  });
  it('no core module imports node:*, calls require() or uses process or Buffer', () => {
    const offenders: string[] = [];
    for (const [file, text] of modules) {
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      if (/\bfrom\s+'node:|\bimport\s+'node:|import\(\s*'node:|require\(|\bprocess\.|\bBuffer\./.test(code)) offenders.push(file.slice(SRC.length + 1));
    }
    expect(offenders).toEqual([]);
  });
});
