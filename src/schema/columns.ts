// Column vocabulary of study files. metafor's argument names are canonical (so R users feel at
// home); the spellings people use in spreadsheets are accepted too, from one alias table that the
// README documents (section `input`).

/** The kinds of study record, one per input shape; recognised from the columns present. */
export const STUDY_KINDS = ['hr', 'generic', 'twoByTwo', 'twoByTwoN', 'continuous', 'correlation', 'proportion', 'escalc'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];
/**
 * True for a kind of study record (STUDY_KINDS).
 * @example isStudyKind('twoByTwo') // true
 */
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

/**
 * The data columns a kind reads (required, one-of and optional).
 * @example kindDataColumns('hr') // ['hr', 'lower', 'upper', 'level']
 */
export function kindDataColumns(kind: StudyKind): readonly string[] {
  const k = KIND_COLUMNS[kind];
  return [...k.required, ...(k.oneOf ?? []), ...(k.optional ?? [])];
}

/**
 * Columns that hold more than one figure in one cell, as tables in papers print them: `ci_range`
 * (`0.55-0.94` or `0.55 to 0.94`: lower and upper) and `hr_ci` (`0.72 (0.55-0.94)`: hr, lower and
 * upper). They are split when read (src/schema/combinedColumns.ts), with a note.
 */
export const COMBINED_COLUMNS = {
  ci_range: ['lower', 'upper'],
  hr_ci: ['hr', 'lower', 'upper'],
} as const satisfies Readonly<Record<string, readonly string[]>>;
export type CombinedColumn = keyof typeof COMBINED_COLUMNS;
export function isCombinedColumn(x: unknown): x is CombinedColumn {
  return typeof x === 'string' && Object.hasOwn(COMBINED_COLUMNS, x);
}

/**
 * The one table of accepted header spellings, canonical name → spellings. Headers match after
 * `headerKey`: case, spaces, dots and underscores are ignored, and a percentage (`95%`) matches
 * any percentage (the interval's level, see `headerLevel`). Canonical names (`ai`, `m1i`, ...)
 * match the same way. No two canonical names share a spelling (a test checks it).
 */
export const COLUMN_ALIASES: Readonly<Record<string, readonly string[]>> = {
  study: ['study', 'studlab', 'label', 'trial'],
  hr: ['hr', 'hazard_ratio', 'hazard ratio'],
  lower: [
    'lower',
    'ci_lower',
    'ci.lb',
    'lcl',
    'lower_ci',
    'ci_low',
    'CI Lower',
    'lower CI',
    'LCI',
    'Lower 95% CI',
    '95% CI lower',
    'lower 95%',
    'lower limit',
    'lower bound',
  ],
  upper: [
    'upper',
    'ci_upper',
    'ci.ub',
    'ucl',
    'upper_ci',
    'ci_high',
    'CI Upper',
    'upper CI',
    'UCI',
    'Upper 95% CI',
    '95% CI upper',
    'upper 95%',
    'upper limit',
    'upper bound',
  ],
  ci_range: ['95% CI', 'CI 95%', 'CI (95%)', '95% confidence interval', 'confidence interval'],
  hr_ci: ['HR (95% CI)', 'HR [95% CI]', 'HR 95% CI', 'HR (CI)', 'hazard ratio (95% CI)', 'hazard ratio [95% CI]'],
  level: ['level', 'ci_level', 'conf_level', 'confidence level'],
  yi: ['yi'],
  vi: ['vi', 'variance'],
  sei: ['sei', 'se', 'standard_error'],
  source: ['source'],
};

/** A percentage inside a header (`95%`, `90.5%`), the level of the interval it names. */
const PERCENT = /(\d+(?:\.\d+)?)%/g;

/**
 * The key a header is matched by: lower case, without spaces, dots and underscores, with any
 * percentage written as a bare `%`.
 * @example headerKey('Lower 95% CI') // 'lower%ci'
 * @example headerKey('ci.lb') // 'cilb'
 */
export function headerKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s._]+/g, '')
    .replace(PERCENT, '%');
}

/**
 * The confidence level a header names (`Lower 90% CI` → 90), or undefined.
 * @example headerLevel('HR (95% CI)') // 95
 */
export function headerLevel(header: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)%/.exec(header);
  return m ? Number(m[1]) : undefined;
}

const CANONICAL = new Set(['study', 'source', ...STUDY_KINDS.flatMap((k) => kindDataColumns(k))]);

/** Every key with its canonical name; a key claimed by two names is a bug in the table above. */
function aliasIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const add = (spelling: string, canonical: string) => {
    const key = headerKey(spelling);
    const other = index.get(key);
    if (other !== undefined && other !== canonical) throw new Error(`column alias ${JSON.stringify(spelling)} means both ${other} and ${canonical}`);
    index.set(key, canonical);
  };
  for (const name of CANONICAL) add(name, name);
  for (const [canonical, aliases] of Object.entries(COLUMN_ALIASES)) for (const a of aliases) add(a, canonical);
  return index;
}
const ALIAS_TO_CANONICAL = aliasIndex();

/**
 * The canonical name of a header (a combined name such as `hr_ci` for `HR (95% CI)`), or undefined
 * when it is not a known column (a moderator).
 * @example canonicalColumn('HR') // 'hr'
 * @example canonicalColumn('Lower 95% CI') // 'lower'
 * @example canonicalColumn('ablat') // undefined
 */
export function canonicalColumn(header: string): string | undefined {
  return ALIAS_TO_CANONICAL.get(headerKey(header));
}

/** Header names that could reach an object prototype; refused everywhere. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
