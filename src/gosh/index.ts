export { gosh, goshPlan, goshMemberships, goshFitRange, goshArrays, goshArraysBytes, goshResult, GOSH_DEFAULT_SUBSETS, GOSH_MAX_SUBSETS } from './gosh.js';
export type { GoshOptions, GoshResult, GoshArrays, GoshPlan } from './gosh.js';
