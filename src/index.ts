// metasynth's public API. The core (everything re-exported here) uses no Node-only API, so it
// runs in browsers and Deno; file I/O and the CLI live in src/io/node*.ts and src/cli/.
export * from './core/index.js';
export * from './distributions/index.js';
export * from './effects/index.js';
export * from './schema/index.js';
export * from './io/index.js';
export * from './pool/index.js';
export * from './heterogeneity/index.js';
export * from './regression/index.js';
export * from './bias/index.js';
export * from './sensitivity/index.js';
export * from './plots/index.js';
export * from './datasets/index.js';
export * from './batch/index.js';
export * from './permutation/index.js';
export * from './gosh/index.js';
export * from './reproduce/index.js';
export * from './check/index.js';
export { VERSION } from './version.js';
// Names several areas define: the pooling engine's versions are the public ones.
export type { Tau2Control } from './heterogeneity/index.js';
export type { FitStatistics, EffectArrays } from './pool/index.js';
