// Generates datasets/cik/calibrated/: a SYNTHETIC evidence base of two-arm CIK trials, calibrated
// to what two public CIK pages state (datasets/cik/sources/000_…txt and 004_…txt). No real trial,
// author or result is in it. Run with:
//   npx tsx scripts/generate-cik-calibrated.ts          (writes data.csv and dataset.json)
//   npx tsx scripts/generate-cik-calibrated.ts --check  (exits 1 if the committed files differ)
// The pooled HR is never set here: it follows from the per-trial model below and is computed by
// the toolkit (and checked in test/unit/datasets/calibrated.test.ts).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PAGE = 'datasets/cik/sources/000_1d513e6e8d864a49.txt';
const GASTRIC_PAGE = 'datasets/cik/sources/004_9f9252d63da930be.txt';

export const CANCERS = ['HCC', 'NSCLC', 'gastric', 'colorectal', 'nasopharyngeal', 'renal'] as const;
export type Cancer = (typeof CANCERS)[number];

/** Short codes used in the SIM-<code>-NN labels. */
const CANCER_CODES: Record<Cancer, string> = {
  HCC: 'HCC',
  NSCLC: 'NSCLC',
  gastric: 'GC',
  colorectal: 'CRC',
  nasopharyngeal: 'NPC',
  renal: 'RCC',
};

export interface CalibratedParameters {
  readonly seed: number;
  readonly trialsPerCancer: Readonly<Record<Cancer, number>>;
  /** Range of the typical trial's hazard ratio per cancer, as the pages state it; the model uses the geometric midpoint. */
  readonly hazardRatioRange: Readonly<Record<Cancer, readonly [number, number]>>;
  /** SD of the true log HR between trials of one cancer (heterogeneity beyond the cancer type). */
  readonly tau: number;
  /** Small-study effect: change of the true log HR per unit of the trial's standard error above `referenceSe`. */
  readonly smallStudySlope: number;
  /** Standard error of log HR of a typical trial, where the per-cancer HR applies unchanged. */
  readonly referenceSe: number;
  /** Total patients per trial: log-normal with this median and log-scale SD, clamped to [min, max]. */
  readonly totalPatients: { readonly median: number; readonly sdLog: number; readonly min: number; readonly max: number };
  /** Proportion of control patients with an event (death) during follow-up: uniform on [low, high]. */
  readonly controlEventProportion: readonly [number, number];
  readonly years: readonly [number, number];
}

export const CALIBRATED_PARAMETERS: CalibratedParameters = {
  seed: 7,
  trialsPerCancer: { HCC: 20, NSCLC: 20, gastric: 18, colorectal: 16, nasopharyngeal: 13, renal: 13 },
  hazardRatioRange: {
    HCC: [0.75, 0.75],
    NSCLC: [0.72, 0.75],
    gastric: [0.75, 0.75],
    colorectal: [0.75, 0.75],
    nasopharyngeal: [0.75, 0.75],
    renal: [0.75, 0.75],
  },
  tau: 0.15,
  smallStudySlope: -1.5,
  referenceSe: 0.25,
  totalPatients: { median: 100, sdLog: 0.5, min: 40, max: 300 },
  controlEventProportion: [0.45, 0.85],
  years: [2004, 2024],
};

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit PRNG built from integer adds, xors, shifts
 * and Math.imul, which JavaScript defines exactly, so the stream is the same on every platform.
 */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One standard normal deviate by Box–Muller (one of the pair is used, so draws stay in a fixed order). */
function standardNormal(uniform: () => number): number {
  const u1 = 1 - uniform(); // in (0, 1], so the log is finite
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export interface SimulatedTrial {
  readonly study: string;
  readonly cancer: Cancer;
  readonly year: number;
  readonly n1: number;
  readonly n2: number;
  readonly events1: number;
  readonly events2: number;
  readonly hr: string;
  readonly lower: string;
  readonly upper: string;
}

const Z975 = 1.959963984540054;

/** Simulates the trials: for each cancer in turn, each trial draws its size, events, true and observed log HR. */
export function simulateTrials(p: CalibratedParameters = CALIBRATED_PARAMETERS): SimulatedTrial[] {
  const uniform = mulberry32(p.seed);
  const trials: SimulatedTrial[] = [];
  for (const cancer of CANCERS) {
    const [lo, hi] = p.hazardRatioRange[cancer];
    const cancerLogHr = (Math.log(lo) + Math.log(hi)) / 2;
    const drawn: Omit<SimulatedTrial, 'study'>[] = [];
    for (let i = 0; i < p.trialsPerCancer[cancer]; i++) {
      const year = p.years[0] + Math.floor(uniform() * (p.years[1] - p.years[0] + 1));
      const { median, sdLog, min, max } = p.totalPatients;
      const total = Math.min(max, Math.max(min, Math.round(median * Math.exp(sdLog * standardNormal(uniform)))));
      const imbalance = Math.floor(uniform() * 7) - 3;
      const n1 = Math.floor(total / 2) + imbalance;
      const n2 = total - n1;
      const p0 = p.controlEventProportion[0] + uniform() * (p.controlEventProportion[1] - p.controlEventProportion[0]);
      const p1 = 1 - (1 - p0) ** Math.exp(cancerLogHr);
      const events1 = Math.max(5, Math.round(n1 * p1));
      const events2 = Math.max(5, Math.round(n2 * p0));
      const se = Math.sqrt(1 / events1 + 1 / events2);
      const trueLogHr = cancerLogHr + p.smallStudySlope * (se - p.referenceSe) + p.tau * standardNormal(uniform);
      const logHr = trueLogHr + se * standardNormal(uniform);
      const hr = Math.exp(logHr).toFixed(2);
      const lower = Math.exp(logHr - Z975 * se).toFixed(2);
      const upper = Math.exp(logHr + Z975 * se).toFixed(2);
      if (!(Number(lower) < Number(hr) && Number(hr) < Number(upper))) {
        throw new Error(`generator: rounded CI of a ${cancer} trial is not ordered (${lower}, ${hr}, ${upper})`);
      }
      drawn.push({ cancer, year, n1, n2, events1, events2, hr, lower, upper });
    }
    drawn.sort((a, b) => a.year - b.year);
    drawn.forEach((t, i) => {
      trials.push({ study: `SIM-${CANCER_CODES[cancer]}-${String(i + 1).padStart(2, '0')}`, ...t });
    });
  }
  return trials;
}

const SOURCE_CELL = 'SYNTHETIC: scripts/generate-cik-calibrated.ts';

/** The CSV text of the simulated trials (no quoting is needed: no cell holds a comma or quote). */
export function calibratedCsv(trials: readonly SimulatedTrial[]): string {
  const header = 'study,cancer,year,n1,n2,events1,events2,hr,lower,upper,source';
  const lines = trials.map((t) => [t.study, t.cancer, t.year, t.n1, t.n2, t.events1, t.events2, t.hr, t.lower, t.upper, SOURCE_CELL].join(','));
  return `${[header, ...lines].join('\n')}\n`;
}

/** The dataset.json of the calibrated dataset, with the content hash of `csv`. */
export function calibratedMetadata(csv: string, trials: readonly SimulatedTrial[], p: CalibratedParameters = CALIBRATED_PARAMETERS) {
  const k = trials.length;
  const counts = Object.fromEntries(CANCERS.map((c) => [c, trials.filter((t) => t.cancer === c).length]));
  const below100 = trials.filter((t) => t.n1 + t.n2 < 100).length;
  return {
    name: 'cik/calibrated',
    title: `SYNTHETIC: CIK evidence base of ${k} simulated two-arm RCTs, calibrated to two public pages`,
    description:
      `SYNTHETIC data, not evidence. ${k} simulated randomised trials of CIK + standard treatment vs standard treatment ` +
      `(${CANCERS.map((c) => `${counts[c]} ${c}`).join(', ')}), made by the seeded generator scripts/generate-cik-calibrated.ts ` +
      `so that metasynth can reproduce the pages' claimed pooled overall-survival HR of about 0.75 from study records. ` +
      'Every parameter comes from a statement of the pages (see provenance.calibration); the pooled HR is not set anywhere, ' +
      `it follows from the trials. ${below100} of the ${k} trials have fewer than 100 patients. Small trials show larger ` +
      'benefits (a built-in small-study effect), so funnel-plot tools find asymmetry. The evidence check found no real ' +
      'set of trials that pools to 0.75 (see cik/verified-trials and cik/published-pooled). Labels SIM-<cancer>-NN name no real trial.',
    synthetic: true,
    citation: [
      {
        text: 'Calibrated to: CancerFax, "The evidence base for CIK therapy: what the research shows" and "CIK therapy for gastric cancer" (text snapshots; the page addresses were not recorded).',
        file: PAGE,
      },
    ],
    columns: [
      {
        name: 'study',
        type: 'string',
        role: 'label',
        description:
          'SYNTHETIC trial label SIM-<cancer code>-NN (HCC, NSCLC, GC gastric, CRC colorectal, NPC nasopharyngeal, RCC renal), numbered by year within cancer. Names no real trial.',
      },
      { name: 'cancer', type: 'string', role: 'moderator', description: 'Cancer type (simulated).', levels: [...CANCERS] },
      { name: 'year', type: 'integer', role: 'moderator', description: 'Simulated publication year.' },
      { name: 'n1', type: 'integer', role: 'info', description: 'Simulated patients in the CIK arm.', unit: 'patients' },
      { name: 'n2', type: 'integer', role: 'info', description: 'Simulated patients in the control arm.', unit: 'patients' },
      { name: 'events1', type: 'integer', role: 'info', description: "Simulated deaths in the CIK arm (sets the trial's standard error).", unit: 'deaths' },
      { name: 'events2', type: 'integer', role: 'info', description: 'Simulated deaths in the control arm.', unit: 'deaths' },
      {
        name: 'hr',
        type: 'number',
        role: 'data',
        description: 'Simulated overall-survival hazard ratio, CIK vs control, rounded to 2 decimals as trials print it.',
      },
      { name: 'lower', type: 'number', role: 'data', description: 'Lower bound of its 95% CI, rounded to 2 decimals.' },
      { name: 'upper', type: 'number', role: 'data', description: 'Upper bound of its 95% CI, rounded to 2 decimals.' },
      { name: 'source', type: 'string', role: 'provenance', description: 'Says SYNTHETIC and names the generator, on every row.' },
    ],
    analysis: {
      kind: 'hr',
      measure: 'HR',
      note: 'SYNTHETIC hazard ratios with 95% CIs; pool with REML and report subgroups by cancer. Every output must say SYNTHETIC.',
    },
    subsets: CANCERS.map((c) => ({ id: c.toLowerCase(), description: `SYNTHETIC ${c} trials only.`, where: { cancer: [c] } })),
    provenance: {
      kind: 'generator',
      description:
        'Model per trial i of cancer c: total patients N ~ log-normal (clamped), split 1:1 with an imbalance of -3..3; control event proportion p0 ~ U(low, high); CIK-arm proportion p1 = 1 - (1 - p0)^HR_c (proportional hazards); deaths d = round(n p) (at least 5); se = sqrt(1/d1 + 1/d2); true log HR = log HR_c + slope (se - referenceSe) + tau z1; observed log HR = true + se z2; CI = exp(log HR ± 1.96 se); all rounded to 2 decimals. HR_c is the geometric midpoint of hazardRatioRange[c].',
      script: 'scripts/generate-cik-calibrated.ts',
      command: 'npx tsx scripts/generate-cik-calibrated.ts',
      prng: 'mulberry32 (32-bit; integer arithmetic with Math.imul) seeded with `seed`; normal deviates by Box–Muller',
      seed: p.seed,
      parameters: { ...p },
      calibration: [
        {
          parameter: 'cancers',
          value: [...CANCERS].join(', '),
          pageStatement: { document: PAGE, quote: 'at least six major solid tumour types – HCC, NSCLC, gastric, colorectal, NPC, and renal cell carcinoma' },
          reasoning: 'The six cancer types the evidence-review page names.',
        },
        {
          parameter: 'trialsPerCancer',
          value: CANCERS.map((c) => p.trialsPerCancer[c]),
          pageStatement: { document: PAGE, quote: '100+ randomised controlled trials published on CIK therapy' },
          reasoning: `The page claims more than 100 published RCTs and a pooled analysis of "50+ RCTs"; the base holds ${k}. The pages give no count per cancer: HCC, NSCLC, gastric and colorectal cancer have their own sections on the evidence-review page and get more trials than nasopharyngeal and renal cancer (a modelling choice, not a page statement).`,
        },
        {
          parameter: 'hazardRatioRange.HCC',
          value: [...p.hazardRatioRange.HCC],
          pageStatement: { document: PAGE, quote: 'Consistent HR ~0.75 for OS across cancer types in CIK combination arms' },
          reasoning:
            'The base simulates overall survival. The page\'s HCC figures are not OS hazard ratios to calibrate to: "HR 0.63" is the recurrence-free survival HR of the Lee trial (confirmed, but RFS), and "HR 0.52 for OS" (Pan et al.) was not found by the evidence check. HCC therefore takes the page\'s cross-cancer OS figure.',
        },
        {
          parameter: 'hazardRatioRange.NSCLC',
          value: [...p.hazardRatioRange.NSCLC],
          pageStatement: { document: PAGE, quote: 'Pooled HR for OS approximately 0.75 across meta-analyses.' },
          reasoning: 'The page gives 0.75 for NSCLC here and "HR ~0.72 for OS" (Shi et al.) in its table; the model uses the geometric midpoint of 0.72–0.75.',
        },
        {
          parameter: 'hazardRatioRange (gastric, colorectal, nasopharyngeal, renal)',
          value: [0.75, 0.75],
          pageStatement: { document: PAGE, quote: 'Consistent HR ~0.75 for OS across cancer types in CIK combination arms' },
          reasoning:
            "The pages state no hazard ratio for these cancers (the gastric figures are absolute 1-year OS rates), so they take the page's cross-cancer figure.",
        },
        {
          parameter: 'tau',
          value: p.tau,
          pageStatement: { document: PAGE, quote: 'the direction of benefit is remarkably consistent even if effect size varies' },
          reasoning:
            'Effects vary but keep their direction: a between-trial SD of 0.15 on the log HR scale (true HRs of one cancer mostly within ×/÷ 1.35 of its typical value) gives moderate heterogeneity.',
        },
        {
          parameter: 'totalPatients',
          value: `log-normal, median ${p.totalPatients.median}, sdLog ${p.totalPatients.sdLog}, clamped to ${p.totalPatients.min}–${p.totalPatients.max}`,
          pageStatement: { document: PAGE, quote: 'Many earlier CIK RCTs are small (n<100), single-centre' },
          reasoning:
            'Half of the trials below 100 patients; the trials the page names have 230, 120 and 108 patients ("Phase III RCT, n=230", "Prospective RCT, n=120", "RCT, n=108"), inside the range.',
        },
        {
          parameter: 'smallStudySlope and referenceSe',
          value: [p.smallStudySlope, p.referenceSe],
          pageStatement: { document: PAGE, quote: 'reducing confidence in individual trial effect size estimates even when the direction is consistent' },
          reasoning:
            "Small, single-centre trials report larger benefits: the true log HR falls by 1.5 per unit of standard error above that of a typical 100-patient trial (se 0.25; about 0.1 for a 50-patient trial), so the funnel plot is asymmetric and Egger's test and trim-and-fill have something to find.",
        },
        {
          parameter: 'controlEventProportion',
          value: [...p.controlEventProportion],
          pageStatement: { document: GASTRIC_PAGE, quote: 'median OS with chemotherapy alone is 10–14 months' },
          reasoning:
            "Most trials are in advanced disease, so most control patients die during follow-up; the proportion sets each trial's number of deaths and hence its standard error.",
        },
        {
          parameter: 'years',
          value: [...p.years],
          pageStatement: { document: PAGE, quote: '20+ yrsDuration of systematic CIK clinical investigation at Chinese centres' },
          reasoning: 'Publication years spread over two decades.',
        },
      ],
    },
    notes: [
      'SYNTHETIC: every table, plot title and report that uses this dataset must say so (LoadedDataset.synthetic and EffectTable.synthetic are true).',
      'The true per-trial effects are not stored; the model and its parameters are in provenance.',
    ],
    contentHash: `sha256:${createHash('sha256').update(csv).digest('hex')}`,
  };
}

export const CALIBRATED_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'datasets', 'cik', 'calibrated');

/** The two files of the dataset, exactly as committed. */
export function calibratedFiles(p: CalibratedParameters = CALIBRATED_PARAMETERS): { csv: string; json: string } {
  const trials = simulateTrials(p);
  const csv = calibratedCsv(trials);
  return { csv, json: `${JSON.stringify(calibratedMetadata(csv, trials, p), null, 2)}\n` };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { csv, json } = calibratedFiles();
  const csvPath = join(CALIBRATED_DIR, 'data.csv');
  const jsonPath = join(CALIBRATED_DIR, 'dataset.json');
  if (process.argv.includes('--check')) {
    const same = readFileSync(csvPath, 'utf8') === csv && readFileSync(jsonPath, 'utf8') === json;
    console.log(same ? 'datasets/cik/calibrated is up to date' : 'datasets/cik/calibrated differs from the generator output');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(csvPath, csv);
  writeFileSync(jsonPath, json);
  console.log(`wrote ${csvPath} and ${jsonPath}`);
}
