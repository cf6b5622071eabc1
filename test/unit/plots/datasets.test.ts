// Every bundled dataset: its forest and funnel plots (through the CLI, with metasynth's engines) are
// valid Vega-Lite, compile without warnings, match their golden spec file in test/golden/datasets/,
// and synthetic datasets say SYNTHETIC in the title.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { compileSpec } from '../../../src/render/index.js';
import { schemaErrors } from './schema.js';

const ROOT = fileURLToPath(new URL('../../../datasets/', import.meta.url));
function datasets(dir = ROOT): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const sub = join(dir, entry.name);
    if (existsSync(join(sub, 'dataset.json')) && existsSync(join(sub, 'data.csv'))) {
      // Only tables of studies (some datasets hold source claims or published pooled results).
      const cols = (readFileSync(join(sub, 'data.csv'), 'utf8').split('\n')[0] ?? '').split(',');
      const studyTable = cols.includes('study') && [['hr'], ['yi'], ['ai'], ['x1i'], ['m1i'], ['ri'], ['xi']].some(([c]) => cols.includes(c!));
      if (studyTable) found.push(relative(ROOT, sub).split('\\').join('/'));
    } else found.push(...datasets(sub));
  }
  return found.sort();
}

const out = mkdtempSync(join(tmpdir(), 'metasynth-datasets-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.each(datasets())('bundled dataset %s', (name) => {
  const meta = JSON.parse(readFileSync(join(ROOT, name, 'dataset.json'), 'utf8')) as { synthetic?: boolean; repeatedUnits?: unknown };
  const header = readFileSync(join(ROOT, name, 'data.csv'), 'utf8').split('\n')[0] ?? '';
  const measure = /(^|,)ai(,|$)/.test(header) ? ['--measure', 'RR'] : [];
  // The whole of a dataset with repeated units is plotted on purpose here (its golden file); pooling
  // commands refuse it without the flag (test/unit/cli/repeatedUnits.test.ts).
  const allow = meta.repeatedUnits !== undefined ? ['--allow-repeated-units'] : [];
  it.each(['forest', 'funnel'])(`metasynth plot %s --dataset ${name} --out x.vl.json`, async (kind) => {
    const err: string[] = [];
    const io: CliIO = { stdout: () => undefined, stderr: (t) => void err.push(t), isTTY: false, cwd: out };
    const file = `${name.replace(/\//g, '-')}-${kind}.vl.json`;
    const code = await main(['plot', kind, '--dataset', name, ...measure, ...allow, '--out', file], io);
    // Input warnings (e.g. one trial reported several times) come first, each on its own line.
    const lines = err
      .join('')
      .split('\n')
      .filter((l) => l !== '');
    expect(lines.filter((l) => !l.startsWith('metasynth: warning: '))).toEqual([`metasynth: wrote ${file}${meta.synthetic ? ' (SYNTHETIC DATA)' : ''}`]);
    expect(code).toBe(0);
    const spec = JSON.parse(readFileSync(join(out, file), 'utf8')) as TopLevelSpec & { title?: { text?: string } };
    expect(schemaErrors(spec)).toEqual([]);
    expect(compileSpec(spec).warnings).toEqual([]);
    if (meta.synthetic) expect(spec.title?.text).toContain('SYNTHETIC');
    // Golden file: METASYNTH_UPDATE_GOLDEN=1 rewrites it after an intended change; review the diff.
    const golden = fileURLToPath(new URL(`../../golden/datasets/${file}`, import.meta.url));
    const text = readFileSync(join(out, file), 'utf8');
    if (process.env.METASYNTH_UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, text);
    }
    expect(existsSync(golden), `golden file ${golden} (create it with npm run golden:update)`).toBe(true);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});
