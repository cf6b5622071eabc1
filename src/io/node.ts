// Node-only file reading (the browser-safe parsers are in parseCsv.ts / parseJson.ts).
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { MetasynthError } from '../core/errors.js';
import { parseStudyRecords } from '../schema/parseStudyRecords.js';
import type { ParsedStudies, RawTable } from '../schema/rawTable.js';
import { parseCsv } from './parseCsv.js';
import { parseJson } from './parseJson.js';

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
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw new MetasynthError('invalid_file', `${file} is a directory, not a file`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof MetasynthError) throw err;
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new MetasynthError('invalid_file', `${file}: cannot read the file (${why})`);
  }
  return ext === '.csv' ? parseCsv(text, { file }) : parseJson(text, { file });
}

/**
 * Read and validate a study file (`.csv` or `.json`) into typed records.
 * @example readStudiesFile('test/fixtures/metafor/dat.bcg.csv').kind // 'twoByTwo'
 */
export function readStudiesFile(path: string, options: ReadStudiesOptions = {}): ParsedStudies {
  const table = readTableFile(path, options);
  return parseStudyRecords(table, table.file === undefined ? {} : { file: table.file });
}
