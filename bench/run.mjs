// The benchmark runner: times each library task and its floor (bench/floor.mjs) interleaved in the
// same process, alternating which goes first, and reports medians and their ratio, so the ratio
// holds on a noisy machine. Imports the built library from dist/ (run `npm run build` first).
//
//   node --expose-gc bench/run.mjs            table on stdout (progress bar on a terminal's stderr)
//   node --expose-gc bench/run.mjs --json     [{ task, k, runs, medianSeconds, floorMedianSeconds, ratio }]
//   --filter TEXT                             only tasks whose name contains TEXT
//   --memory-probe                            (internal) one REML fit of 1,000,000 studies, prints peak memory
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fitIntercept, pool } from '../dist/pool/index.js';
import { poolMany } from '../dist/batch/index.js';
import { leaveOneOut } from '../dist/sensitivity/index.js';
import { eggerTest, trimAndFill } from '../dist/bias/index.js';
import { fitMetaRegression } from '../dist/regression/index.js';
import { selectionModel } from '../dist/selection/index.js';
import { terminalProgress } from '../dist/core/progress.js';
import { bayesMeta } from '../dist/bayes/index.js';
import { floorBayes } from './floorBayes.mjs';
import { batch, moderators, singleMeta } from './workload.mjs';
import {
  floorBatch,
  floorContinuousSelection,
  floorStepSelection,
  floorDL,
  floorEgger,
  floorLeaveOneOut,
  floorMetaRegREML,
  floorPM,
  floorPool,
  floorREML,
  floorREMLKnha,
  floorTrimFill,
} from './floor.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;

/** Peak memory of one REML fit of 1,000,000 studies, in a fresh process (so other tasks do not count). */
function memoryProbe() {
  const { yi, vi } = singleMeta(1_000_000, 1);
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const fit = fitIntercept(yi, vi, { method: 'REML' });
  const after = process.memoryUsage();
  process.stdout.write(
    JSON.stringify({
      estimate: fit.estimate,
      rssBeforeBytes: before,
      rssAfterBytes: after.rss,
      heapUsedBytes: after.heapUsed,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }),
  );
}

const SIZES = [10, 100, 1_000, 10_000, 100_000, 1_000_000];

/** Target ratio (library ÷ floor) of a task, or null when the issue sets none. */
function targetOf(task, k) {
  if (task === 'batch') return 3;
  if (!['DL', 'REML', 'PM'].includes(task)) return null;
  if (k >= 1000) return 3;
  if (k === 10) return 5;
  return null;
}

function tasks() {
  const list = [];
  const single = new Map();
  const data = (k) => {
    if (!single.has(k)) single.set(k, singleMeta(k, 20240 + k));
    return single.get(k);
  };
  for (const k of SIZES) {
    const runs = k >= 100_000 ? 7 : 15;
    list.push({
      task: 'DL',
      k,
      runs,
      lib: () => {
        const { yi, vi } = data(k);
        return fitIntercept(yi, vi, { method: 'DL' }).estimate;
      },
      floor: () => {
        const { yi, vi } = data(k);
        return floorDL(yi, vi).estimate;
      },
    });
    list.push({
      task: 'REML',
      k,
      runs,
      lib: () => {
        const { yi, vi } = data(k);
        return fitIntercept(yi, vi, { method: 'REML' }).estimate;
      },
      floor: () => {
        const { yi, vi } = data(k);
        return floorREML(yi, vi).estimate;
      },
    });
    list.push({
      task: 'REML+knha',
      k,
      runs,
      lib: () => {
        const { yi, vi } = data(k);
        return fitIntercept(yi, vi, { method: 'REML', test: 'knha' }).estimate;
      },
      floor: () => {
        const { yi, vi } = data(k);
        return floorREMLKnha(yi, vi).estimate;
      },
    });
    list.push({
      task: 'PM',
      k,
      runs,
      lib: () => {
        const { yi, vi } = data(k);
        return fitIntercept(yi, vi, { method: 'PM' }).estimate;
      },
      floor: () => {
        const { yi, vi } = data(k);
        return floorPM(yi, vi).estimate;
      },
    });
  }
  for (const k of [10, 1_000, 100_000]) {
    list.push({
      task: 'pool (REML, full result)',
      k,
      runs: k >= 100_000 ? 5 : 11,
      lib: () => {
        const { yi, vi } = data(k);
        return pool({ effect: yi, variance: vi }).estimate;
      },
      floor: () => {
        const { yi, vi } = data(k);
        return floorPool(yi, vi).fit.estimate;
      },
    });
  }
  // Issue #4: leave-one-out on 1,000 studies "well under a second".
  for (const k of [100, 1_000]) {
    list.push({
      task: 'leave-one-out (REML)',
      k,
      runs: 9,
      lib: () => {
        const { yi, vi } = data(k);
        return leaveOneOut({ effect: yi, variance: vi }).steps[0].estimate;
      },
      floor: () => {
        const { yi, vi } = data(k);
        return floorLeaveOneOut(yi, vi)[0].estimate;
      },
    });
    list.push({
      task: 'trim-and-fill (L0, REML)',
      k,
      runs: 9,
      lib: () => {
        const { yi, vi } = data(k);
        return trimAndFill({ effect: yi, variance: vi }).k0;
      },
      floor: () => {
        const { yi, vi } = data(k);
        return floorTrimFill(yi, vi).k0;
      },
    });
  }
  // Issue #5 asks for meta-regression with 3 moderators on 100,000 studies "well under a second".
  for (const k of [100, 10_000, 100_000]) {
    list.push({
      task: 'Egger (REML)',
      k,
      runs: 9,
      lib: () => {
        const { yi, vi } = data(k);
        return eggerTest({ effect: yi, variance: vi }).statistic;
      },
      floor: () => {
        const { yi, vi } = data(k);
        return floorEgger(yi, vi).coef[1].z;
      },
    });
    const mods = new Map();
    const cols = () => {
      if (!mods.has(k)) mods.set(k, [new Float64Array(k).fill(1), ...moderators(k, 77)]);
      return mods.get(k);
    };
    list.push({
      task: 'meta-regression (REML, 3 moderators)',
      k,
      runs: k >= 100_000 ? 5 : 9,
      lib: () => {
        const { yi, vi } = data(k);
        return fitMetaRegression({ yi, vi, columns: cols() }).tau2;
      },
      floor: () => {
        const { yi, vi } = data(k);
        return floorMetaRegREML(yi, vi, cols()).tau2;
      },
    });
  }
  // Issue #17: a selection model (the 3PSM, random effects) on 100 studies in < 50 ms, on 10,000 in < 2 s.
  for (const k of [100, 10_000]) {
    list.push({
      task: 'selection model (3PSM, ML)',
      k,
      runs: k >= 10_000 ? 5 : 9,
      targetSeconds: k <= 100 ? 0.05 : 2,
      lib: () => {
        const { yi, vi } = data(k);
        return selectionModel({ effect: yi, variance: vi }, { type: 'stepfun', steps: [0.025, 1] }).tau2;
      },
      floor: () => {
        const { yi, vi } = data(k);
        return floorStepSelection(yi, vi).ll;
      },
    });
  }
  // The continuous selection functions (same targets; the floor is one hand-written likelihood evaluation).
  for (const type of /** @type {const} */ (['beta', 'halfnorm', 'negexp', 'logistic', 'power', 'negexppow'])) {
    for (const k of [100, 10_000]) {
      list.push({
        task: `selection model (${type}, ML)`,
        k,
        runs: k >= 10_000 ? 3 : 9,
        targetSeconds: k <= 100 ? 0.05 : 2,
        lib: () => {
          const { yi, vi } = data(k);
          return selectionModel({ effect: yi, variance: vi }, { type }).tau2;
        },
        floor: () => {
          const { yi, vi } = data(k);
          return floorContinuousSelection(yi, vi).ll;
        },
      });
    }
  }
  // Issue #19: a full Bayesian posterior (half-normal(0.5) prior for tau, N(0, 4²) for mu) within
  // 20 ms at k = 10 and 200 ms at k = 1,000: absolute targets, the floor for scale.
  for (const [k, ms] of [
    [10, 20],
    [1_000, 200],
  ]) {
    /** @type {import('../dist/index.js').BayesOptions} */
    const opts = { tauPrior: { family: 'halfnormal', scale: 0.5 }, muPrior: { type: 'normal', mean: 0, sd: 4 } };
    list.push({
      task: 'bayes (full posterior)',
      k,
      runs: 9,
      targetSeconds: ms / 1000,
      lib: () => {
        const { yi, vi } = data(k);
        return bayesMeta({ y: yi, v: vi }, opts).mu.median;
      },
      floor: () => {
        const { yi, vi } = data(k);
        return floorBayes(yi, vi).mu;
      },
    });
  }
  let b;
  const theBatch = () => (b ??= batch(10_000, 10, 99));
  list.push({
    task: 'batch',
    k: 10_000,
    runs: 9,
    lib: () => {
      const x = theBatch();
      const columns = { effect: x.yi, variance: x.vi, group: x.group };
      return poolMany(columns, { method: 'DL' }).estimate[0] + poolMany(columns, { method: 'REML', test: 'knha' }).estimate[0];
    },
    floor: () => {
      const r = floorBatch(theBatch());
      return r.dl[0][0] + r.reml[0][0];
    },
  });
  return filter ? list.filter((t) => t.task.includes(filter)) : list;
}

const sink = { hits: 0 };

/** Seconds per call of fn, timed over `reps` calls. */
function sample(fn, reps) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) {
    const r = fn();
    if (r === 12345.678) sink.hits++; // keeps the result alive
  }
  return Number(process.hrtime.bigint() - t0) / 1e9 / reps;
}

/** Calls per sample so that one sample lasts about `ms` milliseconds (after warming the function up). */
function calibrate(fn, ms) {
  let reps = 1;
  for (;;) {
    const t = sample(fn, reps) * reps * 1000;
    if (t >= ms || reps >= 1 << 24) return reps;
    reps = Math.max(reps * 2, Math.ceil((reps * ms) / Math.max(t, 1e-3)));
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function measure(t) {
  // Warm-up (JIT, lazy data), then the number of calls per sample.
  for (let i = 0; i < 3; i++) {
    sample(t.lib, 1);
    sample(t.floor, 1);
  }
  // Every sample lasts at least ~20 ms (one call when a call takes longer). No full GC is forced
  // between samples: V8 answered a forced gc() by dropping the library's optimised kernels and
  // their type feedback, so each timed call re-entered them cold (REML at k = 100,000: 5.7× the
  // floor with a gc() before each sample, 2.1× without), which no user's process does between
  // fits. Whatever garbage a side makes is collected inside its own samples.
  const repsLib = calibrate(t.lib, 20);
  const repsFloor = calibrate(t.floor, 20);
  const lib = [];
  const floor = [];
  for (let r = 0; r < t.runs; r++) {
    // Alternate the order, so that neither side always runs on a warmer (or hotter) machine.
    const order = r % 2 === 0 ? ['lib', 'floor'] : ['floor', 'lib'];
    for (const side of order) {
      if (side === 'lib') lib.push(sample(t.lib, repsLib));
      else floor.push(sample(t.floor, repsFloor));
    }
  }
  const medianSeconds = median(lib);
  const floorMedianSeconds = median(floor);
  return {
    task: t.task,
    k: t.k,
    runs: t.runs,
    medianSeconds,
    floorMedianSeconds,
    ratio: medianSeconds / floorMedianSeconds,
    ...(t.targetSeconds ? { targetSeconds: t.targetSeconds } : {}),
  };
}

function formatSeconds(s) {
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(2)} ms`;
  if (s >= 1e-6) return `${(s * 1e6).toFixed(2)} µs`;
  return `${(s * 1e9).toFixed(0)} ns`;
}

function main() {
  const list = tasks();
  const bar = terminalProgress(process.stderr, { label: 'bench', json, delayMs: 0 });
  const started = Date.now();
  const rows = [];
  list.forEach((t, i) => {
    bar.onProgress(i, list.length);
    rows.push(measure(t));
  });
  bar.onProgress(list.length, list.length);
  bar.done();
  let memory = null;
  if (!filter || 'REML'.includes(filter)) {
    const probe = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory-probe'], { encoding: 'utf8' });
    if (probe.status === 0) memory = JSON.parse(probe.stdout);
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const header = ['task', 'k', 'runs', 'library', 'floor', 'ratio', 'target'];
  const body = rows.map((r) => {
    const target = targetOf(r.task, r.k);
    return [
      r.task,
      r.k.toLocaleString('en-US'),
      String(r.runs),
      formatSeconds(r.medianSeconds),
      formatSeconds(r.floorMedianSeconds),
      r.ratio.toFixed(2),
      r.targetSeconds
        ? `< ${formatSeconds(r.targetSeconds)} ${r.medianSeconds < r.targetSeconds ? 'met' : 'MISSED'}`
        : target === null
          ? ''
          : `≤ ${target} ${r.ratio <= target ? 'met' : 'MISSED'}`,
    ];
  });
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((row) => row[j].length)));
  const line = (cells) => `| ${cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join(' | ')} |`;
  const out = [line(header), `|${widths.map((w, j) => (j === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)];
  if (memory) {
    const mb = (b) => (b / 2 ** 20).toFixed(0);
    out.push(
      '',
      `REML, k = 1,000,000: peak RSS ${mb(memory.peakRssBytes)} MB (target < 500 MB: ${memory.peakRssBytes < 500 * 2 ** 20 ? 'met' : 'MISSED'}); RSS before the fit ${mb(memory.rssBeforeBytes)} MB (Node, library and the 16 MB of data), heap after ${mb(memory.heapUsedBytes)} MB`,
    );
  }
  out.push(
    `Medians of interleaved runs; library = dist/ build; floor = bench/floor.mjs. Total ${((Date.now() - started) / 1000).toFixed(0)} s, Node ${process.version}.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

if (args.includes('--memory-probe')) memoryProbe();
else main();
