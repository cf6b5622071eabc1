// The layering of .dependency-cruiser.cjs (schema → effects → … → plots → report → edge; no node:*
// in the core) holds for src/, and a wrong import fails with the rule's name and reason.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const CLI = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}
interface Rule {
  readonly name: string;
  readonly comment?: string;
}

/** Cruise `src` under `cwd` with the project's rules; each violation as "rule: from → to (reason)". */
function violations(cwd: string): string[] {
  const run = spawnSync(process.execPath, [CLI, 'src', '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.stdout.trim() === '') throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[]; ruleSetUsed: { forbidden: Rule[] } } };
  const reasons = new Map(result.summary.ruleSetUsed.forbidden.map((r) => [r.name, r.comment ?? '']));
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to} (${reasons.get(v.rule.name)})`);
}

describe('the layers of src/ (.dependency-cruiser.cjs)', () => {
  it('no import in src/ crosses a layer, links sibling diagnostics, reaches node:* from the core or closes a cycle', () => {
    expect(violations(ROOT)).toEqual([]);
  });

  const scratch = mkdtempSync(join(tmpdir(), 'metasynth-layers-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('a wrong import fails, naming the rule and its reason', () => {
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src'] }),
      'src/effects/types.ts': 'export type Measure = string;\n',
      'src/schema/record.ts': "import type { Measure } from '../effects/types.js';\nexport type M = Measure;\n",
      'src/sensitivity/step.ts': 'export const step = 1;\n',
      'src/bias/egger.ts': "import { step } from '../sensitivity/step.js';\nexport const egger = step;\n",
      'src/pool/read.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      'src/io/node.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), text);
    }
    const found = violations(scratch);
    expect(found).toHaveLength(3);
    expect(found).toContainEqual(
      expect.stringMatching(/^layer-schema: src\/schema\/record\.ts → src\/effects\/types\.ts \(schema must not import from effects/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/^siblings-bias: src\/bias\/egger\.ts → src\/sensitivity\/step\.ts \(bias must not import from sensitivity/),
    );
    expect(found).toContainEqual(expect.stringMatching(/^core-no-node: src\/pool\/read\.ts → fs \(the core runs in browsers/));
  });
});
