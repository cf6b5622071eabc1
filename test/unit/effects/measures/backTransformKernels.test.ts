// The back-transformations of the registry measures against metafor 3.8-1's transf.* functions
// (test/fixtures/metafor-escalc/generate-escalc.R, `conversions.backTransform`).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BackTransform } from '../../../../src/effects/measures/definition.js';
import { backTransformValue, harmonicMean } from '../../../../src/effects/measures/backTransformKernels.js';
import { TOL, expectClose } from '../../../helpers/tolerance.js';

type Point = { x: number; y: number; ni?: number[]; ti?: number };
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'metafor-escalc', 'escalc.json');
const cases = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { conversions: { backTransform: Record<string, Point[]> } }).conversions.backTransform;

describe('backTransformValue reproduces metafor transf.*', () => {
  for (const [name, points] of Object.entries(cases)) {
    it.each(points)(`backTransformValue('${name}', $x)`, (p) => {
      const context = { ...(p.ni ? { n: harmonicMean(p.ni) } : {}), ...(p.ti !== undefined ? { t: p.ti } : {}) };
      expectClose(backTransformValue(name as BackTransform, p.x, context), p.y, TOL.closedForm, `${name}(${p.x})`);
    });
  }
});

describe('registryBackTransforms', () => {
  it('names a back-transformation for every registry measure with one, and none for the others', async () => {
    const { registryBackTransforms } = await import('../../../../src/effects/measures/backTransformEntries.js');
    const { REGISTRY_MEASURES } = await import('../../../../src/effects/measures/registry.js');
    const entries = registryBackTransforms();
    for (const m of REGISTRY_MEASURES) {
      const e = entries[m.name];
      if (m.backTransform === 'none') expect(e).toBeNull();
      else expect(e).toEqual({ scale: m.backTransform, label: expect.any(String) });
    }
  });
});

describe('the lists kept beside the definitions', () => {
  it('EXP_REGISTRY_MEASURES are exactly the registry measures back-transformed with exp', async () => {
    const { EXP_REGISTRY_MEASURES } = await import('../../../../src/effects/measures/names.js');
    const { REGISTRY_MEASURES } = await import('../../../../src/effects/measures/registry.js');
    expect([...EXP_REGISTRY_MEASURES].sort()).toEqual(
      REGISTRY_MEASURES.filter((m) => m.backTransform === 'exp')
        .map((m) => m.name)
        .sort(),
    );
  });
  it('REGISTRY_MEASURE_NAMES are exactly the registry definitions', async () => {
    const { REGISTRY_MEASURE_NAMES } = await import('../../../../src/effects/measures/names.js');
    const { REGISTRY_MEASURES } = await import('../../../../src/effects/measures/registry.js');
    expect([...REGISTRY_MEASURE_NAMES].sort()).toEqual(REGISTRY_MEASURES.map((m) => m.name).sort());
  });
  it('every conversion column the catalogue lists is read by a conversion that applies to the measure', async () => {
    const { measureCatalogue } = await import('../../../../src/effects/measures/catalogue.js');
    const { INPUT_DERIVATIONS } = await import('../../../../src/effects/conversions/derivations.js');
    const { measureDefinition } = await import('../../../../src/effects/measures/registry.js');
    for (const m of measureCatalogue()) {
      const def = measureDefinition(m.name);
      for (const column of m.conversions.map((c) => c.split(' ')[0]!)) {
        const used = INPUT_DERIVATIONS.some(
          (d) => d.reads.includes(column) && (d.measures === undefined || d.measures.includes(m.name)) && d.produces.every((p) => def!.columns.includes(p)),
        );
        expect(used, `${m.name}: ${column}`).toBe(true);
      }
    }
  });
});
