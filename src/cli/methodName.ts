import { POOL_METHODS } from '../pool/index.js';

/**
 * A method name as typed on the command line, matched case-insensitively against the method
 * vocabulary (`reml` → `REML`, `hsk` → `HSk`); an unknown name comes back upper-cased for the
 * caller's error message.
 * @example methodName(' hsk ') // 'HSk'
 */
export function methodName(raw: string): string {
  const upper = raw.trim().toUpperCase();
  return POOL_METHODS.find((m) => m.toUpperCase() === upper) ?? upper;
}
