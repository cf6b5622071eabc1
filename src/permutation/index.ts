export { permutationTest, PERMUTATION_COMPARISON_TOLERANCE, MAX_EXACT_PERMUTATIONS } from './permutationTest.js';
export type { PermutationTestOptions, PermutationTestResult } from './permutationTest.js';
export { moderatorPermutationTest } from './moderatorPermutationTest.js';
export type { ModeratorPermutationOptions, ModeratorPermutationResult, PermutedCoefficient } from './moderatorPermutationTest.js';
export { seededRandom, isSeed } from './random.js';
export type { SeededRandom } from './random.js';
