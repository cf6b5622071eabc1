// A one-study subgroup in a forest plot (and in the report's subgroup table) gets a note, not a
// meaningless heterogeneity line (τ² = 0, I² = 0, Q = 0 on 0 df). Data: SYNTHETIC effects.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { ONE_STUDY_NOTE } from '../../../src/plots/forestRows.js';

const CSV = 'study,yi,vi,arm\nA,0.10,0.04,x\nB,0.30,0.05,x\nC,-0.20,0.06,x\nD,0.50,0.09,y\n';

async function run(args: string[], cwd: string): Promise<number> {
  const io: CliIO = { stdout: () => undefined, stderr: () => undefined, isTTY: false, cwd };
  return main(args, io);
}

describe('a one-study subgroup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metasynth-one-study-'));
  writeFileSync(join(dir, 'synthetic.csv'), CSV);
  it("plot forest --by arm: the one-study subgroup's note replaces its heterogeneity line", async () => {
    expect(await run(['plot', 'forest', 'synthetic.csv', '--by', 'arm', '--out', 'f.vl.json'], dir)).toBe(0);
    const spec = readFileSync(join(dir, 'f.vl.json'), 'utf8');
    expect(spec).toContain(ONE_STUDY_NOTE);
    // The three-study subgroup keeps its line; the one-study one has none (one line in all).
    expect(spec.match(/Heterogeneity: τ²/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(spec).not.toMatch(/df = 0/);
  });
  it('report --by arm: a note under the subgroup table, empty heterogeneity cells', async () => {
    expect(await run(['report', 'synthetic.csv', '--by', 'arm', '--out', 'r.html'], dir)).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('Subgroup y has one study: there is no heterogeneity to estimate');
  });
});
