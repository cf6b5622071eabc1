// Benchmark of the multilevel fit (issue 16): three-level REML on SYNTHETIC data, 1,000 studies ×
// 10 effects and 10,000 clusters × 10 effects (100,000 effects), against the block-diagonal floor
// (bench/multilevelFloor.mjs: one Cholesky/GLS pass of the fitted model) in the same process,
// alternating which goes first; reports medians. metafor's rma.mv is timed separately
// (bench/multilevel-metafor.R; figure in the README).
// Imports the built library from dist/ (run `npm run build` first).
//   node --expose-gc bench/multilevel.mjs [--json]
import { multilevel } from '../dist/multilevel/index.js';
import { floorThreeLevel } from './multilevelFloor.mjs';
import { threeLevel, threeLevelTable } from './multilevelWorkload.mjs';

const json = process.argv.includes('--json');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const [clusters, per, runs] of [
  [1000, 10, 9],
  [10000, 10, 7],
]) {
  const raw = threeLevel(clusters, per, 20240 + clusters);
  const table = threeLevelTable(raw);
  const options = { random: ['~ 1 | study/es'] };
  // Warm-up (the JIT settles after a few fits); the fitted variance components feed the floor.
  let fit = multilevel(table, options);
  for (let w = 0; w < 4; w++) fit = multilevel(table, options);
  const [s1, s2] = fit.sigma2.map((s) => s.estimate);
  const lib = [];
  const floor = [];
  let f = null;
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? ['lib', 'floor'] : ['floor', 'lib'];
    for (const which of order) {
      // No forced gc() before a sample: V8 answers a full collection by dropping the optimised code
      // of the functions just run, so each timed call would start cold (as bench/run.mjs explains);
      // the alternating order spreads the collections both sides trigger evenly.
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      if (which === 'lib') multilevel(table, options);
      else f = floorThreeLevel(raw.yi, raw.vi, raw.study, s1, s2);
      const c1 = process.cpuUsage(c0);
      (which === 'lib' ? lib : floor).push({ wall: (performance.now() - t0) / 1000, cpu: (c1.user + c1.system) / 1e6 });
    }
  }
  if (f === null || fit === null) throw new Error('bench/multilevel: no floor or library run to compare');
  rows.push({
    task: 'multilevel three-level REML',
    k: clusters * per,
    clusters,
    runs,
    iterations: fit.iterations,
    // Wall-clock and CPU time (user + system of this process): on a shared, loaded machine the
    // CPU time is the stable measure (a preempted run's wall time grows, its CPU time does not).
    medianSeconds: median(lib.map((t) => t.wall)),
    floorMedianSeconds: median(floor.map((t) => t.wall)),
    medianCpuSeconds: median(lib.map((t) => t.cpu)),
    floorMedianCpuSeconds: median(floor.map((t) => t.cpu)),
    ratio: median(lib.map((t) => t.wall)) / median(floor.map((t) => t.wall)),
    cpuRatio: median(lib.map((t) => t.cpu)) / median(floor.map((t) => t.cpu)),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    // The floor's GLS pass at the library's estimates must give the library's coefficient and log-likelihood.
    agreement: Math.max(
      Math.abs(fit.coefficients[0].estimate - f.beta) / Math.abs(f.beta),
      Math.abs((fit.fit.reml?.logLik ?? Number.NaN) - f.logLik) / Math.abs(f.logLik),
    ),
  });
}
if (json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
else
  for (const r of rows)
    process.stdout.write(
      `${r.task}  k = ${r.k} (${r.clusters} clusters, ${r.iterations} iterations)  wall ${r.medianSeconds.toFixed(3)} s vs floor ${r.floorMedianSeconds.toFixed(4)} s (ratio ${r.ratio.toFixed(2)})  CPU ${r.medianCpuSeconds.toFixed(3)} s vs floor ${r.floorMedianCpuSeconds.toFixed(4)} s (ratio ${r.cpuRatio.toFixed(2)})  peak RSS ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB  max rel. diff vs floor (b, logLik) ${r.agreement.toExponential(1)}\n`,
    );
