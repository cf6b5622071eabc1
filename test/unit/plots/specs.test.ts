// Every spec builder: valid against vega-lite's JSON schema, compiles without warnings,
// deterministic, does not touch its input; golden spec files for BCG.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import {
  baujatPlotSpec,
  goshPlotSpec,
  bubbleInput,
  bubblePlotSpec,
  caterpillarPlotSpec,
  orchardInput,
  orchardPlotSpec,
  forestPlotSpec,
  funnelPlotSpec,
  labbePlotSpec,
  radialPlotSpec,
  influencePlotSpec,
  type ForestPlotInput,
} from '../../../src/plots/index.js';
import { compileSpec } from '../../../src/render/index.js';
import { hackshaw, hackshawFunnel } from './hackshawInputs.js';
import { escalc, bcgInfluence, bcgBaujat, bcgCumulative, bcgForest, bcgFunnel, bcgLabbe, bcgLeaveOneOut, bcgRadial } from './bcgInputs.js';
import { schemaErrors } from './schema.js';
import { metaRegression } from '../../../src/regression/index.js';
import { gosh } from '../../../src/gosh/index.js';
import { datasetEffectTable } from '../../../src/datasets/index.js';

/** BCG (bundled classic/bcg, log risk ratios) for the adapters of the model plots. */
const bcgTable = () => datasetEffectTable('classic/bcg', { measure: 'RR' });

const LONG = 'A randomised controlled trial of BCG vaccination in schoolchildren of the northern provinces, final report, 1961';

const SPECS: Record<string, () => TopLevelSpec> = {
  'forest default': () => forestPlotSpec(bcgForest(), { title: 'BCG vaccine and tuberculosis' }),
  'forest both models': () => forestPlotSpec(bcgForest({ both: true })),
  'forest revman5': () =>
    forestPlotSpec(bcgForest({ both: true }), { preset: 'revman5', columns: [{ key: 'events', header: ['Vaccinated', 'Events/Total'] }] }),
  'forest jama': () => forestPlotSpec(bcgForest(), { preset: 'jama', sortBy: 'effect' }),
  'forest bmj': () =>
    forestPlotSpec(bcgForest(), { preset: 'bmj', sortBy: 'weight', caption: 'Risk ratios of tuberculosis, vaccinated against unvaccinated.' }),
  'forest sort by column': () => forestPlotSpec(bcgForest(), { sortBy: { column: 'year' }, columns: [{ key: 'year', header: 'Year', side: 'right' }] }),
  'forest subgroups': () => forestPlotSpec(bcgForest({ subgroups: true })),
  'forest synthetic + long labels': () => forestPlotSpec(bcgForest({ synthetic: true, labels: [LONG] }), { favours: false }),
  'forest cumulative': () => forestPlotSpec(bcgCumulative(), { variant: 'cumulative' }),
  'forest leave-one-out': () => forestPlotSpec(bcgLeaveOneOut(), { variant: 'leave-one-out', xDomain: [0.25, 2] }),
  'forest RD (linear axis)': () =>
    forestPlotSpec({
      measure: 'RD',
      studies: [
        { study: 'A', effect: -0.02, ciLower: -0.05, ciUpper: 0.01, weight: 60 },
        { study: 'B', effect: 0.01, ciLower: -0.03, ciUpper: 0.05, weight: 40 },
      ],
      pooled: [{ label: 'Pooled', estimate: -0.008, ciLower: -0.03, ciUpper: 0.014 }],
    }),
  funnel: () => funnelPlotSpec({ ...bcgFunnel(), adjustedEstimate: null, egger: null, points: bcgFunnel().points.filter((p) => !p.imputed) }),
  'funnel trim-and-fill + Egger': () => funnelPlotSpec(bcgFunnel(), { title: 'Funnel plot' }),
  'funnel contours': () => funnelPlotSpec(bcgFunnel(), { contours: true }),
  'funnel PET-PEESE + selection models (hackshaw)': () => funnelPlotSpec(hackshawFunnel(), { title: 'Passive smoking and lung cancer' }),
  'funnel PET-PEESE + Egger + contours (hackshaw)': () =>
    funnelPlotSpec({ ...hackshawFunnel(), egger: { intercept: hackshaw.egger.est, slope: hackshaw.egger.slope }, adjusted: null }, { contours: true }),
  baujat: () => baujatPlotSpec(bcgBaujat(), { title: 'Baujat plot' }),
  radial: () => radialPlotSpec(bcgRadial()),
  'radial REML (arc with CI)': () => radialPlotSpec(bcgRadial({ random: true })),
  'baujat random effects': () => baujatPlotSpec(bcgBaujat(), { randomEffects: true, model: 'random-effects model, REML' }),
  labbe: () => labbePlotSpec(bcgLabbe()),
  bubble: () => bubblePlotSpec(bubbleInput(bcgTable(), metaRegression(bcgTable(), { mods: ['ablat'] }))),
  caterpillar: () => caterpillarPlotSpec(bcgForest()),
  orchard: () => orchardPlotSpec(orchardInput(bcgTable(), 'alloc')),
  influence: () => influencePlotSpec(bcgInfluence()),
  gosh: () => goshPlotSpec(gosh({ effect: escalc.yi, variance: escalc.vi }), { estimateLabel: 'Estimate (log RR)' }),
};

describe('plot specs', () => {
  for (const [name, build] of Object.entries(SPECS)) {
    it(`${name}: valid against the Vega-Lite v6 schema, compiles without warnings, deterministic`, () => {
      const spec = build();
      expect(schemaErrors(spec)).toEqual([]);
      const { warnings } = compileSpec(spec);
      expect(warnings).toEqual([]);
      expect(JSON.stringify(build())).toBe(JSON.stringify(spec));
      expect(JSON.stringify(spec)).not.toMatch(/NaN|Infinity|null,null/);
    });
  }

  it('funnelPlotSpec with PET-PEESE and selection models compiles to one legend "Lines" by colour and dash', () => {
    const { spec } = compileSpec(SPECS['funnel PET-PEESE + selection models (hackshaw)']!());
    const legends = JSON.stringify(spec).match(/\{[^{}]*"title":"Lines"[^{}]*\}/g) ?? [];
    expect(legends).toHaveLength(1);
    expect(legends[0]).toContain('"stroke"');
    expect(legends[0]).toContain('"strokeDash"');
  });

  it('forestPlotSpec(input) does not mutate its input', () => {
    const input = bcgForest({ both: true, subgroups: true });
    const before = JSON.stringify(input);
    forestPlotSpec(input, { sortBy: 'effect', preset: 'revman5' });
    funnelPlotSpec(bcgFunnel());
    expect(JSON.stringify(input)).toBe(before);
  });

  it('forestPlotSpec({ synthetic: true }) says SYNTHETIC in the title', () => {
    const spec = forestPlotSpec(bcgForest({ synthetic: true })) as { title?: { text: string } };
    expect(spec.title?.text).toContain('SYNTHETIC');
    const funnel = funnelPlotSpec({ ...bcgFunnel(), synthetic: true }) as { title?: { text: string } };
    expect(funnel.title?.text).toContain('SYNTHETIC');
  });

  it('forestPlotSpec(input) shortens long labels on the plot and keeps the full label in the tooltip', () => {
    const text = JSON.stringify(forestPlotSpec(bcgForest({ labels: [LONG] }), { maxLabelWidth: 150 }));
    expect(text).toContain(`"study":${JSON.stringify(LONG)}`);
    expect(text).toMatch(/"text":"A randomised[^"]*…"/);
  });

  it("forestPlotSpec(input, { sortBy: 'effect' }) orders rows by effect", () => {
    const spec = forestPlotSpec(bcgForest(), { sortBy: 'effect' }) as unknown as {
      layer: { data?: { values?: { study?: string; est?: number; y: number }[] } }[];
    };
    const squares = spec.layer.flatMap((l) => l.data?.values ?? []).filter((v) => v.est !== undefined);
    const byY = [...squares].sort((a, b) => a.y - b.y).map((v) => v.est!);
    expect(byY).toEqual([...byY].sort((a, b) => a - b));
  });

  it('forestPlotSpec rejects an unknown preset and non-finite effects with MetasynthError', () => {
    expect(() => forestPlotSpec(bcgForest(), { preset: 'nejm' as never })).toThrow(/unknown preset/);
    const bad: ForestPlotInput = { ...bcgForest(), studies: [{ study: 'X', effect: NaN, ciLower: 0, ciUpper: 1 }] };
    expect(() => forestPlotSpec(bad)).toThrow(/finite/);
  });
});

describe('golden spec files (BCG, RR; hackshaw, OR)', () => {
  const golden: Record<string, () => TopLevelSpec> = {
    'bcg-forest.vl.json': SPECS['forest default']!,
    'bcg-forest-revman5.vl.json': SPECS['forest revman5']!,
    'bcg-forest-subgroups.vl.json': SPECS['forest subgroups']!,
    'bcg-funnel.vl.json': SPECS['funnel trim-and-fill + Egger']!,
    'bcg-funnel-contours.vl.json': SPECS['funnel contours']!,
    'hackshaw-funnel-lines.vl.json': SPECS['funnel PET-PEESE + selection models (hackshaw)']!,
    'bcg-baujat.vl.json': SPECS['baujat random effects']!,
    'bcg-radial.vl.json': SPECS['radial REML (arc with CI)']!,
    'bcg-labbe.vl.json': SPECS.labbe!,
    'bcg-bubble.vl.json': SPECS.bubble!,
    'bcg-caterpillar.vl.json': SPECS.caterpillar!,
    'bcg-orchard.vl.json': SPECS.orchard!,
    'bcg-gosh.vl.json': SPECS.gosh!,
    'bcg-influence.vl.json': SPECS.influence!,
  };
  for (const [file, build] of Object.entries(golden)) {
    it(`${file} matches test/golden/${file}`, () => {
      const path = new URL(`../../golden/${file}`, import.meta.url);
      const text = `${JSON.stringify(build(), null, 2)}\n`;
      // Only METASYNTH_UPDATE_GOLDEN=1 (npm run golden:update) writes the files, after an intended
      // change; review the diff. A missing golden file fails: it is never created silently.
      if (process.env.METASYNTH_UPDATE_GOLDEN === '1') writeFileSync(path, text);
      expect(existsSync(path), `golden file ${fileURLToPath(path)} (create it with npm run golden:update)`).toBe(true);
      expect(text).toBe(readFileSync(path, 'utf8'));
    });
  }
});
