// Every bundled dataset: its dataset.json validates, its content hash matches data.csv, its
// columns are documented and typed, the bundle is current, and SYNTHETIC data say so everywhere.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_PATH, REPO_ROOT, contentHash, datasetFolders, folderProblems, renderBundle } from '../../../scripts/bundle-datasets.js';
import { BUNDLED_DATASETS } from '../../../src/datasets/bundled.generated.js';
import { DATASET_NAMES, datasetMetadataSchema, loadDataset } from '../../../src/datasets/index.js';

const folders = datasetFolders();

describe('DATASET_NAMES', () => {
  it('lists exactly the folders of datasets/ that hold a dataset.json, and the bundle holds the same', () => {
    expect([...DATASET_NAMES].sort()).toEqual(folders.map((f) => f.name));
    expect(Object.keys(BUNDLED_DATASETS).sort()).toEqual(folders.map((f) => f.name));
  });
});

describe('src/datasets/bundled.generated.ts', () => {
  it('is up to date with datasets/ (run npx tsx scripts/bundle-datasets.ts)', () => {
    expect(readFileSync(BUNDLE_PATH, 'utf8')).toBe(renderBundle());
  });
});

describe('src/datasets (browser-safe core)', () => {
  it('imports no node: module outside node*.ts', () => {
    const dir = join(REPO_ROOT, 'src', 'datasets');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('node'))) {
      expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(/from ['"]node:|require\(|process\.|Buffer\./);
    }
  });
});

describe.each(folders)('datasets/$name', (folder) => {
  const raw = JSON.parse(readFileSync(folder.jsonPath, 'utf8'));

  it('dataset.json validates against datasetMetadataSchema', () => {
    const parsed = datasetMetadataSchema.safeParse(raw);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(folderProblems(folder)).toEqual([]);
  });

  it('contentHash is the sha256 of data.csv', () => {
    expect(raw.contentHash).toBe(contentHash(folder.csvPath));
  });

  it('every column of data.csv is documented, and every cell reads as its declared type', () => {
    const ds = loadDataset(folder.name);
    expect(ds.columns).toEqual(raw.columns.map((c: { name: string }) => c.name));
    expect(ds.rows.length).toBeGreaterThan(0);
    const label = raw.columns.find((c: { role: string }) => c.role === 'label').name;
    const labels = ds.rows.map((r) => r[label]);
    expect(new Set(labels).size, 'labels are unique').toBe(labels.length);
    expect(labels.every((l) => typeof l === 'string' && l.length > 0)).toBe(true);
  });

  it('every subset selects at least one row', () => {
    for (const s of raw.subsets ?? []) expect(loadDataset(`${folder.name}:${s.id}`).rows.length, s.id).toBeGreaterThan(0);
  });

  it('cites a source with a DOI, an address or a copied file', () => {
    expect(raw.citation.length).toBeGreaterThan(0);
    for (const c of raw.citation) expect(c.doi ?? c.url ?? c.file).toBeTruthy();
  });

  it(raw.synthetic ? 'says SYNTHETIC in its title, description and every row' : 'is real data: no row claims to be SYNTHETIC', () => {
    const csv = readFileSync(folder.csvPath, 'utf8');
    const [, ...lines] = csv.trimEnd().split('\n');
    if (raw.synthetic) {
      expect(raw.title.startsWith('SYNTHETIC')).toBe(true);
      expect(raw.description).toContain('SYNTHETIC');
      for (const line of lines) expect(line).toContain('SYNTHETIC');
      for (const row of loadDataset(folder.name).rows) expect(String(row.study)).toMatch(/^SIM-[A-Z]+-\d{2}$/);
    } else {
      expect(csv).not.toContain('SYNTHETIC');
    }
  });
});

describe('datasets/cik/sources', () => {
  it('holds the byte-exact copies listed in its README (sha256)', () => {
    const dir = join(REPO_ROOT, 'datasets', 'cik', 'sources');
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const file of ['000_1d513e6e8d864a49.txt', '004_9f9252d63da930be.txt', 'cik-evidence-check.md']) {
      expect(readme).toContain(contentHash(join(dir, file)).slice('sha256:'.length));
    }
  });
});
