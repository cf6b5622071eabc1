export { MetasynthError, ERROR_CODES, locationPrefix } from './errors.js';
export type { ErrorCode, Issue, IssueLocation, Warning } from './errors.js';
export { progressTicker, terminalProgress } from './progress.js';
export type { ProgressCallback, ProgressStream, TerminalProgress, TerminalProgressOptions } from './progress.js';
