// The design matrix of a moderator permutation test (`metasynth permutest --mods`), built from the
// moderators as the meta-regression builds it: kept apart from the test itself (permutest.ts) so that
// the page's Web Worker, which only runs the test, does not bundle the formula parser.
import { MetasynthError } from '../../core/errors.js';
import type { EffectTable } from '../../effects/types.js';
import { buildDesign, type Design } from '../../regression/index.js';
import { SESSION_MESSAGES } from '../messages.js';

/**
 * The design of the moderators' permutation test (column names or a formula, as `--mods`); throws
 * when no study has a value of every moderator.
 * @example permutestDesign(bcgTable, ['ablat']).columns.length // 2
 */
export function permutestDesign(table: EffectTable, mods: readonly string[]): Design {
  const design = buildDesign(table.studies, mods, 'permutest');
  if (design.rows.length === 0) throw new MetasynthError('not_estimable', SESSION_MESSAGES.permutest_no_study_has());
  return design;
}
