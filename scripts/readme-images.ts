// Renders the README's figures (one of each figure type) into docs/images/ with the CLI, from the
// bundled datasets: `npm run readme:images` (or `npx tsx scripts/readme-images.ts`). Each entry is the
// exact command the README quotes under the image.
import { main } from '../src/cli/main.js';

const IMAGES: readonly (readonly string[])[] = [
  [
    'plot',
    'forest',
    '--dataset',
    'classic/bcg',
    '--measure',
    'RR',
    '--title',
    'BCG vaccine against tuberculosis',
    '--favours',
    'vaccine,control',
    '--out',
    'docs/images/bcg-forest.png',
  ],
  [
    'plot',
    'forest',
    '--dataset',
    'classic/bcg',
    '--measure',
    'RR',
    '--by',
    'alloc',
    '--common',
    '--preset',
    'revman5',
    '--out',
    'docs/images/bcg-forest-revman5-subgroups.png',
  ],
  ['plot', 'funnel', '--dataset', 'classic/bcg', '--measure', 'RR', '--trimfill', '--egger', '--out', 'docs/images/bcg-funnel.png'],
  ['plot', 'funnel', '--dataset', 'classic/bcg', '--measure', 'RR', '--contours', '--out', 'docs/images/bcg-funnel-contours.png'],
  [
    'plot',
    'funnel',
    '--dataset',
    'classic/hackshaw1998',
    '--trimfill',
    '--pet-peese',
    '--selection',
    'stepfun,beta',
    '--steps',
    '0.025,1',
    '--out',
    'docs/images/hackshaw-funnel-lines.png',
  ],
  ['plot', 'baujat', '--dataset', 'classic/hackshaw1998', '--out', 'docs/images/hackshaw-baujat.png'],
  ['plot', 'radial', '--dataset', 'classic/bcg', '--measure', 'RR', '--out', 'docs/images/bcg-radial.png'],
  ['plot', 'labbe', '--dataset', 'classic/bcg', '--measure', 'RR', '--out', 'docs/images/bcg-labbe.png'],
  ['plot', 'leave1out', '--dataset', 'classic/bcg', '--measure', 'RR', '--out', 'docs/images/bcg-leave1out.png'],
  ['plot', 'cumulative', '--dataset', 'classic/bcg', '--measure', 'RR', '--out', 'docs/images/bcg-cumulative.png'],
  ['plot', 'bubble', '--dataset', 'classic/bcg', '--measure', 'RR', '--mods', 'ablat', '--out', 'docs/images/bcg-bubble.png'],
  ['plot', 'caterpillar', '--dataset', 'classic/hackshaw1998', '--out', 'docs/images/hackshaw-caterpillar.png'],
  ['plot', 'orchard', '--dataset', 'classic/hackshaw1998', '--by', 'design', '--out', 'docs/images/hackshaw-orchard.png'],
  ['gosh', '--dataset', 'classic/bcg', '--measure', 'RR', '--out', 'docs/images/bcg-gosh.png'],
  ['plot', 'influence', '--dataset', 'classic/bcg', '--measure', 'RR', '--out', 'docs/images/bcg-influence.png'],
  ['bayes', '--dataset', 'classic/bcg', '--measure', 'RR', '--figure', 'densities', '--out', 'docs/images/bcg-bayes-densities.png'],
  ['bayes', '--dataset', 'classic/bcg', '--measure', 'RR', '--figure', 'joint', '--out', 'docs/images/bcg-bayes-joint.png'],
  ['bayes', '--dataset', 'classic/bcg', '--measure', 'RR', '--figure', 'forest', '--out', 'docs/images/bcg-bayes-forest.png'],
];

for (const args of IMAGES) {
  const code = await main([...args], { stdout: () => undefined, stderr: (t) => void process.stderr.write(t), isTTY: false, cwd: process.cwd() });
  if (code !== 0) {
    process.stderr.write(`readme-images: metasynth ${args.join(' ')} failed (exit ${code})\n`);
    process.exit(code);
  }
}
