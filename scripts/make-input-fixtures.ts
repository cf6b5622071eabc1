// Writes the spreadsheet-export fixtures of the input tests from data already in the repository
// (no number is typed here): the CIK verified trials (datasets/cik/verified-trials/data.csv) and
// BCG (test/fixtures/metafor/dat.bcg.csv, exported from metafor's dat.bcg).
//   npx tsx scripts/make-input-fixtures.ts
// Text files as spreadsheet programs save them (semicolons with decimal commas, tabs, headers as
// people write them) go to test/fixtures/input/; workbooks are written as Excel writes them: a zip
// of SpreadsheetML parts with shared strings, formulas stored with their cached values, merged
// cells listed in <mergeCells>. Bad inputs go to test/corpus/files/.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvParse } from 'd3-dsv';
import { strToU8, zipSync } from 'fflate';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'test', 'fixtures', 'input');
const CORPUS = join(ROOT, 'test', 'corpus', 'files');

const cik = csvParse(readFileSync(join(ROOT, 'datasets', 'cik', 'verified-trials', 'data.csv'), 'utf8'));
const bcg = csvParse(readFileSync(join(ROOT, 'test', 'fixtures', 'metafor', 'dat.bcg.csv'), 'utf8'));

type Cell = string | number | { formula: string; cached: number } | null;

/** A delimited text file: cells joined by `sep`, quoted when they hold the separator or a quote. */
function delimited(rows: readonly (readonly string[])[], sep: string): string {
  const quote = (c: string) => (c.includes(sep) || c.includes('"') || c.includes('\n') ? `"${c.replace(/"/g, '""')}"` : c);
  return `${rows.map((r) => r.map(quote).join(sep)).join('\r\n')}\r\n`;
}

const comma = (x: string) => x.replace('.', ',');
const cikRows = cik.map((r) => [r.study!, r.hr!, r.lower!, r.upper!, r.year!]);

// ---- text exports of the CIK trials ----
mkdirSync(OUT, { recursive: true });
writeFileSync(
  join(OUT, 'cik-semicolon-decimal-comma.csv'),
  delimited([['Study', 'HR', 'Lower 95% CI', 'Upper 95% CI', 'Year'], ...cikRows.map(([s, h, l, u, y]) => [s!, comma(h!), comma(l!), comma(u!), y!])], ';'),
);
writeFileSync(join(OUT, 'cik-tab.tsv'), delimited([['study', 'hr', 'lower', 'upper', 'year'], ...cikRows], '\t'));
writeFileSync(join(OUT, 'cik-lower-upper-95.csv'), delimited([['Study', 'Hazard ratio', 'Lower 95% CI', 'Upper 95% CI', 'Year'], ...cikRows], ','));
writeFileSync(
  join(OUT, 'cik-hr-ci.csv'),
  delimited([['Study', 'HR (95% CI)', 'Year'], ...cikRows.map(([s, h, l, u, y]) => [s!, `${h} (${l}-${u})`, y!])], ','),
);
writeFileSync(
  join(OUT, 'cik-ci-range.txt'),
  delimited([['Study', 'HR', '95% CI', 'Year'], ...cikRows.map(([s, h, l, u, y]) => [s!, h!, `${l} to ${u}`, y!])], '\t'),
);

// ---- workbooks ----
function columnLetter(j: number): string {
  let s = '';
  for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
const xmlEscape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface SheetSpec {
  readonly name: string;
  readonly rows: readonly (readonly Cell[])[];
  readonly merges?: readonly string[];
}

function sheetXml(sheet: SheetSpec, strings: string[]): string {
  const index = (t: string) => {
    const i = strings.indexOf(t);
    if (i >= 0) return i;
    strings.push(t);
    return strings.length - 1;
  };
  const rows = sheet.rows.map((r, i) => {
    const cells = r.map((c, j) => {
      const ref = `${columnLetter(j)}${i + 1}`;
      if (c === null) return '';
      if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
      if (typeof c === 'string') return `<c r="${ref}" t="s"><v>${index(c)}</v></c>`;
      return `<c r="${ref}"><f>${xmlEscape(c.formula)}</f><v>${c.cached}</v></c>`;
    });
    return `<row r="${i + 1}">${cells.join('')}</row>`;
  });
  const merges = sheet.merges?.length
    ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData>${merges}</worksheet>`;
}

function workbook(sheets: readonly SheetSpec[]): Uint8Array {
  const strings: string[] = [];
  const sheetParts = sheets.map((s) => sheetXml(s, strings));
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets>${sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId${sheets.length + 2}" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${ns}"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf/></cellXfs></styleSheet>`,
    ),
  };
  sheetParts.forEach((x, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(x);
  });
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${ns}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((t) => `<si><t xml:space="preserve">${xmlEscape(t)}</t></si>`).join('')}</sst>`,
  );
  // A fixed modification time keeps the files byte-identical from run to run.
  return zipSync(files, { mtime: new Date('2020-01-01T00:00:00Z') });
}

const num = (x: string | undefined) => Number(x);
const cikSheet: SheetSpec = {
  name: 'Trials',
  rows: [['Study', 'HR', 'Lower 95% CI', 'Upper 95% CI', 'Year'], ...cik.map((r) => [r.study!, num(r.hr), num(r.lower), num(r.upper), num(r.year)])],
};
// BCG with `di` typed as a formula (control group size minus its cases), stored with its cached value.
const bcgSheet: SheetSpec = {
  name: 'BCG',
  rows: [
    ['study', 'ai', 'bi', 'ci', 'di', 'ablat', 'n2'],
    ...bcg.map((r, i) => [
      r.study!,
      num(r.ai),
      num(r.bi),
      num(r.ci),
      { formula: `G${i + 2}-D${i + 2}`, cached: num(r.di) },
      num(r.ablat),
      num(r.ci) + num(r.di),
    ]),
  ],
};
writeFileSync(join(OUT, 'cik-bcg.xlsx'), workbook([cikSheet, bcgSheet]));

// ---- bad workbooks for the corpus ----
const first = cik.slice(0, 3);
writeFileSync(
  join(CORPUS, 'xlsx-merged-header.xlsx'),
  workbook([
    {
      name: 'Trials',
      rows: [['Study', 'HR', '95% CI', null], ...first.map((r) => [r.study!, num(r.hr), num(r.lower), num(r.upper)])],
      merges: ['C1:D1'],
    },
  ]),
);
writeFileSync(
  join(CORPUS, 'xlsx-empty-header.xlsx'),
  workbook([
    {
      name: 'Trials',
      rows: [['Study', null, 'lower', 'upper'], ...first.map((r) => [r.study!, num(r.hr), num(r.lower), num(r.upper)])],
    },
  ]),
);
writeFileSync(join(CORPUS, 'xlsx-ok.xlsx'), workbook([cikSheet]));
writeFileSync(join(CORPUS, 'xlsx-not-a-zip.xlsx'), 'study,hr,lower,upper\nA,0.8,0.6,1.07\n');
process.stdout.write(`wrote ${OUT} and the xlsx files of the bad-input corpus\n`);
