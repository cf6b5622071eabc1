// An error as the problems the page lists: kept apart from runAnalysis so that the analysis worker
// can report errors without importing every analysis (and with them mathjs and the plot specs).
import { MetasynthError, type Issue } from '../core/errors.js';
import { SESSION_MESSAGES } from './messages.js';

/**
 * The problems an error stands for: a MetasynthError's issues (each naming its row, study, field and
 * value), or its message as one problem; anything else is an unexpected problem.
 * @example problemsOf(new Error('boom'))[0].code // 'internal'
 */
export function problemsOf(err: unknown): Issue[] {
  if (err instanceof MetasynthError) {
    return err.issues.length > 0 ? [...err.issues] : [{ code: err.messageCode ?? err.code, message: err.message }];
  }
  const message = err instanceof Error ? err.message : String(err);
  return [{ code: 'internal', message: SESSION_MESSAGES.session_unexpected(message).text }];
}
