// Pooling repeated units (issue 12): a dataset whose metadata declares repeated units
// (cik/verified-trials: one trial reported three times, two trials with two outcomes) is refused by
// every command that pools, naming the subsets that keep one row per trial, unless the user passes
// --allow-repeated-units.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { loadDataset } from '../../../src/datasets/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
function capture(): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY: false,
    cwd: ROOT,
    out: () => out,
    err: () => err,
  };
}
const DIR = mkdtempSync(join(tmpdir(), 'metasynth-repeated-'));
const DATA = ['--dataset', 'cik/verified-trials'];

// The subsets to choose, worked out from the metadata: those whose rows never repeat a trial.
const all = loadDataset('cik/verified-trials');
const poolable = all.metadata.subsets
  .map((s) => `cik/verified-trials:${s.id}`)
  .filter((ref) => {
    const trials = loadDataset(ref).rows.map((r) => r.trial_id);
    return new Set(trials).size === trials.length;
  });

describe('loadDataset: repeatedUnits', () => {
  it('names the repeated trials and the subsets that keep one row per trial', () => {
    expect(all.repeatedUnits?.units).toEqual(['NCT00699816', 'NCT01631357']);
    expect(all.repeatedUnits?.subsets).toEqual(poolable);
    expect(poolable).not.toContain('cik/verified-trials:lee-trial');
    expect(loadDataset('cik/verified-trials:os').repeatedUnits).toBeNull();
    expect(loadDataset('classic/bcg').repeatedUnits).toBeNull();
  });
});

describe('pooling commands refuse repeated units', () => {
  const runs: Readonly<Record<string, readonly string[]>> = {
    pool: ['pool', ...DATA],
    'pool --group': ['pool', ...DATA, '--group', 'outcome_group'],
    subgroup: ['subgroup', ...DATA, '--by', 'outcome_group'],
    regress: ['regress', ...DATA, '--mods', 'year'],
    bias: ['bias', ...DATA],
    sensitivity: ['sensitivity', ...DATA],
    permutest: ['permutest', ...DATA, '--iterations', '20'],
    gosh: ['gosh', ...DATA, '--threads', '1'],
    plot: ['plot', 'forest', ...DATA, '--out', join(DIR, 'forest.svg')],
    report: ['report', ...DATA, '--out', join(DIR, 'report.html')],
  };

  it.each(Object.entries(runs))('%s --dataset cik/verified-trials exits 2 with the subsets to choose', async (_, argv) => {
    const io = capture();
    expect(await main(argv, io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toContain('NCT00699816');
    expect(io.err()).toContain(`Choose a subset: ${poolable.join(', ')}`);
    expect(io.err()).toContain('--allow-repeated-units');
    expect(io.err()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('pools them with --allow-repeated-units, and still warns', async () => {
    const io = capture();
    expect(await main(['pool', ...DATA, '--allow-repeated-units', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out()) as { k: number; warnings: { code: string }[] };
    expect(doc.k).toBe(all.rows.length);
    expect(doc.warnings.map((w) => w.code)).toContain('dataset_repeated_units');
  });

  it.each(poolable)('pools the subset %s without the flag', async (ref) => {
    const io = capture();
    expect(await main(['pool', '--dataset', ref, '--json'], io)).toBe(0);
  });

  it('effects (per study, nothing pooled) needs no flag', async () => {
    const io = capture();
    expect(await main(['effects', ...DATA, '--json'], io)).toBe(0);
  });
});

describe('multilevel models the repeated units instead of refusing them (issue 16)', () => {
  it('the refusal of the pooling commands points to metasynth multilevel', async () => {
    const io = capture();
    expect(await main(['pool', ...DATA], io)).toBe(2);
    expect(io.err()).toContain('metasynth multilevel --random "~ 1 | trial_id"');
  });
  it('multilevel --random "~ 1 | trial_id" fits the whole selection', async () => {
    const io = capture();
    expect(await main(['multilevel', ...DATA, '--random', '~ 1 | trial_id', '--skip-confint', '--json'], io), io.err()).toBe(0);
    const doc = JSON.parse(io.out()) as { k: number; sigma2: { name: string; levels: number }[] };
    expect(doc.k).toBe(all.rows.length);
    expect(doc.sigma2[0]!.name).toBe('trial_id');
    expect(doc.sigma2[0]!.levels).toBe(new Set(all.rows.map((r) => r.trial_id)).size);
  });
});
