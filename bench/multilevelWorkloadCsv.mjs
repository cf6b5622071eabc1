// Writes the benchmark's SYNTHETIC three-level workload as CSV (study label, cluster, es, yi, vi) so metafor's
// rma.mv (bench/multilevel-metafor.R) fits exactly the data metasynth fits.
//   node bench/multilevelWorkloadCsv.mjs CLUSTERS PER OUT.csv
import { writeFileSync } from 'node:fs';
import { threeLevel } from './multilevelWorkload.mjs';

const [clusters = '1000', per = '10', out = 'multilevel-workload.csv'] = process.argv.slice(2);
const c = Number(clusters);
const { yi, vi, study } = threeLevel(c, Number(per), 20240 + c);
const lines = ['study,cluster,es,yi,vi'];
for (let i = 0; i < yi.length; i++) lines.push(`s${study[i]}-${i + 1},${study[i]},${i + 1},${yi[i].toPrecision(17)},${vi[i].toPrecision(17)}`);
writeFileSync(out, `${lines.join('\n')}\n`);
