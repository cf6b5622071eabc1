// Random-effects terms written as metafor's rma.mv writes them: `~ 1 | study`, nested
// `~ 1 | district/school` (any depth), and `~ inner | outer` with a variance structure.
import { MetasynthError } from '../core/errors.js';
import { MULTILEVEL_MESSAGES } from './messages.js';

/** Variance structures of an `~ inner | outer` term (metafor's `struct`). */
export const STRUCTS = ['CS', 'HCS', 'UN', 'AR', 'HAR', 'DIAG', 'ID'] as const;
export type Struct = (typeof STRUCTS)[number];
/**
 * Is `x` one of STRUCTS?
 * @example isStruct('CS') // true
 */
export function isStruct(x: unknown): x is Struct {
  return typeof x === 'string' && (STRUCTS as readonly string[]).includes(x);
}

/** `~ 1 | a/b/c`: one variance component per nesting level (`a`, `a/b`, `a/b/c`). */
export interface NestedTerm {
  readonly kind: 'nested';
  readonly formula: string;
  readonly factors: readonly string[];
}

/** `~ inner | outer`: correlated effects of the inner levels within each outer level. */
export interface StructTerm {
  readonly kind: 'struct';
  readonly formula: string;
  readonly inner: string;
  readonly outer: string;
}

export type RandomTerm = NestedTerm | StructTerm;

const NAME = /^[^\s|/~]+$/;

/**
 * Parse one random-effects formula.
 * @example parseRandomTerm('~ 1 | district/school') // { kind: 'nested', formula: '~ 1 | district/school', factors: ['district', 'school'] }
 * @example parseRandomTerm('~ outcome | trial').kind // 'struct'
 */
export function parseRandomTerm(formula: string): RandomTerm {
  const text = formula.trim();
  const m = /^~\s*(.+?)\s*\|\s*(.+?)\s*$/.exec(text);
  const bad = (why: string) => new MetasynthError('invalid_option', MULTILEVEL_MESSAGES.random_write_metafor_does(formula, why));
  if (!m) throw bad('not a random-effects formula');
  const left = m[1]!;
  const right = m[2]!.split('/').map((s) => s.trim());
  if (right.some((f) => !NAME.test(f))) throw bad(`the grouping part ${JSON.stringify(m[2])} must be column names separated by /`);
  if (left === '1') return { kind: 'nested', formula: text, factors: right };
  const inner = /^factor\s*\(\s*([^()\s]+)\s*\)$/.exec(left)?.[1] ?? left;
  if (!NAME.test(inner)) throw bad(`the inner part ${JSON.stringify(left)} must be 1 or a column name`);
  if (right.length !== 1) throw bad('an "inner | outer" term takes a single outer column');
  return { kind: 'struct', formula: text, inner, outer: right[0]! };
}
