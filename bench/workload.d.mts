// Types of bench/workload.mjs (the tests reuse its seeded generator).
export function mulberry32(seed: number): () => number;
export function normalSource(uniform: () => number): () => number;
export const TRUE_EFFECT: number;
export const TRUE_TAU2: number;
export function singleMeta(k: number, seed: number): { yi: Float64Array; vi: Float64Array };
export function moderators(k: number, seed: number): [Float64Array, Float64Array, Float64Array];
export function batch(count: number, k: number, seed: number): { yi: Float64Array; vi: Float64Array; group: Int32Array; count: number; k: number };
