// Benchmark of the multilevel fit of a struct term (issue 16): `~ outcome | trial` with struct UN
// (3 outcomes: 3 tau2 and 3 rho) by REML on SYNTHETIC seeded data, 1,000 and 10,000 trials: the
// fit alone, and on 1,000 trials with the profile-likelihood CIs of all six components (what
// `metasynth multilevel` computes by default).
// Reports medians, the scoring iterations and the log-likelihood.
// Imports the built library from dist/ (run `npm run build` first).
//   node bench/multilevelStruct.mjs [--json]
import { multilevel } from '../dist/multilevel/index.js';
import { mulberry32 } from './workload.mjs';

/**
 * SYNTHETIC: `trials` trials × 3 outcomes (15% of rows missing), true effects from G with
 * tau2 (0.04, 0.02, 0.03) and correlations (0.5, 0.3, 0.6), sampling variances uniform on [0.01, 0.05].
 */
function unTable(trials, seed) {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  // Cholesky factor of G, written out.
  const l = [
    [0.2, 0, 0],
    [0.5 * Math.sqrt(0.02), Math.sqrt(0.75 * 0.02), 0],
    [0.3 * Math.sqrt(0.03), 0, 0],
  ];
  l[2][1] = (0.6 * Math.sqrt(0.02 * 0.03) - l[2][0] * l[1][0]) / l[1][1];
  l[2][2] = Math.sqrt(0.03 - l[2][0] ** 2 - l[2][1] ** 2);
  const studies = [];
  for (let t = 0; t < trials; t++) {
    const z = [normal(), normal(), normal()];
    const u = l.map((row) => row.reduce((s, x, m) => s + x * z[m], 0));
    for (let o = 0; o < 3; o++) {
      if (rand() < 0.15) continue;
      const vi = 0.01 + 0.04 * rand();
      const yi = 0.2 + 0.1 * o + u[o] + Math.sqrt(vi) * normal();
      studies.push({
        study: `T${t}-${o}`,
        effect: yi,
        variance: vi,
        standardError: Math.sqrt(vi),
        row: studies.length + 1,
        moderators: { trial: `T${t}`, outcome: 'ABC'[o] },
      });
    }
  }
  return { measure: /** @type {const} */ ('GEN'), studies, excluded: [], warnings: [] };
}

const json = process.argv.includes('--json');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const [trials, runs] of [
  [1000, 5],
  [10000, 3],
]) {
  const table = unTable(trials, 20261 + trials);
  // Profile CIs on the smaller workload only (at 10,000 trials they take tens of seconds).
  for (const confint of trials > 1000 ? [false] : [false, true]) {
    const options = { random: ['~ outcome | trial'], struct: /** @type {const} */ ('UN'), confint };
    let fit = multilevel(table, options);
    const times = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      fit = multilevel(table, options);
      times.push((performance.now() - t0) / 1000);
    }
    rows.push({
      task: `multilevel UN REML${confint ? ' + profile CIs' : ''}`,
      k: table.studies.length,
      trials,
      runs,
      iterations: fit.iterations,
      converged: fit.converged,
      logLik: fit.fit.reml?.logLik ?? null,
      medianSeconds: median(times),
    });
  }
}
if (json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
else
  for (const r of rows)
    process.stdout.write(
      `${r.task}  k = ${r.k} (${r.trials} trials, ${r.iterations} iterations, converged ${r.converged})  median ${r.medianSeconds.toFixed(3)} s  logLik ${r.logLik}\n`,
    );
