// What `npm publish` ships: the datasets once (bundled into dist/datasets/bundled.generated.js, which
// loads in browsers too), not a second time as datasets/**/data.csv and dataset.json; the
// provenance documents of the datasets, which the bundle does not hold, are shipped.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('npm pack --dry-run', () => {
  const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const files = (JSON.parse(run.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  it('ships each dataset once: in the bundle, not as data.csv / dataset.json files', () => {
    expect(files).toContain('dist/datasets/bundled.generated.js');
    expect(files.filter((f) => /^datasets\/.*\/(data\.csv|dataset\.json)$/.test(f))).toEqual([]);
  });
  it('ships the provenance documents and both entry points with their types', () => {
    expect(files).toContain('datasets/cik/sources/cik-evidence-check.md');
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/render/index.js', 'dist/render/index.d.ts', 'bin/metasynth.js']) expect(files).toContain(f);
  });
});
