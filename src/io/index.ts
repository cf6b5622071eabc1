// Browser-safe text parsers; Node file reading is in ./node.ts (not re-exported here).
export { parseCsv } from './parseCsv.js';
export type { ParseTextOptions } from './parseCsv.js';
export { parseJson } from './parseJson.js';
