export { MetasynthError, ERROR_CODES, locationPrefix } from './errors.js';
export type { ErrorCode, Issue, IssueLocation, Warning } from './errors.js';
