// The layers of metasynth, checked by dependency-cruiser (test/unit/core/layers.test.ts runs it
// under `npm test`; `npx depcruise src` prints the same report).
//
//   foundation (core, distributions, messages) → schema → effects → datasets → heterogeneity →
//   pool → regression (and batch, bayes) → bias / sensitivity / resampling (permutation, gosh) → plots →
//   report, check, reproduce → session (the browser-safe analysis facade the web page and the CLI share;
//   src/index.ts) → edge (cli, io, render, gosh's worker threads)
//
// A module may import from its own layer or any layer to its left, never to its right; bias,
// sensitivity and resampling are siblings and do not import one another. Nothing outside the edge
// imports node:* or a native module, so src/index.ts runs in browsers and Deno.

/** The layers, lowest first; each is a list of path patterns relative to the repository root. */
const LAYERS = [
  { name: 'foundation', paths: ['^src/core/', '^src/distributions/', '^src/messages\\.ts$', '^src/version\\.ts$'] },
  { name: 'schema', paths: ['^src/schema/'] },
  { name: 'effects', paths: ['^src/effects/'] },
  { name: 'datasets', paths: ['^src/datasets/'] },
  { name: 'heterogeneity', paths: ['^src/heterogeneity/'] },
  { name: 'pool', paths: ['^src/pool/'] },
  { name: 'regression', paths: ['^src/regression/', '^src/batch/', '^src/bayes/'] },
  { name: 'diagnostics', paths: ['^src/bias/', '^src/sensitivity/', '^src/permutation/', '^src/gosh/(?!node)'] },
  { name: 'plots', paths: ['^src/plots/'] },
  { name: 'report', paths: ['^src/report/', '^src/check/', '^src/reproduce/'] },
  { name: 'session', paths: ['^src/session/', '^src/index\\.ts$'] },
  { name: 'edge', paths: ['^src/cli/', '^src/io/', '^src/render/', '^src/gosh/node'] },
];

const ORDER = LAYERS.map((l) => l.name).join(' → ');
const either = (paths) => `(${paths.join('|')})`;
const EDGE = either(LAYERS[LAYERS.length - 1].paths);

/** One rule per layer: nothing in it imports from a layer above it. */
const layerRules = LAYERS.slice(0, -1).map((layer, i) => {
  const above = LAYERS.slice(i + 1);
  return {
    name: `layer-${layer.name}`,
    severity: 'error',
    comment: `${layer.name} must not import from ${above.map((l) => l.name).join(', ')}: the layers are ${ORDER}, and a module imports only from its own layer or those to its left`,
    from: { path: either(layer.paths) },
    to: { path: either(above.flatMap((l) => l.paths)) },
  };
});

/** bias, sensitivity and resampling each build on regression and pool, never on one another. */
const SIBLINGS = [
  { name: 'bias', path: '^src/bias/' },
  { name: 'sensitivity', path: '^src/sensitivity/' },
  { name: 'resampling', path: '^src/(permutation|gosh)/' },
];
const siblingRules = SIBLINGS.map((s) => ({
  name: `siblings-${s.name}`,
  severity: 'error',
  comment: `${s.name} must not import from ${SIBLINGS.filter((o) => o !== s).map((o) => o.name).join(' or ')}: the diagnostic areas are siblings; what they share (readStudies, model fits, settings) lives below them in pool and regression`,
  from: { path: s.path },
  to: { path: either(SIBLINGS.filter((o) => o !== s).map((o) => o.path)) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    ...siblingRules,
    {
      name: 'core-no-node',
      severity: 'error',
      comment: 'the core runs in browsers and Deno: only the edge (src/cli, src/io, src/render, src/gosh/node*) imports node:* modules',
      from: { path: '^src/', pathNot: EDGE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-no-native',
      severity: 'error',
      comment: 'the core runs in browsers and Deno: the native PNG renderer (@resvg/resvg-js) is used only by src/render',
      from: { path: '^src/', pathNot: EDGE },
      to: { path: '@resvg/resvg-js' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'a cycle between modules makes the layers meaningless and the load order fragile',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
