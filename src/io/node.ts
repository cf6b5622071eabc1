// Node-only file reading (the browser-safe parsers are in src/schema/parseCsv.ts / parseJson.ts).
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { MetasynthError } from '../core/errors.js';
import { parseStudyRecords } from '../schema/parseStudyRecords.js';
import type { ParsedStudies, RawTable } from '../schema/rawTable.js';
import { parseCsv } from '../schema/parseCsv.js';
import { parseJson } from '../schema/parseJson.js';

/**
 * The largest study file read (50 MiB). Files are read whole and parsed into rows of text cells,
 * which takes several times the file's size in memory; 50 MiB is ~1 million studies of 2x2
 * counts, far beyond any meta-analysis, and keeps memory bounded. Larger files are refused
 * before they are read, with a message that says so.
 */
export const MAX_STUDY_FILE_BYTES = 50 * 1024 * 1024;

export interface ReadStudiesOptions {
  /** Name used in messages (default: the path as given). */
  readonly name?: string;
}

/**
 * Read a `.csv` or `.json` file as raw rows. Every message names the file.
 * @example readTableFile('test/fixtures/metafor/dat.bcg.csv').rows.length // 13
 */
export function readTableFile(path: string, options: ReadStudiesOptions = {}): RawTable {
  const file = options.name ?? path;
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') {
    throw new MetasynthError('invalid_file', `${file}: unsupported file type ${JSON.stringify(ext || '(none)')}; give a .csv or .json file`);
  }
  let bytes: Uint8Array;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new MetasynthError('invalid_file', `${file} is a directory, not a file`);
    if (stat.size > MAX_STUDY_FILE_BYTES) {
      throw new MetasynthError('invalid_file',
        `${file}: the file is ${megabytes(stat.size)} MB; metasynth reads study files up to ${megabytes(MAX_STUDY_FILE_BYTES)} MB (one row per study)`);
    }
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof MetasynthError) throw err;
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new MetasynthError('invalid_file', `${file}: cannot read the file (${why})`);
  }
  const text = decodeUtf8(bytes, file);
  return ext === '.csv' ? parseCsv(text, { file }) : parseJson(text, { file });
}

function megabytes(n: number): string {
  return (n / (1024 * 1024)).toFixed(1);
}

/**
 * Study files are UTF-8 (with or without BOM). Anything else is refused with a message, instead of
 * being decoded into U+FFFD replacement characters or NUL-laden labels that would then be
 * analysed and printed as if they were the study names.
 */
function decodeUtf8(bytes: Uint8Array, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new MetasynthError('invalid_file', `${file}: the file is UTF-16 encoded; save it as UTF-8 (CSV UTF-8 in spreadsheet programs)`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new MetasynthError('invalid_file', `${file}: the file contains a NUL byte (at byte ${nul}): it is not a text file`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new MetasynthError('invalid_file', `${file}: the file is not valid UTF-8 text; save it as UTF-8 (CSV UTF-8 in spreadsheet programs)`);
  }
}

/**
 * Read and validate a study file (`.csv` or `.json`) into typed records.
 * @example readStudiesFile('test/fixtures/metafor/dat.bcg.csv').kind // 'twoByTwo'
 */
export function readStudiesFile(path: string, options: ReadStudiesOptions = {}): ParsedStudies {
  const table = readTableFile(path, options);
  return parseStudyRecords(table, table.file === undefined ? {} : { file: table.file });
}
