// Reproduces metafor 3.8-1 cooks.distance(res, cluster = district) for the Konstantopoulos (2011)
// three-level model (test/fixtures/metafor-mv-robust/generate-cooks.R).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { leaveOneClusterOut } from '../../src/multilevel/index.js';
import { expectClose } from '../helpers/tolerance.js';
import type { RFixtureValue } from '../helpers/fixtures.js';

const fx = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'metafor-mv-robust', 'cooks-distance.json'), 'utf8'));

describe('leaveOneClusterOut(table, options, cluster)', () => {
  it('reproduces metafor cooks.distance(res, cluster = district)', () => {
    const studies = fx.rows.map((r: RFixtureValue, i: number) => {
      const { yi, vi, study, ...rest } = r;
      return { study, effect: yi, variance: vi, standardError: Math.sqrt(vi), row: i + 1, moderators: rest };
    });
    const got = leaveOneClusterOut({ measure: 'GEN', studies, excluded: [], warnings: [] }, { random: [fx.random] }, fx.cluster);
    expect(got.map((d) => d.cluster)).toEqual(fx.cooks.map((c: RFixtureValue) => c.cluster));
    // Each distance comes from refits whose variance components metafor's optimiser estimates (not polished): 1e-5, as for variance components.
    for (const c of fx.cooks)
      if (c.value !== null) expectClose(got.find((d) => d.cluster === c.cluster)!.cooksDistance, c.value, { rel: 1e-5, abs: 1e-9 }, `cluster ${c.cluster}`);
  });
});
