import { MetasynthError } from '../core/errors.js';
import type { Tau2Control } from '../heterogeneity/index.js';
import { needsUserWeights } from '../heterogeneity/tau2/types.js';
import { MODEL_METHODS, MODEL_TESTS, isModelMethod, isModelTest, type ModelMethod, type ModelSettings, type ModelTest } from './models.js';
import { REGRESSION_MESSAGES } from './messages.js';

/** Validate method (default 'REML'), test (default 'z') and level (default 95, in percent). */
export function checkSettings(what: string, o: { method?: ModelMethod; test?: ModelTest; level?: number; control?: Tau2Control }): ModelSettings {
  const method = o.method ?? 'REML';
  const test = o.test ?? 'z';
  const level = o.level ?? 95;
  if (!isModelMethod(method)) {
    throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.unknown_model_method(what, MODEL_METHODS, method));
  }
  if (needsUserWeights(method)) {
    throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.method_needs_user_weights_2(what, method));
  }
  if (!isModelTest(test)) {
    throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.unknown_model_test(what, MODEL_TESTS, test));
  }
  if (typeof level !== 'number' || !(level > 0 && level < 100)) {
    throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.level_percentage_strictly_between(what, level));
  }
  return { method, test, level, ...(o.control ? { control: o.control } : {}) };
}
