// Builds the inputs of the metareg / subgroup reference cases from a metafor fixture file through
// the library's own pipeline (test/helpers/fixtures.ts): yi/vi by effectSizes, moderators from `studies`.
import type { EffectTable } from '../../../src/effects/types.js';
import { fixtureEffectArrays, fixtureEffectTable, type FixtureFile } from '../../helpers/fixtures.js';

export function effectsFor(data: FixtureFile, measure: string): { yi: number[]; vi: number[] } {
  const a = fixtureEffectArrays(data, measure);
  return { yi: a.effect, vi: a.variance };
}

/** The fixture dataset as an EffectTable (effectSizes() of its studies, moderators included). */
export function fixtureTable(data: FixtureFile, measure: string): EffectTable {
  return fixtureEffectTable(data, measure);
}

/** `~ ablat + factor(alloc)` → ['ablat', 'factor(alloc)'] (the formulas the fixtures use). */
export function parseModsFormula(formula: string): string[] {
  return formula
    .replace(/^\s*~/, '')
    .split('+')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}
