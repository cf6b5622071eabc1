// Node-only file reading (the browser-safe parsers are in src/schema/parseCsv.ts, parseJson.ts, parseXlsx.ts).
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { MetasynthError } from '../core/errors.js';
import { parseStudyRecords } from '../schema/parseStudyRecords.js';
import type { ParsedStudies, RawTable } from '../schema/rawTable.js';
import type { DecimalMark, Delimiter } from '../schema/dialect.js';
import { parseCsv } from '../schema/parseCsv.js';
import { parseJson } from '../schema/parseJson.js';
import { parseXlsx } from '../schema/parseXlsx.js';
import { IO_MESSAGES } from './messages.js';

/** File types read: delimited text, JSON, Excel workbooks. */
export const STUDY_FILE_EXTENSIONS = ['.csv', '.tsv', '.txt', '.json', '.xlsx'] as const;
const TEXT_EXTENSIONS: readonly string[] = ['.csv', '.tsv', '.txt'];

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
  /** Cell separator of delimited text (default: found in the header). */
  readonly delimiter?: Delimiter;
  /** Decimal mark of numbers written as text (default: `,` for semicolon files with decimal commas, else `.`). */
  readonly decimal?: DecimalMark;
  /** Worksheet of an .xlsx workbook (default: the first). */
  readonly sheet?: string;
}

/**
 * Read a delimited text (`.csv`, `.tsv`, `.txt`) or `.json` file as raw rows. Every message names
 * the file. Workbooks (`.xlsx`) are read by `readTableFileAsync`.
 * @example readTableFile('test/fixtures/metafor/dat.bcg.csv').rows.length // 13
 */
export function readTableFile(path: string, options: ReadStudiesOptions = {}): RawTable {
  const file = options.name ?? path;
  const ext = fileType(path, file);
  if (ext === '.xlsx') {
    throw new MetasynthError('invalid_file', IO_MESSAGES.xlsx_workbook_cannot_read(file));
  }
  const text = decodeUtf8(readBytes(path, file), file);
  return ext === '.json'
    ? parseJson(text, { file })
    : parseCsv(text, { file, ...(options.delimiter ? { delimiter: options.delimiter } : {}), ...(options.decimal ? { decimal: options.decimal } : {}) });
}

/**
 * Read any study file as raw rows: what `readTableFile` reads, and `.xlsx` workbooks (the first
 * sheet, or `options.sheet`).
 * @example (await readTableFileAsync('test/fixtures/input/cik-bcg.xlsx', { sheet: 'BCG' })).rows.length // 13
 */
export async function readTableFileAsync(path: string, options: ReadStudiesOptions = {}): Promise<RawTable> {
  const file = options.name ?? path;
  if (fileType(path, file) !== '.xlsx') return readTableFile(path, options);
  return parseXlsx(readBytes(path, file), {
    file,
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.decimal ? { decimal: options.decimal } : {}),
  });
}

/** The lower-case extension of a study file; anything not read is refused with the types that are. */
function fileType(path: string, file: string): string {
  const ext = extname(path).toLowerCase();
  if (ext === '.xls') throw new MetasynthError('invalid_file', IO_MESSAGES.old_binary_excel_xls(file));
  if (!(STUDY_FILE_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new MetasynthError('invalid_file', IO_MESSAGES.unsupported_file_type_file(file, ext, STUDY_FILE_EXTENSIONS));
  }
  return TEXT_EXTENSIONS.includes(ext) ? '.csv' : ext;
}

/** The bytes of a study file, refusing directories and files above the size limit. */
function readBytes(path: string, file: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new MetasynthError('invalid_file', IO_MESSAGES.directory_not_file(file));
    if (stat.size > MAX_STUDY_FILE_BYTES) {
      throw new MetasynthError('invalid_file', IO_MESSAGES.file_mb_metasynth_reads(file, megabytes(stat.size), megabytes(MAX_STUDY_FILE_BYTES)));
    }
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof MetasynthError) throw err;
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new MetasynthError('invalid_file', IO_MESSAGES.cannot_read_file(file, why));
  }
  return bytes;
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
    throw new MetasynthError('invalid_file', IO_MESSAGES.file_utf_encoded_save(file));
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new MetasynthError('invalid_file', IO_MESSAGES.file_contains_nul_byte(file, nul));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new MetasynthError('invalid_file', IO_MESSAGES.file_not_valid_utf(file));
  }
}

/**
 * Read and validate a study file (delimited text or `.json`) into typed records.
 * @example readStudiesFile('test/fixtures/metafor/dat.bcg.csv').kind // 'twoByTwo'
 */
export function readStudiesFile(path: string, options: ReadStudiesOptions = {}): ParsedStudies {
  const table = readTableFile(path, options);
  return parseStudyRecords(table, table.file === undefined ? {} : { file: table.file });
}

/**
 * Read and validate any study file, workbooks included, into typed records.
 * @example (await readStudiesFileAsync('test/fixtures/input/cik-bcg.xlsx')).kind // 'hr'
 */
export async function readStudiesFileAsync(path: string, options: ReadStudiesOptions = {}): Promise<ParsedStudies> {
  const table = await readTableFileAsync(path, options);
  return parseStudyRecords(table, table.file === undefined ? {} : { file: table.file });
}
