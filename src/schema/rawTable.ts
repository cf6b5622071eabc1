import type { Warning } from '../core/errors.js';
import type { StudyKind } from './columns.js';
import type { DecimalMark, TextDialect } from './dialect.js';
import type { StudyRecord } from './studyRecord.js';

/** One input row as read: header → cell (text for CSV; JSON scalars for JSON). Null-prototype. */
export type RawRow = Readonly<Record<string, unknown>>;

/** Rows as read from a file, before validation (the output of parseCsv / parseJson). */
export interface RawTable {
  readonly file?: string;
  /** Header names in file order. */
  readonly columns: readonly string[];
  readonly rows: readonly RawRow[];
  /** 1-based input row number of each row (CSV blank lines are skipped but still counted). */
  readonly rowNumbers?: readonly number[];
  /** The `meta` object of a `{ "studies": [...], "meta": {...} }` JSON file. */
  readonly meta?: Readonly<Record<string, unknown>>;
  /** Decimal mark of the number texts in the cells (default `.`); numbers stored as numbers need none. */
  readonly decimal?: DecimalMark;
  /** How delimited text was read (separator, decimal mark, and how each was chosen). */
  readonly dialect?: TextDialect;
  /** The worksheet a workbook's rows come from. */
  readonly sheet?: string;
}

/** A moderator value as read from input: number, category text, or missing. */
export type ModeratorValue = number | string | null;

export type ModeratorType = 'number' | 'text';

/** A moderator column and the type found for it (number when every non-empty value is numeric). */
export interface ModeratorColumn {
  readonly name: string;
  readonly type: ModeratorType;
}

/** Validated study records of one kind, with the non-fatal findings. */
export interface ParsedStudies {
  readonly kind: StudyKind;
  readonly records: readonly StudyRecord[];
  readonly warnings: readonly Warning[];
  readonly moderators: readonly ModeratorColumn[];
  readonly file?: string;
  readonly meta?: Readonly<Record<string, unknown>>;
}
