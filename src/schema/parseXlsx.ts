// Excel workbooks (.xlsx) through read-excel-file, a maintained reader that runs in browsers and
// Node (unzipping and XML parsing are its job, not ours). Formula cells come as the values Excel
// cached when it saved the file; a formula whose value was never computed reads as an empty cell.
import readXlsxFile, { InvalidInputError } from 'read-excel-file/universal';
import { MetasynthError } from '../core/errors.js';
import type { DecimalMark } from './dialect.js';
import type { RawTable } from './rawTable.js';
import { sheetToRawTable, type SheetCell } from './sheetTable.js';
import { SCHEMA_MESSAGES } from './messages.js';

export interface ParseXlsxOptions {
  /** File name used in messages (default `input`). */
  readonly file?: string;
  /** Worksheet to read (default: the first). */
  readonly sheet?: string;
  /** Decimal mark of numbers typed as text (default `.`). */
  readonly decimal?: DecimalMark;
}

/**
 * Read one worksheet of an .xlsx workbook as a RawTable (the first sheet, or `sheet`).
 * Throws `invalid_file` for a file that is not an .xlsx workbook and for an unknown sheet name
 * (the message lists the sheets), and the header errors of `sheetToRawTable`.
 * @example (await parseXlsx(new Uint8Array([1, 2, 3]), { file: 'x.xlsx' }).catch((e) => e.message)) // 'x.xlsx: cannot read the workbook: it is not an Excel .xlsx workbook (or it is damaged)'
 */
export async function parseXlsx(bytes: ArrayBuffer | Uint8Array, options: ParseXlsxOptions = {}): Promise<RawTable> {
  const file = options.file ?? 'input';
  const buffer = bytes instanceof Uint8Array ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) : bytes;
  let sheets: { sheet: string; data: SheetCell[][] }[];
  try {
    sheets = (await readXlsxFile(buffer as ArrayBuffer)) as unknown as { sheet: string; data: SheetCell[][] }[];
  } catch (err) {
    const why =
      err instanceof InvalidInputError && err.code === 'XLS_FILE_NOT_SUPPORTED'
        ? 'it is an old binary Excel (.xls) file; save it as .xlsx or CSV UTF-8'
        : 'it is not an Excel .xlsx workbook (or it is damaged)';
    throw new MetasynthError('invalid_file', SCHEMA_MESSAGES.cannot_read_workbook(file, why));
  }
  const names = sheets.map((s) => s.sheet);
  const chosen = options.sheet === undefined ? sheets[0] : sheets.find((s) => s.sheet === options.sheet);
  if (chosen === undefined) {
    throw new MetasynthError(
      'invalid_file',
      options.sheet === undefined ? SCHEMA_MESSAGES.workbook_has_no_sheets(file) : SCHEMA_MESSAGES.no_sheet_workbook_has(file, options.sheet, names),
    );
  }
  return sheetToRawTable(chosen.data, { file, sheet: chosen.sheet, ...(options.decimal ? { decimal: options.decimal } : {}) });
}
