import { tetrachoric } from '../special/tetrachoric.js';
import type { MeasureDefinition } from './definition.js';
import { twoByTwoInputs } from './families.js';

/**
 * Tetrachoric correlation of a 2x2 table with its large-sample variance (escalc `measure = "RTET"`;
 * default `add` 0). metafor maximises the likelihood with R's Nelder–Mead and a numerical Hessian;
 * metasynth solves the likelihood equation exactly (see special/tetrachoric.ts), so the two agree to
 * about 1e-4. A table with a zero cell has its estimate on the boundary ±1 and no finite variance:
 * such rows are left out (give `add` to correct them).
 * @example RTET.compute({ ai: 30, bi: 10, ci: 10, di: 30 }).yi // 0.7071067811865475
 */
export const RTET: MeasureDefinition = {
  ...twoByTwoInputs(0),
  name: 'RTET',
  label: 'tetrachoric correlation',
  family: '2x2 table',
  scale: 'correlation',
  backTransform: 'none',
  reference: 'Pearson (1900), Phil Trans R Soc A 195:1; Kirk (1973), Psychometrika 38:259',
  compute: (v) => tetrachoric(v.ai!, v.bi!, v.ci!, v.di!),
};
