// Validate specs against the Vega-Lite JSON schema shipped in node_modules (ajv, draft-07).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

let validate: ValidateFunction | undefined;

export function vegaLiteSchemaValidator(): ValidateFunction {
  if (validate) return validate;
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('vega-lite')), 'vega-lite-schema.json');
  const schema = JSON.parse(readFileSync(file, 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  validate = ajv.compile(schema);
  return validate;
}

/** The schema errors of a spec, as readable lines (empty when valid). */
export function schemaErrors(spec: unknown): string[] {
  const v = vegaLiteSchemaValidator();
  return v(spec) ? [] : (v.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
