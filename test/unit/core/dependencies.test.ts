// Every runtime dependency earns its place: it is used by src/ (imported, or read as a package file
// by the render edge) and has a line in the README's Dependencies table saying what it does here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const names = Object.keys(pkg.dependencies);
const devNames = Object.keys(pkg.devDependencies);

/** Dependencies declared for work on another branch, not imported yet (none at present). */
const NOT_YET_IMPORTED = new Set<string>([]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('package.json dependencies', () => {
  const code = sources(join(ROOT, 'src'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Dependencies'), readme.indexOf('\n## ', readme.indexOf('## Dependencies') + 3));
  it.each(names)('%s is used by src/', (name) => {
    if (NOT_YET_IMPORTED.has(name)) return expect(code.includes(`'${name}'`)).toBe(false); // fails once it is used: then drop it from the set
    expect(code.includes(`'${name}'`) || code.includes(`'${name}/`)).toBe(true);
  });
  it.each(names)("%s has a line in the README's Dependencies table", (name) => {
    expect(table).toMatch(new RegExp(`^\\| \`${name.replace(/[/@.-]/g, '\\$&')}\` \\|`, 'm'));
  });
  it('the table lists no package that is not a dependency (or a development tool in devDependencies)', () => {
    const listed = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(listed.filter((n) => !names.includes(n!) && !devNames.includes(n!))).toEqual([]);
  });
});
