// cik/calibrated is SYNTHETIC: the committed generator must reproduce it byte for byte, and its
// REML pooled HR must land in 0.72–0.78 because of the generator's parameters (nothing in the
// generator sets the pooled value). Checked with the toolkit's pool() and, independently of
// src/pool, with the minimal REML/DL of ./randomEffects.ts (itself checked against metafor).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALIBRATED_DIR, CALIBRATED_PARAMETERS, CANCERS, calibratedFiles, mulberry32, simulateTrials } from '../../../scripts/generate-cik-calibrated.js';
import { datasetEffectTable, loadDataset } from '../../../src/datasets/index.js';
import { pool } from '../../../src/pool/index.js';
import { fixtureFiles } from '../../helpers/fixtures.js';
import { dersimonianLaird, eggerIntercept, logHazardRatio, restrictedMaximumLikelihood } from './randomEffects.js';

const rows = loadDataset('cik/calibrated').rows;
const effects = rows.map((r) => logHazardRatio(r.hr as number, r.lower as number, r.upper as number));
const yi = effects.map((e) => e.yi);
const vi = effects.map((e) => e.vi);

describe('scripts/generate-cik-calibrated.ts', () => {
  it('reproduces datasets/cik/calibrated/data.csv and dataset.json byte for byte', () => {
    const { csv, json } = calibratedFiles();
    expect(csv).toBe(readFileSync(join(CALIBRATED_DIR, 'data.csv'), 'utf8'));
    expect(json).toBe(readFileSync(join(CALIBRATED_DIR, 'dataset.json'), 'utf8'));
  });

  it('mulberry32(7) gives a fixed stream (integer arithmetic only)', () => {
    const next = mulberry32(7);
    const first = [next(), next(), next()];
    const again = mulberry32(7);
    expect([again(), again(), again()]).toEqual(first);
    for (const u of first) expect(u >= 0 && u < 1).toBe(true);
  });

  it('states its true parameters in the metadata', () => {
    const prov = loadDataset('cik/calibrated').metadata.provenance;
    if (prov.kind !== 'generator') throw new Error('expected generator provenance');
    expect(prov.seed).toBe(CALIBRATED_PARAMETERS.seed);
    expect(prov.parameters).toEqual(JSON.parse(JSON.stringify(CALIBRATED_PARAMETERS)));
  });

  it('does not mutate its parameters', () => {
    const p = JSON.parse(JSON.stringify(CALIBRATED_PARAMETERS));
    simulateTrials(p);
    expect(p).toEqual(JSON.parse(JSON.stringify(CALIBRATED_PARAMETERS)));
  });
});

describe('cik/calibrated (SYNTHETIC)', () => {
  it('has at least 50 two-arm trials across the six cancers, many with fewer than 100 patients', () => {
    expect(rows.length).toBeGreaterThanOrEqual(50);
    for (const c of CANCERS) expect(rows.filter((r) => r.cancer === c).length, c).toBeGreaterThan(0);
    const small = rows.filter((r) => (r.n1 as number) + (r.n2 as number) < 100).length;
    expect(small / rows.length).toBeGreaterThan(0.3);
  });

  it('prints HR and CI with 2 decimals, lower < hr < upper', () => {
    const csv = readFileSync(join(CALIBRATED_DIR, 'data.csv'), 'utf8').trimEnd().split('\n').slice(1);
    for (const line of csv) {
      const cells = line.split(',');
      for (const c of cells.slice(7, 10)) expect(c).toMatch(/^\d+\.\d{2}$/);
      expect(Number(cells[8]) < Number(cells[7]) && Number(cells[7]) < Number(cells[9])).toBe(true);
    }
  });

  it("pool(datasetEffectTable('cik/calibrated'), { method: 'REML' }) gives a pooled HR within 0.72–0.78", () => {
    const table = datasetEffectTable('cik/calibrated');
    expect(table.synthetic).toBe(true);
    const result = pool(table, { method: 'REML' });
    const hr = Math.exp(result.estimate as number);
    expect(hr).toBeGreaterThanOrEqual(0.72);
    expect(hr).toBeLessThanOrEqual(0.78);
  });

  it('an independent REML (and DL) check agrees: pooled HR within 0.72–0.78, moderate heterogeneity', () => {
    const reml = restrictedMaximumLikelihood(yi, vi);
    const dl = dersimonianLaird(yi, vi);
    for (const fit of [reml, dl]) {
      expect(Math.exp(fit.estimate)).toBeGreaterThanOrEqual(0.72);
      expect(Math.exp(fit.estimate)).toBeLessThanOrEqual(0.78);
    }
    expect(reml.i2).toBeGreaterThan(20);
    expect(reml.i2).toBeLessThan(70);
  });

  it('shows a small-study effect: Egger intercept below 0 (small trials report larger benefits)', () => {
    expect(eggerIntercept(yi, vi).intercept).toBeLessThan(0);
  });
});

describe('randomEffects.ts (the test helper) against metafor', () => {
  it('restrictedMaximumLikelihood reproduces metafor REML on dat.bcg (log RR)', () => {
    const bcg = fixtureFiles().find((f) => f.dataset === 'dat.bcg')!;
    const escalc = bcg.cases.find((c) => c.id === 'RR/escalc')!.expected!;
    const ref = bcg.cases.find((c) => c.id === 'RR/rma.uni/REML/z')!.expected!;
    const fit = restrictedMaximumLikelihood(escalc.yi, escalc.vi);
    expect(fit.tau2).toBeCloseTo(ref.tau2, 8);
    expect(fit.estimate).toBeCloseTo(ref.estimate, 8);
  });
});
