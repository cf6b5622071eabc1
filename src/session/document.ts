// The JSON document of an analysis exactly as `metasynth <analysis> --json` prints it: `synthetic: true`
// first for synthetic data, and the value a JSON reader gets back (undefined keys dropped).
import { MetasynthError } from '../core/errors.js';
import { SESSION_MESSAGES } from './messages.js';

/** What the analysed data say about themselves: only the SYNTHETIC label matters here. */
export interface DataLabel {
  readonly synthetic?: boolean;
}

/**
 * A JSON document of synthetic data with `synthetic: true` as its first key; other documents unchanged.
 * @example labelDocument({ k: 3 }, { synthetic: true }) // { synthetic: true, k: 3 }
 */
export function labelDocument<T extends object>(doc: T, data: DataLabel): T | (T & { readonly synthetic: true }) {
  return data.synthetic === true ? { synthetic: true, ...doc } : doc;
}

/**
 * The document as a JSON reader gets it back from the CLI's output (keys with undefined values
 * dropped); a number that is not finite is refused (the CLI refuses to print one).
 * @example jsonValue({ a: 1, b: undefined }) // { a: 1 }
 */
export function jsonValue(doc: object): Record<string, unknown> {
  const text = JSON.stringify(doc, (key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new MetasynthError('internal', SESSION_MESSAGES.session_non_finite_result(key));
    return v;
  });
  return JSON.parse(text) as Record<string, unknown>;
}
