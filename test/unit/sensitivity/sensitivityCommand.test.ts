import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { CliIO } from '../../../src/cli/command.js';
import { FIXTURE_DIR } from '../../helpers/fixtures.js';

function capture(): { io: CliIO; out: () => string } {
  let out = '';
  return {
    io: {
      stdout: (t) => {
        out += t;
      },
      stderr: () => undefined,
      isTTY: false,
      cwd: FIXTURE_DIR,
    },
    out: () => out,
  };
}

describe('metasynth sensitivity', () => {
  it('metasynth sensitivity dat.bcg.csv --measure RR --json has the documented keys', async () => {
    const c = capture();
    expect(await main(['sensitivity', 'dat.bcg.csv', '--measure', 'RR', '--json'], c.io)).toBe(0);
    const doc = JSON.parse(c.out());
    expect(doc.leaveOneOut).toHaveLength(13);
    expect(doc.cumulative).toHaveLength(13);
    expect(Object.keys(doc.leaveOneOut[0])).toEqual([
      'study',
      'estimate',
      'standardError',
      'statistic',
      'pValue',
      'ciLower',
      'ciUpper',
      'q',
      'qPValue',
      'tau2',
      'i2',
      'h2',
      'transformed',
    ]);
    expect(Object.keys(doc.influence[0])).toEqual([
      'study',
      'rstudent',
      'dffits',
      'cooksDistance',
      'covRatio',
      'tau2Deleted',
      'qDeleted',
      'hat',
      'weight',
      'dfbetas',
      'influential',
    ]);
    expect(doc.leaveOneOut[0].estimate).toBeCloseTo(-0.7070837846992616, 8);
    // Every step carries its RR: exp of the log-scale estimate and bounds.
    for (const s of [...doc.leaveOneOut, ...doc.cumulative]) {
      expect(s.transformed.scale).toBe('exp');
      expect(s.transformed.estimate).toBeCloseTo(Math.exp(s.estimate), 14);
      expect(s.transformed.ciLower).toBeCloseTo(Math.exp(s.ciLower), 14);
      expect(s.transformed.ciUpper).toBeCloseTo(Math.exp(s.ciUpper), 14);
    }
  });
  it('--order year adds studies by year', async () => {
    const c = capture();
    expect(await main(['sensitivity', 'dat.bcg.csv', '--measure', 'RR', '--order', 'year', '--json'], c.io)).toBe(0);
    const doc = JSON.parse(c.out());
    expect(doc.cumulative[2].study).toBe('Stein & Aronson, 1953');
  });
  it('prints readable tables', async () => {
    const c = capture();
    expect(await main(['sensitivity', 'dat.bcg.csv', '--measure', 'RR'], c.io)).toBe(0);
    expect(c.out()).toMatch(/Leave-one-out/);
    expect(c.out()).toMatch(/Influence diagnostics/);
  });
});
