// The user-facing messages of io, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of io, keyed by their stable code. */
export const IO_MESSAGES = defineMessages({
  xlsx_workbook_cannot_read: (file: string) =>
    `${file}: an .xlsx workbook cannot be read here (the analysis commands and readTableFileAsync read workbooks); save the sheet as CSV UTF-8`,
  old_binary_excel_xls: (file: string) => `${file}: old binary Excel (.xls) files are not read; save it as .xlsx or CSV UTF-8`,
  unsupported_file_type_file: (file: string, ext: string, STUDY_FILE_EXTENSIONS: readonly string[]) =>
    `${file}: unsupported file type ${JSON.stringify(ext || '(none)')}; give a ${STUDY_FILE_EXTENSIONS.join(', ')} file`,
  directory_not_file: (file: string) => `${file} is a directory, not a file`,
  file_mb_metasynth_reads: (file: string, size: string, MAX_STUDY_FILE_BYTES: string) =>
    `${file}: the file is ${size} MB; metasynth reads study files up to ${MAX_STUDY_FILE_BYTES} MB (one row per study)`,
  cannot_read_file: (file: string, why: string) => `${file}: cannot read the file (${why})`,
  file_utf_encoded_save: (file: string) => `${file}: the file is UTF-16 encoded; save it as UTF-8 (CSV UTF-8 in spreadsheet programs)`,
  file_contains_nul_byte: (file: string, nul: number) => `${file}: the file contains a NUL byte (at byte ${nul}): it is not a text file`,
  file_not_valid_utf: (file: string) => `${file}: the file is not valid UTF-8 text; save it as UTF-8 (CSV UTF-8 in spreadsheet programs)`,
});
