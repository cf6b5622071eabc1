// Column vocabulary of study files. metafor's argument names are canonical (so R users feel at
// home); a few friendly aliases are accepted and documented in the README (section `input`).

/** The kinds of study record, one per input shape; recognised from the columns present. */
export const STUDY_KINDS = ['hr', 'generic', 'twoByTwo', 'twoByTwoN', 'continuous', 'correlation', 'proportion', 'escalc'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];
export function isStudyKind(x: unknown): x is StudyKind {
  return typeof x === 'string' && (STUDY_KINDS as readonly string[]).includes(x);
}

export interface KindColumns {
  /** Columns that must all be present. */
  readonly required: readonly string[];
  /** At least one of these must be present too (generic: `vi` or `sei`). */
  readonly oneOf?: readonly string[];
  /** Optional data columns of this kind (not moderators). */
  readonly optional?: readonly string[];
  /** How the kind is named in messages. */
  readonly label: string;
}

export const KIND_COLUMNS: Readonly<Record<StudyKind, KindColumns>> = {
  hr: { required: ['hr', 'lower', 'upper'], optional: ['level'], label: 'hazard ratios with a confidence interval (hr, lower, upper)' },
  generic: { required: ['yi'], oneOf: ['vi', 'sei'], label: 'generic effects (yi with vi or sei)' },
  twoByTwo: { required: ['ai', 'bi', 'ci', 'di'], label: '2x2 counts (ai, bi, ci, di)' },
  twoByTwoN: { required: ['x1i', 'n1i', 'x2i', 'n2i'], label: '2x2 counts as events and group sizes (x1i, n1i, x2i, n2i)' },
  continuous: { required: ['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i'], label: 'means and SDs of two groups (m1i, sd1i, n1i, m2i, sd2i, n2i)' },
  correlation: { required: ['ri', 'ni'], label: 'correlations (ri, ni)' },
  proportion: { required: ['xi', 'ni'], label: 'proportions (xi, ni)' },
  // Never recognised from the columns alone: the measure names its columns (src/effects/measures).
  escalc: { required: [], label: "the columns of the chosen measure, named as escalc's arguments (see metasynth measures)" },
};

/** Kinds recognised from the columns present (every kind but `escalc`, which the measure decides). */
export const DETECTABLE_KINDS = STUDY_KINDS.filter((k) => KIND_COLUMNS[k].required.length > 0);

/** The data columns a kind reads (required, one-of and optional). */
export function kindDataColumns(kind: StudyKind): readonly string[] {
  const k = KIND_COLUMNS[kind];
  return [...k.required, ...(k.oneOf ?? []), ...(k.optional ?? [])];
}

/**
 * Accepted spellings of the canonical columns, matched case-insensitively after trimming.
 * Canonical names themselves (`ai`, `m1i`, ...) are also matched case-insensitively.
 */
export const COLUMN_ALIASES: Readonly<Record<string, readonly string[]>> = {
  study: ['study', 'studlab', 'label', 'trial'],
  hr: ['hr', 'hazard_ratio', 'hazard ratio', 'hazardratio'],
  lower: ['lower', 'ci_lower', 'ci.lb', 'lcl', 'lower_ci', 'ci_low'],
  upper: ['upper', 'ci_upper', 'ci.ub', 'ucl', 'upper_ci', 'ci_high'],
  level: ['level', 'ci_level', 'conf_level'],
  yi: ['yi'],
  vi: ['vi', 'variance'],
  sei: ['sei', 'se', 'standard_error', 'standarderror'],
  source: ['source'],
};

const CANONICAL = new Set([
  'study', 'source', ...STUDY_KINDS.flatMap((k) => kindDataColumns(k)),
]);

const ALIAS_TO_CANONICAL = new Map<string, string>();
for (const name of CANONICAL) ALIAS_TO_CANONICAL.set(name.toLowerCase(), name);
for (const [canonical, aliases] of Object.entries(COLUMN_ALIASES)) {
  for (const a of aliases) ALIAS_TO_CANONICAL.set(a.toLowerCase(), canonical);
}

/**
 * The canonical name of a header, or undefined when it is not a known column (a moderator).
 * @example canonicalColumn('HR') // 'hr'
 * @example canonicalColumn('ci_lower') // 'lower'
 * @example canonicalColumn('ablat') // undefined
 */
export function canonicalColumn(header: string): string | undefined {
  return ALIAS_TO_CANONICAL.get(header.trim().toLowerCase());
}

/** Header names that could reach an object prototype; refused everywhere. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
