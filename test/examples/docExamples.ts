// Reads the `@example` blocks of the doc comments in src/ and turns each into steps a test runs
// against the built package. An example is JavaScript; a line `expression // result` is checked:
// the expression's value must show `result` (see `shows`). Lines without a result are statements
// (ending with `;`) or the first lines of a longer expression.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface DocExample {
  /** src-relative path of the module, e.g. `pool/pool.ts`. */
  readonly file: string;
  /** The documented declaration. */
  readonly name: string;
  readonly line: number;
  readonly source: string;
  /** Statements and checks in order. */
  readonly steps: readonly ({ kind: 'statement'; code: string } | { kind: 'check'; code: string; expected: string })[];
}

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** The @example sections of one raw doc comment. */
function exampleSections(comment: string): string[] {
  const lines = comment
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''));
  const sections: string[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    const tag = /^@(\w+)\s?(.*)$/.exec(line.trim());
    if (tag) {
      if (current) sections.push(current.join('\n'));
      current = tag[1] === 'example' ? [tag[2]!] : null;
    } else if (current) current.push(line);
  }
  if (current) sections.push(current.join('\n'));
  return sections.map((s) => s.trim()).filter((s) => s !== '');
}

/** Split an example into statements and checks (`code // expected`). */
function exampleSteps(source: string): DocExample['steps'] {
  const steps: { kind: 'statement' | 'check'; code: string; expected?: string }[] = [];
  let buffer: string[] = [];
  for (const line of source.split('\n')) {
    const m = /^(.*?\S)\s+\/\/\s(.*)$/.exec(line);
    const alone = /^\s*\/\/\s?(.*)$/.exec(line);
    if (alone && buffer.some((l) => l.trim() !== '' && !/^\s*\/\//.test(l))) {
      // A result on its own line under a multi-line expression.
      steps.push({ kind: 'check', code: buffer.join('\n'), expected: alone[1]!.trim() });
      buffer = [];
      continue;
    }
    if (m && !alone) {
      steps.push({ kind: 'check', code: [...buffer, m[1]!].join('\n'), expected: m[2]!.trim() });
      buffer = [];
      continue;
    }
    buffer.push(line);
    if (line.trim().endsWith(';')) {
      steps.push({ kind: 'statement', code: buffer.join('\n') });
      buffer = [];
    }
  }
  if (buffer.join('').trim() !== '') steps.push({ kind: 'statement', code: buffer.join('\n') });
  return steps as DocExample['steps'];
}

function declarationName(node: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name)
    return node.name.text;
  if (ts.isVariableStatement(node)) {
    const d = node.declarationList.declarations[0];
    return d && ts.isIdentifier(d.name) ? d.name.text : undefined;
  }
  if ((ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node)) && node.name && ts.isIdentifier(node.name)) return node.name.text;
  return undefined;
}

/** Every @example in the doc comments of src/, with the declaration it documents. */
export function docExamples(srcDir: string): DocExample[] {
  const out: DocExample[] = [];
  for (const path of sourceFiles(srcDir)) {
    const text = readFileSync(path, 'utf8');
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const name = declarationName(node);
      for (const doc of (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? []) {
        const raw = text.slice(doc.getStart(sf), doc.getEnd());
        for (const source of exampleSections(raw)) {
          out.push({
            file: relative(srcDir, path),
            name: name ?? '<anonymous>',
            line: sf.getLineAndCharacterOfPosition(doc.getStart(sf)).line + 1,
            source,
            steps: exampleSteps(source),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

function parses(source: string): boolean {
  try {
    new Function(`return (${source}\n);`);
    return true;
  } catch {
    return false;
  }
}

/**
 * The expected value as JavaScript: the longest leading run of words that parses as an expression
 * (so `0.3088 for the BCG log risk ratios` shows 0.3088), with `...` for the rest of an object or
 * array dropped. A result that does not parse at all is returned whole and fails as a syntax error.
 */
export function expectedSource(shown: string): string {
  const text = shown.replace(/,\s*\.\.\.\s*([}\]])/g, ' $1');
  const ends = [...text.matchAll(/\S(?=\s|$)/g)].map((m) => m.index! + 1).reverse();
  for (const end of ends) {
    const candidate = text.slice(0, end);
    if (parses(candidate)) return candidate;
  }
  return shown;
}

/** Decimals of a result written as one decimal number (`2.0000` → 4), else undefined. */
export function literalDecimals(shown: string): number | undefined {
  return /^-?\d*\.(\d+)$/.exec(shown.trim())?.[1]?.length;
}

/** Names of the declarations in src/ whose doc comment has an @example. */
export function namesWithExamples(examples: readonly DocExample[]): Set<string> {
  return new Set(examples.map((e) => e.name));
}

/** Decimal places of a number as printed (0.3088 → 4); exponent forms count their mantissa's. */
function printedDecimals(x: number): number {
  const [mantissa, exponent] = String(x).split('e');
  const decimals = (mantissa!.split('.')[1] ?? '').length;
  return decimals - Number(exponent ?? 0);
}

/**
 * Does `actual` show `expected`? Numbers match to the decimals the example prints (an integer
 * exactly; `decimals` gives them when the result is one number written with trailing zeros, 2.0000); a string ending in "..." is a prefix; arrays element by element; an object shows the
 * keys the example lists (a result may carry more). Returns the path of the first mismatch, or null.
 */
export function mismatch(actual: unknown, expected: unknown, path = '', decimals?: number): string | null {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${path || 'value'}: expected a number`;
    if (Number.isNaN(expected)) return Number.isNaN(actual) ? null : `${path || 'value'}: expected NaN`;
    if (!Number.isFinite(expected)) return actual === expected ? null : `${path || 'value'}`;
    const ulps = 4 * Number.EPSILON * Math.max(1, Math.abs(expected));
    const shown = decimals ?? (Number.isInteger(expected) ? null : printedDecimals(expected));
    const tol = shown === null ? 1e-12 * Math.max(1, Math.abs(expected)) : 0.5 * 10 ** -shown * (1 + 1e-9) + ulps;
    return Math.abs(actual - expected) <= tol ? null : `${path || 'value'}: ${actual} does not show as ${expected}`;
  }
  if (typeof expected === 'string') {
    if (typeof actual !== 'string') return `${path || 'value'}: expected a string`;
    if (expected.endsWith('...'))
      return actual.startsWith(expected.slice(0, -3)) ? null : `${path || 'value'}: does not start with ${JSON.stringify(expected.slice(0, -3))}`;
    return actual === expected ? null : `${path || 'value'}: ${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`;
  }
  if (Array.isArray(expected)) {
    const list = actual as ArrayLike<unknown> | null;
    if (list === null || typeof list !== 'object' || typeof list.length !== 'number') return `${path || 'value'}: expected an array`;
    if (list.length !== expected.length) return `${path || 'value'}: length ${list.length}, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(list[i], expected[i], `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${path || 'value'}: expected an object`;
    for (const [k, v] of Object.entries(expected)) {
      const m = mismatch((actual as Record<string, unknown>)[k], v, path ? `${path}.${k}` : k);
      if (m) return m;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path || 'value'}: ${String(actual)} is not ${String(expected)}`;
}
