// The fixed data of the pixel tests: metafor's dat.bcg (2x2 counts, RR), dat.hackshaw1998 (log odds
// ratios with variances, OR), dat.normand1999 (means, SDs and sizes, MD) and the school data of
// Konstantopoulos 2011 (three levels, district/school). All are published datasets shipped as
// metafor fixtures in test/fixtures; nothing here is made up.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EffectTable, Measure, StudyEffect } from '../../src/effects/types.js';
import { effectSizes } from '../../src/effects/index.js';
import { readStudiesFile } from '../../src/io/node.js';

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));

/** A fixture CSV as an effect table in `measure`. */
export function fixtureTable(path: string, measure: Measure): EffectTable {
  return effectSizes(readStudiesFile(fixture(path)), { measure });
}

/** dat.bcg: 13 trials of the BCG vaccine, risk ratios (moderators year, ablat, alloc). */
export const bcgTable = (): EffectTable => fixtureTable('metafor/dat.bcg.csv', 'RR');
/** dat.hackshaw1998: 37 studies of passive smoking and lung cancer, log odds ratios (OR). */
export const hackshawTable = (): EffectTable => fixtureTable('metafor/dat.hackshaw1998.csv', 'OR');
/** dat.normand1999: 9 trials of stroke care, length of stay in days (means, SDs, sizes), MD. */
export const normandTable = (): EffectTable => fixtureTable('metafor/dat.normand1999.csv', 'MD');

/** dat.konstantopoulos2011: 56 schools in 11 districts (standardised mean differences, GEN), with `district` and `school`. */
export function konstantopoulosTable(): EffectTable {
  const fx = JSON.parse(readFileSync(fixture('metafor-mv/konstantopoulos2011.json'), 'utf8')) as {
    rows: { yi: number; vi: number; district: number; school: number; year: number }[];
  };
  const studies: StudyEffect[] = fx.rows.map((r, i) => ({
    study: `District ${r.district}, school ${r.school}`,
    effect: r.yi,
    variance: r.vi,
    standardError: Math.sqrt(r.vi),
    row: i + 1,
    moderators: { district: r.district, school: r.school, year: r.year },
  }));
  return { measure: 'GEN', studies, excluded: [], warnings: [], file: 'dat.konstantopoulos2011' };
}
