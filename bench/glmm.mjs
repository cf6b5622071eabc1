// GLMM benchmark (issue 18): glmmPool on the SYNTHETIC 100-trial workload written by
// bench/glmm-metafor.R (bench/glmm-workload.csv), median of 5 runs after one warm-up, for UM.RS and
// CM.EL (ML). Imports the built library from dist/ (run `npm run build` first):
//   node bench/glmm.mjs
import { readFileSync } from 'node:fs';
import { glmmPool } from '../dist/glmm/index.js';

const lines = readFileSync(new URL('./glmm-workload.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1);
const studies = lines.map((line) => {
  const [study, x1, n1, x2, n2] = line.split(',').map((v) => v.replace(/"/g, ''));
  return { study, ai: +x1, bi: +n1 - +x1, ci: +x2, di: +n2 - +x2 };
});
for (const model of /** @type {const} */ (['UM.RS', 'CM.EL', 'CM.AL', 'UM.FS'])) {
  const times = [];
  let r = glmmPool(studies, { model, method: 'ML' }); // warm-up
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    r = glmmPool(studies, { model, method: 'ML' });
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  console.log(`${model} ML, k = ${r.k}: ${times[2].toFixed(3)} s (median of 5; estimate ${r.estimate.toFixed(5)}, tau2 ${r.tau2.toFixed(5)})`);
}
