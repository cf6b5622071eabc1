// The cluster forest plot (issue 16, item 3): rows grouped by cluster with each cluster's summary.
// Data: the three-level school data of Konstantopoulos 2011 (test/fixtures/metafor-mv), and a
// SYNTHETIC grouping of dat.bcg made up here.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { clusterForestInput, multilevel } from '../../../src/multilevel/index.js';
import { clusterForestPlotSpec } from '../../../src/plots/index.js';
import { konstantopoulosTable } from '../../pixels/tables.js';

const Z95 = 1.959963984540054;

describe('clusterForestInput(table, options, result, cluster)', () => {
  const table = konstantopoulosTable();
  const options = { random: ['~ 1 | district/school'] };
  const result = multilevel(table, options);
  const input = clusterForestInput(table, options, result, 'district');

  it('groups the 56 rows into the 11 districts, each with its summary, and ends with the model', () => {
    expect(input.studies).toHaveLength(56);
    expect(input.subgroups).toHaveLength(11);
    expect(input.subgroups![0]!.group).toBe('district 11');
    expect(input.pooled[0]!.estimate).toBe(result.coefficients[0]!.estimate);
    expect(input.pooled[0]!.piLower).toBe(result.piLower);
  });

  it("a district's summary is the GLS mean of its rows under the school-level covariance only (district σ² left out)", () => {
    // With σ²(district) left out, M_c = diag(vᵢ + σ²(school)): the summary is the inverse-variance mean.
    const s2school = result.sigma2[1]!.estimate;
    const rows = table.studies.filter((s) => s.moderators.district === 11);
    const w = rows.map((s) => 1 / (s.variance + s2school));
    const sw = w.reduce((a, b) => a + b, 0);
    const est = rows.reduce((a, s, i) => a + w[i]! * s.effect, 0) / sw;
    const p = input.subgroups![0]!.pooled[0]!;
    expect(p.estimate).toBeCloseTo(est, 12);
    expect(p.ciUpper - p.estimate).toBeCloseTo(Z95 / Math.sqrt(sw), 12);
    expect(p.label).toBe('Cluster summary (4 effects)');
  });

  it('clusterForestPlotSpec(input) has no weight column and names the label column', () => {
    const text = JSON.stringify(clusterForestPlotSpec(input));
    expect(text).not.toMatch(/"text":"Weight/);
    expect(text).toContain('Cluster and effect');
    expect(text).toContain('Multilevel model (REML)');
  });

  it('refuses an unknown cluster column', () => {
    expect(() => clusterForestInput(table, options, result, 'county')).toThrow('unknown cluster column "county"');
  });
});

describe('metasynth multilevel --plot FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metasynth-cluster-forest-'));
  const rows = konstantopoulosTable().studies.map((s) => `"${s.study}",${s.moderators.district},${s.moderators.school},${s.effect},${s.variance}`);
  writeFileSync(join(dir, 'schools.csv'), ['study,district,school,yi,vi', ...rows].join('\n'));
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), isTTY: false, cwd: dir };
    return { code: await main(args, io), out: out.join(''), err: err.join('') };
  };
  it('writes the cluster forest plot, grouped by the outermost factor of --random', async () => {
    const r = await run(['multilevel', 'schools.csv', '--random', '~ 1 | district/school', '--skip-confint', '--plot', 'cf.vl.json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('metasynth: wrote cf.vl.json\n');
    const spec = readFileSync(join(dir, 'cf.vl.json'), 'utf8');
    expect(spec).toContain('"text": "district 644"');
    expect(spec).toContain('District and effect');
  });
  it('--json names the files; --plot with --mods is refused', async () => {
    const r = await run(['multilevel', 'schools.csv', '--random', '~ 1 | district/school', '--skip-confint', '--plot', 'cf.svg', '--max-rows', '40', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).plot).toEqual(['cf-1.svg', 'cf-2.svg', 'cf-3.svg']);
    const bad = await run(['multilevel', 'schools.csv', '--random', '~ 1 | district/school', '--mods', 'school', '--skip-confint', '--plot', 'x.svg']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/intercept-only/);
  });
});
