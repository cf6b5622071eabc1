// The renderer is published as the subpath `metasynth/render` (package.json "exports"), with its
// type declarations; the browser-safe root entry point does not carry it. Runs against dist/
// (`npm test` builds first), through Node's own resolution of the package by its name.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function exportsOf(specifier: string): string[] {
  const script = `import(${JSON.stringify(specifier)}).then((m) => console.log(JSON.stringify(Object.keys(m).sort())))`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`import(${specifier}) failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}

describe("import { renderSvg, renderPng } from 'metasynth/render'", () => {
  it('resolves through the exports map to the built renderer, with types', () => {
    expect(exportsOf('metasynth/render')).toEqual(['compileSpec', 'displayPlot', 'fontFilePaths', 'renderPng', 'renderSvg', 'svgToPng']);
    expect(existsSync(join(ROOT, 'dist', 'render', 'index.d.ts'))).toBe(true);
  });
  it('the root entry point does not carry the Node-only renderer', () => {
    const root = exportsOf('metasynth');
    expect(root).not.toContain('renderSvg');
    expect(root).not.toContain('renderPng');
    expect(root).toContain('forestPlotSpec');
  });
});
