import { MetasynthError } from '../core/errors.js';
import type { Tau2Control } from '../heterogeneity/index.js';
import { needsUserWeights } from '../heterogeneity/tau2/types.js';
import { MODEL_METHODS, MODEL_TESTS, isModelMethod, isModelTest, type ModelMethod, type ModelSettings, type ModelTest } from './models.js';

/** Validate method (default 'REML'), test (default 'z') and level (default 95, in percent). */
export function checkSettings(what: string, o: { method?: ModelMethod; test?: ModelTest; level?: number; control?: Tau2Control }): ModelSettings {
  const method = o.method ?? 'REML';
  const test = o.test ?? 'z';
  const level = o.level ?? 95;
  if (!isModelMethod(method)) {
    throw new MetasynthError('invalid_option', `${what}: method must be one of ${MODEL_METHODS.join(', ')}; received ${JSON.stringify(method)}`);
  }
  if (needsUserWeights(method)) {
    throw new MetasynthError('invalid_option', `${what}: method ${method} needs user weights, which only pool and meta-regression take (weights); choose another method`);
  }
  if (!isModelTest(test)) {
    throw new MetasynthError('invalid_option', `${what}: test must be one of ${MODEL_TESTS.join(', ')}; received ${JSON.stringify(test)}`);
  }
  if (typeof level !== 'number' || !(level > 0 && level < 100)) {
    throw new MetasynthError('invalid_option', `${what}: level must be a percentage strictly between 0 and 100; received ${String(level)}`);
  }
  return { method, test, level, ...(o.control ? { control: o.control } : {}) };
}
