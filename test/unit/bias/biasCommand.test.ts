import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { CliIO } from '../../../src/cli/command.js';
import { FIXTURE_DIR } from '../../helpers/fixtures.js';

function capture(): { io: CliIO; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        err += t;
      },
      isTTY: false,
      cwd: FIXTURE_DIR,
    },
    out: () => out,
    err: () => err,
  };
}

describe('metasynth bias', () => {
  it('metasynth bias dat.bcg.csv --measure RR --json has the documented keys and metafor values', async () => {
    const c = capture();
    expect(await main(['bias', 'dat.bcg.csv', '--measure', 'RR', '--json'], c.io)).toBe(0);
    const doc = JSON.parse(c.out());
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['egger', 'eggerClassic', 'begg', 'trimFill', 'failSafeN', 'funnel', 'warnings']));
    expect(Object.keys(doc.egger)).toEqual([
      'statistic',
      'df',
      'pValue',
      'limitEstimate',
      'limitCiLower',
      'limitCiUpper',
      'predictor',
      'slope',
      'slopeStandardError',
      'limitTransformed',
    ]);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['petPeese', 'henmiCopas', 'tes']));
    expect(Object.keys(doc.petPeese)).toEqual(['pet', 'peese', 'conditional']);
    expect(Object.keys(doc.henmiCopas)).toEqual(['estimate', 'ciLower', 'ciUpper', 'tau2']);
    expect(Object.keys(doc.tes)).toEqual(['observed', 'expected', 'statistic', 'pValue']);
    expect(doc.trimFill.test).toBe('z');
    expect(doc.eggerClassic.df).toBe(11);
    expect(doc.begg.kendallTau).toBeCloseTo(0.02564102564102564, 14);
    expect(doc.failSafeN).toMatchObject({ rosenthal: 598, orwin: 13, rosenberg: 370 });
    // Back-transformed figures (exp for RR) beside the log-scale ones.
    expect(doc.egger.limitTransformed.scale).toBe('exp');
    expect(doc.egger.limitTransformed.estimate).toBeCloseTo(Math.exp(doc.egger.limitEstimate), 14);
    expect(doc.egger.limitTransformed.ciUpper).toBeCloseTo(Math.exp(doc.egger.limitCiUpper), 14);
    expect(doc.trimFill.transformed).toMatchObject({ scale: 'exp' });
    expect(doc.trimFill.transformed.estimate).toBeCloseTo(Math.exp(doc.trimFill.estimate), 14);
    expect(doc.trimFill.transformed.ciLower).toBeCloseTo(Math.exp(doc.trimFill.ciLower), 14);
    expect(doc.failSafeN.orwinTarget).toBeCloseTo(-0.3703251906054681, 12); // metafor 3.8-1: fsn(yi, vi, type = 'Orwin')$target
    expect(doc.failSafeN.orwinTargetTransformed).toBeCloseTo(Math.exp(doc.failSafeN.orwinTarget), 14);
    expect(doc.trimFill).toMatchObject({ k0: 1, side: 'right' });
    expect(doc.trimFill.filled).toHaveLength(14);
    expect(Object.keys(doc.trimFill)).toEqual(
      expect.arrayContaining([
        'k0',
        'k0StandardError',
        'side',
        'estimate',
        'standardError',
        'ciLower',
        'ciUpper',
        'pValue',
        'tau2',
        'i2',
        'q',
        'test',
        'statistic',
        'qPValue',
        'filled',
      ]),
    );
  });
  it('prints a readable report', async () => {
    const c = capture();
    expect(await main(['bias', 'dat.bcg.csv', '--measure', 'RR', '--method', 'DL'], c.io)).toBe(0);
    expect(c.out()).toMatch(/Egger \(classic weighted lm\)/);
    expect(c.out()).toMatch(/Fail-safe N: Rosenthal 598/);
  });
  it('with 2 studies prints what it can and says why the rest is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metasynth-bias-'));
    writeFileSync(join(dir, 'two.csv'), 'study,yi,vi\nA,0.1,0.04\nB,0.3,0.09\n');
    const c = capture();
    expect(await main(['bias', join(dir, 'two.csv'), '--json'], c.io)).toBe(0);
    const doc = JSON.parse(c.out());
    expect(doc.egger.statistic).toBeNull();
    expect(doc.trimFill.k0).toBeNull();
    expect(doc.failSafeN.rosenthal).toEqual(expect.any(Number));
    expect(doc.warnings.map((w: { analysis: string; code: string }) => `${w.analysis}:${w.code}`)).toEqual(
      expect.arrayContaining(['egger:too_few_studies', 'eggerClassic:too_few_studies', 'begg:too_few_studies', 'trimFill:too_few_studies']),
    );
  });
  it('rejects --method MH with a usage message', async () => {
    const c = capture();
    expect(await main(['bias', 'dat.bcg.csv', '--measure', 'RR', '--method', 'MH'], c.io)).toBe(2);
    expect(c.err()).toMatch(/--method "MH"/);
  });
});
