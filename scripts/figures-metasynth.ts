// Renders metasynth's figures to PNG for the side-by-side audit against metafor
// (docs/figures-vs-metafor.md), with the CLI as a user runs it, under the file names
// scripts/figures-metafor.R writes: dat.bcg (RR), dat.hackshaw1998 (OR), dat.normand1999 (MD) and a
// SYNTHETIC k = 200 table (the closed formula of test/pixels/full, made-up numbers, not evidence).
//
//   npx tsx scripts/figures-metasynth.ts [OUTDIR]      (default out/figures/metasynth; out/ is not committed)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';

const outdir = process.argv[2] ?? join('out', 'figures', 'metasynth');
mkdirSync(outdir, { recursive: true });

/** SYNTHETIC: 200 log risk ratios with a numeric moderator `dose` (i = 0..199), as a yi/vi CSV. */
function writeSyntheticK200(path: string): void {
  const rows = Array.from({ length: 200 }, (_, i) => {
    const vi = 0.004 + (0.4 * ((i * 37) % 101)) / 100;
    const yi = -0.4 + 0.5 * Math.sin(i * 1.3) + 0.2 * Math.cos(i * 0.7);
    return `Synthetic study ${i + 1},${yi},${vi},${(i * 13) % 50}`;
  });
  writeFileSync(path, ['study,yi,vi,dose', ...rows].join('\n'));
}

interface Dataset {
  readonly name: string;
  readonly source: readonly string[];
  readonly mod?: string;
  readonly labbe?: boolean;
  readonly gosh?: boolean;
}

const syntheticCsv = join(outdir, 'synthetic-k200.csv');
writeSyntheticK200(syntheticCsv);

const DATASETS: readonly Dataset[] = [
  { name: 'bcg', source: ['--dataset', 'classic/bcg', '--measure', 'RR'], mod: 'ablat', labbe: true, gosh: true },
  { name: 'hackshaw', source: ['--dataset', 'classic/hackshaw1998'], mod: 'year' },
  { name: 'normand', source: ['test/fixtures/metafor/dat.normand1999.csv', '--measure', 'MD'], gosh: true },
  { name: 'synthetic-k200', source: [syntheticCsv, '--measure', 'RR'], mod: 'dose' },
];

/** The CLI calls of one dataset: [file name, arguments]. */
function commands(d: Dataset): [string, string[]][] {
  const plot = (kind: string, ...extra: string[]): string[] => ['plot', kind, ...d.source, ...extra];
  const list: [string, string[]][] = [
    ['forest', plot('forest')],
    ['funnel', plot('funnel')],
    ['funnel-contours', plot('funnel', '--contours')],
    ['radial', plot('radial')],
    ['baujat', plot('baujat')],
    ['leave1out', plot('leave1out')],
    ['cumulative', plot('cumulative')],
    ['influence', plot('influence')],
  ];
  if (d.mod) list.push(['bubble', plot('bubble', '--mods', d.mod)]);
  if (d.labbe) list.push(['labbe', plot('labbe')]);
  if (d.gosh) list.push(['gosh', ['gosh', ...d.source]]);
  return list;
}

for (const d of DATASETS) {
  for (const [figure, args] of commands(d)) {
    const out = join(outdir, `${d.name}-${figure}.png`);
    // --scale 1: one PNG pixel per CSS pixel, what a screen shows at 100% (metafor's PNGs are at 100 dpi).
    const scale = args[0] === 'plot' ? ['--scale', '1'] : [];
    const code = await main([...args, ...scale, '--out', out], {
      stdout: () => undefined,
      stderr: (t) => void process.stderr.write(t),
      isTTY: false,
      cwd: process.cwd(),
    });
    if (code !== 0) process.stderr.write(`figures-metasynth: metasynth ${args.join(' ')} failed (exit ${code})\n`);
  }
}
process.stdout.write(`metasynth figures written to ${outdir}\n`);
