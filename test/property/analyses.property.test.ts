// Property: every downstream analysis (publication bias, sensitivity, the plot specs) on random
// valid data (k = 1 to 20, every tau² method; ordinary and wide-range datasets) gives a result
// free of NaN and Infinity, or refuses with a MetasynthError. NUM_RUNS (200) datasets per analysis.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eggerTest, failSafeN, funnelData, rankCorrelationTest, trimAndFill } from '../../src/bias/index.js';
import { MetasynthError } from '../../src/core/errors.js';
import type { EffectTable } from '../../src/effects/types.js';
import { TAU2_METHODS } from '../../src/heterogeneity/index.js';
import { baujatData, baujatPlotSpec, forestInput, forestPlotSpec, funnelInput, funnelPlotSpec, radialInput, radialPlotSpec } from '../../src/plots/index.js';
import { pool } from '../../src/pool/index.js';
import { cumulative, influenceDiagnostics, leaveOneOut } from '../../src/sensitivity/index.js';
import { dataset, effectTable, RUNS, wideDataset } from './arbitraries.js';

function nonFinitePaths(value: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value === 'number' && !Number.isFinite(value)) out.push(`${path} = ${value}`);
  else if (Array.isArray(value))
    value.forEach((v, i) => {
      nonFinitePaths(v, `${path}[${i}]`, out);
    });
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nonFinitePaths(v, `${path}.${k}`, out);
  return out;
}

const ANALYSES: Record<string, (t: EffectTable, method: (typeof TAU2_METHODS)[number]) => unknown> = {
  'eggerTest(rma)': (t, method) => eggerTest(t, { method }),
  'eggerTest(lm)': (t) => eggerTest(t, { model: 'lm' }),
  rankCorrelationTest: (t) => rankCorrelationTest(t),
  trimAndFill: (t, method) => trimAndFill(t, { method }),
  'failSafeN(Rosenthal, Orwin, Rosenberg)': (t) => ['Rosenthal', 'Orwin', 'Rosenberg'].map((type) => failSafeN(t, { type: type as never })),
  funnelData: (t, method) => funnelData(t, { method }),
  leaveOneOut: (t, method) => leaveOneOut(t, { method }),
  cumulative: (t, method) => cumulative(t, { method }),
  influenceDiagnostics: (t, method) => influenceDiagnostics(t, { method }),
  'forest, funnel, baujat and radial specs': (t, method) => {
    const r = pool(t, { method });
    return [forestPlotSpec(forestInput(t, r)), funnelPlotSpec(funnelInput(t, r)), baujatPlotSpec(baujatData(t)), radialPlotSpec(radialInput(t))];
  },
};

describe.each(Object.keys(ANALYSES))('%s on random valid data', (name) => {
  it('gives finite figures or a MetasynthError', () => {
    fc.assert(
      fc.property(fc.oneof(dataset(1, 20), wideDataset(1, 20)), fc.constantFrom(...TAU2_METHODS), (data, method) => {
        let result: unknown;
        try {
          result = ANALYSES[name]!(effectTable(data), method);
        } catch (err) {
          if (!(err instanceof MetasynthError)) throw err;
          return;
        }
        expect(nonFinitePaths(result)).toEqual([]);
      }),
      RUNS,
    );
  });
});
