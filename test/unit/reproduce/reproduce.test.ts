import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { formatClaims } from '../../../src/cli/commands/reproduce.js';
import { loadDataset } from '../../../src/datasets/index.js';
import { analyseCikCalibrated, cikForestSpec, cikFunnelSpec, reproduceCik, summariseClaimCheck } from '../../../src/reproduce/index.js';
import '../../helpers/expectation.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
function capture(isTTY = false): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY,
    cwd: ROOT,
    out: () => out,
    err: () => err,
  };
}

describe('reproduceCik()', () => {
  const analysis = analyseCikCalibrated();
  const r = reproduceCik({ analysis });

  it('(a) pools the SYNTHETIC calibrated base to a REML HR within 0.72-0.78', () => {
    expect(r.synthetic).toMatchExpectation({
      synthetic: { equals: true },
      label: { equals: 'SYNTHETIC' },
      method: { equals: 'REML' },
      'pooled.hr': { min: 0.72, max: 0.78 },
    });
    expect(r.synthetic.k).toBeGreaterThanOrEqual(50);
    expect(r.synthetic.title).toMatch(/^SYNTHETIC/);
    const p = r.synthetic.pooled;
    expect(p.piLower! < p.ciLower! && p.ciUpper! < p.piUpper!).toBe(true);
    expect(r.synthetic.subgroups.map((g) => g.cancer)).toEqual(['HCC', 'NSCLC', 'colorectal', 'gastric', 'nasopharyngeal', 'renal']);
    expect(r.synthetic.egger.pValue).not.toBeNull();
    expect(r.synthetic.trimFill.hr).not.toBeNull();
  });

  it('(b) keeps one row per trial per outcome: the Lee follow-ups are listed apart, never pooled twice', () => {
    for (const o of r.verifiedTrials.outcomes) {
      const ids = o.trials.map((t) => t.trialId);
      expect(new Set(ids).size, o.outcome).toBe(ids.length);
      expect(o.warnings.filter((w) => w.code === 'dataset_repeated_units')).toEqual([]);
    }
    const counted = r.verifiedTrials.outcomes.flatMap((o) => o.trials.map((t) => t.study));
    for (const later of r.verifiedTrials.laterReports) expect(counted).not.toContain(later.study);
    expect(r.verifiedTrials.laterReports.map((t) => t.reportOf)).toEqual(r.verifiedTrials.laterReports.map(() => 'Lee 2015'));
    expect(r.verifiedTrials.outcomes.flatMap((o) => o.trials).every((t) => t.source.startsWith('http') && t.quote !== '')).toBe(true);
  });

  it('(c) lists every claim with its verdict and evidence, and the published estimates beside the claimed HR', () => {
    expect(r.claimCheck.claims.length).toBe(40);
    expect(r.claimCheck.claims.every((c) => c.verdict !== '' && c.evidence !== '')).toBe(true);
    expect(r.claimCheck.claimedHr.value).toBe(0.75);
    expect(r.claimCheck.published.osHazardRatios.every((e) => e.effectType === 'HR' && e.outcome === 'OS')).toBe(true);
    const p = r.claimCheck.published;
    expect(p.osHazardRatios.map((e) => e.id)).toEqual(loadDataset('cik/published-pooled:os-hr').rows.map((row) => row.id));
    expect(p.closerOtherFigures.some((e) => e.effectType === 'HR' && e.outcome === 'OS')).toBe(false);
    expect(p.byEffectType.reduce((n, t) => n + t.count, 0)).toBe(p.estimates.length);
    // Wang X 2018 (Medicine), missed by the first evidence check, is among the OS HRs.
    expect(p.osHazardRatios.some((e) => e.metaAnalysis.startsWith('Wang X') && e.doi === '10.1097/MD.0000000000012230')).toBe(true);
  });

  describe('part (c) text follows the rows (a fictitious row added in memory)', () => {
    const rows = loadDataset('cik/published-pooled').rows;
    const os = rows.find((row) => row.outcome === 'OS' && row.effect_type === 'HR')!;
    const withRow = (row: Record<string, unknown>) =>
      formatClaims({ ...r, claimCheck: summariseClaimCheck({ publishedRows: [...rows, { ...os, ...row } as never] }) })
        .join(' ')
        .replace(/\s+/g, ' ');
    // Lines are wrapped: compare the text with runs of white space made one space.
    const before = formatClaims(r).join(' ').replace(/\s+/g, ' ');

    it('an OS HR nearer the claim becomes the closest, widens the range and moves the claim inside it', () => {
      const after = withRow({ id: 'FAKE1', meta_analysis: 'FICTITIOUS test row', cancer: 'test cancer', estimate: 0.76, lower: 0.7, upper: 0.83 });
      expect(after).not.toBe(before);
      expect(before).toContain('lies above all of them');
      expect(after).toContain('the claimed 0.75 lies within their range');
      expect(after).toContain('Closest to the claimed 0.75: FAKE1 HR 0.76 (0.70-0.83), FICTITIOUS test row; test cancer');
      expect(after).toMatch(/OS hazard ratios, from 0\.594 to 0\.76 /);
      expect(after).not.toContain('lie closer to the claimed 0.75 than any pooled OS HR');
    });

    it('a risk ratio nearer the claim than any OS HR is listed with its type and outcome', () => {
      const after = withRow({
        id: 'FAKE2',
        meta_analysis: 'FICTITIOUS test row',
        effect_type: 'RR',
        outcome: 'test outcome',
        estimate: 0.749,
        lower: 0.6,
        upper: 0.9,
      });
      expect(before).toMatch(/(\d+) published figures lie closer/);
      const n = Number(/(\d+) published figures lie closer/.exec(before)![1]);
      expect(after).toContain(`${n + 1} published figures lie closer to the claimed 0.75 than any pooled OS HR`);
      expect(after).toMatch(/risk ratios \(RR\) of test outcome, /);
      expect(after).toContain('FAKE2');
    });
  });

  it('the plots say SYNTHETIC DATA in their titles', () => {
    expect(JSON.stringify(cikForestSpec(analysis).title)).toContain('SYNTHETIC DATA');
    expect(JSON.stringify(cikFunnelSpec(analysis).title)).toContain('SYNTHETIC DATA');
  });
});

describe('metasynth reproduce cik', () => {
  it("main(['reproduce', 'cik', '--out', DIR]) prints the three parts and writes the four files", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metasynth-reproduce-'));
    const io = capture();
    const code = await main(['reproduce', 'cik', '--out', dir], io);
    expect(code).toBe(0);
    expect(io.err()).toBe('');
    const out = io.out();
    expect(out).toContain('(a) SYNTHETIC calibrated evidence base');
    expect(out).toContain('(b) Verified trials by outcome');
    expect(out).toContain('(c) Claim check');
    expect(out).toMatch(/SYNTHETIC pooled HR \(REML, k = 100\)\s+0\.7[2-8]\d/);
    expect(out).toContain('C23 [not-found]');
    for (const f of ['cik-forest.svg', 'cik-forest.png', 'cik-funnel.svg', 'cik-funnel.png', 'cik-report.html']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readFileSync(join(dir, 'cik-forest.svg'), 'utf8')).toContain('SYNTHETIC DATA');
    expect(readFileSync(join(dir, 'cik-funnel.svg'), 'utf8')).toContain('SYNTHETIC DATA');
    const html = readFileSync(join(dir, 'cik-report.html'), 'utf8');
    expect(html).toContain('A. SYNTHETIC:');
    expect(html).toContain('Part A uses SYNTHETIC data');
    expect(readFileSync(join(dir, 'cik-forest.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('--json prints one document with the figures, the files and no progress line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metasynth-reproduce-'));
    const io = capture(true);
    const code = await main(['reproduce', 'cik', '--out', dir, '--json'], io);
    expect(code).toBe(0);
    expect(io.err()).toBe('');
    const doc = JSON.parse(io.out());
    expect(Object.keys(doc)).toEqual(['analysis', 'synthetic', 'verifiedTrials', 'claimCheck', 'version', 'files']);
    expect(doc.synthetic.synthetic).toBe(true);
    expect(doc.synthetic.pooled.hr).toBeGreaterThanOrEqual(0.72);
    expect(doc.synthetic.pooled.hr).toBeLessThanOrEqual(0.78);
    expect(doc.files.report).toBe(join(dir, 'cik-report.html'));
  });

  it('shows a progress line on a terminal only, and erases it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metasynth-reproduce-'));
    const io = capture(true);
    expect(await main(['reproduce', 'cik', '--out', dir], io)).toBe(0);
    expect(io.err()).toContain('metasynth reproduce cik [1/6]');
    expect(io.err().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('an unknown reproduction is a usage error (exit 2)', async () => {
    const io = capture();
    expect(await main(['reproduce', 'bcg'], io)).toBe(2);
    expect(io.err()).toContain('available: cik');
  });
});
