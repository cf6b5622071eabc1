/**
 * Zero-cell rules of metafor's `escalc` (arguments `add`, `to`, `drop00`): which tables get
 * `add` added to every cell before a log or ratio is taken.
 *  - `only0` (default): tables with a zero cell;  - `all`: every table;
 *  - `if0all`: every table when any table has a zero cell;  - `none`: no table.
 */
export const ZERO_CELL_RULES = ['only0', 'all', 'if0all', 'none'] as const;
export type ZeroCellRule = (typeof ZERO_CELL_RULES)[number];
/**
 * True for a zero-cell rule (ZERO_CELL_RULES, metafor's `to`).
 * @example isZeroCellRule('only0') // true
 */
export function isZeroCellRule(x: unknown): x is ZeroCellRule {
  return typeof x === 'string' && (ZERO_CELL_RULES as readonly string[]).includes(x);
}

export interface ZeroCellOptions {
  /** Amount added to cells (default 1/2, metafor's `add`). */
  readonly add: number;
  /** Which tables get it (default `only0`, metafor's `to`). */
  readonly to: ZeroCellRule;
  /** Leave out tables with no events (or no non-events) in both groups (default false, metafor's `drop00`). */
  readonly drop00: boolean;
}

export const DEFAULT_ZERO_CELL_OPTIONS: ZeroCellOptions = { add: 0.5, to: 'only0', drop00: false };

/**
 * Does a table (or proportion, given as cells) get `add`? `anyZero` says whether any table of the
 * analysis has a zero cell (for `if0all`).
 * @example receivesAdd([0, 10, 3, 12], { add: 0.5, to: 'only0', drop00: false }, true) // true
 */
export function receivesAdd(cells: readonly number[], options: ZeroCellOptions, anyZero: boolean): boolean {
  switch (options.to) {
    case 'all':
      return true;
    case 'only0':
      return cells.some((c) => c === 0);
    case 'if0all':
      return anyZero;
    case 'none':
      return false;
  }
}
