// What the analysis worker runs (GOSH and the sign-flip permutation test), re-exported from their
// own modules: the worker imports these rather than the library entry, which also registers the
// R-formula module and with it mathjs (~190 KiB gzipped) that the worker never uses (the page
// builds any moderator design before it posts a job).
export { gosh } from '../gosh/index.js';
export type { GoshOptions, GoshResult } from '../gosh/index.js';
export { permutationTest } from '../permutation/index.js';
export type { PermutationTestOptions, PermutationTestResult } from '../permutation/index.js';
export type { EffectData } from '../pool/effectData.js';
export type { Issue } from '../core/errors.js';
