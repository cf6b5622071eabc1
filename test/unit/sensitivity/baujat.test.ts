// baujat(), radialInput() + radialPlotSpec() and labbeInput() against the points metafor 3.8-1's
// baujat(), radial() and labbe() draw (test/fixtures/metafor/diagnostics.R) for dat.bcg (RR),
// dat.hackshaw1998 (OR) and dat.normand1999 (MD), under EE, DL and REML.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baujat } from '../../../src/sensitivity/index.js';
import { labbeInput, radialInput, radialPlotSpec } from '../../../src/plots/index.js';
import { pool } from '../../../src/pool/index.js';
import type { ModelMethod } from '../../../src/regression/models.js';
import { fixtureEffectTable, fixtureFiles } from '../../helpers/fixtures.js';
import { expectAllClose, TOL } from '../../helpers/tolerance.js';

interface Case {
  id: string;
  options: { measure: string; method?: ModelMethod };
  expected: { baujat: { x: number[]; y: number[] }; radial: { x: number[]; y: number[] }; x: number[]; y: number[] };
}
const cases = (JSON.parse(readFileSync(new URL('../../fixtures/metafor/diagnostics.json', import.meta.url), 'utf8')) as { cases: Case[] }).cases;
const FILES: Record<string, string> = { bcg: 'dat.bcg.json', hackshaw: 'dat.hackshaw1998.json', normand: 'dat.normand1999.json' };
const table = (name: string, measure: string) => fixtureEffectTable(fixtureFiles().find((f) => f.file === FILES[name])!, measure);

describe('baujat(table, { method }) matches metafor baujat(rma(yi, vi, method))', () => {
  for (const c of cases.filter((k) => k.expected.baujat)) {
    it(c.id, () => {
      const [name] = c.id.split('/');
      const r = baujat(table(name!, c.options.measure), { method: c.options.method! });
      // Tolerance: leave-one-out tau² refits (iterative under REML), compared as iterative estimates.
      expectAllClose(
        r.studies.map((s) => s.contributionQ),
        c.expected.baujat.x,
        TOL.iterative,
        'x (squared Pearson residual)',
      );
      expectAllClose(
        r.studies.map((s) => s.influence),
        c.expected.baujat.y,
        TOL.iterative,
        'y (influence)',
      );
    });
  }
});

describe("radialPlotSpec(radialInput(table, pool(table, { method }))) draws metafor radial()'s points", () => {
  for (const c of cases.filter((k) => k.expected.radial)) {
    it(c.id, () => {
      const [name] = c.id.split('/');
      const t = table(name!, c.options.measure);
      const spec = radialPlotSpec(radialInput(t, pool(t, { method: c.options.method! }))) as unknown as {
        vconcat: { layer: { data?: { values?: { study?: string; x: number; y: number }[] } }[] }[];
      };
      const pts = spec.vconcat[0]!.layer.flatMap((l) => l.data?.values ?? []).filter((v) => v.study !== undefined);
      expectAllClose(
        pts.map((p) => p.x),
        c.expected.radial.x,
        TOL.iterative,
        'x',
      );
      expectAllClose(
        pts.map((p) => p.y),
        c.expected.radial.y,
        TOL.iterative,
        'y',
      );
    });
  }
});

describe("labbeInput(table) matches metafor labbe()'s arm-level points", () => {
  for (const c of cases.filter((k) => k.id.includes('/labbe/'))) {
    it(c.id, () => {
      const input = labbeInput(table('bcg', c.options.measure));
      expect(input.scale).toBe(c.options.measure === 'RR' ? 'log-risk' : 'log-odds');
      expectAllClose(
        input.points.map((p) => p.control),
        c.expected.x,
        TOL.closedForm,
        'x (control arm)',
      );
      expectAllClose(
        input.points.map((p) => p.treatment),
        c.expected.y,
        TOL.closedForm,
        'y (treatment arm)',
      );
    });
  }
});
