// JSON study files: an array of records, or `{ "studies": [...], "meta": {...} }`. Rows are
// rebuilt on null-prototype objects and keys that could reach a prototype are refused, so no
// input can alter Object.prototype.
import { MetasynthError, type Issue } from '../core/errors.js';
import { MESSAGES, plainIssue } from '../messages.js';
import { FORBIDDEN_KEYS } from './columns.js';
import type { RawRow, RawTable } from './rawTable.js';
import type { ParseTextOptions } from './parseCsv.js';
import { SCHEMA_MESSAGES } from './messages.js';

/**
 * Parse JSON text into rows keyed by field name (records count from row 1).
 * @example parseJson('[{"study":"A","yi":0.1,"vi":0.02}]', { file: 'a.json' }).rows.length // 1
 */
export function parseJson(text: string, options: ParseTextOptions = {}): RawTable {
  const file = options.file ?? 'input';
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new MetasynthError('invalid_file', MESSAGES.empty_file(file));
  const depth = nestingDepth(body);
  if (depth > MAX_JSON_DEPTH) {
    throw new MetasynthError('invalid_file', SCHEMA_MESSAGES.json_nested_levels_deep(file, depth, MAX_JSON_DEPTH));
  }
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    throw new MetasynthError('invalid_file', SCHEMA_MESSAGES.not_valid_json(file, (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ')));
  }
  let records: unknown;
  let meta: Record<string, unknown> | undefined;
  if (Array.isArray(doc)) records = doc;
  else if (isPlainObject(doc) && Array.isArray(doc.studies)) {
    records = doc.studies;
    if (doc.meta !== undefined) {
      if (!isPlainObject(doc.meta)) throw new MetasynthError('invalid_file', SCHEMA_MESSAGES.meta_object(file));
      meta = copyObject(doc.meta, file);
    }
  } else {
    throw new MetasynthError('invalid_file', SCHEMA_MESSAGES.json_array_study_records(file, describe(doc)));
  }
  const list = records as unknown[];
  if (list.length === 0) throw new MetasynthError('invalid_input', MESSAGES.no_rows(file));
  const issues: Issue[] = [];
  const rows: RawRow[] = [];
  const columns: string[] = [];
  const seen = new Set<string>();
  list.forEach((rec, i) => {
    const row = i + 1;
    if (!isPlainObject(rec)) {
      issues.push(plainIssue({ file, row }, 'not_an_object', SCHEMA_MESSAGES.not_an_object(describe(rec))));
      return;
    }
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(rec)) {
      if (FORBIDDEN_KEYS.has(key.trim())) {
        issues.push(plainIssue({ file, row, field: key }, 'forbidden_column', SCHEMA_MESSAGES.forbidden_column_field(key), key));
        continue;
      }
      out[key] = rec[key];
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
    rows.push(out);
  });
  if (issues.length > 0) throw new MetasynthError('invalid_input', SCHEMA_MESSAGES.record_cannot_read(file, issues.length), issues);
  return { file, columns, rows, ...(meta === undefined ? {} : { meta }) };
}

/**
 * The deepest nesting of arrays and objects a study file may have. A study file needs 3 levels
 * (`{ "studies": [ { ... } ] }`); the limit leaves room for `meta` and refuses hostile input
 * early, before any recursive walk (JSON.stringify in a message, structuredClone) could exhaust the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Deepest nesting of [ and { outside strings, in one pass without recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') return 'an object without a "studies" array';
  return `${typeof x} ${JSON.stringify(x)}`;
}

function copyObject(src: Record<string, unknown>, file: string): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(src)) {
    if (FORBIDDEN_KEYS.has(key)) throw new MetasynthError('invalid_file', SCHEMA_MESSAGES.meta_field_name_not(file, key));
    out[key] = src[key];
  }
  return out;
}
