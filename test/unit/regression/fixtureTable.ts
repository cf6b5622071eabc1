// Builds the inputs of the metareg / subgroup reference cases from a metafor fixture file:
// yi/vi from the file's `escalc` case of the same measure (or the `yi`, `vi` columns of `studies`
// for datasets given as yi/vi, such as hackshaw1998), moderators from `studies`.
import type { EffectTable, Measure, StudyEffect } from '../../../src/effects/types.js';
import type { FixtureFile } from '../../helpers/fixtures.js';

export function effectsFor(data: FixtureFile, measure: string): { yi: number[]; vi: number[] } {
  const es = data.cases.find((c) => (c.analysis === 'escalc' || c.analysis === 'derive') && c.options.measure === measure && c.expected);
  if (es?.expected) return { yi: es.expected.yi as number[], vi: es.expected.vi as number[] };
  return { yi: data.studies.map((s) => Number(s.yi)), vi: data.studies.map((s) => Number(s.vi)) };
}

/** The fixture dataset as an EffectTable (what effectSizes() would return for this measure). */
export function fixtureTable(data: FixtureFile, measure: string): EffectTable {
  const { yi, vi } = effectsFor(data, measure);
  const studies: StudyEffect[] = data.studies.map((s, i) => ({
    study: String(s.study ?? `study ${i + 1}`),
    effect: yi[i] ?? NaN,
    variance: vi[i] ?? NaN,
    standardError: Math.sqrt(vi[i] ?? NaN),
    row: i + 1,
    moderators: { ...s },
  }));
  return { measure: measure as Measure, studies, excluded: [], warnings: [] };
}

/** `~ ablat + factor(alloc)` → ['ablat', 'factor(alloc)'] (the formulas the fixtures use). */
export function parseModsFormula(formula: string): string[] {
  return formula
    .replace(/^\s*~/, '')
    .split('+')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}
